// Office.js adapter, reading: the whole workbook -> core Grid, in a few syncs whatever its size.
//
//  1. the sheet list (names, visibility, protection) and the workbook's structure protection;
//  2. each sheet's used range by values (getUsedRangeOrNullObject(true): a sheet bordered or filled
//     far beyond its data is not read beyond it), only its position and size;
//  3. the values, in row bands packed into syncs of at most SYNC_BUDGET response bytes (the cell
//     density is learnt from each band's answer; a band Excel still refuses is split and asked again);
//  4. for the few cells whose text looks like an error value (#REF!, #N/A, ...), their value types and
//     formulas, to tell an error from text;
//  5. merged areas: one sync for every sheet; getMergedAreasOrNullObject fails over 512 areas, so a
//     sheet it fails on is asked again in halves (only there, one sync per part).
// Values only: the engine needs no number formats (a number stored as text comes back as a string),
// and fills are read later, for the cells about to be marked only (marks.ts).
import type { Cell, Rect, Sheet, Workbook } from '../../core/model/grid';
import { address, parseAddress } from '../../core/model/grid';
import { UserError } from '../errors';
import type { Capabilities, XContext, XRange, XRangeAreas, XWorksheet } from './api';
import { ALL_CAPABILITIES } from './api';
import { Batcher, isSizeError, jsonBytes, SYNC_BUDGET } from './batch';
import { MARK_SHEET, parseRecords, type MarkRecord } from './records';

/** What one read keeps for marking: plain data only (no Office objects), so marking can run in its own Excel.run. */
export interface OfficeRead {
  workbook: Workbook;
  /** every sheet name in the workbook, including hidden ones and ours */
  sheetNames: string[];
  /** sheets whose protection is on (they cannot be marked) */
  protectedSheets: string[];
  /** the workbook structure is protected (no sheet can be added) */
  structureProtected: boolean;
  /** true when our bookkeeping sheet exists */
  hasMarkSheet: boolean;
  /** rows in the bookkeeping sheet (to clear the leftovers when rewriting) */
  markSheetRows: number;
  /** cells marked by an earlier run, with their original fills */
  records: Map<string, MarkRecord>;
  /** sheets with a row of more than 512 merged areas: their merges are read in part */
  mergesIncomplete: string[];
  caps: Capabilities;
  syncs: number;
}

/** first guess of a cell's bytes in the values answer (numbers ~10, Chinese names ~40); then measured */
const FIRST_CELL_BYTES = 48;
/**
 * cells a sheet's used range may span (Excel's own limit for one get is five million): a sheet whose used
 * range is larger is mostly empty far out (a stray entry at XFD1048576) and is refused with the reason
 */
export const SHEET_CELLS_MAX = 5_000_000;
/** syncs the merged areas of sheets with more than 512 may cost at most (each halves a failing part) */
const MERGE_SYNCS_MAX = 400;
/** cells of each sheet's first band, small so that its answer shows the sheet's density before big bands */
const PROBE_CELLS = 500;
const ERROR_TEXT = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|BUSY!|CONNECT!|UNKNOWN!|PYTHON!|EXTERNAL!)$/;

interface SheetInfo {
  ws: XWorksheet;
  name: string;
  hidden: boolean;
  used: XRange;
  top: number;
  left: number;
  rows: number;
  cols: number;
  sheet: Sheet;
  /** next row (relative to top) still to read */
  next: number;
  /** measured bytes per cell of this sheet's answers, with a margin */
  cellBytes: number;
  /** the first (small) band has been asked */
  probed: boolean;
}

interface Band {
  info: SheetInfo;
  row: number;
  count: number;
}

