// Office.js adapter, reading: the whole workbook -> core Grid in ONE context.sync().
//
// Excel needs a round trip to list the worksheets, so instead of worksheets.load() + sync + per-sheet
// loads (two round trips), we walk the sheets with getFirst() / getNextOrNullObject() chained inside
// the same batch: the chain's proxies exist before anything is known, and the links past the last
// sheet are null objects whose loads come back empty. Each link queues the sheet's name and
// visibility, its used range (values, formulas, numberFormat, valueTypes, address), its cell fills
// (getCellProperties, ExcelApi 1.9; kept to record the original fills before marking) and its
// merged areas (ExcelApi 1.13 when offered). Workbooks with more sheets than the chain continue the
// chain in another batch (rare: budget workbooks hold about ten sheets).
import type { Cell, Rect, Sheet, Workbook } from '../../core/model/grid';
import { parseAddress } from '../../core/model/grid';
import type { Capabilities, ClientResult, CellPropsFill, FillProps, XContext, XNote, XRange, XRangeAreas, XWorksheet } from './api';
import { ALL_CAPABILITIES } from './api';
import { MARK_SHEET, NOTE_PREFIX, parseRecords, type MarkRecord } from './records';

/** How many sheets one batch reaches; further sheets cost one more batch each such block. */
export const SHEET_CHAIN = 64;

export interface SheetFills {
  top: number;
  left: number;
  fills: (FillProps | undefined)[][];
}

/** What one read keeps for marking: the Grid, each sheet's fills, our earlier records and notes. */
export interface OfficeRead {
  workbook: Workbook;
  /** sheet name (as in Excel) -> fills of its used range */
  fills: Map<string, SheetFills>;
  /** every sheet name in the workbook, including hidden ones and ours */
  sheetNames: string[];
  /** true when our bookkeeping sheet exists */
  hasMarkSheet: boolean;
  /** rows in the bookkeeping sheet (to clear the leftovers when rewriting) */
  markSheetRows: number;
  /** cells marked by an earlier run, with their original fills */
  records: Map<string, MarkRecord>;
  /** notes/comments we added earlier (content starts with NOTE_PREFIX), ready to delete */
  ourNotes: XNote[];
  caps: Capabilities;
  syncs: number;
}

interface Link {
  ws: XWorksheet;
  used: XRange;
  props: ClientResult<CellPropsFill[][]> | null;
  merged: XRangeAreas | null;
}

const FILL_PROPS = { format: { fill: { color: true, pattern: true, patternColor: true, tintAndShade: true, patternTintAndShade: true } } };

function queueLink(ws: XWorksheet, caps: Capabilities): Link {
  ws.load(['name', 'visibility']);
  const used = ws.getUsedRangeOrNullObject(false);
  used.load(['address', 'rowIndex', 'columnIndex', 'values', 'formulas', 'numberFormat', 'valueTypes']);
  const props = caps.rangeAreas ? used.getCellProperties(FILL_PROPS) : null;
  const merged = caps.mergedAreas && used.getMergedAreasOrNullObject ? used.getMergedAreasOrNullObject().load('address') : null;
  return { ws, used, props, merged };
}

