// Office.js adapter, marking: findings -> coloured cells + explaining notes; clearing: back to each
// cell's own fill. Values are never written. Every batch is sized to stay far below Excel on the web's
// 5 MB (batch.ts); the number of syncs grows with the number of marked cells, never per row.
//
// Order, so that nothing is lost should a later batch fail: the original fills of the cells about to be
// marked are read and recorded in the bookkeeping sheet first; then cells fine again get their fill back,
// the cells are coloured, our old notes go and the new ones are added last.
import type { Report, Severity } from '../../core/model/findings';
import { MARK_FILLS, markFill, markKey, markLines, markPlan, normAddress, type CellMark } from '../../core/model/marks';
import { address, parseAddress } from '../../core/model/grid';
import type { Capabilities, CellPropsFill, ClientResult, FillProps, XContext, XFill, XNote, XNoteCollection, XRange, XWorksheet } from './api';
import { ALL_CAPABILITIES } from './api';
import { Batcher, isSizeError, jsonBytes, utf8Length } from './batch';
import type { OfficeRead } from './read';
import { readSheetColumn } from './read';
import { isNoFill, MARK_HEADER, MARK_SHEET, NOTE_PREFIX, parseRecords, recordRow, type MarkRecord } from './records';

/** Fill colours of our marks, as Office.js writes them (the plan's, src/core/model/marks.ts). */
export const MARK_COLORS: Record<Severity, string> = { error: '#' + MARK_FILLS.error, warning: '#' + MARK_FILLS.warning, info: '#' + MARK_FILLS.info };
/** addresses per getRanges() call, keeping each address string well below Excel's limits */
const ADDRESS_CHUNK = 150;
/** longest note text we write (Excel notes hold far more; clerks read a few lines) */
const NOTE_MAX = 800;
/** bytes of one cell's fill in a getCellProperties answer */
const FILL_ANSWER_BYTES = 170;
/** bytes of a note or comment in a collection answer (ours are at most NOTE_MAX characters) */
const NOTE_ANSWER_BYTES = 3 * NOTE_MAX;
/** records written per range (one JSON text per row) */
const RECORD_ROWS = 2000;

export interface MarkResult {
  /** cells marked now */
  marked: number;
  /** cells marked before and no longer in the report, restored */
  restored: number;
  /** notes/comments added */
  notes: number;
  /** finding cells on sheets that do not exist (not marked) */
  skipped: number;
  /** protected sheets whose cells were not marked, with how many */
  protectedSkipped: { sheet: string; cells: number }[];
  /** set when notes could not be added on some cells (the clerk's own note or comment is there); the colours are in place */
  noteWarning?: string;
  /** why nothing was marked, when nothing could be (e.g. the workbook structure is protected) */
  notMarked?: string;
  syncs: number;
}

export interface ClearResult {
  restored: number;
  notesRemoved: number;
  /** protected sheets whose marks were kept (their records too, for a later clear) */
  protectedKept: { sheet: string; cells: number }[];
  syncs: number;
}

function colorOf(m: CellMark): string {
  return '#' + markFill(m);
}

function chunks<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** 'Sheet'!A1 or Sheet!A1 -> { sheet, address } */
function splitRef(ref: string): { sheet: string; address: string } {
  const bang = ref.lastIndexOf('!');
  let sheet = ref.slice(0, bang);
  if (sheet.startsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, address: normAddress(ref.slice(bang + 1).split(':')[0]) };
}

/** Queues `fn` on the fill of these cells of one sheet: RangeAreas (ExcelApi 1.9) in chunks, or cell by cell. */
async function withFills(batch: Batcher, ws: XWorksheet, addresses: string[], caps: Capabilities, actions: number, fn: (fill: XFill) => void): Promise<void> {
  if (caps.rangeAreas && ws.getRanges) {
    for (const part of chunks(addresses, ADDRESS_CHUNK)) {
      const joined = part.join(',');
      await batch.add(utf8Length(joined) + actions * 120, 0, () => fn(ws.getRanges!(joined).format.fill));
    }
  } else {
    for (const a of addresses) await batch.add(actions * 120, 0, () => fn(ws.getRange(a).format.fill));
  }
}

