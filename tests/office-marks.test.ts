// The Office.js adapter against the in-memory Excel fake loaded from the example workbooks: reading,
// marking, clearing, and everything real Excel refuses (protection, cell editing, notes of the clerk's).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { FakeExcel, FakeOfficeError, FakeWorkbookData, SOLID_FILL, FakeRequestContext, reportedFill, type FakeFill } from './fakes/excel-fake';
import { loadXlsxIntoFake } from './fakes/load-xlsx';
import { readWorkbook } from '../src/io/office/read';
import { clearMarks, MARK_COLORS, selectCells, writeMarks } from '../src/io/office/marks';
import { MARK_SHEET, NOTE_PREFIX } from '../src/io/office/records';
import type { Capabilities, XContext } from '../src/io/office/api';
import { ALL_CAPABILITIES } from '../src/io/office/api';
import type { Report, Finding } from '../src/core/model/findings';
import { summarize } from '../src/core/model/findings';
import { validateWorkbook } from '../src/core/validate/engine';
import { readWorkbookFile } from '../src/io/xlsx-read';

const EX = '/work/shared/examples';
const JULU = path.join(EX, 'julu2021-disclosure.xlsx');
const T1 = '1 部门预算收支总表';
const T3 = '3 部门预算支出总表';

const asCtx = (c: FakeRequestContext): XContext => c as unknown as XContext;

function report(findings: Finding[]): Report {
  return { tables: [], findings, summary: summarize(findings) };
}

/** A hand-made report whose cells exist in the julu example (T3 sheet). */
function handReport(): Report {
  return report([
    { rule: 'row-sum', severity: 'error', table: 'T3', message: '部门预算支出总表 210 行：合计应为 1.00，实为 2.00', cells: [{ sheet: T3, address: 'D6' }, { sheet: T3, address: 'E6' }, { sheet: T3, address: 'F6' }], expected: '1.00', actual: '2.00' },
    { rule: 'cross', severity: 'warning', table: 'T1', message: '部门预算收支总表与支出总表不一致', cells: [{ sheet: T1, address: '$E$6' }, { sheet: T3, address: 'D6' }] },
  ]);
}

/** Every cell's value/formula/number format, to prove validation never changes one. */
function valuesOf(data: FakeWorkbookData): string {
  const out: unknown[] = [];
  for (const s of data.sheets) {
    if (s.name === MARK_SHEET) continue;
    for (const [k, c] of [...s.cells.entries()].sort((a, b) => a[0] - b[0])) out.push([s.name, k, c.value, c.formula ?? null, c.numberFormat ?? null, !!c.error]);
  }
  return JSON.stringify(out);
}

/** Every cell's fill as Excel reports it (getCellProperties), No Fill included. */
function fillsOf(data: FakeWorkbookData): string {
  const out: unknown[] = [];
  for (const s of data.sheets) {
    if (s.name === MARK_SHEET) continue;
    for (const [k, c] of [...s.cells.entries()].sort((a, b) => a[0] - b[0])) out.push([s.name, k, reportedFill(c.fill)]);
  }
  return JSON.stringify(out);
}

async function validateAndMark(excel: FakeExcel, r: Report, caps: Capabilities = ALL_CAPABILITIES) {
  const read = await excel.run((ctx) => readWorkbook(asCtx(ctx), caps));
  const res = await excel.run({ delayForCellEdit: true }, (ctx) => writeMarks(asCtx(ctx), r, read));
  return { read, res };
}

test('reads the example into the Grid (values, merges); only a few syncs', async () => {
  const data = await loadXlsxIntoFake(JULU);
  const excel = new FakeExcel(data);
  const read = await excel.run((ctx) => readWorkbook(asCtx(ctx)));
  assert.ok(read.syncs <= 5, `syncs ${read.syncs}`);
  assert.equal(read.workbook.sheets.length, 9);
  const t1 = read.workbook.sheets[0];
  assert.equal(t1.name, T1);
  assert.equal(t1.rows[0][0]?.value, '部门预算收支总表');
  assert.equal(t1.rows[0][1], undefined, 'merged non-anchor cells carry no value');
  assert.ok(t1.merges.some((m) => m.top === 0 && m.left === 0 && m.right >= 3), 'title merge read');
});