/** Splits 'Sheet1!A1:B2,'It''s'!C3' into its areas, respecting quoted sheet names. */
export function splitAreas(addr: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < addr.length; i++) {
    const ch = addr[i];
    if (ch === "'") quoted = !quoted;
    if (ch === ',' && !quoted) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** 'Sheet1!B3:D4' -> Rect (the sheet part is ignored). */
export function areaRect(area: string): Rect {
  const bang = area.lastIndexOf('!');
  const a = bang >= 0 ? area.slice(bang + 1) : area;
  const [p, q] = a.split(':');
  const s = parseAddress(p);
  const e = q ? parseAddress(q) : s;
  return { top: s.r, left: s.c, bottom: e.r, right: e.c };
}

function toCell(value: unknown): Cell | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') return { value };
  if (typeof value === 'string' && value !== '') return { value };
  return undefined;
}

function bandAddress(b: Band): string {
  const { top, left, cols } = b.info;
  return `${address(top + b.row, left)}:${address(top + b.row + b.count - 1, left + cols - 1)}`;
}

function tooBig(name: string): UserError {
  return new UserError(`工作表“${name}”中一行的内容太多，Excel 一次无法传出（超过网页版 Excel 每次 5 MB 的限制）：请删除该表中不需要的长文字后再试。`);
}

/** Reads the values of every sheet in bands packed by size; returns the cells whose text looks like an error. */
async function readValues(context: XContext, infos: SheetInfo[], stats: { syncs: number; maxResponse: number }): Promise<{ info: SheetInfo; r: number; c: number }[]> {
  const suspects: { info: SheetInfo; r: number; c: number }[] = [];
  const retry: Band[] = [];
  const waiting = new Set<SheetInfo>();
  let cursor = 0;
  const nextBand = (budget: number): Band | undefined => {
    if (retry.length) return retry.shift();
    while (cursor < infos.length && infos[cursor].next >= infos[cursor].rows) cursor++;
    // a sheet whose first band is still out waits for its answer (its density) before more of it is asked
    const info = infos.slice(cursor).find((i) => i.next < i.rows && !(i.probed && waiting.has(i)));
    if (!info) return undefined;
    const rowBytes = Math.max(1, info.cols * info.cellBytes);
    const fit = info.probed ? Math.floor(budget / rowBytes) : Math.floor(Math.min(budget / rowBytes, PROBE_CELLS / info.cols));
    if (!info.probed) waiting.add(info);
    info.probed = true;
    const count = Math.max(1, Math.min(info.rows - info.next, fit));
    const band = { info, row: info.next, count };
    info.next += count;
    return band;
  };
  for (;;) {
    const batch: { band: Band; range: XRange }[] = [];
    let est = 0;
    while (est < SYNC_BUDGET) {
      const band = nextBand(SYNC_BUDGET - est);
      if (!band) break;
      const range = band.info.ws.getRange(bandAddress(band)).load('values');
      batch.push({ band, range });
      est += band.count * band.info.cols * band.info.cellBytes;
    }
    if (batch.length === 0) break;
    waiting.clear();
    try {
      await context.sync();
      stats.syncs++;
    } catch (e) {
      stats.syncs++;
      if (!isSizeError(e)) throw e;
      // too big after all: expect denser cells from these sheets, halve the bands and ask again (in
      // smaller batches); a single row alone that Excel still refuses cannot be read
      if (batch.length === 1 && batch[0].band.count === 1) throw tooBig(batch[0].band.info.name);
      for (const { band } of batch) {
        band.info.cellBytes *= 2;
        if (band.count === 1) retry.push(band);
        else {
          const half = Math.ceil(band.count / 2);
          retry.push({ info: band.info, row: band.row, count: half }, { info: band.info, row: band.row + half, count: band.count - half });
        }
      }
      continue;
    }
    let got = 0;
    for (const { band, range } of batch) {
      const values = range.values;
      const info = band.info;
      if (!Array.isArray(values)) throw tooBig(info.name);
      const bytes = jsonBytes(values);
      got += bytes;
      const cells = Math.max(1, band.count * info.cols);
      info.cellBytes = Math.max(4, (bytes / cells) * 1.5);
      for (let i = 0; i < values.length; i++) {
        const r = info.top + band.row + i;
        let row: (Cell | undefined)[] | undefined;
        const vals = values[i];
        for (let j = 0; j < vals.length; j++) {
          const cell = toCell(vals[j]);
          if (!cell) continue;
          if (!row) row = info.sheet.rows[r] ??= [];
          row[info.left + j] = cell;
          if (typeof cell.value === 'string' && cell.value.charCodeAt(0) === 35 && ERROR_TEXT.test(cell.value)) suspects.push({ info, r, c: info.left + j });
        }
      }
    }
    stats.maxResponse = Math.max(stats.maxResponse, got);
  }
  return suspects;
}

