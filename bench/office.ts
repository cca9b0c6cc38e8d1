// The add-in's side of the bench: a synthetic disclosure in the Excel fake (Excel on the web's limits
// enforced: 5 MB per request and per response), read, validated and marked as the pane does; figures:
// syncs of the read and of the marking, the largest request and response, wall time.
import { FakeExcel, PAYLOAD_LIMIT, type FakeRequestContext, type SyncRecord } from '../tests/fakes/excel-fake';
import { fakeFromSpecs, offByOneCent } from '../tests/fakes/from-specs';
import { readWorkbook } from '../src/io/office/read';
import { writeMarks } from '../src/io/office/marks';
import type { XContext } from '../src/io/office/api';
import { validateWorkbook } from '../src/core/validate/engine';
import { synthLines, synthSpecs } from './synth';

export interface OfficeRow {
  n: number;
  cells: number;
  readSyncs: number;
  markSyncs: number;
  marked: number;
  findings: number;
  maxRequest: number;
  maxResponse: number;
  readMs: number;
  markMs: number;
}

const asCtx = (c: FakeRequestContext): XContext => c as unknown as XContext;

/** One size: 300 合计 cells of T3 are off by a cent, so that marking has work to do. */
export async function officeOne(n: number): Promise<OfficeRow> {
  const data = fakeFromSpecs(synthSpecs(synthLines(n, 42)), 1000);
  offByOneCent(data.sheets[2], 300);
  const cells = data.sheets.reduce((s, sh) => s + [...sh.cells.values()].filter((c) => c.value !== '').length, 0);
  const excel = new FakeExcel(data);
  let t0 = performance.now();
  const read = await excel.run((ctx) => readWorkbook(asCtx(ctx)));
  const report = validateWorkbook(read.workbook);
  const readMs = performance.now() - t0;
  const readLog: SyncRecord[] = [...excel.syncLog];
  t0 = performance.now();
  const res = await excel.run({ delayForCellEdit: true }, (ctx) => writeMarks(asCtx(ctx), report, read));
  const markMs = performance.now() - t0;
  const all = excel.syncLog;
  if (report.tables.length !== 9) throw new Error(`office ${n}: ${report.tables.length} tables recognised`);
  return {
    n,
    cells,
    readSyncs: readLog.length,
    markSyncs: all.length - readLog.length,
    marked: res.marked,
    findings: report.findings.length,
    maxRequest: Math.max(...all.map((s) => s.requestBytes)),
    maxResponse: Math.max(...all.map((s) => s.responseBytes)),
    readMs,
    markMs,
  };
}

export { PAYLOAD_LIMIT };
