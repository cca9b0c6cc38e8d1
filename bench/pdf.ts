// `npm run bench:pdf`: reading published PDFs (text layer -> tables -> Grid) and validating them, against
// `pdftotext -layout` on the same file as the floor (poppler, C++, text only: no tables, no checks).
// Measured on the compiled lib/ (as the CLI runs it), median of --runs runs after one warm-up run.
// Files: tests/pdf/*.pdf (Hebei workbooks printed by LibreOffice) and the real published PDFs of
// $BUDGET_SHARED_DIR/regional/pdf (default /work/shared).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(ROOT, 'tsconfig.json')], { cwd: ROOT, stdio: 'inherit' });
/* eslint-disable @typescript-eslint/no-require-imports */
const { readPdfFile, placeReport } = require('../lib/io/pdf/read') as typeof import('../src/io/pdf/read');
const { validateWorkbook } = require('../lib/core/validate/engine') as typeof import('../src/core/validate/engine');
const { readWorkbookFile } = require('../lib/io/xlsx-read') as typeof import('../src/io/xlsx-read');
type Sheet = import('../src/core/model/grid').Sheet;

const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? '3');
const SHARED = process.env.BUDGET_SHARED_DIR ?? '/work/shared';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  const files = [
    ...fs.readdirSync(path.join(ROOT, 'tests', 'pdf')).filter((f) => /disclosure\.pdf$/.test(f)).map((f) => path.join(ROOT, 'tests', 'pdf', f)),
    ...(fs.existsSync(path.join(SHARED, 'regional', 'pdf')) ? fs.readdirSync(path.join(SHARED, 'regional', 'pdf')).map((f) => path.join(SHARED, 'regional', 'pdf', f)) : []),
  ];
  const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0;
  const rows: string[] = ['| file | pages | tables | ours (read + validate) | pdftotext -layout | ratio |', '|---|---|---|---|---|---|'];
  let sumOurs = 0;
  let sumFloor = 0;
  for (const file of files) {
    const ours: number[] = [];
    let pages = 0;
    let tables = 0;
    for (let i = 0; i <= RUNS; i++) {
      const t0 = performance.now();
      const doc = await readPdfFile(file);
      const r = validateWorkbook(doc.layout.grid, { file });
      placeReport(r, doc.layout);
      const dt = performance.now() - t0;
      if (i > 0) ours.push(dt);
      pages = doc.pageCount;
      tables = r.tables.length;
    }
    const floor: number[] = [];
    if (hasPoppler) {
      for (let i = 0; i <= RUNS; i++) {
        const t0 = performance.now();
        spawnSync('pdftotext', ['-layout', file, '-'], { stdio: ['ignore', 'ignore', 'ignore'] });
        if (i > 0) floor.push(performance.now() - t0);
      }
    }
    const o = median(ours);
    const f = hasPoppler ? median(floor) : NaN;
    sumOurs += o;
    sumFloor += f;
    rows.push(`| ${path.basename(file)} | ${pages} | ${tables} | ${o.toFixed(0)} ms | ${hasPoppler ? f.toFixed(0) + ' ms' : '—'} | ${hasPoppler ? (o / f).toFixed(1) + '×' : '—'} |`);
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  rows.push(`| **all ${files.length}** | | | ${sumOurs.toFixed(0)} ms | ${sumFloor.toFixed(0)} ms | ${(sumOurs / sumFloor).toFixed(1)}× |`);
  console.log(rows.join('\n'));
  console.log('');
  console.log(await coldCli());
  console.log('');
  console.log(await againstWorkbooks());
  console.log('');
  console.log(await seeds());
}

/**
 * Whole cold CLI runs (node started, modules loaded and compiled, one PDF read and validated, JSON out),
 * median of --runs (at least 3), on a 16- and a 33-page Shanghai file and a 27-page Jiangsu file.
 */
