// Node side of the e2e test: example workbooks -> fake workbook JSON for the browser stub.
// Usage: node --import tsx tests/e2e/prepare.ts <out-dir>
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { loadXlsxIntoFake } from '../fakes/load-xlsx';
import { SOLID_FILL } from '../fakes/excel-fake';

export const XSS = '<img src=x onerror=alert(1)>';

async function main(): Promise<void> {
  const out = process.argv[2];
  await fs.mkdir(out, { recursive: true });
  const wb = await loadXlsxIntoFake('/work/shared/examples/julu2021-disclosure.xlsx');
  // a clerk-made sheet whose name and text are markup: the pane must show them literally
  const s = wb.addSheet(XSS);
  s.cells.set(0, { value: XSS });
  // a custom fill of the clerk's, to see it restored
  wb.setCell('3 部门预算支出总表', 'A1', { fill: { ...SOLID_FILL, color: '#FFFF00', pattern: 'Solid' } });
  // a wrong amount so the engine has something to say: T3 first data row's 合计 off by 1
  const t3 = wb.sheet('3 部门预算支出总表')!;
  for (const [k, c] of t3.cells) {
    const r = Math.floor(k / 16384);
    const col = k % 16384;
    if (r >= 5 && col === 3 && typeof c.value === 'number' && c.value > 0) {
      c.value = Math.round((c.value + 1) * 100) / 100;
      break;
    }
  }
  // the marked cell's message also carries markup (sheet name in the cell refs)
  await fs.writeFile(path.join(out, 'disclosure.json'), JSON.stringify(wb.toJSON()));
  const input = await loadXlsxIntoFake('/work/shared/examples/julu2021-input.xlsx');
  await fs.writeFile(path.join(out, 'input.json'), JSON.stringify(input.toJSON()));
  process.stdout.write('prepared\n');
}

void main();
