// `npm run bench:causes`: the diagnosis tried as a new user would, on real disclosures: one clerk error at a
// time injected into each workbook (a cent off, a digit wrong, two digits swapped, a round difference, a
// number stored as text, a 科目 code changed), then: is the first new cause the fault, exactly (its cells,
// its original figure)? When the data cannot decide, is the cause ambiguous with the fault among the
// alternatives? A confident wrong cause is the failure that counts.
// Workbooks: tests/seeds/*.xlsx (real Hebei disclosures in their published layouts, not in /work/shared),
// tests/fixtures/regional-trial/*.xlsx (real Shanghai disclosures found outside /work/shared, rebuilt in their
// own layouts; with any further ones in /work/trial) and, reported apart, the regional workbooks of
// /work/shared/regional (Shanghai, Jiangsu).
// Options: --trials=30 (per workbook and kind)
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Cause, Report } from '../src/core/model/findings';
import type { Workbook } from '../src/core/model/grid';
import { readWorkbookFile } from '../src/io/xlsx-read';
import { validateWorkbook } from '../src/core/validate/engine';
import { injectFaults, type FaultKind, type Injected } from './inject';

const arg = (name: string, dflt: string) => process.argv.find((x) => x.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt;
const TRIALS = Number(arg('trials', '30'));
const KINDS: FaultKind[] = ['cent', 'digit', 'swap', 'round', 'text', 'code'];
const TRIAL = path.join(__dirname, '..', 'tests', 'fixtures', 'regional-trial');
const MORE_TRIAL = '/work/trial';
const REGIONAL = process.env.BUDGET_SHARED_DIR ? path.join(process.env.BUDGET_SHARED_DIR, 'regional') : '/work/shared/regional';

type Outcome = 'first' | 'ambiguous' | 'missed' | 'later' | 'wrong' | 'unnamed' | 'invisible';

const clone = (g: Workbook): Workbook => ({
  sheets: g.sheets.map((s) => ({ ...s, merges: s.merges.map((m) => ({ ...m })), rows: s.rows.map((r) => (r ? r.map((c) => (c ? { ...c } : undefined)) : [])) })),
});

/** The cause names exactly the injected cells and proposes what they held (for a code: the cell, and the code if it proposes one). */
function names(c: Pick<Cause, 'cells'>, f: Injected): boolean {
  if (c.cells.length !== f.cells.length) return false;
  return f.cells.every((x) => c.cells.some((y) => y.sheet === x.sheet && y.address === x.address && (f.kind === 'code' ? y.proposed === undefined || y.proposed === x.original : y.proposed === x.original)));
}

/** A cause by what it proposes (its cells and figures): the same cause in two reports, whatever findings it explains. */
const proposal = (c: Pick<Cause, 'cells'>) => c.cells.map((x) => `${x.sheet}!${x.address}=${x.proposed ?? ''}`).join(',');

function outcome(base: Report, rep: Report, f: Injected): Outcome {
  // the causes of what the disclosure itself prints (found before the fault) are not the fault's
  const old = new Set((base.causes ?? []).map(proposal));
  const fresh = (rep.causes ?? []).filter((c) => !old.has(proposal(c)));
  if (rep.findings.length === base.findings.length) return 'invisible';
  const first = fresh[0];
  if (!first) return 'unnamed';
  if (names(first, f)) return first.ambiguous ? 'ambiguous' : 'first';
  if (first.ambiguous && first.alternatives.some((a) => names(a, f))) return 'ambiguous';
  if (fresh.some((c) => names(c, f) || c.alternatives.some((a) => names(a, f)))) return 'later';
  return first.ambiguous ? 'missed' : 'wrong';
}

async function tryFile(file: string, counts: Map<string, Record<Outcome, number>>, wrongs: string[]): Promise<void> {
  const g0 = await readWorkbookFile(file);
  const base = validateWorkbook(clone(g0));
  for (const kind of KINDS) {
    const c = counts.get(kind) ?? { first: 0, ambiguous: 0, missed: 0, later: 0, wrong: 0, unnamed: 0, invisible: 0 };
    counts.set(kind, c);
    for (let t = 0; t < TRIALS; t++) {
      const g = clone(g0);
      const [f] = injectFaults(g, 1, 1000 * t + KINDS.indexOf(kind) + 1, [kind]);
      if (!f) continue;
      const rep = validateWorkbook(g);
      const o = outcome(base, rep, f);
      c[o]++;
      if (o === 'wrong' || o === 'missed' || o === 'later' || o === 'unnamed')
        wrongs.push(`${path.basename(file)} ${kind} ${f.cells.map((x) => `${x.sheet}!${x.address} ${x.original}→${x.now}`).join(' ')}: ${o}; first: ${(rep.causes ?? []).find((x) => !(base.causes ?? []).some((b) => proposal(b) === proposal(x)))?.message ?? '(none)'}`);
    }
  }
}

function print(title: string, counts: Map<string, Record<Outcome, number>>): void {
  console.log(`\n${title}`);
  const rows = [['kind', 'trials', 'first cause is the fault', 'ambiguous, fault listed', 'ambiguous, fault not listed', 'fault named, not first', 'confident wrong', 'not named', 'no finding']];
  const all: Record<Outcome, number> = { first: 0, ambiguous: 0, missed: 0, later: 0, wrong: 0, unnamed: 0, invisible: 0 };
  for (const [kind, c] of counts) {
    const n = Object.values(c).reduce((a, b) => a + b, 0);
    rows.push([kind, String(n), String(c.first), String(c.ambiguous), String(c.missed), String(c.later), String(c.wrong), String(c.unnamed), String(c.invisible)]);
    for (const k of Object.keys(all) as Outcome[]) all[k] += c[k];
  }
  const n = Object.values(all).reduce((a, b) => a + b, 0);
  rows.push(['all', String(n), `${all.first} (${((100 * all.first) / n).toFixed(1)} %)`, String(all.ambiguous), String(all.missed), String(all.later), String(all.wrong), String(all.unnamed), String(all.invisible)]);
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const [i, r] of rows.entries()) {
    console.log(r.map((x, j) => (j === 0 ? x.padEnd(w[j]) : x.padStart(w[j]))).join('  '));
    if (i === 0) console.log(w.map((x) => '-'.repeat(x)).join('  '));
  }
}

