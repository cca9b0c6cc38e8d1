// Office.js adapter, marking: findings -> coloured cells + explaining notes, in ONE context.sync();
// clearing: back to each cell's own fill, in two (read the records, write). Values are never written.
import type { Finding, Report, Severity } from '../../core/model/findings';
import { markPlan, normAddress } from '../../core/model/marks';
import type { FillProps, XContext, XFill, XWorksheet } from './api';
import { fillAt, type OfficeRead } from './read';
import { isNoFill, MARK_HEADER, MARK_SHEET, NOTE_PREFIX, parseRecords, recordRow, type MarkRecord } from './records';
import type { Capabilities, XNote } from './api';
import { ALL_CAPABILITIES } from './api';

/** Fill colours of our marks (Excel's "bad" / "neutral" / light blue styles). */
export const MARK_COLORS: Record<Severity, string> = { error: '#FFC7CE', warning: '#FFEB9C', info: '#DDEBF7' };
/** addresses per getRanges() call, keeping each address string well below Excel's limits */
const ADDRESS_CHUNK = 150;
/** longest note text we write (Excel notes hold far more; clerks read a few lines) */
const NOTE_MAX = 800;

export interface MarkResult {
  /** cells marked now */
  marked: number;
  /** cells marked before and no longer in the report, restored */
  restored: number;
  /** notes/comments added */
  notes: number;
  /** finding cells on sheets that do not exist (not marked) */
  skipped: number;
  /** set when notes could not be added (e.g. the clerk's own note on the cell); the marks are in place */
  noteWarning?: string;
  syncs: number;
}

export interface ClearResult {
  restored: number;
  notesRemoved: number;
  syncs: number;
}


function chunks<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** Queues `fn` on the fill of these cells of one sheet: RangeAreas (1.9) in chunks, or cell by cell. */
function withFills(ws: XWorksheet, addresses: string[], caps: Capabilities, fn: (fill: XFill) => void): void {
  if (caps.rangeAreas && ws.getRanges) {
    for (const part of chunks(addresses, ADDRESS_CHUNK)) fn(ws.getRanges(part.join(',')).format.fill);
  } else {
    for (const a of addresses) fn(ws.getRange(a).format.fill);
  }
}

function applyFill(fill: XFill, f: FillProps | undefined, caps: Capabilities): void {
  fill.clear();
  if (isNoFill(f)) return;
  const v = f as FillProps;
  if (v.color) fill.color = v.color;
  if (caps.rangeAreas) {
    if (v.pattern && v.pattern !== 'Solid') fill.pattern = v.pattern;
    if (v.patternColor && v.pattern && v.pattern !== 'Solid') fill.patternColor = v.patternColor;
    if (typeof v.tintAndShade === 'number' && v.tintAndShade !== 0) fill.tintAndShade = v.tintAndShade;
    if (typeof v.patternTintAndShade === 'number' && v.patternTintAndShade !== 0) fill.patternTintAndShade = v.patternTintAndShade;
  }
}

/** Queues the restoring of recorded cells, grouped by sheet and identical original fill. */
function queueRestore(context: XContext, recs: MarkRecord[], existing: Set<string>, caps: Capabilities): number {
  const bySheet = new Map<string, Map<string, { fill: FillProps; addresses: string[] }>>();
  let n = 0;
  for (const rec of recs) {
    if (!existing.has(rec.sheet)) continue; // the sheet was deleted or renamed meanwhile
    let groups = bySheet.get(rec.sheet);
    if (!groups) bySheet.set(rec.sheet, (groups = new Map()));
    const k = isNoFill(rec.fill) ? 'none' : JSON.stringify(rec.fill);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { fill: rec.fill, addresses: [] }));
    g.addresses.push(rec.address);
    n++;
  }
  for (const [sheet, groups] of bySheet) {
    const ws = context.workbook.worksheets.getItem(sheet);
    for (const g of groups.values()) withFills(ws, g.addresses, caps, (fill) => applyFill(fill, g.fill, caps));
  }
  return n;
}

function uniqueMessages(findings: Finding[]): string[] {
  return [...new Set(findings.map((f) => f.message))];
}

function noteText(messages: string[]): string {
  let s = NOTE_PREFIX + (messages.length > 1 ? messages.map((m, i) => `${i + 1}. ${m}`).join('\n') : messages[0] ?? '');
  if (s.length > NOTE_MAX) s = s.slice(0, NOTE_MAX - 1) + '…';
  return s;
}

function isNoteError(e: unknown): boolean {
  const loc = (e as { debugInfo?: { errorLocation?: string } })?.debugInfo?.errorLocation ?? '';
  return /note|comment/i.test(loc);
}

/**
 * Marks every cell of the report in ONE context.sync(): records the original fills (keeping the
 * records of cells already marked, so our colour is never taken for the original), restores cells
 * marked before that are fine now, colours the cells by severity, replaces our notes.
 */