test('validation marks the cells and changes no value', async () => {
  const data = await loadXlsxIntoFake(JULU);
  const before = valuesOf(data);
  const excel = new FakeExcel(data);
  const { res } = await validateAndMark(excel, handReport());
  assert.equal(res.marked, 4);
  assert.equal(data.cell(T3, 'D6')?.fill?.color, MARK_COLORS.error);
  assert.equal(data.cell(T1, 'E6')?.fill?.color, MARK_COLORS.warning);
  assert.equal(data.sheet(MARK_SHEET)?.visibility, 'VeryHidden');
  const notes = data.notes.filter((n) => n.content.startsWith(NOTE_PREFIX));
  assert.equal(notes.length, 4);
  assert.ok(notes.find((n) => n.address === 'D6' && n.sheet.name === T3)!.content.includes('1. '), 'two findings on D6 -> numbered note');
  assert.equal(valuesOf(data), before);
});

test('a validation without findings adds no sheet and no note to the workbook', async () => {
  const data = await loadXlsxIntoFake(JULU);
  const names = data.sheets.map((s) => s.name);
  const excel = new FakeExcel(data);
  const { res } = await validateAndMark(excel, report([]));
  assert.equal(res.marked, 0);
  assert.deepEqual(data.sheets.map((s) => s.name), names);
  assert.equal(data.notes.length, 0);
});

test('No Fill, white, theme colours with tints and patterns all come back exactly after clearing', async () => {
  const data = await loadXlsxIntoFake(JULU);
  const fills: Record<string, FakeFill | undefined> = {
    D6: { ...SOLID_FILL, color: '#FFFFFF' }, // white, not No Fill
    E6: { color: '#4472C4', pattern: 'Solid', patternColor: '#000000', tintAndShade: 0.3999, patternTintAndShade: 0 }, // theme accent 1, lighter 40%
    F6: { color: '#FFFF00', pattern: 'LightDown', patternColor: '#FF0000', tintAndShade: 0.4, patternTintAndShade: -0.25 },
    G6: undefined, // No Fill
  };
  for (const [a, f] of Object.entries(fills)) data.setCell(T3, a, { fill: f });
  const before = fillsOf(data);
  const excel = new FakeExcel(data);
  const cells = Object.keys(fills).map((address) => ({ sheet: T3, address }));
  await validateAndMark(excel, report([{ rule: 'row-sum', severity: 'error', message: '合计不符', cells }]));
  for (const c of cells) assert.equal(data.cell(T3, c.address)?.fill?.color, MARK_COLORS.error);
  const cleared = await excel.run((ctx) => clearMarks(asCtx(ctx)));
  assert.equal(cleared.restored, 4);
  assert.equal(fillsOf(data), before);
  assert.equal(data.cell(T3, 'G6')?.fill, undefined, 'No Fill stays No Fill');
  assert.equal(data.cell(T3, 'D6')?.fill?.color, '#FFFFFF', 'white stays white');
});

test('clearing restores every original fill exactly, removes our notes and keeps the clerk\'s', async () => {
  const data = await loadXlsxIntoFake(JULU);
  data.setCell(T3, 'D6', { fill: { ...SOLID_FILL, color: '#00B050' } });
  data.notes.push({ sheet: data.sheet(T1)!, address: 'A1', content: '办事员自己的备注' });
  const before = fillsOf(data);
  const values = valuesOf(data);
  const excel = new FakeExcel(data);
  await validateAndMark(excel, handReport());
  assert.notEqual(fillsOf(data), before);
  const cleared = await excel.run((ctx) => clearMarks(asCtx(ctx)));
  assert.equal(cleared.restored, 4);
  assert.equal(cleared.notesRemoved, 4);
  assert.equal(fillsOf(data), before);
  assert.equal(valuesOf(data), values);
  assert.equal(data.sheet(MARK_SHEET), undefined);
  assert.deepEqual(data.notes.map((n) => n.content), ['办事员自己的备注']);
});