async function main(): Promise<void> {
  const seeds = fs.readdirSync(path.join(__dirname, '..', 'tests', 'seeds')).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(__dirname, '..', 'tests', 'seeds', f));
  const wrongs: string[] = [];
  const c1 = new Map<string, Record<Outcome, number>>();
  for (const f of seeds) await tryFile(f, c1, wrongs);
  print(`real Hebei disclosures (tests/seeds: ${seeds.map((f) => path.basename(f)).join(', ')}), ${TRIALS} faults per kind and workbook:`, c1);
  const xlsx = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.xlsx')).sort() : []);
  const trial = [...xlsx(TRIAL).map((f) => path.join(TRIAL, f)), ...xlsx(MORE_TRIAL).filter((f) => !xlsx(TRIAL).includes(f)).map((f) => path.join(MORE_TRIAL, f))];
  if (trial.length) {
    const c3 = new Map<string, Record<Outcome, number>>();
    for (const f of trial) await tryFile(f, c3, wrongs);
    print(`real Shanghai disclosures outside /work/shared (${trial.map((f) => path.basename(f)).join(', ')}):`, c3);
  }
  const regional = fs.existsSync(REGIONAL)
    ? fs.readdirSync(REGIONAL).flatMap((d) => {
        const p = path.join(REGIONAL, d, `${d}.xlsx`);
        return fs.existsSync(p) ? [p] : [];
      })
    : [];
  if (regional.length) {
    const c2 = new Map<string, Record<Outcome, number>>();
    for (const f of regional) await tryFile(f, c2, wrongs);
    print(`regional disclosures (Shanghai, Jiangsu: ${regional.length} workbooks in /work/shared/regional):`, c2);
  }
  if (wrongs.length) console.log(`\nnot first or wrong (${wrongs.length}):\n  ${wrongs.slice(0, 40).join('\n  ')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
