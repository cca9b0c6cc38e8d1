// An in-memory fake of the Excel JavaScript API (Office.js) for Node tests and the browser e2e stub.
// Faithful where our adapter depends on it, each behaviour with its source:
//  - every method call / property write is QUEUED and applied only at context.sync(), in order; a
//    failing operation rejects the sync and the operations before it stay applied (like Excel);
//  - loaded properties throw PropertyNotLoaded when read before the sync that loads them;
//  - *OrNullObject methods give null objects (isNullObject after sync); loading a null object is fine,
//    calling a method on a null worksheet fails the batch (issue #11: load the sheet list first);
//  - Excel on the web limits each request and each response to 5 MB ("Excel on the web limits requests
//    and responses to 5 MB. The API returns a RichAPI.Error error if this limit is exceeded",
//    learn.microsoft.com .../excel/performance#payload-size-limit-best-practices): the request is
//    estimated as the JSON Office.js sends (every action with its arguments plus its object path), the
//    response as the JSON of every loaded value; over 5 MB the sync fails with
//    RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded (the codes Excel on the web
//    reports: office-js-docs-pr #2278, microsoft-graph-docs #15709) and nothing loaded is delivered;
//  - a get of more than five million cells returns null values ("On all platforms, a range is limited to
//    five million cells for get operations ... Range.values returns null instead", office-js-docs-pr #5821);
//  - fills answer as Excel does: No Fill is #FFFFFF with tintAndShade null, a colour fill has a number
//    there, solid and no-fill cells report pattern null (office-js issues #4900, #6218); theme colours
//    come back as their colour plus tintAndShade, patterns by name with their pattern colour;
//  - getMergedAreasOrNullObject returns the areas whose top-left cell is in the range (office-js #3611)
//    and fails over 512 areas ("if the merged areas count in this range is more than 512, then this
//    method will fail to return the result", Excel.Range reference, ExcelApi 1.13);
//  - a protected sheet refuses every format, value or note change, a protected workbook structure
//    refuses adding, deleting or hiding sheets (AccessDenied);
//  - in cell-edit mode every batch fails with InvalidOperationInCellEditMode unless the run was started
//    with { delayForCellEdit: true }, which waits until the edit ends (Excel.RunOptions);
//  - notes (ExcelApi 1.18) and comments (1.10) are two collections; a cell holds one or the other;
//  - syncs are counted, with the request and response size of each.
// No Node APIs here: the e2e test bundles this file for the browser.
import { address, colName } from '../../src/core/model/grid';
import { jsonBytes, utf8Length } from '../../src/io/office/batch';

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** cells a single get may return (beyond: values come back null) */
export const GET_CELL_LIMIT = 5_000_000;
/** merged areas getMergedAreasOrNullObject can return */
export const MERGED_AREA_LIMIT = 512;
const MAX_ROWS = 1048576;
const MAX_COLS = 16384;
/** bytes Office.js adds per queued action: the action record and the object path it acts on */
const ACTION_OVERHEAD = 160;
/** bytes of the response envelope per loaded object */
const RESULT_OVERHEAD = 40;

/** A cell's fill as stored; an absent fill is No Fill. */
export interface FakeFill {
  color: string;
  pattern: string;
  patternColor: string;
  tintAndShade: number;
  patternTintAndShade: number;
}

/** What a cell's fill looks like right after setting only its colour (solid, no tint). */
export const SOLID_FILL: FakeFill = { color: '#FFFFFF', pattern: 'Solid', patternColor: '#000000', tintAndShade: 0, patternTintAndShade: 0 };

export { utf8Length, jsonBytes };

export interface FakeCellData {
  /** '' for empty; an error cell holds its error text ('#REF!') with error: true */
  value: string | number | boolean;
  error?: boolean;
  formula?: string;
  numberFormat?: string;
  fill?: FakeFill;
  style?: Record<string, unknown>;
}

export interface FakeRect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface FakeSheetData {
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  cells: Map<number, FakeCellData>;
  merges: FakeRect[];
  frozenRows: number;
  frozenCols: number;
  columnWidths: Record<number, number>;
  rowHeights: Record<number, number>;
  tabColor?: string;
  tables: { name: string; address: string; style?: string }[];
  validations: { address: string; rule: unknown }[];
  pageLayout: Record<string, unknown>;
  /** sheet protection on: cells, formats and notes cannot be changed */
  protected?: boolean;
}

export interface FakeNoteData {
  sheet: FakeSheetData;
  address: string;
  content: string;
}

export interface SelectionRecord {
  sheet: string;
  address: string;
}

export class FakeOfficeError extends Error {
  code: string;
  debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(code: string, message: string, location?: string) {
    super(message);
    this.name = 'RichApi.Error';
    this.code = code;
    this.debugInfo = { code, message, errorLocation: location };
  }
}

const key = (r: number, c: number): number => r * MAX_COLS + c;

export { colName };

const cellAddr = address;