test('clearing removes ours from notes and comments alike: marked in Excel 2021 (comments), cleared in Microsoft 365 (notes)', async () => {
  const data = await loadXlsxIntoFake(JULU);
  data.comments.push({ sheet: data.sheet(T1)!, address: 'B2', content: '办事员的批注' });
  const excel = new FakeExcel(data);
  const excel2021: Capabilities = { rangeAreas: true, comments: true, mergedAreas: true, notes: false };
  await validateAndMark(excel, handReport(), excel2021);
  assert.equal(data.comments.filter((c) => c.content.startsWith(NOTE_PREFIX)).length, 4);
  assert.equal(data.notes.length, 0);
  // a note of ours written by another program (the command line's marked copy) is found too
  data.notes.push({ sheet: data.sheet(T1)!, address: 'C9', content: NOTE_PREFIX + '另一个程序写入的说明' });
  const r = await excel.run((ctx) => clearMarks(asCtx(ctx), ALL_CAPABILITIES));
  assert.equal(r.notesRemoved, 5);
  assert.deepEqual(data.comments.map((c) => c.content), ['办事员的批注']);
  assert.equal(data.notes.length, 0);
  assert.equal(data.cell(T3, 'E6')?.fill, undefined);
});

test('marking twice never records our colour as the original; cells fixed meanwhile get their fill back', async () => {
  const data = await loadXlsxIntoFake(JULU);
  data.setCell(T3, 'F6', { fill: { ...SOLID_FILL, color: '#C6EFCE' } });
  const before = fillsOf(data);
  const excel = new FakeExcel(data);
  await validateAndMark(excel, handReport());
  await validateAndMark(excel, handReport());
  const second = await validateAndMark(excel, report([handReport().findings[1]]));
  assert.equal(second.res.restored, 2);
  assert.equal(data.cell(T3, 'F6')?.fill?.color, '#C6EFCE');
  assert.equal(data.cell(T3, 'D6')?.fill?.color, MARK_COLORS.warning);
  assert.equal(data.notes.filter((n) => n.content.startsWith(NOTE_PREFIX)).length, 2, 'notes of cells fine again are gone');
  // a clean run after that: everything back, the bookkeeping sheet gone
  await validateAndMark(excel, report([]));
  assert.equal(fillsOf(data), before);
  assert.equal(data.sheet(MARK_SHEET), undefined);
  assert.equal(data.notes.length, 0);
});

test('marks survive closing and reopening the file, then clear exactly', async () => {
  const data = await loadXlsxIntoFake(JULU);
  data.setCell(T1, 'E6', { fill: { ...SOLID_FILL, color: '#BDD7EE', tintAndShade: 0.6 } });
  const before = fillsOf(data);
  const values = valuesOf(data);
  await validateAndMark(new FakeExcel(data), handReport());
  const reopened = FakeWorkbookData.fromJSON(JSON.parse(JSON.stringify(data.toJSON())));
  assert.equal(reopened.sheet(MARK_SHEET)?.visibility, 'VeryHidden');
  assert.equal(reopened.cell(T1, 'E6')?.fill?.color, MARK_COLORS.warning);
  const r = await new FakeExcel(reopened).run((ctx) => clearMarks(asCtx(ctx)));
  assert.equal(r.restored, 4);
  assert.equal(fillsOf(reopened), before);
  assert.equal(valuesOf(reopened), values);
});

test('without RangeAreas and notes (ExcelApi 1.9 only in part): cell by cell, comments', async () => {
  const data = await loadXlsxIntoFake(JULU);
  const excel = new FakeExcel(data);
  const caps: Capabilities = { rangeAreas: false, comments: true, mergedAreas: false, notes: false };
  await validateAndMark(excel, handReport(), caps);
  assert.equal(data.comments.length, 4);
  assert.equal(data.notes.length, 0);
  assert.equal(data.cell(T3, 'E6')?.fill?.color, MARK_COLORS.error);
  await excel.run((ctx) => clearMarks(asCtx(ctx), caps));
  assert.equal(data.comments.length, 0);
  assert.equal(data.cell(T3, 'E6')?.fill, undefined);
});

test('a clerk\'s note or comment on a marked cell: no note of ours there, every colour written, a Chinese warning', async () => {
  const data = await loadXlsxIntoFake(JULU);
  data.notes.push({ sheet: data.sheet(T3)!, address: 'E6', content: '我的备注' });
  data.comments.push({ sheet: data.sheet(T3)!, address: 'F6', content: '我的批注' });
  const excel = new FakeExcel(data);
  const { res } = await validateAndMark(excel, handReport());
  assert.match(res.noteWarning ?? '', /2 个单元格已有批注或备注/);
  for (const a of ['D6', 'E6', 'F6']) assert.equal(data.cell(T3, a)?.fill?.color, MARK_COLORS.error);
  assert.equal(res.notes, 2);
  assert.deepEqual(data.notes.filter((n) => n.address === 'E6' && n.sheet.name === T3).map((n) => n.content), ['我的备注']);
});

