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
}

void main();