/** Number of actions applyFill queues for f. */
function fillActions(f: FillProps | undefined): number {
  return isNoFill(f) ? 1 : 5;
}

/** Gives cells their recorded fill back: No Fill, a colour with its tint, or a pattern with its colour and tint. */
function applyFill(fill: XFill, f: FillProps | undefined, caps: Capabilities): void {
  if (isNoFill(f)) {
    fill.clear();
    return;
  }
  const v = f as FillProps;
  // setting the colour makes a solid fill without tint: pattern and tints come after it
  fill.color = v.color ?? '#FFFFFF';
  if (!caps.rangeAreas) return;
  const patterned = typeof v.pattern === 'string' && v.pattern !== 'Solid' && v.pattern !== 'None';
  if (patterned) {
    fill.pattern = v.pattern as string;
    if (v.patternColor) fill.patternColor = v.patternColor;
    if (typeof v.patternTintAndShade === 'number' && v.patternTintAndShade !== 0) fill.patternTintAndShade = v.patternTintAndShade;
  }
  if (typeof v.tintAndShade === 'number' && v.tintAndShade !== 0) fill.tintAndShade = v.tintAndShade;
}

/** Queues the restoring of recorded cells, grouped by sheet and identical original fill. */
async function queueRestore(batch: Batcher, context: XContext, recs: MarkRecord[], caps: Capabilities): Promise<void> {
  const bySheet = new Map<string, Map<string, { fill: FillProps; addresses: string[] }>>();
  for (const rec of recs) {
    let groups = bySheet.get(rec.sheet);
    if (!groups) bySheet.set(rec.sheet, (groups = new Map()));
    const k = isNoFill(rec.fill) ? 'none' : JSON.stringify(rec.fill);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { fill: rec.fill, addresses: [] }));
    g.addresses.push(rec.address);
  }
  for (const [sheet, groups] of bySheet) {
    const ws = context.workbook.worksheets.getItem(sheet);
    for (const g of groups.values()) await withFills(batch, ws, g.addresses, caps, fillActions(g.fill), (fill) => applyFill(fill, g.fill, caps));
  }
}

function noteText(m: CellMark): string {
  const messages = markLines(m);
  let s = NOTE_PREFIX + (messages.length > 1 ? messages.map((msg, i) => `${i + 1}. ${msg}`).join('\n') : messages[0] ?? '');
  if (s.length > NOTE_MAX) s = s.slice(0, NOTE_MAX - 1) + '…';
  return s;
}

/** The collections notes and comments live in: notes (ExcelApi 1.18) and comments (1.10), whichever the host has. */
function noteCollections(context: XContext, caps: Capabilities): XNoteCollection[] {
  const wb = context.workbook;
  const out: XNoteCollection[] = [];
  if (caps.notes && wb.notes) out.push(wb.notes);
  if (caps.comments && wb.comments) out.push(wb.comments);
  return out;
}

interface NoteScan {
  /** our notes and comments, with their cell */
  ours: { note: XNote; sheet: string; address: string }[];
  /** cells holding someone else's note or comment (no note of ours can go there) */
  taken: Set<string>;
}

/**
 * Every note and comment of the workbook, in pages sized to the budget: which are ours (their text
 * starts with NOTE_PREFIX, whichever API or program wrote them) and which cells hold the clerk's.
 */
