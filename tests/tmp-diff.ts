import * as fs from 'node:fs';
import ExcelJS from 'exceljs';
import { gridFromExcelJS } from './helpers/exceljs-grid';
import { readXlsx } from '../src/io/xlsx/read';
(async () => {
  const files = process.argv.slice(2);
  let bad = 0;
  for (const f of files) {
    const buf = fs.readFileSync(f);
    let ref;
    try { const wb = new ExcelJS.Workbook(); await wb.xlsx.load(buf as any); ref = gridFromExcelJS(wb); } catch (e) { console.log('exceljs fails', f, String(e).slice(0, 80)); continue; }
    let mine;
    try { mine = readXlsx(buf, f).grid; } catch (e) { console.log('MINE FAILS', f, String(e)); bad++; continue; }
    const a = JSON.stringify(ref), b = JSON.stringify(mine);
    if (a !== b) {
      bad++;
      // find first diff
      for (let si = 0; si < Math.max(ref.sheets.length, mine.sheets.length); si++) {
        const x = JSON.stringify(ref.sheets[si]), y = JSON.stringify(mine.sheets[si]);
        if (x !== y) { let i = 0; while (x[i] === y[i]) i++; console.log('DIFF', f, ref.sheets[si]?.name, '\n ref:', x.slice(Math.max(0,i-80), i+80), '\n me :', y?.slice(Math.max(0,i-80), i+80)); break; }
      }
    }
  }
  console.log('files', files.length, 'bad', bad);
})();
