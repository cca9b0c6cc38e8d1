// Profiling helper: `node --cpu-prof --cpu-prof-dir=bench/.tmp/prof --import tsx bench/profile.ts <gen|engine|parse> [lines]`
import * as path from 'node:path';
import { validateWorkbook } from '../src/core/validate/engine';
import { readWorkbookFile } from '../src/io/xlsx-read';
import { writeSpecsToFile } from '../src/io/xlsx-write';
import * as fs from 'node:fs';
import { synthLines, synthSpecs } from './synth';

async function main(): Promise<void> {
  const what = process.argv[2] ?? 'engine';
  const n = Number(process.argv[3] ?? 20000);
  const lines = synthLines(n, 42);
  if (what === 'gen') {
    for (let i = 0; i < 3; i++) synthSpecs(lines);
    return;
  }
  const file = path.join(__dirname, '.tmp', `synth-${n}.xlsx`);
  if (!fs.existsSync(file)) await writeSpecsToFile(synthSpecs(lines), file);
  if (what === 'parse') {
    for (let i = 0; i < 3; i++) await readWorkbookFile(file);
    return;
  }
  const wb = await readWorkbookFile(file);
  for (let i = 0; i < 3; i++) validateWorkbook(wb);
}
main();