async function scanNotes(context: XContext, caps: Capabilities, stats: { syncs: number }): Promise<NoteScan> {
  const scan: NoteScan = { ours: [], taken: new Set() };
  const colls = noteCollections(context, caps);
  if (colls.length === 0) return scan;
  const counts = colls.map((c) => c.getCount());
  await context.sync();
  stats.syncs++;
  const found: XNote[] = [];
  for (const [i, coll] of colls.entries()) {
    const total = counts[i].value;
    let page = Math.max(1, Math.floor(1_000_000 / NOTE_ANSWER_BYTES));
    for (let skip = 0; skip < total; ) {
      coll.load({ select: 'content', top: page, skip });
      try {
        await context.sync();
        stats.syncs++;
      } catch (e) {
        stats.syncs++;
        if (!isSizeError(e) || page === 1) throw e;
        page = Math.ceil(page / 2);
        continue;
      }
      found.push(...coll.items);
      skip += page;
    }
  }
  // where each one is
  const batch = new Batcher(context);
  for (const note of found) {
    const loc = (note as XNote & { getLocation(): XRange }).getLocation();
    await batch.add(80, 120, () => loc.load('address'), () => {
      const ref = splitRef(loc.address);
      if (typeof note.content === 'string' && note.content.startsWith(NOTE_PREFIX)) scan.ours.push({ note, ...ref });
      else scan.taken.add(markKey(ref.sheet, ref.address));
    });
  }
  await batch.flush();
  stats.syncs += batch.syncs;
  return scan;
}

/** The fills of these cells as Excel reports them (getCellProperties, ExcelApi 1.9), one range per run of adjacent cells. */
async function readFills(context: XContext, cells: { sheet: string; address: string }[], stats: { syncs: number }): Promise<Map<string, FillProps>> {
  const out = new Map<string, FillProps>();
  const rows = new Map<string, { sheet: string; r: number; cols: number[] }>();
  for (const c of cells) {
    const { r, c: col } = parseAddress(c.address);
    const k = `${c.sheet}\u0000${r}`;
    const row = rows.get(k);
    if (row) row.cols.push(col);
    else rows.set(k, { sheet: c.sheet, r, cols: [col] });
  }
  const batch = new Batcher(context);
  const sheets = new Map<string, XWorksheet>();
  for (const { sheet, r, cols } of rows.values()) {
    cols.sort((a, b) => a - b);
    let ws = sheets.get(sheet);
    if (!ws) sheets.set(sheet, (ws = context.workbook.worksheets.getItem(sheet)));
    for (let i = 0; i < cols.length; ) {
      let j = i;
      while (j + 1 < cols.length && cols[j + 1] === cols[j] + 1) j++;
      const first = cols[i];
      const last = cols[j];
      const target = ws;
      let props: ClientResult<CellPropsFill[][]> | undefined;
      await batch.add(120, (last - first + 1) * FILL_ANSWER_BYTES, () => {
        props = target.getRange(`${address(r, first)}:${address(r, last)}`).getCellProperties(FILL_PROPS);
      }, () => {
        const row = props?.value?.[0] ?? [];
        for (let c = first; c <= last; c++) {
          const fill = row[c - first]?.format?.fill;
          if (fill) out.set(markKey(sheet, address(r, c)), fill);
        }
      });
      i = j + 1;
    }
  }
  await batch.flush();
  stats.syncs += batch.syncs;
  return out;
}

const FILL_PROPS = { format: { fill: { color: true, pattern: true, patternColor: true, tintAndShade: true, patternTintAndShade: true } } };

/** Writes the records (header + one JSON row each) into the bookkeeping sheet and clears what is left of older ones. */
async function writeRecords(batch: Batcher, book: XWorksheet, records: MarkRecord[], oldRows: number): Promise<void> {
  const rows = [[MARK_HEADER], ...records.map((r) => [recordRow(r)])];
  for (let i = 0; i < rows.length; i += RECORD_ROWS) {
    const part = rows.slice(i, i + RECORD_ROWS);
    const bytes = jsonBytes(part) + part.length * 6;
    await batch.add(bytes, 0, () => {
      const range = book.getRange(`A${i + 1}:A${i + part.length}`);
      range.numberFormat = part.map(() => ['@']);
      range.values = part;
    });
  }
  if (oldRows > rows.length) await batch.add(100, 0, () => book.getRange(`A${rows.length + 1}:A${oldRows}`).clear('Contents'));
}

/** Drops the marks of protected sheets from `marks`, counting them per sheet. */
function withoutProtected<T extends { sheet: string }>(items: T[], prot: Set<string>): { kept: T[]; dropped: { sheet: string; cells: number }[] } {
  const kept: T[] = [];
  const dropped = new Map<string, number>();
  for (const it of items) {
    if (prot.has(it.sheet)) dropped.set(it.sheet, (dropped.get(it.sheet) ?? 0) + 1);
    else kept.push(it);
  }
  return { kept, dropped: [...dropped].map(([sheet, cells]) => ({ sheet, cells })) };
}