function rectAddr(x: FakeRect): string {
  const a = cellAddr(x.top, x.left);
  return x.top === x.bottom && x.left === x.right ? a : `${a}:${cellAddr(x.bottom, x.right)}`;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function parseCell(s: string): { r: number; c: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(s);
  if (!m) return null;
  let c = 0;
  for (const ch of m[1].toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
  return { r: Number(m[2]) - 1, c: c - 1 };
}

/** 'A1', 'A1:C3', 'Sheet!A1:C3', "'My sheet'!B2", '3:5' is not supported. Returns sheet name if given. */
export function parseRangeAddress(address: string): { sheet?: string; rect: FakeRect } {
  let s = address.trim();
  let sheet: string | undefined;
  const bang = s.lastIndexOf('!');
  if (bang >= 0) {
    sheet = s.slice(0, bang);
    if (sheet.startsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    s = s.slice(bang + 1);
  }
  const [a, b] = s.split(':');
  const col = (x: string): number => { let c = 0; for (const ch of x.replace(/\$/g, '').toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64); return c - 1; };
  if (b !== undefined && /^\$?[A-Za-z]{1,3}$/.test(a) && /^\$?[A-Za-z]{1,3}$/.test(b)) {
    return { sheet, rect: { top: 0, bottom: MAX_ROWS - 1, left: Math.min(col(a), col(b)), right: Math.max(col(a), col(b)) } };
  }
  if (b !== undefined && /^\$?\d+$/.test(a) && /^\$?\d+$/.test(b)) {
    const p1 = Number(a.replace('$', '')) - 1;
    const p2 = Number(b.replace('$', '')) - 1;
    return { sheet, rect: { top: Math.min(p1, p2), bottom: Math.max(p1, p2), left: 0, right: MAX_COLS - 1 } };
  }
  const p = parseCell(a);
  const q = b ? parseCell(b) : p;
  if (!p || !q) throw new FakeOfficeError('InvalidArgument', `The argument is invalid or missing or has an incorrect format. (${address})`);
  return { sheet, rect: { top: Math.min(p.r, q.r), left: Math.min(p.c, q.c), bottom: Math.max(p.r, q.r), right: Math.max(p.c, q.c) } };
}

export function newSheet(name: string): FakeSheetData {
  return {
    name,
    visibility: 'Visible',
    cells: new Map(),
    merges: [],
    frozenRows: 0,
    frozenCols: 0,
    columnWidths: {},
    rowHeights: {},
    tables: [],
    validations: [],
    pageLayout: {},
    protected: false,
  };
}

/** The workbook's state: what a file holds. */
export class FakeWorkbookData {
  sheets: FakeSheetData[] = [];
  notes: FakeNoteData[] = [];
  comments: FakeNoteData[] = [];
  selection: SelectionRecord | null = null;
  activeSheet: string | null = null;
  /** workbook structure protected: no sheet can be added, deleted, hidden or shown */
  structureProtected = false;
  /** test hook: the next sync that changes anything fails with this error code (an unexpected Excel failure) */
  failNextWrite: string | null = null;
  /** the user is editing a cell (see FakeExcel.run's delayForCellEdit) */
  private editing = false;
  private editWaiters: (() => void)[] = [];

  get cellEditing(): boolean {
    return this.editing;
  }

  /** Test helper: the user starts (true) or ends (false) editing a cell. */
  setCellEditing(on: boolean): void {
    this.editing = on;
    if (!on) for (const w of this.editWaiters.splice(0)) w();
  }

  /** Resolves when no cell is being edited. */
  editEnded(): Promise<void> {
    return this.editing ? new Promise((r) => this.editWaiters.push(r)) : Promise.resolve();
  }

  sheet(name: string): FakeSheetData | undefined {
    const n = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === n);
  }

  addSheet(name: string): FakeSheetData {
    const s = newSheet(name);
    this.sheets.push(s);
    return s;
  }

  /** Test helpers (direct access, no sync): */
  cell(sheet: string, address: string): FakeCellData | undefined {
    const s = this.sheet(sheet);
    const p = parseCell(address);
    if (!s || !p) return undefined;
    return s.cells.get(key(p.r, p.c));
  }

  setCell(sheet: string, address: string, data: Partial<FakeCellData>): void {
    const s = this.sheet(sheet) ?? this.addSheet(sheet);
    const p = parseCell(address);
    if (!p) throw new Error(address);
    const k = key(p.r, p.c);
    s.cells.set(k, { value: '', ...(s.cells.get(k) ?? {}), ...data });
  }

  /** A file's worth of state as JSON (what "save" keeps); restore with fromJSON ("reopen"). */
  toJSON(): unknown {
    const sheets = this.sheets.map((s) => ({
      ...s,
      cells: [...s.cells.entries()].map(([k, v]) => [Math.floor(k / MAX_COLS), k % MAX_COLS, v]),
    }));
    const note = (n: FakeNoteData) => ({ sheet: n.sheet.name, address: n.address, content: n.content });
    return { sheets, notes: this.notes.map(note), comments: this.comments.map(note), activeSheet: this.activeSheet, structureProtected: this.structureProtected };
  }

  static fromJSON(json: unknown): FakeWorkbookData {
    const j = json as {
      sheets: (Omit<FakeSheetData, 'cells'> & { cells: [number, number, FakeCellData][] })[];
      notes: { sheet: string; address: string; content: string }[];
      comments: { sheet: string; address: string; content: string }[];
      activeSheet?: string | null;
      structureProtected?: boolean;
    };
    const wb = new FakeWorkbookData();
    for (const s of j.sheets) {
      const sh: FakeSheetData = { ...newSheet(s.name), ...s, cells: new Map() };
      for (const [r, c, v] of s.cells) sh.cells.set(key(r, c), v);
      wb.sheets.push(sh);
    }
    const note = (n: { sheet: string; address: string; content: string }): FakeNoteData => ({ sheet: wb.sheet(n.sheet)!, address: n.address, content: n.content });
    wb.notes = (j.notes ?? []).map(note);
    wb.comments = (j.comments ?? []).map(note);
    wb.activeSheet = j.activeSheet ?? null;
    wb.structureProtected = !!j.structureProtected;
    return wb;
  }

  clone(): FakeWorkbookData {
    return FakeWorkbookData.fromJSON(JSON.parse(JSON.stringify(this.toJSON())));
  }
}

// ------------------------------------------------------------------------------------------------
// Request context, queue, proxies

type Resolver<T> = () => T | null;

interface Op {
  name: string;
  payload: unknown;
  run: () => void;
}

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  ops: number;
}

export interface SyncStats {
  syncs: number;
  ops: number;
  lastRequestBytes: number;
  maxRequestBytes: number;
  lastResponseBytes: number;
  maxResponseBytes: number;
  /** every sync of this context, in order */
  log: SyncRecord[];
}

export interface FakeRunOptions {
  delayForCellEdit?: boolean;
}

export class FakeRequestContext {
  readonly workbook: FakeWorkbook;
  readonly stats: SyncStats = { syncs: 0, ops: 0, lastRequestBytes: 0, maxRequestBytes: 0, lastResponseBytes: 0, maxResponseBytes: 0, log: [] };
  private queue: Op[] = [];
  /** loaded values of the sync being run: delivered only when the response fits */
  private staged: { bytes: number; deliver: () => void }[] = [];
  constructor(readonly data: FakeWorkbookData, readonly options: FakeRunOptions = {}) {
    this.workbook = new FakeWorkbook(this);
  }

  enqueue(name: string, payload: unknown, run: () => void): void {
    this.queue.push({ name, payload, run });
  }

  /** A loaded value: counted in the response, handed to the proxy once the response is known to fit. */
  respond(value: unknown, deliver: () => void): void {
    this.staged.push({ bytes: jsonBytes(value) + RESULT_OVERHEAD, deliver });
  }

  get pending(): number {
    return this.queue.length;
  }

  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    this.stats.syncs++;
    this.stats.ops += ops.length;
    // request size: what Office.js would serialise for these actions
    let bytes = 30;
    for (const op of ops) bytes += jsonBytes({ a: op.name, p: op.payload }) + ACTION_OVERHEAD;
    const rec: SyncRecord = { requestBytes: bytes, responseBytes: 0, ops: ops.length };
    this.stats.log.push(rec);
    this.stats.lastRequestBytes = bytes;
    this.stats.maxRequestBytes = Math.max(this.stats.maxRequestBytes, bytes);
    if (bytes > PAYLOAD_LIMIT) {
      throw new FakeOfficeError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".');
    }
    await Promise.resolve();
    if (this.data.cellEditing) {
      if (!this.options.delayForCellEdit) {
        throw new FakeOfficeError('InvalidOperationInCellEditMode', 'Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.');
      }
      await this.data.editEnded();
    }
    this.staged = [];
    if (this.data.failNextWrite && ops.some((op) => !/\.load$|getCount|getCellProperties/.test(op.name))) {
      const code = this.data.failNextWrite;
      this.data.failNextWrite = null;
      throw new FakeOfficeError(code, 'An internal error has occurred.');
    }
    try {
      for (const op of ops) {
        try {
          op.run();
        } catch (e) {
          if (e instanceof FakeOfficeError) {
            e.debugInfo.errorLocation = op.name;
            throw e;
          }
          throw new FakeOfficeError('GeneralException', String((e as Error).message ?? e), op.name);
        }
      }
      let resp = 30;
      for (const st of this.staged) resp += st.bytes;
      rec.responseBytes = resp;
      this.stats.lastResponseBytes = resp;
      this.stats.maxResponseBytes = Math.max(this.stats.maxResponseBytes, resp);
      if (resp > PAYLOAD_LIMIT) {
        throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', 'The size of the payload exceeded the limit. Read the documentation: https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins.');
      }
      for (const st of this.staged) st.deliver();
    } finally {
      this.staged = [];
    }
  }
}

