// Every amount of each workbook changed by +10: is an error reported at that cell? (node --import tsx bench/trial/mutate.ts <xlsx>…)
import { validateWorkbook } from '../../src/core/validate/engine';
import { loadGridFile } from '../../tests/fixtures/helpers';
import { parseAddress } from '../../src/core/model/grid';
async function main() {
  for (const f of process.argv.slice(2)) {
    const wb = await loadGridFile(f);
    const base = validateWorkbook(wb);
    let n = 0, hit = 0;
    const missed: string[] = [];
    for (const t of base.tables) {
      const sheet = wb.sheets.find((s) => s.name === t.sheet)!;
      sheet.rows.forEach((row, r) => row?.forEach((cell, c) => {
        if (!cell || typeof cell.value !== 'number') return;
        n++;
        const v = cell.value;
        cell.value = v + 10;
        const rep = validateWorkbook(wb);
        cell.value = v;
        const at = rep.findings.some((x) => x.severity === 'error' && x.cells.some((k) => k.sheet === t.sheet && parseAddress(k.address).r === r && parseAddress(k.address).c === c));
        if (at) hit++; else missed.push(`${t.sheet.split(' ')[0]}!${String.fromCharCode(65 + c)}${r + 1}=${v}`);
      }));
    }
    console.log(f.split('/').pop(), `${hit}/${n}`, missed.join(' '));
  }
}
main();
