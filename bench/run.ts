// `npm run bench`: speed and memory of generation, parsing and validation on large synthetic
// disclosures (3,000 and 20,000 budget lines), plus whole-process CLI vs a bare exceljs read, plus the
// add-in against the Excel fake with Excel on the web's limits (3,000, 20,000 and 100,000 lines).
// Options: --sizes=3000,20000  --runs=5  --no-cli  --office=3000,20000,100000 (--office= for none)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { synthLines, synthSpecs } from './synth';
import { officeOne, PAYLOAD_LIMIT } from './office';
import { injectFaults, type Injected } from './inject';
import type { Report } from '../src/core/model/findings';

const ROOT = path.resolve(__dirname, '..');
const TMP = path.join(__dirname, '.tmp');

// Parse and engine are measured on the compiled lib/ (tsc), the code the CLI runs; the TypeScript
// loader used for src/ adds its own cost to every cross-module call.
ensureBuilt();
/* eslint-disable @typescript-eslint/no-require-imports */
const { validateWorkbook } = require('../lib/core/validate/engine') as typeof import('../src/core/validate/engine');
const { gridFromLayout } = require('../lib/core/generate/layout') as typeof import('../src/core/generate/layout');
const { readWorkbookFile } = require('../lib/io/xlsx-read') as typeof import('../src/io/xlsx-read');
const { writeSpecsToFile } = require('../lib/io/xlsx-write') as typeof import('../src/io/xlsx-write');

function arg(name: string, dflt: string): string {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? a.slice(name.length + 3) : dflt;
}
const SIZES = arg('sizes', '3000,20000').split(',').map(Number);
const RUNS = Number(arg('runs', '5'));
/** Validations measured for the diagnosis rows (after three warm-up runs), medians. */
const DIAG_RUNS = Number(arg('diag-runs', '15'));
const CLI = !process.argv.includes('--no-cli');
const OFFICE = arg('office', '3000,20000,100000').split(',').filter(Boolean).map(Number);

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const mb = (b: number) => (b / 1048576).toFixed(0) + ' MB';
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1)) + ' ms';

/**
 * Runs fn `runs` times (after GC each time), after two untimed warm-up runs so that the figures are the
 * steady state, not the JIT compiling; median wall time and the largest heap growth seen.
 */
async function measure<T>(runs: number, fn: () => T | Promise<T>): Promise<{ ms: number; heapDelta: number; last: T }> {
  const times: number[] = [];
  let heapDelta = 0;
  let last!: T;
  for (let i = 0; i < 2; i++) await fn();
  for (let i = 0; i < runs; i++) {
    gc();
    const h0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    last = await fn();
    times.push(performance.now() - t0);
    heapDelta = Math.max(heapDelta, process.memoryUsage().heapUsed - h0);
  }
  return { ms: median(times), heapDelta, last };
}

/** Retained heap of a value: heap after GC with it alive minus heap after GC without it. */
function retained(make: () => unknown): number {
  gc();
  const h0 = process.memoryUsage().heapUsed;
  const keep = make();
  gc();
  const h1 = process.memoryUsage().heapUsed;
  void keep;
  return h1 - h0;
}

/** Whether a cause names exactly the injected cells and proposes their original figures. */
function found(rep: Report, f: Injected): boolean {
  return (rep.causes ?? []).some(
    (c) =>
      c.cells.length === f.cells.length &&
      f.cells.every((x) => c.cells.some((y) => y.sheet === x.sheet && y.address === x.address && (y.proposed ?? y.value) === x.original)),
  );
}

interface DiagRow {
  faults: number;
  findings: number;
  causes: number;
  named: number;
  /** engine (recognition, checks, diagnosis) and the diagnosis alone, medians of validations back to back */
  engine: number;
  diagnosis: number;
  /** the same, validated once in a fresh process (as the CLI does), median of 3 processes */
  coldEngine: number;
  coldDiagnosis: number;
}

/** One validation in a fresh process (bench/cold-diagnosis.ts), median of `runs` processes. */
function cold(lines: number, faults: number, runs = 3): { engine: number; diagnosis: number } {
  const got: { engine: number; diagnosis: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'cold-diagnosis.ts'), String(lines), String(faults)], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
    if (r.status !== 0) throw new Error(`cold-diagnosis: ${r.stderr}`);
    got.push(JSON.parse(r.stdout.trim().split('\n').pop()!));
  }
  return { engine: median(got.map((x) => x.engine)), diagnosis: median(got.map((x) => x.diagnosis)) };
}