/** Error values: the text '#REF!' and the error #REF! both come back as '#REF!'; value types tell them apart. */
async function readErrors(context: XContext, suspects: { info: SheetInfo; r: number; c: number }[], stats: { syncs: number; maxRequest: number; maxResponse: number }): Promise<void> {
  if (suspects.length === 0) return;
  const batch = new Batcher(context);
  for (const s of suspects) {
    const range = s.info.ws.getRange(address(s.r, s.c));
    await batch.add(60, 400, () => range.load(['valueTypes', 'formulas']), () => {
      if (range.valueTypes[0]?.[0] !== 'Error') return;
      const cell = s.info.sheet.rows[s.r]?.[s.c];
      if (!cell) return;
      const f = range.formulas[0]?.[0];
      s.info.sheet.rows[s.r][s.c] = { value: null, error: String(cell.value), ...(typeof f === 'string' && f.startsWith('=') ? { formula: f.slice(1) } : {}) };
    });
  }
  await batch.flush();
  stats.syncs += batch.syncs;
  stats.maxRequest = Math.max(stats.maxRequest, batch.maxRequest);
  stats.maxResponse = Math.max(stats.maxResponse, batch.maxResponse);
}

interface MergePart {
  info: SheetInfo;
  row: number;
  count: number;
}

/**
 * Merged areas (ExcelApi 1.13). getMergedAreasOrNullObject returns the areas whose top-left cell is in
 * the range and fails over 512 of them: every sheet in one sync; a sheet that fails alone is asked
 * again in halves, recursively, one sync per part (a single row with more than 512 is skipped).
 */
async function readMerges(context: XContext, infos: SheetInfo[], stats: { syncs: number }, incomplete: Set<string>): Promise<void> {
  const ask = async (parts: MergePart[]): Promise<boolean> => {
    const probes: { part: MergePart; areas: XRangeAreas }[] = [];
    for (const part of parts) {
      const { info } = part;
      const range = info.ws.getRange(`${address(info.top + part.row, info.left)}:${address(info.top + part.row + part.count - 1, info.left + info.cols - 1)}`);
      if (!range.getMergedAreasOrNullObject) return true;
      probes.push({ part, areas: range.getMergedAreasOrNullObject().load('address') });
    }
    try {
      await context.sync();
      stats.syncs++;
    } catch (e) {
      stats.syncs++;
      if ((e as { code?: string })?.code === 'RequestPayloadSizeLimitExceeded') throw e;
      return false;
    }
    for (const { part, areas } of probes) {
      if (!areas.isNullObject && areas.address) part.info.sheet.merges.push(...splitAreas(areas.address).map(areaRect));
    }
    return true;
  };
  const whole = infos.filter((i) => i.rows > 0).map((info) => ({ info, row: 0, count: info.rows }));
  if (whole.length === 0 || (await ask(whole))) return;
  let asked = 0;
  const bisect = async (part: MergePart): Promise<void> => {
    // a bound on the syncs a pathological sheet may cost; what is left is reported as incomplete
    if (++asked > MERGE_SYNCS_MAX) {
      incomplete.add(part.info.name);
      return;
    }
    if (await ask([part])) return;
    if (part.count === 1) {
      incomplete.add(part.info.name);
      return;
    }
    const half = Math.ceil(part.count / 2);
    await bisect({ info: part.info, row: part.row, count: half });
    await bisect({ info: part.info, row: part.row + half, count: part.count - half });
  };
  for (const part of whole) await bisect(part);
}