test('protected sheet: its cells are left alone and counted, the others are marked; clearing keeps its records', async () => {
  const data = await loadXlsxIntoFake(JULU);
  data.sheet(T1)!.protected = true;
  const excel = new FakeExcel(data);
  const { res } = await validateAndMark(excel, handReport());
  assert.deepEqual(res.protectedSkipped, [{ sheet: T1, cells: 1 }]);
  assert.equal(res.marked, 3);
  assert.equal(data.cell(T1, 'E6')?.fill, undefined);
  assert.equal(data.cell(T3, 'D6')?.fill?.color, MARK_COLORS.error);
  await excel.run((ctx) => clearMarks(asCtx(ctx)));
  assert.equal(data.cell(T3, 'D6')?.fill, undefined);
  assert.equal(data.sheet(MARK_SHEET), undefined);
});

test('protected workbook structure: nothing marked (the originals could not be recorded), a Chinese reason', async () => {
  const data = await loadXlsxIntoFake(JULU);
  data.structureProtected = true;
  const excel = new FakeExcel(data);
  const { res } = await validateAndMark(excel, handReport());
  assert.equal(res.marked, 0);
  assert.match(res.notMarked ?? '', /工作簿结构受保护/);
  assert.equal(data.cell(T3, 'D6')?.fill, undefined);
  assert.equal(data.sheet(MARK_SHEET), undefined);
});

test('cell edit mode: a plain run fails as in Excel; with delayForCellEdit the marks wait for the edit to end', async () => {
  const data = await loadXlsxIntoFake(JULU);
  const excel = new FakeExcel(data);
  const read = await excel.run((ctx) => readWorkbook(asCtx(ctx)));
  data.setCellEditing(true);
  await assert.rejects(
    excel.run((ctx) => writeMarks(asCtx(ctx), handReport(), read)),
    (e: unknown) => e instanceof FakeOfficeError && e.code === 'InvalidOperationInCellEditMode',
  );
  const pending = excel.run({ delayForCellEdit: true }, (ctx) => writeMarks(asCtx(ctx), handReport(), read));
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(data.cell(T3, 'D6')?.fill, undefined, 'nothing written while the clerk edits');
  data.setCellEditing(false);
  const res = await pending;
  assert.equal(res.marked, 4);
  assert.equal(data.cell(T3, 'D6')?.fill?.color, MARK_COLORS.error);
});

test('the fake is strict: unloaded properties, oversize requests and responses, methods on null-object sheets', async () => {
  const data = await loadXlsxIntoFake(JULU);
  const excel = new FakeExcel(data);
  await excel.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem(T3).getRange('A1:B2').load('values');
    assert.throws(() => r.values, (e: unknown) => e instanceof FakeOfficeError && e.code === 'PropertyNotLoaded');
    await ctx.sync();
    assert.equal(r.values.length, 2);
  });
  await assert.rejects(
    excel.run(async (ctx) => {
      const big = Array.from({ length: 3000 }, () => Array.from({ length: 100 }, () => 'xxxxxxxxxxxxxxxxxx'));
      ctx.workbook.worksheets.getItem(T3).getRange('A1:CV3000').values = big;
      await ctx.sync();
    }),
    (e: unknown) => e instanceof FakeOfficeError && e.code === 'RequestPayloadSizeLimitExceeded',
  );
  const wide = data.addSheet('长文字');
  for (let r = 0; r < 3000; r++) wide.cells.set(r * 16384, { value: '很长的说明文字'.repeat(100) });
  await assert.rejects(
    excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('长文字').getRange('A1:A3000').load('values');
      await ctx.sync();
    }),
    (e: unknown) => e instanceof FakeOfficeError && e.code === 'ResponsePayloadSizeLimitExceeded',
  );
  await assert.rejects(
    excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItemOrNullObject('没有这张表').getUsedRangeOrNullObject(true).load('address');
      await ctx.sync();
    }),
    (e: unknown) => e instanceof FakeOfficeError && e.code === 'InvalidObjectPath',
  );
});

