// Print: generated T1 and T4 fit one page, no label is cut off, the unit line sits at the right edge;
// the marked copy's 校验结果 sheet prints A4 landscape, one page wide, header on every page, Chinese rule names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { captureStd, runCli } from './helpers/cli';
import { examplePath, tmpDir } from './helpers/workbooks';
import { runGenerate } from '../src/cli/generate';
import { RULE_INFO } from '../src/core/validate/rules';
import { RESULT_SHEET } from '../src/io/xlsx-mark';

const dir = tmpDir('print');

/** Width a label needs when printed in the widest common CJK fallback fonts (character units). */
function needs(text: string, indent: number): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f“”]/.test(ch) ? 2.7 : 1.1;
  return w + 2 + indent * 2;
}

test('generated tables: T1 and T4 on one page, labels not cut off, unit line at the right edge', async () => {
  const out = path.join(dir, 'julu-generated.xlsx');
  fs.rmSync(out, { force: true });
  assert.equal((await captureStd(() => runGenerate([examplePath('julu2021', 'input'), '-o', out]))).code, 0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const tables = wb.worksheets.slice(0, 9);
  for (const [i, ws] of tables.entries()) {
    const ps = ws.pageSetup;
    assert.equal(ps.paperSize, 9, ws.name);
    assert.equal(ps.orientation, 'landscape', ws.name);
    assert.equal(ps.fitToPage, true, ws.name);
    assert.equal(ps.fitToWidth, 1, ws.name);
    assert.equal(ps.fitToHeight, i === 0 || i === 3 ? 1 : 0, `${ws.name}: T1 and T4 on one page, the others as long as needed`);
    const width = ws.columnCount;
    // the unit line: the last column of the table, right-aligned
    const unit = ws.getRow(2).getCell(width);
    assert.match(String(unit.value), /^单位：万元$/, ws.name);
    assert.equal(unit.alignment?.horizontal, 'right', ws.name);
    // body labels fit their column
    ws.eachRow((row, r) => {
      if (r < 6) return;
      row.eachCell((cell, c) => {
        if (typeof cell.value !== 'string' || cell.isMerged) return;
        const w = ws.getColumn(c).width ?? 9;
        assert.ok(w >= needs(cell.value, cell.alignment?.indent ?? 0), `${ws.name} ${cell.address} “${cell.value}” needs ${needs(cell.value, cell.alignment?.indent ?? 0).toFixed(1)}, column is ${w}`);
      });
    });
  }
});

test('校验结果 prints A4 landscape, one page wide, header on every page, with Chinese rule names', async () => {
  const out = path.join(dir, 'sample-marked.xlsx');
  const r = await runCli(['validate', path.join(__dirname, '..', 'samples', 'sample-disclosure.xlsx'), '--out', out, '--force']);
  assert.equal(r.code, 1, r.stderr);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet(RESULT_SHEET)!;
  assert.equal(ws.pageSetup.paperSize, 9);
  assert.equal(ws.pageSetup.orientation, 'landscape');
  assert.equal(ws.pageSetup.fitToPage, true);
  assert.equal(ws.pageSetup.fitToWidth, 1);
  assert.equal(ws.pageSetup.printTitlesRow, '1:1');
  const names = new Set(Object.values(RULE_INFO).map((x) => x.name));
  let causes = 0;
  for (let r2 = 2; r2 <= ws.rowCount; r2++) {
    const rule = String(ws.getRow(r2).getCell(4).value);
    // a cause's row (bold, before the findings it explains) names no rule
    if (/^原因 \d+$/.test(String(ws.getRow(r2).getCell(1).value))) {
      assert.match(rule, /^原因(（无法确定）)?$/, `row ${r2}`);
      causes++;
      continue;
    }
    assert.ok(names.has(rule), `row ${r2}: rule name “${rule}” is a Chinese rule name`);
    assert.ok(RULE_INFO[String(ws.getRow(r2).getCell(10).value)], `row ${r2}: rule id kept in the last column`);
  }
  assert.equal(causes, 3, 'the sample’s three clerk errors lead the sheet as three causes');
  const tall = [...Array(ws.rowCount - 1).keys()].map((i) => ws.getRow(i + 2)).filter((row) => String(row.getCell(5).value).length > 40);
  assert.ok(tall.length > 0 && tall.every((row) => (row.height ?? 0) > 15), 'rows of long messages are tall enough to show them');
});
