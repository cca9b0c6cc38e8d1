// SheetSpec: plain data describing a sheet to write. The core builds it (layout.ts, template.ts);
// writers turn it into a real sheet (src/io/xlsx-write.ts through exceljs, the task pane through
// Office.js). Every row/column index is 0-based; ranges are inclusive (grid.ts Rect).
import type { Rect } from '../model/grid';

export type HAlign = 'left' | 'center' | 'right';
export type VAlign = 'top' | 'middle' | 'bottom';

export interface CellStyle {
  /** Excel number format, e.g. '#,##0.00', '@', '0.00'; absent = General */
  numFmt?: string;
  bold?: boolean;
  /** font size in points; absent = writer default (11) */
  fontSize?: number;
  horizontal?: HAlign;
  vertical?: VAlign;
  wrap?: boolean;
  /** indent level (left-aligned text), e.g. 1 for 款, 2 for 项 */
  indent?: number;
  /** thin border on all four sides */
  border?: boolean;
  /** solid background colour, 'RRGGBB' */
  fill?: string;
  /** font colour, 'RRGGBB' */
  color?: string;
}

/** One written cell. Amounts are JS numbers built from exact decimals (2 decimals, so exact in binary64 display). */
export interface CellSpec extends CellStyle {
  r: number;
  c: number;
  /** null writes an empty (but styled) cell */
  value: string | number | null;
}

/** A style applied to a whole range (e.g. borders on an empty table, '@' on an input column). */
export interface RangeStyleSpec extends CellStyle {
  range: Rect;
}

/** A dropdown list (data validation) on a range. */
export interface ListValidationSpec {
  range: Rect;
  /** allowed values, shown in this order */
  values: string[];
  allowBlank: boolean;
  /** input prompt and error message shown by Excel (Chinese) */
  promptTitle?: string;
  prompt?: string;
  errorTitle?: string;
  error?: string;
}

/** An Excel table (ListObject) over a header row and its data rows. */
export interface TableObjectSpec {
  /** Excel table name: letters, digits, underscore; unique in the workbook */
  name: string;
  /** header row and first column (0-based) */
  headerRow: number;
  firstCol: number;
  /** column titles, left to right (must equal the header cells' text) */
  columns: string[];
  /** number of data rows the table initially spans (at least 1) */
  dataRows: number;
  /** e.g. 'TableStyleLight9' */
  style?: string;
}

export interface PrintSpec {
  orientation: 'portrait' | 'landscape';
  paper: 'A4';
  /** fit to this many pages wide (1) */
  fitToWidth?: number;
  /** fit to this many pages tall; absent: as many as needed */
  fitToHeight?: number;
  /** rows repeated at the top of every printed page, inclusive 0-based [first, last] */
  titleRows?: [number, number];
  horizontalCentered?: boolean;
  /** margins in inches */
  margins?: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
}

export interface SheetSpec {
  name: string;
  cells: CellSpec[];
  merges: Rect[];
  /** column widths in Excel character units, index = column */
  columnWidths: number[];
  /** row heights in points by 0-based row; absent rows use the default */
  rowHeights?: Record<number, number>;
  /** rows frozen at the top (panes), 0 = none */
  frozenRows?: number;
  frozenCols?: number;
  print?: PrintSpec;
  rangeStyles?: RangeStyleSpec[];
  validations?: ListValidationSpec[];
  tables?: TableObjectSpec[];
  hidden?: boolean;
  /** 'RRGGBB' */
  tabColor?: string;
}
