// The Grid: what an adapter (exceljs, Office.js) hands to the core. Plain data, no Office, no files.

/** One cell as read. `value` is the formula result where there is a formula. */
export interface Cell {
  /** number, string, boolean; null for an empty cell or a merged cell's non-anchor part */
  value: number | string | boolean | null;
  /** Excel error value such as '#REF!' or '#DIV/0!' (the cell's value is then null) */
  error?: string;
  /** formula text without '=' if the cell holds a formula */
  formula?: string;
  /** number format, e.g. '#,##0.00' */
  numFmt?: string;
}

/** Inclusive 0-based rectangle. */
export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Sheet {
  name: string;
  /** rows[r][c], 0-based; missing rows/cells are empty */
  rows: (Cell | undefined)[][];
  /** merged areas; only the top-left cell carries the value */
  merges: Rect[];
  /** true for hidden/very hidden sheets (our own bookkeeping sheets are skipped by recognition) */
  hidden?: boolean;
}

export interface Workbook {
  sheets: Sheet[];
}

export interface CellRef {
  sheet: string;
  /** A1-style address, e.g. 'D19' */
  address: string;
  /**
   * Where a reader finds the cell when the Grid was not read from a workbook (a PDF: '第3页 表2 第12行 第5列',
   * with the figure as printed); set by the adapter after validation, shown instead of the address.
   */
  place?: string;
  /** where the cell is printed (page 1-based, rectangle in PDF user space), for marking the PDF */
  box?: { page: number; x0: number; y0: number; x1: number; y1: number };
}

const COL_NAMES: string[] = [];

export function colName(c: number): string {
  if (c >= 0 && c < 1024) return (COL_NAMES[c] ??= colNameOf(c));
  return colNameOf(c);
}

function colNameOf(c: number): string {
  let s = '';
  let n = c + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function address(r: number, c: number): string {
  return colName(c) + String(r + 1);
}

/** 'D19' -> { r: 18, c: 3 } */
export function parseAddress(a: string): { r: number; c: number } {
  const m = /^\$?([A-Za-z]+)\$?(\d+)$/.exec(a.trim());
  if (!m) throw new Error(`bad cell address ${a}`);
  let c = 0;
  for (const ch of m[1].toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
  return { r: Number(m[2]) - 1, c: c - 1 };
}

export function rangeAddress(r: Rect): string {
  return `${address(r.top, r.left)}:${address(r.bottom, r.right)}`;
}

export function cellAt(sheet: Sheet, r: number, c: number): Cell | undefined {
  const row = sheet.rows[r];
  return row ? row[c] : undefined;
}

/** Text of a cell as a clerk would read it (numbers via String()), trimmed; '' for empty. */
export function cellText(cell: Cell | undefined): string {
  if (!cell) return '';
  if (cell.error) return cell.error;
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v); // never has spaces to trim
  return String(v).trim();
}

export function sheetWidth(sheet: Sheet): number {
  let w = 0;
  for (const row of sheet.rows) if (row && row.length > w) w = row.length;
  return w;
}

export function ref(sheet: Sheet | string, r: number, c: number): CellRef {
  return { sheet: typeof sheet === 'string' ? sheet : sheet.name, address: address(r, c) };
}