/** What the diagnosis costs on the largest workbook, with one and with ten faults (a cent, a digit, two digits swapped, a round figure). */
async function diagnosis(specs: ReturnType<typeof synthSpecs>, lines: number): Promise<DiagRow[]> {
  const out: DiagRow[] = [];
  for (const faults of [1, 10]) {
    const wb = gridFromLayout(specs);
    const injected = injectFaults(wb, faults, 7 + faults);
    // validations back to back, as the task pane and a folder's workers run them (no collection forced
    // between runs: after a forced full collection the young generation restarts small, and its collections
    // of the engine's still-young model land in whichever phase is running, the diagnosis in about one run of three)
    const diag: number[] = [];
    const eng: number[] = [];
    let rep!: ReturnType<typeof validateWorkbook>;
    for (let i = 0; i < 3 + DIAG_RUNS; i++) {
      const timings: { diagnosis?: number } = {};
      const t0 = performance.now();
      rep = validateWorkbook(wb, { timings });
      if (i < 3) continue;
      eng.push(performance.now() - t0);
      diag.push(timings.diagnosis!);
    }
    const c = cold(lines, faults);
    out.push({
      coldEngine: c.engine,
      coldDiagnosis: c.diagnosis,
      faults: injected.length,
      findings: rep.findings.length,
      causes: rep.causes?.length ?? 0,
      named: injected.filter((f) => found(rep, f)).length,
      engine: median(eng),
      diagnosis: median(diag),
    });
  }
  return out;
}

interface Row {
  n: number;
  file: string;
  bytes: number;
  cells: number;
  gen: number;
  genHeap: number;
  write: number;
  parse: number;
  parseHeap: number;
  gridHeap: number;
  engine: number;
  engineHeap: number;
  findings: number;
  peakRss: number;
  diag: DiagRow[];
}

async function one(n: number): Promise<Row> {
  const lines = synthLines(n, 42);
  const gen = await measure(RUNS, () => synthSpecs(lines));
  const specs = gen.last;
  const file = path.join(TMP, `synth-${n}.xlsx`);
  const t0 = performance.now();
  await writeSpecsToFile(specs, file);
  const write = performance.now() - t0;
  // sanity: what was generated validates clean (also checked by tests/property.test.ts)
  const self = validateWorkbook(gridFromLayout(specs));
  // the tables and the generated 情况说明（草稿） must be clean: no finding at all, every figure of the draft confirmed
  if (self.findings.length > 0) throw new Error(`synthetic ${n}: generated workbook has ${self.findings.length} findings: ${self.findings[0].message}`);
  if (!self.text || self.text.checked !== self.text.claims) throw new Error(`synthetic ${n}: draft text not fully checked: ${JSON.stringify(self.text)}`);
  const parse = await measure(RUNS, () => readWorkbookFile(file));
  const wb = parse.last;
  const cells = wb.sheets.reduce((s, sh) => s + sh.rows.reduce((t, r) => t + r.filter(Boolean).length, 0), 0);
  const gridHeap = retained(() => gridFromLayout(specs));
  const engine = await measure(RUNS, () => validateWorkbook(wb));
  const diag = n === Math.max(...SIZES) ? await diagnosis(specs, n) : [];
  return {
    diag,
    n,
    file,
    bytes: fs.statSync(file).size,
    cells,
    gen: gen.ms,
    genHeap: gen.heapDelta,
    write,
    parse: parse.ms,
    parseHeap: parse.heapDelta,
    gridHeap,
    engine: engine.ms,
    engineHeap: engine.heapDelta,
    findings: engine.last.findings.length,
    peakRss: process.resourceUsage().maxRSS * 1024,
  };
}

/** Whole process: wall time (median of 3) and peak RSS via /usr/bin/time when available. */
function wholeProcess(cmd: string[], runs = 3): { ms: number; rss?: number; code: number | null } {
  const times: number[] = [];
  let rss: number | undefined;
  let code: number | null = null;
  const haveTime = fs.existsSync('/usr/bin/time');
  for (let i = 0; i < runs; i++) {
    const argv = haveTime ? ['/usr/bin/time', '-f', '%M', ...cmd] : cmd;
    const t0 = performance.now();
    const r = spawnSync(argv[0], argv.slice(1), { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 300_000 });
    times.push(performance.now() - t0);
    code = r.status;
    if (haveTime) {
      const m = /(\d+)\s*$/.exec(r.stderr ?? '');
      if (m) rss = Math.max(rss ?? 0, Number(m[1]) * 1024);
    }
  }
  return { ms: median(times), rss, code };
}

function ensureBuilt(): void {
  // lib/ from the current sources
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.json')], { cwd: ROOT, stdio: 'ignore' });
  if (!fs.existsSync(path.join(ROOT, 'lib', 'cli', 'main.js'))) throw new Error('tsc did not produce lib/cli/main.js');
}