/** Base for proxies: load() / loaded property access with PropertyNotLoaded. */
class Proxy {
  protected loaded = new Map<string, unknown>();
  constructor(protected ctx: FakeRequestContext, protected typeName: string) {}
  /** Sets a loaded property when the sync's response is delivered. */
  protected put(prop: string, value: unknown): void {
    this.ctx.respond(value, () => this.loaded.set(prop, value));
  }
  protected get<T>(prop: string): T {
    if (!this.loaded.has(prop)) {
      throw new FakeOfficeError(
        'PropertyNotLoaded',
        `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
    return this.loaded.get(prop) as T;
  }
  get context(): FakeRequestContext {
    return this.ctx;
  }
}

function propList(props: string | string[] | Record<string, unknown> | undefined): string[] {
  if (props === undefined) return [];
  if (Array.isArray(props)) return props.flatMap((p) => p.split(',')).map((p) => p.trim()).filter(Boolean);
  if (typeof props === 'string') return props.split(',').map((p) => p.trim()).filter(Boolean);
  const sel = (props as { select?: string }).select;
  return sel ? propList(sel) : Object.keys(props);
}

interface RangeTarget {
  sheet: FakeSheetData;
  rects: FakeRect[];
}

function mergedAnchorOf(sheet: FakeSheetData, r: number, c: number): boolean {
  for (const m of sheet.merges) if (r >= m.top && r <= m.bottom && c >= m.left && c <= m.right) return r === m.top && c === m.left;
  return true;
}

function forEachCell(t: RangeTarget, fn: (r: number, c: number) => void): void {
  for (const x of t.rects) {
    const area = (x.bottom - x.top + 1) * (x.right - x.left + 1);
    if (area > 2_000_000) {
      // whole-sheet style ranges: visit existing cells only
      for (const k of [...t.sheet.cells.keys()]) {
        const r = Math.floor(k / MAX_COLS);
        const c = k % MAX_COLS;
        if (r >= x.top && r <= x.bottom && c >= x.left && c <= x.right) fn(r, c);
      }
    } else for (let r = x.top; r <= x.bottom; r++) for (let c = x.left; c <= x.right; c++) fn(r, c);
  }
}

function ensureCell(sheet: FakeSheetData, r: number, c: number): FakeCellData {
  const k = key(r, c);
  let cell = sheet.cells.get(k);
  if (!cell) {
    cell = { value: '' };
    sheet.cells.set(k, cell);
  }
  return cell;
}

function mustResolve<T>(res: Resolver<T>, what: string): T {
  const v = res();
  if (v === null) throw new FakeOfficeError('InvalidObjectPath', `The object path '${what}' isn't working for what you're trying to do. If you're using the object across multiple "context.sync" calls and outside the sequential execution of a ".run" batch, please use the "context.trackedObjects.add()" and "context.trackedObjects.remove()" methods to manage the object's lifetime.`);
  return v;
}

const ACCESS_DENIED = 'The cell or chart you\'re trying to change is on a protected sheet. To make a change, unprotect the sheet.';

/** Throws as Excel does when a protected sheet is to be changed. */
function writable(sheet: FakeSheetData): FakeSheetData {
  if (sheet.protected) throw new FakeOfficeError('AccessDenied', ACCESS_DENIED);
  return sheet;
}

/** Throws as Excel does when the workbook structure is protected. */
function structureWritable(data: FakeWorkbookData): void {
  if (data.structureProtected) throw new FakeOfficeError('AccessDenied', 'The workbook is protected and cannot be changed. To make a change, unprotect the workbook structure.');
}

/** A fill as getCellProperties / RangeFill report it (issues #4900, #6218: No Fill is white with tintAndShade null). */
export function reportedFill(f: FakeFill | undefined): Record<string, unknown> {
  if (!f || f.pattern === 'None') return { color: '#FFFFFF', pattern: null, patternColor: '#000000', tintAndShade: null, patternTintAndShade: null };
  return { color: f.color, pattern: f.pattern === 'Solid' ? null : f.pattern, patternColor: f.patternColor, tintAndShade: f.tintAndShade, patternTintAndShade: f.patternTintAndShade };
}

export class FakeFillProxy extends Proxy {
  constructor(ctx: FakeRequestContext, private target: Resolver<RangeTarget>) {
    super(ctx, 'RangeFill');
  }
  private setProp(prop: keyof FakeFill, value: unknown): void {
    this.ctx.enqueue('RangeFill.set.' + prop, value, () => {
      const t = mustResolve(this.target, 'RangeFill');
      writable(t.sheet);
      forEachCell(t, (r, c) => {
        const cell = ensureCell(t.sheet, r, c);
        const f = { ...(cell.fill ?? { ...SOLID_FILL, pattern: 'None' }) };
        (f as unknown as Record<string, unknown>)[prop] = value;
        // setting a colour makes a solid fill of that colour with no tint; a pattern keeps the colour
        if (prop === 'color') {
          f.tintAndShade = 0;
          if (f.pattern === 'None') f.pattern = 'Solid';
        }
        if (prop === 'pattern' && value === 'None') {
          delete cell.fill;
          return;
        }
        cell.fill = f;
      });
    });
  }
  set color(v: string) {
    this.setProp('color', v.toUpperCase());
  }
  get color(): string {
    return this.get('color');
  }
  set pattern(v: string) {
    this.setProp('pattern', v);
  }
  set patternColor(v: string) {
    this.setProp('patternColor', v.toUpperCase());
  }
  set tintAndShade(v: number) {
    this.setProp('tintAndShade', v);
  }
  set patternTintAndShade(v: number) {
    this.setProp('patternTintAndShade', v);
  }
  clear(): void {
    this.ctx.enqueue('RangeFill.clear', null, () => {
      const t = mustResolve(this.target, 'RangeFill');
      writable(t.sheet);
      forEachCell(t, (r, c) => {
        const cell = t.sheet.cells.get(key(r, c));
        if (cell) delete cell.fill;
      });
    });
  }
}

class StyleProxy {
  constructor(private ctx: FakeRequestContext, private target: Resolver<RangeTarget>, private prefix: string) {}
  set(prop: string, value: unknown): void {
    this.ctx.enqueue(`${this.prefix}.${prop}`, value, () => {
      const t = mustResolve(this.target, this.prefix);
      writable(t.sheet);
      if (prop === 'columnWidth') {
        for (const x of t.rects) for (let c = x.left; c <= x.right; c++) t.sheet.columnWidths[c] = value as number;
        return;
      }
      if (prop === 'rowHeight') {
        for (const x of t.rects) for (let r = x.top; r <= x.bottom; r++) t.sheet.rowHeights[r] = value as number;
        return;
      }
      forEachCell(t, (r, c) => {
        const cell = ensureCell(t.sheet, r, c);
        cell.style = { ...(cell.style ?? {}), [`${this.prefix}.${prop}`]: value };
      });
    });
  }
}

function styleObject(ctx: FakeRequestContext, target: Resolver<RangeTarget>, prefix: string, props: string[]): Record<string, unknown> {
  const sp = new StyleProxy(ctx, target, prefix);
  const o: Record<string, unknown> = {};
  for (const p of props) Object.defineProperty(o, p, { set: (v) => sp.set(p, v), get: () => { throw new FakeOfficeError('PropertyNotLoaded', `The property '${p}' is not available.`); }, enumerable: true });
  return o;
}

export class FakeRangeFormat {
  readonly fill: FakeFillProxy;
  readonly font: Record<string, unknown>;
  readonly borders: { getItem(index: string): Record<string, unknown> };
  private sp: StyleProxy;
  constructor(ctx: FakeRequestContext, target: Resolver<RangeTarget>) {
    this.fill = new FakeFillProxy(ctx, target);
    this.font = styleObject(ctx, target, 'font', ['bold', 'size', 'color', 'name', 'italic']);
    this.borders = { getItem: (index: string) => styleObject(ctx, target, 'border' + index, ['style', 'color', 'weight']) };
    this.sp = new StyleProxy(ctx, target, 'format');
  }
  set horizontalAlignment(v: string) { this.sp.set('horizontalAlignment', v); }
  set verticalAlignment(v: string) { this.sp.set('verticalAlignment', v); }
  set wrapText(v: boolean) { this.sp.set('wrapText', v); }
  set indentLevel(v: number) { this.sp.set('indentLevel', v); }
  set columnWidth(v: number) { this.sp.set('columnWidth', v); }
  set rowHeight(v: number) { this.sp.set('rowHeight', v); }
}

export class FakeClientResult<T> {
  private v: T | undefined;
  private ready = false;
  set(v: T): void {
    this.v = v;
    this.ready = true;
  }
  get value(): T {
    if (!this.ready) throw new FakeOfficeError('PropertyNotLoaded', "The property 'value' is not available. Call context.sync() first.");
    return this.v as T;
  }
}

function sheetPrefix(sheet: FakeSheetData): string {
  return quoteSheet(sheet.name) + '!';
}

export class FakeRange extends Proxy {
  readonly format: FakeRangeFormat;
  readonly dataValidation: Record<string, unknown>;
  constructor(ctx: FakeRequestContext, private target: Resolver<RangeTarget>, private desc: string) {
    super(ctx, 'Range');
    this.format = new FakeRangeFormat(ctx, target);
    const dv = { rule: undefined as unknown };
    this.dataValidation = {
      set rule(v: unknown) {
        ctx.enqueue('DataValidation.rule', v, () => {
          const t = mustResolve(target, 'DataValidation');
          t.sheet.validations.push({ address: t.rects.map(rectAddr).join(','), rule: v });
        });
        dv.rule = v;
      },
      set prompt(v: unknown) { ctx.enqueue('DataValidation.prompt', v, () => undefined); },
      set errorAlert(v: unknown) { ctx.enqueue('DataValidation.errorAlert', v, () => undefined); },
      clear: () => ctx.enqueue('DataValidation.clear', null, () => undefined),
    };
  }
  private rect(): RangeTarget & { rect: FakeRect } {
    const t = mustResolve(this.target, this.desc);
    return { ...t, rect: t.rects[0] };
  }
  load(props?: string | string[] | Record<string, unknown>): this {
    const list = propList(props);
    this.ctx.enqueue('Range.load', list, () => {
      const t = this.target();
      this.put('isNullObject', t === null);
      if (t === null) {
        for (const p of list) this.put(p, null);
        return;
      }
      const x = t.rects[0];
      const tooBig = (x.bottom - x.top + 1) * (x.right - x.left + 1) > GET_CELL_LIMIT;
      const grid = <T>(fn: (cell: FakeCellData | undefined, r: number, c: number) => T): T[][] => {
        if (tooBig) return null as unknown as T[][];
        const out: T[][] = [];
        for (let r = x.top; r <= x.bottom; r++) {
          const row: T[] = [];
          for (let c = x.left; c <= x.right; c++) {
            const cell = mergedAnchorOf(t.sheet, r, c) ? t.sheet.cells.get(key(r, c)) : undefined;
            row.push(fn(cell, r, c));
          }
          out.push(row);
        }
        return out;
      };
      for (const p of list) {
        switch (p) {
          case 'values': this.put(p, grid((cell) => (cell ? cell.value : ''))); break;
          case 'text': this.put(p, grid((cell) => (cell ? String(cell.value) : ''))); break;
          case 'formulas': this.put(p, grid((cell) => (cell ? (cell.formula !== undefined ? '=' + cell.formula : cell.value) : ''))); break;
          case 'numberFormat': this.put(p, grid((cell) => cell?.numberFormat ?? 'General')); break;
          case 'valueTypes':
            this.put(p, grid((cell) => {
              if (!cell || cell.value === '') return 'Empty';
              if (cell.error) return 'Error';
              if (typeof cell.value === 'number') return 'Double';
              if (typeof cell.value === 'boolean') return 'Boolean';
              return 'String';
            }));
            break;
          case 'address': this.put(p, sheetPrefix(t.sheet) + t.rects.map(rectAddr).join(',')); break;
          case 'rowIndex': this.put(p, x.top); break;
          case 'columnIndex': this.put(p, x.left); break;
          case 'rowCount': this.put(p, x.bottom - x.top + 1); break;
          case 'columnCount': this.put(p, x.right - x.left + 1); break;
          default: throw new FakeOfficeError('InvalidArgument', `Unknown property ${p} on Range`);
        }
      }
    });
    return this;
  }
  get isNullObject(): boolean { return this.get('isNullObject'); }
  get values(): unknown[][] { return this.get('values'); }
  get formulas(): unknown[][] { return this.get('formulas'); }
  get numberFormat(): unknown[][] { return this.get('numberFormat'); }
  get valueTypes(): string[][] { return this.get('valueTypes'); }
  get address(): string { return this.get('address'); }
  get rowIndex(): number { return this.get('rowIndex'); }
  get columnIndex(): number { return this.get('columnIndex'); }
  get rowCount(): number { return this.get('rowCount'); }
  get columnCount(): number { return this.get('columnCount'); }

  private setGrid(prop: 'values' | 'formulas' | 'numberFormat', v: unknown[][]): void {
    this.ctx.enqueue('Range.set.' + prop, v, () => {
      const { sheet, rect } = this.rect();
      writable(sheet);
      const h = rect.bottom - rect.top + 1;
      const w = rect.right - rect.left + 1;
      if (v.length !== h || v.some((row) => row.length !== w)) {
        throw new FakeOfficeError('InvalidArgument', 'The number of rows or columns in the input array doesn\'t match the size or dimensions of the range.');
      }
      for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) {
        const val = v[i][j];
        const cell = ensureCell(sheet, rect.top + i, rect.left + j);
        if (prop === 'numberFormat') cell.numberFormat = String(val);
        else if (prop === 'formulas' && typeof val === 'string' && val.startsWith('=')) {
          cell.formula = val.slice(1);
          cell.value = 0;
        } else {
          if (val === null) continue; // null leaves the cell unchanged, as in Excel
          delete cell.formula;
          delete cell.error;
          cell.value = val as string | number | boolean;
        }
      }
    });
  }
  set values(v: unknown[][]) { this.setGrid('values', v); }
  set formulas(v: unknown[][]) { this.setGrid('formulas', v); }
  set numberFormat(v: unknown[][]) { this.setGrid('numberFormat', v); }

  select(): void {
    this.ctx.enqueue('Range.select', null, () => {
      const t = mustResolve(this.target, this.desc);
      this.ctx.data.selection = { sheet: t.sheet.name, address: t.rects.map(rectAddr).join(',') };
      this.ctx.data.activeSheet = t.sheet.name;
    });
  }
  merge(across = false): void {
    this.ctx.enqueue('Range.merge', across, () => {
      const { sheet, rect } = this.rect();
      writable(sheet);
      const rects = across ? Array.from({ length: rect.bottom - rect.top + 1 }, (_, i) => ({ ...rect, top: rect.top + i, bottom: rect.top + i })) : [rect];
      for (const m of rects) {
        sheet.merges = sheet.merges.filter((o) => o.bottom < m.top || o.top > m.bottom || o.right < m.left || o.left > m.right);
        sheet.merges.push(m);
      }
    });
  }
  clear(applyTo = 'All'): void {
    this.ctx.enqueue('Range.clear', applyTo, () => {
      const t = mustResolve(this.target, this.desc);
      writable(t.sheet);
      forEachCell(t, (r, c) => {
        const k = key(r, c);
        const cell = t.sheet.cells.get(k);
        if (!cell) return;
        if (applyTo === 'All') t.sheet.cells.delete(k);
        else if (applyTo === 'Contents') { cell.value = ''; delete cell.formula; delete cell.error; }
        else if (applyTo === 'Formats') { delete cell.fill; delete cell.style; delete cell.numberFormat; }
      });
    });
  }
  getCellProperties(options: Record<string, unknown>): FakeClientResult<unknown[][]> {
    const res = new FakeClientResult<unknown[][]>();
    this.ctx.enqueue('Range.getCellProperties', options, () => {
      // on a null object (e.g. an empty sheet's used range) the result is null, like its properties
      if (this.target() === null) return this.ctx.respond(null, () => res.set(null as unknown as unknown[][]));
      const { sheet, rect } = this.rect();
      const wantFill = ((options.format as Record<string, unknown> | undefined)?.fill ?? null) as Record<string, boolean> | null;
      const out: unknown[][] = [];
      for (let r = rect.top; r <= rect.bottom; r++) {
        const row: unknown[] = [];
        for (let c = rect.left; c <= rect.right; c++) {
          const o: Record<string, unknown> = {};
          if (options.address) o.address = sheetPrefix(sheet) + cellAddr(r, c);
          if (wantFill) {
            const f = reportedFill(sheet.cells.get(key(r, c))?.fill);
            const fill: Record<string, unknown> = {};
            for (const p of Object.keys(wantFill)) if (wantFill[p]) fill[p] = f[p];
            o.format = { fill };
          }
          row.push(o);
        }
        out.push(row);
      }
      this.ctx.respond(out, () => res.set(out));
    });
    return res;
  }
  getMergedAreasOrNullObject(): FakeRangeAreas {
    const parent = this.target;
    return new FakeRangeAreas(this.ctx, () => {
      const t = parent();
      if (!t) return null;
      const x = t.rects[0];
      // the areas whose top-left cell lies in the range (office-js #3611)
      const rects = t.sheet.merges.filter((m) => m.top >= x.top && m.top <= x.bottom && m.left >= x.left && m.left <= x.right);
      if (rects.length > MERGED_AREA_LIMIT) throw new FakeOfficeError('GeneralException', 'There was an internal error while processing the request.');
      return rects.length ? { sheet: t.sheet, rects } : null;
    });
  }
  getCell(row: number, column: number): FakeRange {
    const parent = this.target;
    return new FakeRange(this.ctx, () => {
      const t = parent();
      if (!t) return null;
      const x = t.rects[0];
      return { sheet: t.sheet, rects: [{ top: x.top + row, left: x.left + column, bottom: x.top + row, right: x.left + column }] };
    }, 'Range.getCell');
  }
}

export class FakeRangeAreas extends Proxy {
  readonly format: FakeRangeFormat;
  constructor(ctx: FakeRequestContext, private target: Resolver<RangeTarget>) {
    super(ctx, 'RangeAreas');
    this.format = new FakeRangeFormat(ctx, target);
  }
  load(props?: string | string[]): this {
    const list = propList(props);
    this.ctx.enqueue('RangeAreas.load', list, () => {
      const t = this.target();
      this.put('isNullObject', t === null);
      for (const p of list) {
        if (p === 'address') this.put(p, t ? t.rects.map((x) => sheetPrefix(t.sheet) + rectAddr(x)).join(',') : null);
        else if (p === 'areaCount') this.put(p, t ? t.rects.length : 0);
        else throw new FakeOfficeError('InvalidArgument', `Unknown property ${p} on RangeAreas`);
      }
    });
    return this;
  }
  get isNullObject(): boolean { return this.get('isNullObject'); }
  get address(): string { return this.get('address'); }
  get areaCount(): number { return this.get('areaCount'); }
  select(): void {
    this.ctx.enqueue('RangeAreas.select', null, () => {
      const t = mustResolve(this.target, 'RangeAreas');
      this.ctx.data.selection = { sheet: t.sheet.name, address: t.rects.map(rectAddr).join(',') };
      this.ctx.data.activeSheet = t.sheet.name;
    });
  }
}

export class FakeNote extends Proxy {
  constructor(ctx: FakeRequestContext, private target: Resolver<FakeNoteData>, private list: 'notes' | 'comments') {
    super(ctx, list === 'notes' ? 'Note' : 'Comment');
  }
  load(props?: string | string[]): this {
    const list = propList(props);
    this.ctx.enqueue(`${this.typeName}.load`, list, () => {
      const n = this.target();
      this.put('isNullObject', n === null);
      for (const p of list) this.put(p, n === null ? null : p === 'content' ? n.content : p === 'authorName' ? 'Fake' : null);
    });
    return this;
  }
  get isNullObject(): boolean { return this.get('isNullObject'); }
  get content(): string { return this.get('content'); }
  /** the cell the note or comment is on */
  getLocation(): FakeRange {
    return new FakeRange(this.ctx, () => {
      const n = mustResolve(this.target, this.typeName);
      const p = parseRangeAddress(n.address);
      return { sheet: n.sheet, rects: [p.rect] };
    }, `${this.typeName}.getLocation`);
  }
  delete(): void {
    this.ctx.enqueue(`${this.typeName}.delete`, null, () => {
      const n = mustResolve(this.target, this.typeName);
      writable(n.sheet);
      const arr = this.ctx.data[this.list];
      const i = arr.indexOf(n);
      if (i < 0) throw new FakeOfficeError('ItemNotFound', 'The requested resource doesn\'t exist.');
      arr.splice(i, 1);
    });
  }
  /** for tests and collection loads */
  setLoaded(p: string, v: unknown): void { this.loaded.set(p, v); }
}

/** workbook.notes (ExcelApi 1.18) or workbook.comments (1.10). */
export class FakeNoteCollection extends Proxy {
  private _items: FakeNote[] | null = null;
  constructor(ctx: FakeRequestContext, private list: 'notes' | 'comments', private sheet: Resolver<FakeSheetData> | null) {
    super(ctx, list);
  }
  private all(): FakeNoteData[] {
    const arr = this.ctx.data[this.list];
    if (!this.sheet) return arr;
    const s = this.sheet();
    return arr.filter((n) => n.sheet === s);
  }
  /** load('items/content') or load({ select: 'content', top, skip }) (OfficeExtension.LoadOption) */
  load(props?: string | string[] | { select?: string; top?: number; skip?: number }): this {
    const list = propList(props).map((p) => p.replace(/^items\//, ''));
    const o = (props && typeof props === 'object' && !Array.isArray(props) ? props : {}) as { top?: number; skip?: number };
    this.ctx.enqueue(`${this.list}.load`, props ?? null, () => {
      const skip = o.skip ?? 0;
      const data = this.all().slice(skip, o.top === undefined ? undefined : skip + o.top);
      const json = data.map((n) => Object.fromEntries(list.map((p) => [p, p === 'content' ? n.content : null])));
      this.ctx.respond(json, () => {
        this._items = data.map((n) => {
          const note = new FakeNote(this.ctx, () => n, this.list);
          for (const p of list) note.setLoaded(p, p === 'content' ? n.content : null);
          return note;
        });
      });
    });
    return this;
  }
  get items(): FakeNote[] {
    if (!this._items) throw new FakeOfficeError('PropertyNotLoaded', "The property 'items' is not available.");
    return this._items;
  }
  getCount(): FakeClientResult<number> {
    const res = new FakeClientResult<number>();
    this.ctx.enqueue(`${this.list}.getCount`, null, () => {
      const n = this.all().length;
      this.ctx.respond(n, () => res.set(n));
    });
    return res;
  }
  add(cellAddress: string | FakeRange, content: string): FakeNote {
    let created: FakeNoteData | null = null;
    const addr = typeof cellAddress === 'string' ? cellAddress : null;
    this.ctx.enqueue(`${this.list}.add`, { cellAddress: addr ?? '(range)', content }, () => {
      let sheet: FakeSheetData | undefined;
      let rect: FakeRect;
      if (addr !== null) {
        const p = parseRangeAddress(addr);
        sheet = p.sheet ? this.ctx.data.sheet(p.sheet) : this.sheet?.() ?? undefined;
        rect = p.rect;
      } else {
        const t = (cellAddress as unknown as { target: Resolver<RangeTarget> }).target();
        sheet = t?.sheet;
        rect = t!.rects[0];
      }
      if (!sheet) throw new FakeOfficeError('ItemNotFound', 'The requested resource doesn\'t exist.');
      writable(sheet);
      if (rect.top !== rect.bottom || rect.left !== rect.right) throw new FakeOfficeError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
      const a = cellAddr(rect.top, rect.left);
      // a cell holds one note or one comment (thread), never two, never both
      const taken = (l: 'notes' | 'comments') => this.ctx.data[l].some((n) => n.sheet === sheet && n.address === a);
      if (taken('notes') || taken('comments')) {
        throw new FakeOfficeError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
      }
      created = { sheet, address: a, content };
      this.ctx.data[this.list].push(created);
    });
    return new FakeNote(this.ctx, () => created, this.list);
  }
  getItemOrNullObject(cellAddress: string): FakeNote {
    return new FakeNote(this.ctx, () => {
      const p = parseRangeAddress(cellAddress);
      const a = cellAddr(p.rect.top, p.rect.left);
      return this.ctx.data[this.list].find((n) => n.address === a && (!p.sheet || n.sheet.name === p.sheet)) ?? null;
    }, this.list);
  }
}

export class FakeWorksheet extends Proxy {
  readonly freezePanes: { freezeRows(n?: number): void; freezeColumns(n?: number): void; unfreeze(): void };
  readonly pageLayout: Record<string, unknown>;
  readonly notes: FakeNoteCollection;
  readonly comments: FakeNoteCollection;
  readonly tables: { add(address: string, hasHeaders: boolean): Record<string, unknown> };
  /** worksheet.protection (ExcelApi 1.2): load('protection/protected') */
  readonly protection: { readonly protected: boolean };
  constructor(ctx: FakeRequestContext, readonly target: Resolver<FakeSheetData>, private desc: string, private nullable = false) {
    super(ctx, 'Worksheet');
    const self = this;
    this.protection = { get protected(): boolean { return self.get('protection/protected'); } };
    const freeze = (rows: number | null, cols: number | null) =>
      ctx.enqueue('Worksheet.freeze', { rows, cols }, () => {
        const s = mustResolve(target, desc);
        if (rows !== null) s.frozenRows = rows;
        if (cols !== null) s.frozenCols = cols;
      });
    this.freezePanes = { freezeRows: (n = 1) => freeze(n, null), freezeColumns: (n = 1) => freeze(null, n), unfreeze: () => freeze(0, 0) };
    const pl: Record<string, unknown> = {};
    for (const p of ['orientation', 'paperSize', 'centerHorizontally', 'leftMargin', 'rightMargin', 'topMargin', 'bottomMargin', 'headerMargin', 'footerMargin', 'zoom', 'printTitleRows'])
      Object.defineProperty(pl, p, { set: (v) => ctx.enqueue('PageLayout.' + p, v, () => { mustResolve(target, desc).pageLayout[p] = v; }), enumerable: true });
    pl.setPrintTitleRows = (a: string) => ctx.enqueue('PageLayout.setPrintTitleRows', a, () => { mustResolve(target, desc).pageLayout.printTitleRows = a; });
    this.pageLayout = pl;
    this.notes = new FakeNoteCollection(ctx, 'notes', target);
    this.comments = new FakeNoteCollection(ctx, 'comments', target);
    this.tables = {
      add: (address: string, hasHeaders: boolean) => {
        const rec = { name: '', address, style: undefined as string | undefined };
        ctx.enqueue('Tables.add', { address, hasHeaders }, () => mustResolve(target, desc).tables.push(rec));
        const o: Record<string, unknown> = {};
        Object.defineProperty(o, 'name', { set: (v) => ctx.enqueue('Table.name', v, () => { rec.name = v; }) });
        Object.defineProperty(o, 'style', { set: (v) => ctx.enqueue('Table.style', v, () => { rec.style = v; }) });
        return o;
      },
    };
  }
  load(props?: string | string[]): this {
    const list = propList(props);
    this.ctx.enqueue('Worksheet.load', list, () => {
      const s = this.target();
      this.put('isNullObject', s === null);
      for (const p of list) {
        if (!s) this.put(p, null);
        else if (p === 'name') this.put(p, s.name);
        else if (p === 'visibility') this.put(p, s.visibility);
        else if (p === 'position') this.put(p, this.ctx.data.sheets.indexOf(s));
        else if (p === 'tabColor') this.put(p, s.tabColor ?? '');
        else if (p === 'protection/protected') this.put(p, !!s.protected);
        else throw new FakeOfficeError('InvalidArgument', `Unknown property ${p} on Worksheet`);
      }
    });
    return this;
  }
  get isNullObject(): boolean { return this.get('isNullObject'); }
  get name(): string { return this.get('name'); }
  get visibility(): string { return this.get('visibility'); }
  set visibility(v: string) {
    this.ctx.enqueue('Worksheet.visibility', v, () => {
      const s = mustResolve(this.target, this.desc);
      structureWritable(this.ctx.data);
      if (v !== 'Visible' && this.ctx.data.sheets.filter((x) => x !== s && x.visibility === 'Visible').length === 0) {
        throw new FakeOfficeError('InvalidOperation', 'This operation is not permitted for the current object.');
      }
      s.visibility = v as FakeSheetData['visibility'];
    });
  }
  set tabColor(v: string) {
    this.ctx.enqueue('Worksheet.tabColor', v, () => { mustResolve(this.target, this.desc).tabColor = v; });
  }
  set name(v: string) {
    this.ctx.enqueue('Worksheet.name', v, () => { mustResolve(this.target, this.desc).name = v; });
  }
  private rangeOf(addressFn: (s: FakeSheetData) => FakeRect[] | null, desc: string): Resolver<RangeTarget> {
    return () => {
      const s = this.target();
      if (!s) {
        // a method called on a null-object sheet fails the batch
        if (this.nullable) throw new FakeOfficeError('InvalidObjectPath', `The object path '${this.desc}.${desc}' isn't working for what you're trying to do: the worksheet is a null object.`);
        return null;
      }
      const rects = addressFn(s);
      return rects ? { sheet: s, rects } : null;
    };
  }
  getRange(address?: string): FakeRange {
    return new FakeRange(this.ctx, this.rangeOf(() => [address ? parseRangeAddress(address).rect : { top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLS - 1 }], 'getRange'), `Worksheet.getRange(${address ?? ''})`);
  }
  getRanges(address: string): FakeRangeAreas {
    const rects = address.split(/[,;]/).map((a) => parseRangeAddress(a).rect);
    return new FakeRangeAreas(this.ctx, this.rangeOf(() => rects, 'getRanges'));
  }
  private used(s: FakeSheetData, valuesOnly: boolean): FakeRect[] | null {
    let top = Infinity, left = Infinity, bottom = -1, right = -1;
    for (const [k, cell] of s.cells) {
      const has = cell.value !== '' || cell.formula !== undefined || (!valuesOnly && (cell.fill || cell.style || cell.numberFormat));
      if (!has) continue;
      const r = Math.floor(k / MAX_COLS);
      const c = k % MAX_COLS;
      if (r < top) top = r;
      if (r > bottom) bottom = r;
      if (c < left) left = c;
      if (c > right) right = c;
    }
    if (!valuesOnly) for (const m of s.merges) {
      top = Math.min(top, m.top); left = Math.min(left, m.left); bottom = Math.max(bottom, m.bottom); right = Math.max(right, m.right);
    }
    return bottom < 0 ? null : [{ top, left, bottom, right }];
  }
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(this.ctx, this.rangeOf((s) => this.used(s, valuesOnly), 'usedRange'), 'Worksheet.getUsedRangeOrNullObject');
  }
  getUsedRange(valuesOnly = false): FakeRange {
    return new FakeRange(this.ctx, this.rangeOf((s) => this.used(s, valuesOnly) ?? [{ top: 0, left: 0, bottom: 0, right: 0 }], 'usedRange'), 'Worksheet.getUsedRange');
  }
  getNextOrNullObject(visibleOnly = false): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => {
      const s = this.target();
      if (!s) {
        if (this.nullable) throw new FakeOfficeError('InvalidObjectPath', `The object path '${this.desc}.getNextOrNullObject' isn't working for what you're trying to do: the worksheet is a null object.`);
        return null;
      }
      const all = this.ctx.data.sheets;
      for (let i = all.indexOf(s) + 1; i < all.length; i++) if (!visibleOnly || all[i].visibility === 'Visible') return all[i];
      return null;
    }, 'Worksheet.getNextOrNullObject', true);
  }
  activate(): void {
    this.ctx.enqueue('Worksheet.activate', null, () => {
      const s = mustResolve(this.target, this.desc);
      if (s.visibility !== 'Visible') throw new FakeOfficeError('InvalidOperation', 'This operation is not permitted for the current object.');
      this.ctx.data.activeSheet = s.name;
    });
  }
  delete(): void {
    this.ctx.enqueue('Worksheet.delete', null, () => {
      const s = mustResolve(this.target, this.desc);
      structureWritable(this.ctx.data);
      // Excel refuses to delete a VeryHidden sheet (make it Hidden or Visible first) and the last visible one
      if (s.visibility === 'VeryHidden') throw new FakeOfficeError('InvalidOperation', 'This operation is not permitted for the current object.');
      const data = this.ctx.data;
      if (s.visibility === 'Visible' && data.sheets.filter((x) => x !== s && x.visibility === 'Visible').length === 0)
        throw new FakeOfficeError('InvalidOperation', 'This operation is not permitted for the current object.');
      data.sheets.splice(data.sheets.indexOf(s), 1);
      data.notes = data.notes.filter((n) => n.sheet !== s);
      data.comments = data.comments.filter((n) => n.sheet !== s);
    });
  }
}

export class FakeWorksheetCollection extends Proxy {
  private _items: FakeWorksheet[] | null = null;
  constructor(ctx: FakeRequestContext) {
    super(ctx, 'WorksheetCollection');
  }
  load(props?: string | string[]): this {
    const list = propList(props).map((p) => p.replace(/^items\//, ''));
    this.ctx.enqueue('Worksheets.load', list, () => {
      const sheets = [...this.ctx.data.sheets];
      const val = (s: FakeSheetData, p: string): unknown => {
        if (p === 'name') return s.name;
        if (p === 'visibility') return s.visibility;
        if (p === 'protection/protected') return !!s.protected;
        if (p === 'position') return this.ctx.data.sheets.indexOf(s);
        throw new FakeOfficeError('InvalidArgument', `Unknown property ${p} on Worksheet`);
      };
      const json = sheets.map((s) => Object.fromEntries(list.map((p) => [p, val(s, p)])));
      this.ctx.respond(json, () => {
        this._items = sheets.map((s) => {
          const w = new FakeWorksheet(this.ctx, () => s, 'item');
          for (const p of list) (w as unknown as { loaded: Map<string, unknown> }).loaded.set(p, val(s, p));
          return w;
        });
      });
    });
    return this;
  }
  get items(): FakeWorksheet[] {
    if (!this._items) throw new FakeOfficeError('PropertyNotLoaded', "The property 'items' is not available.");
    return this._items;
  }
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => {
      const s = this.ctx.data.sheet(name);
      if (!s) throw new FakeOfficeError('ItemNotFound', 'The requested resource doesn\'t exist.');
      return s;
    }, `getItem(${name})`);
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => this.ctx.data.sheet(name) ?? null, `getItemOrNullObject(${name})`, true);
  }
  getFirst(visibleOnly = false): FakeWorksheet {
    return new FakeWorksheet(this.ctx, () => {
      const s = this.ctx.data.sheets.find((x) => !visibleOnly || x.visibility === 'Visible');
      if (!s) throw new FakeOfficeError('ItemNotFound', 'The requested resource doesn\'t exist.');
      return s;
    }, 'getFirst');
  }
  add(name?: string): FakeWorksheet {
    let created: FakeSheetData | null = null;
    this.ctx.enqueue('Worksheets.add', name ?? null, () => {
      structureWritable(this.ctx.data);
      const n = name ?? `Sheet${this.ctx.data.sheets.length + 1}`;
      if (this.ctx.data.sheet(n)) throw new FakeOfficeError('ItemAlreadyExists', 'The resource with the same name or identifier already exists.');
      if (/[\\/?*[\]:]/.test(n) || n.length > 31) throw new FakeOfficeError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
      created = this.ctx.data.addSheet(n);
    });
    return new FakeWorksheet(this.ctx, () => created, `add(${name})`);
  }
}

/** workbook.protection (ExcelApi 1.7): load('protected') */
export class FakeWorkbookProtection extends Proxy {
  constructor(ctx: FakeRequestContext) {
    super(ctx, 'WorkbookProtection');
  }
  load(props?: string | string[]): this {
    const list = propList(props);
    this.ctx.enqueue('WorkbookProtection.load', list, () => {
      for (const p of list) this.put(p, p === 'protected' ? this.ctx.data.structureProtected : null);
    });
    return this;
  }
  get protected(): boolean { return this.get('protected'); }
}

export class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly notes: FakeNoteCollection;
  readonly comments: FakeNoteCollection;
  readonly protection: FakeWorkbookProtection;
  constructor(ctx: FakeRequestContext) {
    this.protection = new FakeWorkbookProtection(ctx);
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.notes = new FakeNoteCollection(ctx, 'notes', null);
    this.comments = new FakeNoteCollection(ctx, 'comments', null);
  }
}

/** The Excel namespace of the fake: Excel.run([options,] fn) plus counters for tests. */
export class FakeExcel {
  totalSyncs = 0;
  lastContext: FakeRequestContext | null = null;
  /** every sync of every run, in order */
  syncLog: SyncRecord[] = [];
  constructor(public data: FakeWorkbookData) {}
  run<T>(fn: (context: FakeRequestContext) => Promise<T>): Promise<T>;
  run<T>(options: FakeRunOptions, fn: (context: FakeRequestContext) => Promise<T>): Promise<T>;
  async run<T>(a: FakeRunOptions | ((context: FakeRequestContext) => Promise<T>), b?: (context: FakeRequestContext) => Promise<T>): Promise<T> {
    const fn = typeof a === 'function' ? a : (b as (context: FakeRequestContext) => Promise<T>);
    const options = typeof a === 'function' ? {} : a;
    const ctx = new FakeRequestContext(this.data, options);
    this.lastContext = ctx;
    try {
      const result = await fn(ctx);
      if (ctx.pending > 0) await ctx.sync();
      return result;
    } finally {
      this.totalSyncs += ctx.stats.syncs;
      this.syncLog.push(...ctx.stats.log);
    }
  }
}