/**
 * Marks every cell of the report: records the original fills (keeping the records of cells already
 * marked, so our colour is never taken for the original), restores cells marked before that are fine
 * now, colours the cells by severity, replaces our notes. Cells on protected sheets are left alone and
 * counted; a report without findings on a workbook never marked adds nothing.
 */
export async function writeMarks(context: XContext, report: Report, read: OfficeRead): Promise<MarkResult> {
  const caps = read.caps;
  const existing = new Set(read.sheetNames);
  const prot = new Set(read.protectedSheets);
  const plan = markPlan(report, (sheet) => existing.has(sheet) && sheet !== MARK_SHEET);
  const { kept: marks, dropped } = withoutProtected([...plan.marks.values()], prot);
  const result: MarkResult = { marked: 0, restored: 0, notes: 0, skipped: plan.skipped, protectedSkipped: dropped, syncs: 0 };
  if (marks.length === 0 && !read.hasMarkSheet) return result;
  if (!read.hasMarkSheet && read.structureProtected) {
    result.notMarked = '工作簿结构受保护，无法添加记录原底色的隐藏工作表，因此没有标记单元格：请先撤消工作簿保护（“审阅”→“保护工作簿”），再重新校验。';
    return result;
  }
  const stats = { syncs: 0 };
  const markKeys = new Set(marks.map((m) => markKey(m.sheet, m.address)));
  const fresh = marks.filter((m) => !read.records.has(markKey(m.sheet, m.address)));
  const fills = await readFills(context, fresh, stats);
  const scan = await scanNotes(context, caps, stats);

  // records: earlier originals win; new cells take the fill read just now; records of cells we cannot
  // restore now (their sheet is protected) are kept for a later clear
  const records: MarkRecord[] = marks.map((m) => read.records.get(markKey(m.sheet, m.address)) ?? { sheet: m.sheet, address: m.address, fill: fills.get(markKey(m.sheet, m.address)) ?? { pattern: 'None' } });
  const staleAll = [...read.records.entries()].filter(([k]) => !markKeys.has(k)).map(([, r]) => r).filter((r) => existing.has(r.sheet));
  const stale = staleAll.filter((r) => !prot.has(r.sheet));
  const keptRecords = staleAll.filter((r) => prot.has(r.sheet));

  const wb = context.workbook;
  const batch = new Batcher(context);
  // 1. bookkeeping sheet first: should anything later fail, the originals are safe
  const allRecords = [...records, ...keptRecords];
  if (allRecords.length > 0) {
    await batch.add(200, 0, () => undefined);
    const book = read.hasMarkSheet ? wb.worksheets.getItem(MARK_SHEET) : wb.worksheets.add(MARK_SHEET);
    if (!read.hasMarkSheet) book.visibility = 'VeryHidden';
    await writeRecords(batch, book, allRecords, read.markSheetRows);
  }
  // 2. cells no longer wrong get their own fill back
  await queueRestore(batch, context, stale, caps);
  result.restored = stale.length;
  // 3. colour the cells, grouped by sheet and colour
  const groups = new Map<string, { sheet: string; color: string; addresses: string[] }>();
  for (const m of marks) {
    const color = colorOf(m);
    const k = `${color}\u0000${m.sheet}`;
    const g = groups.get(k);
    if (g) g.addresses.push(m.address);
    else groups.set(k, { sheet: m.sheet, color, addresses: [m.address] });
  }
  for (const g of groups.values()) {
    await withFills(batch, wb.worksheets.getItem(g.sheet), g.addresses, caps, 1, (fill) => {
      fill.color = g.color;
    });
  }
  result.marked = marks.length;
  // 4. notes last: ours go (not on protected sheets), new ones come where no note of the clerk's is
  for (const o of scan.ours) if (!prot.has(o.sheet)) await batch.add(60, 0, () => o.note.delete());
  const notes = noteCollections(context, caps)[0];
  let blocked = 0;
  if (notes) {
    for (const m of marks) {
      if (scan.taken.has(markKey(m.sheet, m.address))) {
        blocked++;
        continue;
      }
      const text = noteText(m);
      const where = `${quoteSheet(m.sheet)}!${m.address}`;
      await batch.add(utf8Length(text) + utf8Length(where) + 40, 0, () => notes.add(where, text));
      result.notes++;
    }
  }
  // 5. no marks left: the bookkeeping sheet goes (made Hidden first: Excel does not delete a VeryHidden sheet)
  if (allRecords.length === 0 && read.hasMarkSheet && !read.structureProtected) {
    await batch.add(100, 0, () => {
      const old = wb.worksheets.getItem(MARK_SHEET);
      old.visibility = 'Hidden';
      old.delete();
    });
  }
  await batch.flush();
  result.syncs = stats.syncs + batch.syncs;
  if (blocked > 0) result.noteWarning = `有 ${blocked} 个单元格已有批注或备注，未在其上添加说明；标记颜色已全部写入。`;
  return result;
}