export async function writeMarks(context: XContext, report: Report, read: OfficeRead): Promise<MarkResult> {
  const caps = read.caps;
  const existing = new Set(read.sheetNames);
  const { marks, skipped } = markPlan(report, (sheet) => existing.has(sheet));

  // records: earlier originals win; new cells take the fill read just now
  const records: MarkRecord[] = [];
  for (const [k, m] of marks) {
    const old = read.records.get(k);
    records.push(old ?? { sheet: m.sheet, address: m.address, fill: fillAt(read, m.sheet, m.address) ?? { pattern: 'None' } });
  }
  const stale = [...read.records.entries()].filter(([k]) => !marks.has(k)).map(([, r]) => r);

  const wb = context.workbook;
  // 1. bookkeeping sheet first: should anything later fail, the originals are safe
  let book: XWorksheet;
  if (read.hasMarkSheet) book = wb.worksheets.getItem(MARK_SHEET);
  else {
    book = wb.worksheets.add(MARK_SHEET);
    book.visibility = 'VeryHidden';
  }
  const rows = [[MARK_HEADER], ...records.map((r) => [recordRow(r)])];
  if (records.length > 0 || read.hasMarkSheet) {
    const range = book.getRange(`A1:A${rows.length}`);
    range.numberFormat = rows.map(() => ['@']);
    range.values = rows;
    if (read.markSheetRows > rows.length) book.getRange(`A${rows.length + 1}:A${read.markSheetRows}`).clear('Contents');
  }
  // 2. cells no longer wrong get their own fill back
  const restored = queueRestore(context, stale, existing, caps);
  // 3. colour the cells, grouped by sheet and severity
  const groups = new Map<string, string[]>();
  for (const m of marks.values()) {
    const k = `${m.severity}\u0000${m.sheet}`;
    const g = groups.get(k);
    if (g) g.push(m.address);
    else groups.set(k, [m.address]);
  }
  for (const [k, addresses] of groups) {
    const [sev, sheet] = k.split('\u0000') as [Severity, string];
    withFills(wb.worksheets.getItem(sheet), addresses, caps, (fill) => {
      fill.color = MARK_COLORS[sev];
    });
  }
  // 4. notes last: one on a cell that already holds the clerk's own note fails, and only the notes
  for (const n of read.ourNotes) n.delete();
  const notes = caps.notes && wb.notes ? wb.notes : caps.comments && wb.comments ? wb.comments : null;
  let added = 0;
  if (notes) {
    for (const m of marks.values()) {
      notes.add(`${quoteSheet(m.sheet)}!${m.address}`, noteText(uniqueMessages(m.findings)));
      added++;
    }
  }
  const result: MarkResult = { marked: marks.size, restored, notes: added, skipped, syncs: 1 };
  try {
    await context.sync();
  } catch (e) {
    if (added > 0 && isNoteError(e)) {
      result.noteWarning = '部分单元格已有批注或备注，未能在其上添加说明；标记颜色已全部写入。';
      return result;
    }
    throw e;
  }
  return result;
}

export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Removes every mark: each cell gets its own fill back, our notes go, the bookkeeping sheet goes. Two syncs. */
export async function clearMarks(context: XContext, caps: Capabilities = ALL_CAPABILITIES): Promise<ClearResult> {
  const wb = context.workbook;
  const book = wb.worksheets.getItemOrNullObject(MARK_SHEET);
  book.load('name');
  const used = book.getUsedRangeOrNullObject(true);
  used.load('values');
  const sheets = wb.worksheets.load('items/name');
  const notes = caps.notes && wb.notes ? wb.notes.load('items/content') : caps.comments && wb.comments ? wb.comments.load('items/content') : null;
  await context.sync();
  const ours: XNote[] = notes ? notes.items.filter((n) => typeof n.content === 'string' && n.content.startsWith(NOTE_PREFIX)) : [];
  if (book.isNullObject && ours.length === 0) return { restored: 0, notesRemoved: 0, syncs: 1 };
  const records = !book.isNullObject && !used.isNullObject ? parseRecords(used.values.map((r) => r[0])) : new Map<string, MarkRecord>();
  const existing = new Set(sheets.items.map((s) => s.name));
  const restored = queueRestore(context, [...records.values()], existing, caps);
  for (const n of ours) n.delete();
  if (!book.isNullObject) {
    // Excel refuses to delete a VeryHidden sheet: make it Hidden first
    book.visibility = 'Hidden';
    book.delete();
  }
  await context.sync();
  return { restored, notesRemoved: ours.length, syncs: 2 };
}

/** Selects a finding's cells: activates the first cell's sheet and selects its cells there. One sync. */
export async function selectCells(context: XContext, cells: { sheet: string; address: string }[]): Promise<void> {
  if (cells.length === 0) return;
  const sheet = cells[0].sheet;
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.activate();
  const same = cells.filter((c) => c.sheet === sheet).map((c) => normAddress(c.address));
  ws.getRange(same[0]).select();
  await context.sync();
}

export { ALL_CAPABILITIES };