async function coldCli(): Promise<string> {
  const out = ['| cold CLI run (`validate x.pdf --json`) | pages | median | min – max |', '|---|---|---|---|'];
  const bin = path.join(ROOT, 'bin', 'budget-disclosure.js');
  for (const name of ['shanghai-putuo-2024-shehui-fuliyuan-unit', 'shanghai-putuo-2024-wanli-jiedao-dept', 'jiangsu-2017-gaoji-fayuan']) {
    const file = path.join(SHARED, 'regional', 'pdf', `${name}.pdf`);
    if (!fs.existsSync(file)) continue;
    const ts: number[] = [];
    const pages = (await readPdfFile(file)).pageCount;
    for (let i = 0; i < Math.max(3, RUNS); i++) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [bin, 'validate', file, '--json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
      ts.push(performance.now() - t0);
      // exit 1: errors found (the Shanghai files print inconsistencies)
      if (r.status === null || r.status > 1) throw new Error(`CLI failed on ${name}: ${r.stderr}`);
    }
    out.push(`| ${name}.pdf | ${pages} | ${(median(ts) / 1000).toFixed(2)} s | ${(Math.min(...ts) / 1000).toFixed(2)} – ${(Math.max(...ts) / 1000).toFixed(2)} s |`);
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  return out.join('\n');
}

/** Workbooks printed by LibreOffice (the seeds: real Hebei disclosures in their own layouts, no ruling lines; the trial disclosures without and with borders, headers unaligned and centred) against the workbooks. */
async function seeds(): Promise<string> {
  const out = ['| seed printed | tables recognised | findings beyond / short of the workbook\'s |', '|---|---|---|'];
  for (const f of fs.readdirSync(path.join(ROOT, 'tests', 'seeds')).filter((x) => x.endsWith('-seed.xlsx')).sort()) {
    const pdf = path.join(ROOT, 'tests', 'pdf', f.replace(/\.xlsx$/, '.pdf'));
    if (!fs.existsSync(pdf)) continue;
    const pr = validateWorkbook((await readPdfFile(pdf)).layout.grid, { file: pdf });
    const wr = validateWorkbook(await readWorkbookFile(path.join(ROOT, 'tests', 'seeds', f)), { file: f });
    const [beyond, short] = bagDiff(gist(pr), gist(wr));
    out.push(`| ${path.basename(pdf)} | ${pr.tables.length}/${wr.tables.length} | ${beyond.length} / ${short.length} |`);
  }
  // disclosures found outside /work/shared (tests/fixtures/regional-trial), printed without and with borders,
  // headers as the rebuilt workbooks set them (none) and centred, as most templates set them
  const trial = path.join(ROOT, 'tests', 'fixtures', 'regional-trial');
  for (const f of fs.existsSync(trial) ? fs.readdirSync(trial).filter((x) => x.endsWith('.xlsx')).sort() : []) {
    const wr = validateWorkbook(await readWorkbookFile(path.join(trial, f)), { file: f });
    for (const suffix of ['', '-borders', '-centred', '-borders-centred']) {
      const pdf = path.join(ROOT, 'tests', 'pdf', `trial-${f.replace(/\.xlsx$/, '')}${suffix}.pdf`);
      if (!fs.existsSync(pdf)) continue;
      const pr = validateWorkbook((await readPdfFile(pdf)).layout.grid, { file: pdf });
      const [beyond, short] = bagDiff(gist(pr), gist(wr));
      out.push(`| ${path.basename(pdf)} | ${pr.tables.length}/${wr.tables.length} | ${beyond.length} / ${short.length} |`);
    }
  }
  return out.join('\n');
}

/**
 * The grids read from the real published PDFs against the workbooks rebuilt from their text
 * (regional/<name>/<name>.xlsx, one sheet per table): tables matched by title, amounts found (as a
 * multiset per table), rows of figures identical in order and value.
 */
async function againstWorkbooks(): Promise<string> {
  const dir = path.join(SHARED, 'regional');
  if (!fs.existsSync(dir)) return '';
  const norm = (s: unknown) =>
    String(s ?? '')
      .replace(/\s+/g, '')
      .replace(/[（(][^（）()]{1,12}[）)]$/, '')
      .replace(/^[一二三四五六七八九十]+、|^\d+[.．、]/, '')
      .replace(/^公开\d+表[：:]/, '')
      .replace(/^\d{4}年(度)?/, '');
  const titleOf = (ws: Sheet) =>
    norm(ws.rows.slice(0, 3).map((r) => r?.find((c) => c && typeof c.value === 'string')?.value).find((v) => typeof v === 'string' && !/^表[一二三四五六七八九十]+$|^(公开)?\s*\d+\s*表$/.test(v.trim())));
  const figureRows = (s: Sheet) => s.rows.filter((r) => r?.some((c) => c && typeof c.value === 'number')).map((r) => r.filter((c) => c && c.value !== null && c.value !== '').map((c) => c!.value).join('|'));
  const out = ['| disclosure | tables found | amounts found | rows of figures identical | tables recognised | findings beyond / short of the workbook\'s |', '|---|---|---|---|---|---|'];
  const tot = [0, 0, 0, 0, 0, 0];
  const same = [0, 0, 0];
  for (const name of fs.readdirSync(dir).filter((n) => fs.existsSync(path.join(dir, n, `${n}.xlsx`))).sort()) {
    const wb = await readWorkbookFile(path.join(dir, name, `${name}.xlsx`));
    const sheets: { title: string; sheet: Sheet }[] = [];
    for (const f of [`${name}.pdf`, `${name}-2.pdf`]) {
      const file = path.join(dir, 'pdf', f);
      if (!fs.existsSync(file)) continue;
      const doc = await readPdfFile(file);
      doc.layout.tables.forEach((t, i) => sheets.push({ title: norm(t.title), sheet: doc.layout.grid.sheets[i] }));
    }
    // validated with the region's profile, as the workbook is (the text check aside)
    const pr = validateWorkbook({ sheets: sheets.map((x) => x.sheet) }, { file: `${name}.pdf` });
    const wr = validateWorkbook(wb, { file: `${name}.xlsx` });
    const [beyond, short] = bagDiff(gist(pr), gist(wr));
    if (beyond.length + short.length === 0 && pr.tables.length === wr.tables.length) same[0]++;
    same[1] += beyond.length;
    same[2] += short.length;
    const n = [0, wb.sheets.length, 0, 0, 0, 0];
    for (const ws of wb.sheets) {
      const title = titleOf(ws);
      const nums = ws.rows.flat().filter((c) => c && typeof c.value === 'number').map((c) => c!.value as number);
      n[3] += nums.length;
      const xr = figureRows(ws);
      n[5] += xr.length;
      const figures = (x: { sheet: Sheet }) => x.sheet.rows.flat().filter((c) => c && typeof c.value === 'number').length;
      const m = title
        ? sheets.filter((x) => x.title === title || x.title.endsWith(title) || title.endsWith(x.title)).sort((a, b) => figures(b) - figures(a))[0]
        : undefined;
      if (!m) continue;
      n[0]++;
      const bag = new Map<number, number>();
      for (const c of m.sheet.rows.flat()) if (c && typeof c.value === 'number') bag.set(c.value, (bag.get(c.value) ?? 0) + 1);
      for (const v of nums) if ((bag.get(v) ?? 0) > 0) {
        n[2]++;
        bag.set(v, bag.get(v)! - 1);
      }
      const pr = figureRows(m.sheet);
      xr.forEach((r, i) => {
        if (pr[i] === r) n[4]++;
      });
    }
    n.forEach((v, i) => (tot[i] += v));
    out.push(`| ${name} | ${n[0]}/${n[1]} | ${n[2]}/${n[3]} | ${n[4]}/${n[5]} | ${pr.tables.length}/${wr.tables.length} | ${beyond.length} / ${short.length} |`);
  }
  const pc = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
  out.push(`| **all** | ${tot[0]}/${tot[1]} | ${tot[2]}/${tot[3]} (${pc(tot[2], tot[3])}) | ${tot[4]}/${tot[5]} (${pc(tot[4], tot[5])}) | ${same[0]} of the disclosures with the workbook's tables and findings | ${same[1]} / ${same[2]} |`);
  return out.join('\n');
}

/** Rule, table, severity and message of the table findings. */
function gist(r: import('../src/core/model/findings').Report): string[] {
  return r.findings.filter((f) => !f.rule.startsWith('text-')).map((f) => `${f.severity} ${f.rule} ${f.table ?? '-'} ${f.message}`);
}

/** What only a has, what only b has (as multisets). */
function bagDiff(a: string[], b: string[]): [string[], string[]] {
  const left = new Map<string, number>();
  for (const x of b) left.set(x, (left.get(x) ?? 0) + 1);
  const onlyA: string[] = [];
  for (const x of a) {
    const k = left.get(x) ?? 0;
    if (k > 0) left.set(x, k - 1);
    else onlyA.push(x);
  }
  return [onlyA, [...left].flatMap(([x, k]) => Array<string>(k).fill(x))];
}

void main();