function sheetInfo(ws: XWorksheet, name: string, hidden: boolean): SheetInfo {
  const used = ws.getUsedRangeOrNullObject(true).load(['rowIndex', 'columnIndex', 'rowCount', 'columnCount']);
  return { ws, name, hidden, used, top: 0, left: 0, rows: 0, cols: 0, sheet: { name, rows: [], merges: [] }, next: 0, cellBytes: FIRST_CELL_BYTES, probed: false };
}

/** After the sync that loaded info.used: where the sheet's values are. */
function place(info: SheetInfo): void {
  if (info.hidden) info.sheet.hidden = true;
  if (info.used.isNullObject) return;
  info.top = info.used.rowIndex;
  info.left = info.used.columnIndex;
  info.rows = info.used.rowCount;
  info.cols = info.used.columnCount;
}

/** Column A of one sheet (our bookkeeping sheet), read in budget-sized bands: one entry per row from row 1. */
export async function readSheetColumn(context: XContext, ws: XWorksheet, stats: { syncs: number }): Promise<unknown[]> {
  const info = sheetInfo(ws, ws.name, true);
  await context.sync();
  stats.syncs++;
  place(info);
  info.cols = Math.min(info.cols, info.left === 0 ? 1 : 0);
  const s = { syncs: 0, maxResponse: 0 };
  if (info.cols > 0) await readValues(context, [info], s);
  stats.syncs += s.syncs;
  const column: unknown[] = [];
  for (let r = 0; r < info.top + info.rows; r++) column.push(info.sheet.rows[r]?.[0]?.value ?? '');
  return column;
}

/**
 * Reads every sheet into the Grid, with what marking needs. Our bookkeeping sheet is read for its
 * records but not handed to the core.
 */
export async function readWorkbook(context: XContext, caps: Capabilities = ALL_CAPABILITIES): Promise<OfficeRead> {
  const wb = context.workbook;
  const list = wb.worksheets.load('items/name,items/visibility,items/protection/protected');
  const wbProtection = wb.protection ? (wb.protection.load('protected'), wb.protection) : null;
  await context.sync();
  const stats = { syncs: 1, maxRequest: 0, maxResponse: 0 };

  const infos = list.items.map((ws) => sheetInfo(ws, ws.name, ws.visibility !== 'Visible'));
  await context.sync();
  stats.syncs++;
  for (const info of infos) {
    place(info);
    if (info.rows * info.cols > SHEET_CELLS_MAX) {
      const far = address(info.top + info.rows - 1, info.left + info.cols - 1);
      throw new UserError(`工作表“${info.name}”的已用区域延伸到 ${far}（约 ${Math.round((info.rows * info.cols) / 10000)} 万个单元格），太大，无法读入：请在该表按 Ctrl+End 找到最后一个有内容的单元格，删除远处多余的内容后再试。`);
    }
  }

  const suspects = await readValues(context, infos, stats);
  await readErrors(context, suspects, stats);
  const incomplete = new Set<string>();
  if (caps.mergedAreas) await readMerges(context, infos.filter((i) => i.name !== MARK_SHEET), stats, incomplete);

  const result: OfficeRead = {
    workbook: { sheets: [] },
    sheetNames: [],
    protectedSheets: [],
    structureProtected: !!wbProtection?.protected,
    hasMarkSheet: false,
    markSheetRows: 0,
    records: new Map(),
    mergesIncomplete: [...incomplete],
    caps,
    syncs: stats.syncs,
  };
  for (const info of infos) {
    result.sheetNames.push(info.name);
    if (info.ws.protection?.protected) result.protectedSheets.push(info.name);
    if (info.name === MARK_SHEET) {
      result.hasMarkSheet = true;
      result.markSheetRows = info.top + info.rows;
      const column: unknown[] = [];
      info.sheet.rows.forEach((row, r) => (column[r] = row?.[0]?.value));
      result.records = parseRecords(column);
      continue;
    }
    for (let r = 0; r < info.sheet.rows.length; r++) if (!info.sheet.rows[r]) info.sheet.rows[r] = [];
    info.sheet.merges.sort((a, b) => a.top - b.top || a.left - b.left);
    result.workbook.sheets.push(info.sheet);
  }
  return result;
}

export { SYNC_BUDGET };
