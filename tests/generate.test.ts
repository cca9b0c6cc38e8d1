// generate / template: figures against shared/examples/*-expected.json, engine-clean output,
// row-precise input problems, exit codes, the input template.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { runGenerate, generateFromWorkbook } from '../src/cli/generate';
import { runTemplate } from '../src/cli/template';
import { readWorkbookFile } from '../src/io/xlsx-read';
import { validateWorkbook } from '../src/core/validate/engine';
import { cellText } from '../src/core/model/grid';
import type { Sheet, Workbook } from '../src/core/model/grid';
import { sheetNameFor, NARRATIVE_SHEET_NAME } from '../src/core/generate/layout';
import { parseInput } from '../src/core/generate/input';
import { EXAMPLE_ROWS, TEMPLATE_TITLE_ROW } from '../src/core/generate/template';
import type { StandardTableId as TableId } from '../src/core/model/findings';
import { captureStd as capture } from './helpers/cli';

const EXAMPLES = path.join(__dirname, '..', '..', 'shared', 'examples');
const SHARED = (async () => {
  for (const p of [EXAMPLES, '/work/shared/examples']) {
    try {
      await fs.stat(p);
      return p;
    } catch {
      /* next */
    }
  }
  return '/work/shared/examples';
})();
const TMP = path.join(__dirname, '.tmp', 'generate');

async function tmpFile(name: string): Promise<string> {
  await fs.mkdir(TMP, { recursive: true });
  const f = path.join(TMP, name);
  await fs.rm(f, { force: true });
  return f;
}

const num = (v: unknown): string => (typeof v === 'number' ? v.toFixed(2) : v === null || v === undefined || v === '' ? '0.00' : `?${String(v)}`);
const stripOrd = (s: string) => s.replace(/^[一二三四五六七八九十]+、/, '');

/** Reads a generated table back into the expected.json shape. */
function figures(wb: Workbook, id: TableId): Record<string, string | string[]> {
  const sheet = wb.sheets.find((s) => s.name === sheetNameFor(id));
  assert.ok(sheet, `sheet ${sheetNameFor(id)} missing`);
  const out: Record<string, string | string[]> = {};
  const val = (s: Sheet, r: number, c: number) => s.rows[r]?.[c]?.value ?? null;
  for (let r = 5; r < sheet.rows.length; r++) {
    if (typeof val(sheet, r, 0) !== 'number') continue; // data rows carry 序号
    if (id === 'T1' || id === 'T4') {
      const inc = cellText(sheet.rows[r]?.[1]);
      if (inc && id === 'T1') out[stripOrd(inc)] = num(val(sheet, r, 2));
      const exp = cellText(sheet.rows[r]?.[3]);
      if (exp) {
        if (id === 'T1') out[stripOrd(exp)] = num(val(sheet, r, 4));
        else out[stripOrd(exp)] = [4, 5, 6, 7].map((c) => num(val(sheet, r, c)));
      }
    } else if (id === 'T9') {
      out[cellText(sheet.rows[r]?.[1])] = [2, 3, 4, 5].map((c) => num(val(sheet, r, c)));
    } else {
      const key = cellText(sheet.rows[r]?.[1]) || cellText(sheet.rows[r]?.[2]);
      const width = id === 'T2' ? 10 : id === 'T3' ? 6 : 3;
      out[key] = Array.from({ length: width }, (_, i) => num(val(sheet, r, 3 + i)));
    }
  }
  return out;
}

