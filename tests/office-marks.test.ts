// The Office.js adapter against the in-memory Excel fake loaded from the example workbooks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { FakeExcel, FakeOfficeError, FakeWorkbookData, NO_FILL, FakeRequestContext } from './fakes/excel-fake';
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

const asCtx = (c: FakeRequestContext): XContext => c as unknown as XContext;

function report(findings: Finding[]): Report {
  return { tables: [], findings, summary: summarize(findings) };
}

/** A hand-made report whose cells exist in the julu example (T3 sheet). */
function handReport(): Report {
  return report([
    { rule: 'row-sum', severity: 'error', table: 'T3', message: '部门预算支出总表 210 行：合计应为 1.00，实为 2.00', cells: [{ sheet: '3 部门预算支出总表', address: 'D6' }, { sheet: '3 部门预算支出总表', address: 'E6' }, { sheet: '3 部门预算支出总表', address: 'F6' }], expected: '1.00', actual: '2.00' },
    { rule: 'cross', severity: 'warning', table: 'T1', message: '部门预算收支总表与支出总表不一致', cells: [{ sheet: '1 部门预算收支总表', address: '$E$6' }, { sheet: '3 部门预算支出总表', address: 'D6' }] },
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

function fillsOf(data: FakeWorkbookData): string {
  const out: unknown[] = [];
  for (const s of data.sheets) {
    if (s.name === MARK_SHEET) continue;
    for (const [k, c] of [...s.cells.entries()].sort((a, b) => a[0] - b[0])) if (c.fill) out.push([s.name, k, c.fill]);
  }
  return JSON.stringify(out);
}

async function validateAndMark(excel: FakeExcel, r: Report, caps: Capabilities = ALL_CAPABILITIES) {
  return excel.run(async (ctx) => {
    const read = await readWorkbook(asCtx(ctx), caps);
    const res = await writeMarks(asCtx(ctx), r, read);
    return { read, res, syncs: ctx.stats.syncs, bytes: ctx.stats.maxRequestBytes };
  });
}

test('reads the example into the Grid in one sync (values, merges, number formats)', async () => {
  const data = await loadXlsxIntoFake(JULU);
  const excel = new FakeExcel(data);
  const read = await excel.run(async (ctx) => {
    const r = await readWorkbook(asCtx(ctx));
    assert.equal(ctx.stats.syncs, 1);
    return r;
  });
  assert.equal(read.workbook.sheets.length, 9);
  const t1 = read.workbook.sheets[0];
  assert.equal(t1.name, '1 部门预算收支总表');
  assert.equal(t1.rows[0][0]?.value, '部门预算收支总表');
  assert.equal(t1.rows[0][1], undefined, 'merged non-anchor cells carry no value');
  assert.ok(t1.merges.some((m) => m.top === 0 && m.left === 0 && m.right >= 3), 'title merge read');
  const t3 = read.workbook.sheets[2];
  assert.ok(t3.rows.some((row) => row && row.some((c) => c?.numFmt === '#,##0.00')));
});

test('full validation (read + mark) costs at most 2 syncs and changes no value', async () => {
  const data = await loadXlsxIntoFake(JULU);
  const before = valuesOf(data);
  const excel = new FakeExcel(data);
  const { res, syncs } = await validateAndMark(excel, handReport());
  assert.ok(syncs <= 2, `syncs ${syncs}`);
  assert.equal(excel.totalSyncs, 2);
  assert.equal(res.marked, 4);
  assert.equal(data.cell('3 部门预算支出总表', 'D6')?.fill?.color, MARK_COLORS.error);
  assert.equal(data.cell('1 部门预算收支总表', 'E6')?.fill?.color, MARK_COLORS.warning);
  assert.equal(data.sheet(MARK_SHEET)?.visibility, 'VeryHidden');
  const notes = data.notes.filter((n) => n.content.startsWith(NOTE_PREFIX));
  assert.equal(notes.length, 4);
  assert.ok(notes.find((n) => n.address === 'D6' && n.sheet.name === '3 部门预算支出总表')!.content.includes('1. '), 'two findings on D6 -> numbered note');
  assert.equal(valuesOf(data), before);
});

test('a large synthetic sheet still costs 2 syncs and stays under the 5 MB request limit', async () => {
  const data = await loadXlsxIntoFake(JULU);
  const big = data.addSheet('大表');
  for (let r = 0; r < 20000; r++) for (let c = 0; c < 12; c++) big.cells.set(r * 16384 + c, { value: r * 12 + c, numberFormat: '#,##0.00' });
  for (let i = 0; i < 20; i++) data.addSheet('附表' + i).cells.set(0, { value: '说明' });
  const findings: Finding[] = [];
  for (let r = 1; r <= 3000; r += 1) findings.push({ rule: 'row-sum', severity: 'error', message: `第 ${r} 行合计不符`, cells: [{ sheet: '大表', address: `L${r}` }, { sheet: '大表', address: `A${r}` }] });
  const excel = new FakeExcel(data);
  const { res, syncs, bytes } = await validateAndMark(excel, report(findings));
  assert.equal(syncs, 2);
  assert.equal(res.marked, 6000);
  assert.ok(bytes < 5 * 1024 * 1024, `request bytes ${bytes}`);
  assert.equal(data.cell('大表', 'L3000')?.fill?.color, MARK_COLORS.error);
});

test('more sheets than one read chain reaches: all are read', async () => {
  const data = new FakeWorkbookData();
  for (let i = 0; i < 70; i++) data.addSheet('S' + i).cells.set(0, { value: i });
  const excel = new FakeExcel(data);
  const read = await excel.run((ctx) => readWorkbook(asCtx(ctx)));
  assert.equal(read.workbook.sheets.length, 70);
  assert.equal(read.workbook.sheets[69].rows[0][0]?.value, 69);
});

test('clearing restores every original fill exactly, removes our notes and keeps the clerk\'s', async () => {
  const data = await loadXlsxIntoFake(JULU);
  // custom fills of the clerk's own on some of the cells we will mark, and a note of the clerk's
  data.setCell('3 部门预算支出总表', 'D6', { fill: { ...NO_FILL, color: '#00B050', pattern: 'Solid' } });
  data.setCell('3 部门预算支出总表', 'E6', { fill: { color: '#FFFF00', pattern: 'LightDown', patternColor: '#FF0000', tintAndShade: 0.4, patternTintAndShade: -0.25 } });
  data.notes.push({ sheet: data.sheet('1 部门预算收支总表')!, address: 'A1', content: '办事员自己的备注' });
  const before = fillsOf(data);
  const values = valuesOf(data);
  const excel = new FakeExcel(data);
  await validateAndMark(excel, handReport());
  assert.notEqual(fillsOf(data), before);
  const cleared = await excel.run(async (ctx) => {
    const r = await clearMarks(asCtx(ctx));
    assert.ok(ctx.stats.syncs <= 2);
    return r;
  });
  assert.equal(cleared.restored, 4);
  assert.equal(cleared.notesRemoved, 4);
  assert.equal(fillsOf(data), before);
  assert.equal(valuesOf(data), values);
  assert.equal(data.sheet(MARK_SHEET), undefined);
  assert.deepEqual(data.notes.map((n) => n.content), ['办事员自己的备注']);
});

test('marking twice never records our colour as the original; cells fixed meanwhile get their fill back', async () => {
  const data = await loadXlsxIntoFake(JULU);
  data.setCell('3 部门预算支出总表', 'F6', { fill: { ...NO_FILL, color: '#C6EFCE', pattern: 'Solid' } });
  const before = fillsOf(data);
  const excel = new FakeExcel(data);
  await validateAndMark(excel, handReport());
  await validateAndMark(excel, handReport());
  // second run with fewer findings: F6 (and the other cells of the first finding) are fine now
  const second = await validateAndMark(excel, report([handReport().findings[1]]));
  assert.equal(second.res.restored, 2);
  assert.equal(data.cell('3 部门预算支出总表', 'F6')?.fill?.color, '#C6EFCE');
  assert.equal(data.cell('3 部门预算支出总表', 'D6')?.fill?.color, MARK_COLORS.warning);
  await excel.run((ctx) => clearMarks(asCtx(ctx)));
  assert.equal(fillsOf(data), before);
});

test('marks survive closing and reopening the file, then clear exactly', async () => {
  const data = await loadXlsxIntoFake(JULU);
  data.setCell('1 部门预算收支总表', 'E6', { fill: { ...NO_FILL, color: '#BDD7EE', pattern: 'Solid', tintAndShade: 0.6 } });
  const before = fillsOf(data);
  const values = valuesOf(data);
  await validateAndMark(new FakeExcel(data), handReport());
  // "save", close, reopen: only what a file keeps
  const saved = JSON.stringify(data.toJSON());
  const reopened = FakeWorkbookData.fromJSON(JSON.parse(saved));
  assert.equal(reopened.sheet(MARK_SHEET)?.visibility, 'VeryHidden');
  assert.equal(reopened.cell('1 部门预算收支总表', 'E6')?.fill?.color, MARK_COLORS.warning);
  const excel = new FakeExcel(reopened);
  const r = await excel.run((ctx) => clearMarks(asCtx(ctx)));
  assert.equal(r.restored, 4);
  assert.equal(fillsOf(reopened), before);
  assert.equal(valuesOf(reopened), values);
});

test('without ExcelApi 1.9/1.18 (no RangeAreas, no notes): comments or nothing, still 2 syncs', async () => {
  const data = await loadXlsxIntoFake(JULU);
  const excel = new FakeExcel(data);
  const caps: Capabilities = { rangeAreas: false, comments: true, mergedAreas: false, notes: false };
  const { syncs } = await validateAndMark(excel, handReport(), caps);
  assert.equal(syncs, 2);
  assert.equal(data.comments.length, 4);
  assert.equal(data.notes.length, 0);
  assert.equal(data.cell('3 部门预算支出总表', 'E6')?.fill?.color, MARK_COLORS.error);
  await excel.run((ctx) => clearMarks(asCtx(ctx), caps));
  assert.equal(data.comments.length, 0);
  assert.equal(data.cell('3 部门预算支出总表', 'E6')?.fill, undefined);
});

test('a clerk\'s note on a marked cell: marks still written, a clear Chinese warning', async () => {
  const data = await loadXlsxIntoFake(JULU);
  data.notes.push({ sheet: data.sheet('3 部门预算支出总表')!, address: 'E6', content: '我的备注' });
  const excel = new FakeExcel(data);
  const { res } = await validateAndMark(excel, handReport());
  assert.match(res.noteWarning ?? '', /批注|备注/);
  assert.equal(data.cell('3 部门预算支出总表', 'F6')?.fill?.color, MARK_COLORS.error);
  assert.ok(data.sheet(MARK_SHEET));
});

test('the fake is strict: reading an unloaded property throws PropertyNotLoaded; oversize requests fail', async () => {
  const data = await loadXlsxIntoFake(JULU);
  const excel = new FakeExcel(data);
  await excel.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem('3 部门预算支出总表').getRange('A1:B2').load('values');
    assert.throws(() => r.values, (e: unknown) => e instanceof FakeOfficeError && e.code === 'PropertyNotLoaded');
    await ctx.sync();
    assert.equal(r.values.length, 2);
  });
  await assert.rejects(
    excel.run(async (ctx) => {
      const big = Array.from({ length: 3000 }, () => Array.from({ length: 100 }, () => 'xxxxxxxxxxxxxxxxxx'));
      ctx.workbook.worksheets.getItem('3 部门预算支出总表').getRange('A1:CV3000').values = big;
      await ctx.sync();
    }),
    (e: unknown) => e instanceof FakeOfficeError && e.code === 'RequestPayloadSizeLimitExceeded',
  );
});

test('selecting a finding activates its sheet and selects its cell', async () => {
  const data = await loadXlsxIntoFake(JULU);
  const excel = new FakeExcel(data);
  await excel.run((ctx) => selectCells(asCtx(ctx), [{ sheet: '3 部门预算支出总表', address: '$D$6' }]));
  assert.deepEqual(data.selection, { sheet: '3 部门预算支出总表', address: 'D6' });
});

test('through validateWorkbook: the Office path finds what the file path finds, marks in 2 syncs, values unchanged', async () => {
  for (const f of ['julu2021', 'gaoyi2026', 'laoting2022']) {
    const data = await loadXlsxIntoFake(path.join(EX, `${f}-disclosure.xlsx`));
    const values = valuesOf(data);
    const fills = fillsOf(data);
    const excel = new FakeExcel(data);
    const out = await excel.run(async (ctx) => {
      const read = await readWorkbook(asCtx(ctx));
      const rep = validateWorkbook(read.workbook, { file: f });
      const res = await writeMarks(asCtx(ctx), rep, read);
      return { rep, res, syncs: ctx.stats.syncs };
    });
    assert.equal(out.syncs, 2, f);
    // the Office path sees what the exceljs path sees: same findings, same cells
    const viaFile = validateWorkbook(await readWorkbookFile(path.join(EX, `${f}-disclosure.xlsx`)), { file: f });
    const key = (r: Report) => r.findings.map((x) => `${x.rule}|${x.severity}|${x.message}|${x.cells.map((c) => c.sheet + '!' + c.address).join(',')}`).sort();
    assert.deepEqual(key(out.rep), key(viaFile), f);
    assert.equal(out.rep.tables.length, viaFile.tables.length, f);
    assert.equal(out.res.marked, new Set(out.rep.findings.flatMap((x) => x.cells.map((c) => c.sheet + '!' + c.address.replace(/\$/g, '')))).size);
    assert.equal(valuesOf(data), values);
    await excel.run((ctx) => clearMarks(asCtx(ctx)));
    assert.equal(fillsOf(data), fills);
  }
});