async function main(): Promise<void> {
  fs.mkdirSync(TMP, { recursive: true });
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`machine: ${cpu}, ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
  console.log(`runs per figure: ${RUNS} (median)\n`);
  const rows: Row[] = [];
  for (const n of SIZES) {
    process.stdout.write(`${n} lines … `);
    const r = await one(n);
    rows.push(r);
    console.log('done');
  }
  console.log();
  const table: string[][] = [
    ['lines', 'xlsx', 'cells', 'generate', 'write', 'parse', 'engine', 'engine/parse', 'grid heap', 'parse heap+', 'engine heap+', 'peak RSS'],
  ];
  for (const r of rows) {
    table.push([
      String(r.n),
      (r.bytes / 1024).toFixed(0) + ' KB',
      String(r.cells),
      ms(r.gen),
      ms(r.write),
      ms(r.parse),
      ms(r.engine),
      (r.engine / r.parse).toFixed(2) + 'x',
      mb(r.gridHeap),
      mb(r.parseHeap),
      mb(r.engineHeap),
      mb(r.peakRss),
    ]);
  }
  printTable(table);
  if (rows.length >= 2) {
    const [a, b] = [rows[0], rows[rows.length - 1]];
    const lineRatio = b.n / a.n;
    console.log(`\ngrowth ${a.n} -> ${b.n} lines (${lineRatio.toFixed(1)}x lines, ${(b.cells / a.cells).toFixed(1)}x cells):`);
    console.log(`  generate ${(b.gen / a.gen).toFixed(1)}x   parse ${(b.parse / a.parse).toFixed(1)}x   engine ${(b.engine / a.engine).toFixed(1)}x`);
  }
  const big = rows[rows.length - 1];
  console.log(`\ngeneration (lines -> layout) for ${big.n} lines: ${ms(big.gen)}  (target < 1 s: ${big.gen < 1000 ? 'met' : 'NOT met'})`);
  const er = big.engine / big.parse;
  console.log(`engine / parse for ${big.n} lines: ${er.toFixed(2)}x  (target < 0.10x: ${er < 0.1 ? 'met' : 'NOT met'})`);
  if (big.diag.length) {
    console.log(`\ndiagnosis (causes) on ${big.n} lines, faults injected (a cent off, a digit wrong, digits swapped, a round difference):`);
    const pct = (d: number, e: number) => ((100 * d) / (e - d)).toFixed(1) + ' %';
    const dt: string[][] = [['faults', 'findings', 'causes', 'faults named exactly', 'engine', 'of which diagnosis', 'diagnosis / rest of engine', 'cold: engine', 'cold: diagnosis', 'cold: diagnosis / rest']];
    for (const d of big.diag)
      dt.push([String(d.faults), String(d.findings), String(d.causes), `${d.named}/${d.faults}`, ms(d.engine), ms(d.diagnosis), pct(d.diagnosis, d.engine), ms(d.coldEngine), ms(d.coldDiagnosis), pct(d.coldDiagnosis, d.coldEngine)]);
    printTable(dt);
    console.log(`(warm: median of ${DIAG_RUNS} validations back to back in one process, as the task pane and a folder's workers run them; cold: validated once in a fresh process, as the CLI does, median of 3 processes)`);
    const worst = Math.max(...big.diag.flatMap((d) => [d.diagnosis / (d.engine - d.diagnosis), d.coldDiagnosis / (d.coldEngine - d.coldDiagnosis)]));
    console.log(`diagnosis / engine: at most ${(100 * worst).toFixed(1)} %  (target < 10 %: ${worst < 0.1 ? 'met' : 'NOT met'})`);
  }
  if (CLI) {
    const cli = wholeProcess([process.execPath, path.join(ROOT, 'bin', 'budget-disclosure.js'), 'validate', big.file, '--json']);
    const bare = wholeProcess([process.execPath, path.join(__dirname, 'bare-read.js'), big.file]);
    console.log(`\nwhole process on ${path.basename(big.file)} (median of 3):`);
    console.log(`  node bin/budget-disclosure.js validate --json : ${ms(cli.ms)}  exit ${cli.code}${cli.rss ? `  peak RSS ${mb(cli.rss)}` : ''}`);
    console.log(`  bare exceljs read (bench/bare-read.js)        : ${ms(bare.ms)}  exit ${bare.code}${bare.rss ? `  peak RSS ${mb(bare.rss)}` : ''}`);
    const ratio = cli.ms / bare.ms;
    console.log(`  CLI / bare read: ${ratio.toFixed(2)}x  (target <= 1.5x: ${ratio <= 1.5 ? 'met' : 'NOT met'})`);
  }
  if (OFFICE.length) {
    console.log('\nadd-in in the Excel fake (Excel on the web: 5 MB per request and per response), read + validate, then mark:');
    const t: string[][] = [['lines', 'cells', 'read syncs', 'mark syncs', 'marked cells', 'largest request', 'largest response', 'read+validate', 'mark']];
    const kb = (b: number) => (b / 1024).toFixed(0) + ' KB';
    for (const n of OFFICE) {
      const r = await officeOne(n);
      t.push([String(n), String(r.cells), String(r.readSyncs), String(r.markSyncs), String(r.marked), kb(r.maxRequest), kb(r.maxResponse), ms(r.readMs), ms(r.markMs)]);
      if (r.maxRequest > PAYLOAD_LIMIT || r.maxResponse > PAYLOAD_LIMIT) throw new Error(`office ${n}: over 5 MB`);
    }
    printTable(t);
  }
}

function printTable(t: string[][]): void {
  const w = t[0].map((_, i) => Math.max(...t.map((r) => r[i].length)));
  for (const [i, r] of t.entries()) {
    console.log(r.map((c, j) => (j === 0 ? c.padEnd(w[j]) : c.padStart(w[j]))).join('  '));
    if (i === 0) console.log(w.map((x) => '-'.repeat(x)).join('  '));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