test('a sheet of long texts is read in smaller bands, each answer under 5 MB', async () => {
  const data = await loadXlsxIntoFake(JULU);
  const wide = data.addSheet('长文字');
  for (let r = 0; r < 3000; r++) wide.cells.set(r * 16384, { value: `第${r}行` + '很长的说明文字'.repeat(100) });
  const excel = new FakeExcel(data);
  const read = await excel.run((ctx) => readWorkbook(asCtx(ctx)));
  const sheet = read.workbook.sheets.find((s) => s.name === '长文字')!;
  assert.equal(sheet.rows[2999][0]?.value, '第2999行' + '很长的说明文字'.repeat(100));
  assert.ok(Math.max(...excel.syncLog.map((s) => s.responseBytes)) < 5 * 1024 * 1024, 'no answer refused: the first small band shows how dense the sheet is');
});

test('more than 512 merged areas on a sheet: every merge is read', async () => {
  const data = await loadXlsxIntoFake(JULU);
  const s = data.addSheet('合并很多');
  for (let r = 0; r < 700; r++) {
    s.cells.set(r * 16384, { value: `项目${r}` });
    s.merges.push({ top: r, left: 0, bottom: r, right: 1 });
  }
  const excel = new FakeExcel(data);
  const read = await excel.run((ctx) => readWorkbook(asCtx(ctx)));
  assert.equal(read.workbook.sheets.find((x) => x.name === '合并很多')!.merges.length, 700);
  assert.ok(read.workbook.sheets[0].merges.length > 0, 'the other sheets\' merges too');
  assert.deepEqual(read.mergesIncomplete, []);
});

test('a sheet whose used range reaches far out (a stray entry at Z300000) is refused with the reason, not read for ever', async () => {
  const data = await loadXlsxIntoFake(JULU);
  data.setCell(T3, 'Z300000', { value: 'x' });
  const excel = new FakeExcel(data);
  await assert.rejects(
    excel.run((ctx) => readWorkbook(asCtx(ctx))),
    (e: unknown) => e instanceof Error && /“3 部门预算支出总表”的已用区域延伸到 Z300000.*Ctrl\+End/.test(e.message),
  );
  assert.ok(excel.syncLog.length <= 3, 'refused before reading any values');
});

test('error values are told from text that looks like one', async () => {
  const data = await loadXlsxIntoFake(JULU);
  data.setCell(T3, 'D7', { value: '#REF!', error: true, formula: 'D8+#REF!' });
  data.setCell(T3, 'B40', { value: '#REF!' });
  const excel = new FakeExcel(data);
  const read = await excel.run((ctx) => readWorkbook(asCtx(ctx)));
  const t3 = read.workbook.sheets.find((s) => s.name === T3)!;
  assert.deepEqual(t3.rows[6][3], { value: null, error: '#REF!', formula: 'D8+#REF!' });
  assert.deepEqual(t3.rows[39][1], { value: '#REF!' });
});

test('selecting a finding activates its sheet and selects its cell', async () => {
  const data = await loadXlsxIntoFake(JULU);
  const excel = new FakeExcel(data);
  await excel.run((ctx) => selectCells(asCtx(ctx), [{ sheet: T3, address: '$D$6' }]));
  assert.deepEqual(data.selection, { sheet: T3, address: 'D6' });
});

test('through validateWorkbook: the Office path finds what the file path finds; values unchanged; clearing restores', async () => {
  for (const f of ['julu2021', 'gaoyi2026', 'laoting2022']) {
    const data = await loadXlsxIntoFake(path.join(EX, `${f}-disclosure.xlsx`));
    const values = valuesOf(data);
    const fills = fillsOf(data);
    const excel = new FakeExcel(data);
    const read = await excel.run((ctx) => readWorkbook(asCtx(ctx)));
    const rep = validateWorkbook(read.workbook, { file: f });
    const res = await excel.run((ctx) => writeMarks(asCtx(ctx), rep, read));
    const viaFile = validateWorkbook(await readWorkbookFile(path.join(EX, `${f}-disclosure.xlsx`)), { file: f });
    const key = (r: Report) => r.findings.map((x) => `${x.rule}|${x.severity}|${x.message}|${x.cells.map((c) => c.sheet + '!' + c.address).join(',')}`).sort();
    assert.deepEqual(key(rep), key(viaFile), f);
    assert.equal(rep.tables.length, viaFile.tables.length, f);
    assert.equal(res.marked, new Set(rep.findings.flatMap((x) => x.cells.map((c) => c.sheet + '!' + c.address.replace(/\$/g, '')))).size);
    assert.equal(valuesOf(data), values);
    await excel.run((ctx) => clearMarks(asCtx(ctx)));
    assert.equal(fillsOf(data), fills);
  }
});
