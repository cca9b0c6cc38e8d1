// Excel on the web's 5 MB per request and per response: a 20,000-line disclosure (every table full,
// bordered well below its data) is read, validated and marked in a few batches, none over the limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeExcel, FakeWorkbookData, PAYLOAD_LIMIT, type FakeRequestContext } from './fakes/excel-fake';
import { fakeFromSpecs, offByOneCent } from './fakes/from-specs';
import { synthLines, synthSpecs } from '../bench/synth';
import { readWorkbook } from '../src/io/office/read';
import { clearMarks, MARK_COLORS, writeMarks } from '../src/io/office/marks';
import type { XContext } from '../src/io/office/api';
import { validateWorkbook } from '../src/core/validate/engine';
import { CAUSE_FILLS, causeSeverity } from '../src/core/model/marks';
import { writeSheetSpecs } from '../src/io/office/write-sheets';

const asCtx = (c: FakeRequestContext): XContext => c as unknown as XContext;

test('a 20,000-line disclosure validates and marks under the 5 MB limits, in a few syncs', async () => {
  const specs = synthSpecs(synthLines(20000, 7));
  const data = fakeFromSpecs(specs, 2000);
  // one wrong amount, and many findings: 300 合计 cells of T3 off by one cent
  offByOneCent(data.sheets[2], 300);
  const excel = new FakeExcel(data);
  const read = await excel.run((ctx) => readWorkbook(asCtx(ctx)));
  const readSyncs = excel.syncLog.length;
  const report = validateWorkbook(read.workbook);
  assert.equal(report.tables.length, 9);
  assert.ok(report.findings.length >= 300, `findings ${report.findings.length}`);
  const res = await excel.run({ delayForCellEdit: true }, (ctx) => writeMarks(asCtx(ctx), report, read));
  assert.ok(res.marked > 1000, `marked ${res.marked}`);
  // a cell only showing a consequence in the finding's colour, a cause's cell (the one to fix) stronger
  const causes = report.causes ?? [];
  const causeCells = new Set(causes.flatMap((c) => c.cells.map((x) => `${x.sheet}!${x.address}`)));
  const f = report.findings.find((x) => x.cells.some((c) => !causeCells.has(`${c.sheet}!${c.address}`)))!;
  const shown = f.cells.find((c) => !causeCells.has(`${c.sheet}!${c.address}`))!;
  const worst = report.findings.filter((x) => x.cells.some((c) => c.sheet === shown.sheet && c.address === shown.address)).some((x) => x.severity === 'error') ? 'error' : f.severity;
  assert.equal(data.cell(shown.sheet, shown.address)?.fill?.color, MARK_COLORS[worst]);
  assert.ok(causes.length > 0, 'causes');
  const cause = causes[0].cells[0];
  assert.equal(data.cell(cause.sheet, cause.address)?.fill?.color, '#' + CAUSE_FILLS[causeSeverity(report, causes[0])]);
  const maxRequest = Math.max(...excel.syncLog.map((s) => s.requestBytes));
  const maxResponse = Math.max(...excel.syncLog.map((s) => s.responseBytes));
  assert.ok(maxRequest < PAYLOAD_LIMIT / 2, `largest request ${maxRequest}`);
  assert.ok(maxResponse < PAYLOAD_LIMIT / 2, `largest response ${maxResponse}`);
  assert.ok(readSyncs <= 12, `read syncs ${readSyncs}`);
  assert.ok(excel.syncLog.length - readSyncs <= 20, `mark syncs ${excel.syncLog.length - readSyncs}`);
  const cleared = await excel.run((ctx) => clearMarks(asCtx(ctx)));
  assert.equal(cleared.restored, res.marked);
  assert.ok(Math.max(...excel.syncLog.map((s) => Math.max(s.requestBytes, s.responseBytes))) < PAYLOAD_LIMIT / 2);
});

test('生成公开表 from 20,000 lines writes the ten sheets in batches under the request limit', async () => {
  const specs = synthSpecs(synthLines(20000, 3));
  const data = new FakeWorkbookData();
  data.addSheet('预算录入');
  const excel = new FakeExcel(data);
  await excel.run((ctx) => writeSheetSpecs(asCtx(ctx), specs, []));
  for (const spec of specs) assert.ok(data.sheet(spec.name), spec.name);
  const t2 = specs[1];
  const last = t2.cells[t2.cells.length - 1];
  assert.equal(data.sheet(t2.name)!.cells.get(last.r * 16384 + last.c)?.value ?? '', last.value ?? '');
  assert.ok(Math.max(...excel.syncLog.map((s) => s.requestBytes)) < PAYLOAD_LIMIT / 2);
  assert.ok(excel.syncLog.length <= 10, `syncs ${excel.syncLog.length}`);
});