for (const name of ['julu2021', 'laoting2022', 'gaoyi2026']) {
  test(`${name}: generated tables reproduce every figure of expected.json and validate clean`, async () => {
    const dir = await SHARED;
    const out = await tmpFile(`${name}.xlsx`);
    const r = await capture(() => runGenerate([path.join(dir, `${name}-input.xlsx`), '-o', out]));
    assert.equal(r.code, 0, r.err);
    const expected = JSON.parse(await fs.readFile(path.join(dir, `${name}-expected.json`), 'utf8')) as Record<
      string,
      Record<string, string | string[]>
    >;
    const wb = await readWorkbookFile(out);
    let compared = 0;
    for (const [id, rows] of Object.entries(expected)) {
      const got = figures(wb, id as TableId);
      for (const [key, want] of Object.entries(rows)) {
        // rows absent from the generated table are all-zero rows
        const zero = Array.isArray(want) ? want.map(() => '0.00') : '0.00';
        assert.deepEqual(got[key] ?? zero, want, `${name} ${id} ${key}`);
        compared++;
      }
    }
    assert.ok(compared > 100);
    // every generated row with a non-zero figure is expected too
    for (const id of ['T2', 'T3', 'T5', 'T6', 'T7'] as TableId[]) {
      for (const [key, v] of Object.entries(figures(wb, id))) {
        if ((v as string[]).some((x) => x !== '0.00')) assert.ok(expected[id][key], `${name} ${id} extra row ${key}`);
      }
    }
    const report = validateWorkbook(wb, { file: out });
    assert.deepEqual(report.findings.map((f) => f.message), []);
    assert.deepEqual(report.tables.map((t) => t.table), ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9']);
    assert.ok(wb.sheets.some((s) => s.name === NARRATIVE_SHEET_NAME));
  });
}

test('edition follows the year: 2026 uses 五、单位资金, 2021 the five old items', async () => {
  const dir = await SHARED;
  const wb = await readWorkbookFile(path.join(dir, 'julu2021-input.xlsx'));
  const labels = (year?: number) => {
    const g = generateFromWorkbook(wb, { year });
    const t1 = g.specs!.find((s) => s.name === sheetNameFor('T1'))!;
    return t1.cells.filter((c) => c.c === 1 && typeof c.value === 'string').map((c) => c.value as string);
  };
  assert.ok(labels().includes('五、事业收入'));
  assert.ok(!labels().includes('五、单位资金'));
  assert.ok(labels(2026).includes('五、单位资金'));
  assert.ok(!labels(2026).includes('九、其他收入'));
});

test('zero shown blank with --zero blank; the engine sees the same grid it writes', async () => {
  const dir = await SHARED;
  const wb = await readWorkbookFile(path.join(dir, 'julu2021-input.xlsx'));
  const g = generateFromWorkbook(wb, { zero: 'blank' });
  const t3 = g.grid!.sheets.find((s) => s.name === sheetNameFor('T3'))!;
  // 20805 has no project spending: F is blank
  const row = t3.rows.findIndex((r) => r && cellText(r[1]) === '20805');
  assert.equal(t3.rows[row][5]?.value ?? null, null);
  assert.equal(t3.rows[row][3]?.value, 15.3);
  assert.equal(t3.rows[row][3]?.numFmt, '#,##0.00');
  // empty T7 carries the note, T9 all zero carries its note
  const t7 = g.grid!.sheets.find((s) => s.name === sheetNameFor('T7'))!;
  assert.equal(cellText(t7.rows[5][0]), '注：无政府性基金预算财政拨款预算，空表列示。');
  const t9 = g.grid!.sheets.find((s) => s.name === sheetNameFor('T9'))!;
  assert.ok(t9.rows.some((r) => r && cellText(r[0]) === '注：无“三公”经费预算，空表列示。'));
  assert.deepEqual(validateWorkbook(g.grid!, {}).findings.map((f) => f.message), []);
  // the pre-write check is real: a tampered figure in the same grid is caught
  t3.rows[row][3] = { value: 15.4, numFmt: '#,##0.00' };
  assert.ok(validateWorkbook(g.grid!, {}).summary.errors > 0);
});

async function faultyCopy(file: string, edit: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<string> {
  const dir = await SHARED;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(dir, 'julu2021-input.xlsx'));
  edit(wb.getWorksheet('预算录入')!, wb);
  const f = await tmpFile(file);
  await wb.xlsx.writeFile(f);
  return f;
}

test('bad input rows are reported at their row numbers and nothing is written', async () => {
  const input = await faultyCopy('faulty-input.xlsx', (ws) => {
    ws.getCell('A7').value = '208050'; // malformed functional code
    ws.getCell('A8').value = '9992701'; // unknown 类
    ws.getCell('H9').value = null; // 项目支出 without 项目名称
    ws.getCell('C10').value = null; // 基本支出 without 经济科目编码
    ws.getCell('I11').value = '180'; // text amount
    ws.getCell('I12').value = -1.9; // negative
    ws.getCell('I13').value = 0.035; // 3 decimals
    ws.getCell('E14').value = '基本'; // unknown 支出类型
    ws.getCell('F15').value = '财政拨款'; // unknown 资金来源
    ws.getCell('C16').value = '40112'; // unknown economic 类
    ws.getCell('D18').value = '办公费2'; // 30207 ... (unchanged code) -> see next
    ws.getCell('C18').value = '30201'; // same code 30201 as row 17 (办公费) with another name
    ws.getCell('I19').value = null; // empty amount
    ws.getCell('B20').value = '行政运行（改）'; // 2101501 carries two names
  });
  const out = await tmpFile('faulty-out.xlsx');
  const r = await capture(() => runGenerate([input, '-o', out]));
  assert.equal(r.code, 1);
  await assert.rejects(fs.stat(out));
  const expectations: [number, string, RegExp][] = [
    [7, '功能科目编码', /7 位/],
    [8, '功能科目编码', /类“999”/],
    [9, '项目名称', /项目名称/],
    [10, '经济科目编码', /基本支出必须填写经济科目编码/],
    [11, '金额', /不是数字/],
    [12, '金额', /负数/],
    [13, '金额', /两位小数/],
    [14, '支出类型', /无法识别/],
    [15, '资金来源', /无法识别/],
    [16, '经济科目编码', /类“401”/],
    [18, '经济科目名称', /同一编码只能有一个名称/],
    [19, '金额', /为空/],
    [20, '功能科目名称', /同一编码只能有一个名称/],
  ];
  for (const [row, col, re] of expectations) {
    const line = r.err.split('\n').find((l) => l.includes(`第 ${row} 行「${col}」`));
    assert.ok(line, `row ${row} ${col} not reported:\n${r.err}`);
    assert.match(line, re);
  }
  // untouched rows are not reported
  for (const row of [21, 22, 23, 30, 31]) assert.ok(!r.err.includes(`第 ${row} 行`), `row ${row} wrongly reported`);
});

test('unknown 款 names: reported, then resolved by a 科目表 sheet', async () => {
  const input = await faultyCopy('kuan-input.xlsx', (ws) => {
    ws.getCell('A9').value = '2179901';
    ws.getCell('B9').value = '其他金融支出项';
  });
  const out = await tmpFile('kuan-out.xlsx');
  const r = await capture(() => runGenerate([input, '-o', out]));
  assert.equal(r.code, 1);
  assert.match(r.err, /第 9 行「功能科目编码」：.*款 21799 没有已知名称.*科目表/);
  const withCatalog = await faultyCopy('kuan-input2.xlsx', (ws, wb) => {
    ws.getCell('A9').value = '2179901';
    ws.getCell('B9').value = '其他金融支出项';
    const cat = wb.addWorksheet('科目表');
    cat.addRow(['科目编码', '科目名称']);
    cat.addRow(['21799', '其他金融支出']);
  });
  const r2 = await capture(() => runGenerate([withCatalog, '-o', out]));
  assert.equal(r2.code, 0, r2.err);
  const wb = await readWorkbookFile(out);
  const t2 = figures(wb, 'T2');
  assert.deepEqual((t2['21799'] as string[]).slice(0, 1), ['7.00']);
  const t2sheet = wb.sheets.find((s) => s.name === sheetNameFor('T2'))!;
  assert.ok(t2sheet.rows.some((row) => row && cellText(row[1]) === '21799' && cellText(row[2]) === '其他金融支出'));
});

test('existing output is not overwritten without --force; bad usage exits 2', async () => {
  const dir = await SHARED;
  const out = await tmpFile('exists.xlsx');
  await fs.writeFile(out, 'keep');
  const r = await capture(() => runGenerate([path.join(dir, 'julu2021-input.xlsx'), '-o', out]));
  assert.equal(r.code, 2);
  assert.match(r.err, /已存在.*--force/);
  assert.equal(await fs.readFile(out, 'utf8'), 'keep');
  const f = await capture(() => runGenerate([path.join(dir, 'julu2021-input.xlsx'), '-o', out, '--force']));
  assert.equal(f.code, 0, f.err);
  assert.equal((await capture(() => runGenerate([path.join(dir, 'julu2021-input.xlsx')]))).code, 2);
  assert.equal((await capture(() => runGenerate([path.join(dir, 'julu2021-input.xlsx'), '-o', out, '--zero', 'x']))).code, 2);
  const missing = await capture(() => runGenerate([path.join(TMP, 'nope.xlsx'), '-o', path.join(TMP, 'x.xlsx')]));
  assert.equal(missing.code, 2);
  assert.match(missing.err, /找不到文件/);
  assert.ok(!missing.err.includes('    at '));
});

test('template: header block, dropdowns, text code columns, table; filled with the examples it generates', async () => {
  const out = await tmpFile('template.xlsx');
  const r = await capture(() => runTemplate(['-o', out, '--year', '2026']));
  assert.equal(r.code, 0, r.err);
  assert.equal((await capture(() => runTemplate(['-o', out]))).code, 2);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet('预算录入')!;
  assert.equal(ws.getCell('A1').value, '单位编码');
  assert.equal(ws.getCell('A3').value, '预算年度');
  assert.equal(ws.getCell('B3').value, 2026);
  assert.equal(ws.getCell('A6').value, '功能科目编码');
  assert.equal(ws.getCell('I6').value, '金额');
  assert.equal(ws.getCell('A7').numFmt, '@');
  assert.equal(ws.getCell('C500').numFmt, '@');
  assert.equal(ws.getCell('I7').numFmt, '0.00');
  const dvE = ws.getCell('E100').dataValidation;
  assert.equal(dvE?.type, 'list');
  assert.match(String(dvE?.formulae?.[0]), /基本支出.*项目支出/);
  assert.match(String(ws.getCell('F7').dataValidation?.formulae?.[0]), /一般公共预算/);
  assert.match(String(ws.getCell('G7').dataValidation?.formulae?.[0]), /是/);
  assert.ok(wb.getWorksheet('科目表'));
  assert.ok(wb.getWorksheet('说明'));
  assert.equal(ws.views[0]?.state, 'frozen');
  assert.ok((ws as unknown as { tables: Record<string, unknown> }).tables || ws.getTables().length >= 1);

  // fill the template with the 说明 examples and generate
  ws.getCell('B1').value = '001';
  ws.getCell('B2').value = '测试单位';
  EXAMPLE_ROWS.forEach((ex, i) => {
    const row = ws.getRow(TEMPLATE_TITLE_ROW + 2 + i);
    const v = ex.values;
    row.values = [v.funcCode, v.funcName, v.econCode, v.econName, v.kind, v.source, v.carry || null, v.project || null, v.amount];
  });
  const filled = await tmpFile('template-filled.xlsx');
  await wb.xlsx.writeFile(filled);
  const grid = await readWorkbookFile(filled);
  const parsed = parseInput(grid);
  assert.deepEqual(parsed.problems, []);
  assert.equal(parsed.lines.length, EXAMPLE_ROWS.length);
  const g = generateFromWorkbook(grid, {});
  assert.deepEqual(g.problems, []);
  assert.deepEqual(validateWorkbook(g.grid!, {}).findings.map((f) => f.message), []);
});