/** Removes every mark: each cell gets its own fill back, our notes go, the bookkeeping sheet goes. */
export async function clearMarks(context: XContext, caps: Capabilities = ALL_CAPABILITIES): Promise<ClearResult> {
  const wb = context.workbook;
  const list = wb.worksheets.load('items/name,items/protection/protected');
  const wbProtection = wb.protection ? (wb.protection.load('protected'), wb.protection) : null;
  await context.sync();
  const stats = { syncs: 1 };
  const sheets = list.items;
  const existing = new Set(sheets.map((s) => s.name));
  const prot = new Set(sheets.filter((s) => s.protection?.protected).map((s) => s.name));
  const bookWs = sheets.find((s) => s.name === MARK_SHEET);
  let records: MarkRecord[] = [];
  let bookRows = 0;
  if (bookWs) {
    const column = await readSheetColumn(context, bookWs, stats);
    bookRows = column.length;
    records = [...parseRecords(column).values()].filter((r) => existing.has(r.sheet));
  }
  const scan = await scanNotes(context, caps, stats);
  const { kept: restore, dropped } = withoutProtected(records, prot);
  const keep = records.filter((r) => prot.has(r.sheet));
  const result: ClearResult = { restored: 0, notesRemoved: 0, protectedKept: dropped, syncs: 0 };
  if (!bookWs && scan.ours.length === 0) {
    result.syncs = stats.syncs;
    return result;
  }
  const batch = new Batcher(context);
  await queueRestore(batch, context, restore, caps);
  result.restored = restore.length;
  for (const o of scan.ours) {
    if (prot.has(o.sheet)) continue;
    await batch.add(60, 0, () => o.note.delete());
    result.notesRemoved++;
  }
  if (bookWs) {
    if (keep.length > 0) await writeRecords(batch, bookWs, keep, bookRows);
    else if (wbProtection?.protected) await batch.add(100, 0, () => bookWs.getRange(`A1:A${Math.max(1, bookRows)}`).clear('Contents'));
    else {
      await batch.add(100, 0, () => {
        // Excel refuses to delete a VeryHidden sheet: make it Hidden first
        bookWs.visibility = 'Hidden';
        bookWs.delete();
      });
    }
  }
  await batch.flush();
  result.syncs = stats.syncs + batch.syncs;
  return result;
}

/** Selects a finding's cells: activates the first cell's sheet and selects its cells there. One sync. */
/** Selects the cells (those on the first one's sheet): all of them with RangeAreas (ExcelApi 1.9), else the first. */
export async function selectCells(context: XContext, cells: { sheet: string; address: string }[], caps?: Capabilities): Promise<void> {
  if (cells.length === 0) return;
  const sheet = cells[0].sheet;
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.activate();
  const same = [...new Set(cells.filter((c) => c.sheet === sheet).map((c) => normAddress(c.address)))];
  if (same.length > 1 && caps?.rangeAreas && ws.getRanges) ws.getRanges(same.slice(0, ADDRESS_CHUNK).join(',')).select();
  else ws.getRange(same[0]).select();
  await context.sync();
}

export { ALL_CAPABILITIES };