/** Splits 'Sheet1!A1:B2,'It''s'!C3' into its areas, respecting quoted sheet names. */
export function splitAreas(address: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < address.length; i++) {
    const ch = address[i];
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

function toCell(value: unknown, formula: unknown, numFmt: unknown, type: string | undefined): Cell | undefined {
  const f = typeof formula === 'string' && formula.startsWith('=') ? formula.slice(1) : undefined;
  const nf = typeof numFmt === 'string' && numFmt !== 'General' ? numFmt : undefined;
  if (type === 'Error') {
    const c: Cell = { value: null, error: String(value) };
    if (f !== undefined) c.formula = f;
    if (nf) c.numFmt = nf;
    return c;
  }
  let v: Cell['value'] = null;
  if (typeof value === 'number' || typeof value === 'boolean') v = value;
  else if (typeof value === 'string' && value !== '') v = value;
  if (v === null && f === undefined) return nf ? { value: null, numFmt: nf } : undefined;
  const c: Cell = { value: v };
  if (f !== undefined) c.formula = f;
  if (nf) c.numFmt = nf;
  return c;
}

function buildSheet(link: Link, name: string, hidden: boolean): { sheet: Sheet; fills?: SheetFills } {
  const sheet: Sheet = { name, rows: [], merges: [] };
  if (hidden) sheet.hidden = true;
  const used = link.used;
  if (used.isNullObject) return { sheet };
  const top = used.rowIndex;
  const left = used.columnIndex;
  const values = used.values;
  const formulas = used.formulas;
  const fmts = used.numberFormat;
  const types = used.valueTypes;
  for (let i = 0; i < values.length; i++) {
    const row: (Cell | undefined)[] = [];
    let any = false;
    for (let j = 0; j < values[i].length; j++) {
      const c = toCell(values[i][j], formulas[i]?.[j], fmts[i]?.[j], types[i]?.[j]);
      if (c) {
        row[left + j] = c;
        any = true;
      }
    }
    if (any) sheet.rows[top + i] = row;
  }
  if (link.merged && !link.merged.isNullObject && link.merged.address) {
    sheet.merges = splitAreas(link.merged.address).map(areaRect);
  }
  let fills: SheetFills | undefined;
  const props = link.props ? link.props.value : null;
  if (props) {
    fills = { top, left, fills: props.map((row) => row.map((p) => p?.format?.fill)) };
  }
  return { sheet, fills };
}

/**
 * Reads every sheet into the Grid in one context.sync() (plus one per further 64 sheets), together
 * with what marking needs. Our bookkeeping sheet is read for its records but not handed to the core.
 */
export async function readWorkbook(context: XContext, caps: Capabilities = ALL_CAPABILITIES): Promise<OfficeRead> {
  const wb = context.workbook;
  const links: Link[] = [];
  let prev: XWorksheet = wb.worksheets.getFirst(false);
  links.push(queueLink(prev, caps));
  const extend = (): void => {
    for (let i = 1; i < SHEET_CHAIN; i++) {
      prev = prev.getNextOrNullObject(false);
      links.push(queueLink(prev, caps));
    }
  };
  extend();
  const notes = caps.notes && wb.notes ? wb.notes.load('items/content') : caps.comments && wb.comments ? wb.comments.load('items/content') : null;
  await context.sync();
  let syncs = 1;
  // more sheets than one chain reaches: continue from the last one (bounded by the sheet count)
  while (!links[links.length - 1].ws.isNullObject) {
    extend();
    await context.sync();
    syncs++;
  }

  const result: OfficeRead = {
    workbook: { sheets: [] },
    fills: new Map(),
    sheetNames: [],
    hasMarkSheet: false,
    markSheetRows: 0,
    records: new Map(),
    ourNotes: [],
    caps,
    syncs,
  };
  for (const link of links) {
    if (link.ws.isNullObject) break;
    const name = link.ws.name;
    result.sheetNames.push(name);
    if (name === MARK_SHEET) {
      result.hasMarkSheet = true;
      if (!link.used.isNullObject) {
        const vals = link.used.values;
        result.markSheetRows = link.used.rowIndex + vals.length;
        result.records = parseRecords(vals.map((r) => r[0]));
      }
      continue;
    }
    const { sheet, fills } = buildSheet(link, name, link.ws.visibility !== 'Visible');
    result.workbook.sheets.push(sheet);
    if (fills) result.fills.set(name, fills);
  }
  if (notes) result.ourNotes = notes.items.filter((n) => typeof n.content === 'string' && n.content.startsWith(NOTE_PREFIX));
  return result;
}

/** The fill a cell had when read (no fill when outside the used range: such a cell has no format). */
export function fillAt(read: OfficeRead, sheet: string, address: string): FillProps | undefined {
  const f = read.fills.get(sheet);
  if (!f) return undefined;
  const { r, c } = parseAddress(address);
  return f.fills[r - f.top]?.[c - f.left];
}
