// Focused timing: `node --import tsx bench/quick.ts [engine|gen] [lines] [runs]` (median ms; needs bench/.tmp/synth-N.xlsx for engine)
import * as path from 'node:path';
import { validateWorkbook } from '../src/core/validate/engine';
import { readWorkbookFile } from '../src/io/xlsx-read';
import { synthLines, synthSpecs } from './synth';

async function main(): Promise<void> {
  const what = process.argv[2] ?? 'engine';
  const n = Number(process.argv[3] ?? 20000);
  const runs = Number(process.argv[4] ?? 5);
  const times: number[] = [];
  let fn: () => unknown;
  if (what === 'gen') {
    const lines = synthLines(n, 42);
    fn = () => synthSpecs(lines);
  } else {
    const wb = await readWorkbookFile(path.join(__dirname, '.tmp', `synth-${n}.xlsx`));
    fn = () => validateWorkbook(wb);
  }
  let out: unknown;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    out = fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`${what} ${n}: median ${times[times.length >> 1].toFixed(0)} ms  (${times.map((t) => t.toFixed(0)).join(' ')})`);
  if (what === 'engine') console.log('findings', (out as { findings: unknown[] }).findings.length, JSON.stringify(out).length);
}
main();
