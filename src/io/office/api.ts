// The slice of the Office.js Excel API this adapter uses, as structural types. Real Office.js objects
// satisfy them, and so does the in-memory fake of the tests (tests/fakes/excel-fake.ts). Keeping our
// own types means the adapter compiles without @types/office-js and runs unchanged in Node tests.

export interface ClientResult<T> {
  readonly value: T;
}

export interface LoadOptions {
  [key: string]: unknown;
}

export interface XFill {
  color: string;
  pattern?: string;
  patternColor?: string;
  tintAndShade?: number | null;
  patternTintAndShade?: number | null;
  clear(): void;
}

export interface XFont {
  bold: boolean;
  size: number;
  color: string;
  name?: string;
}

export interface XBorder {
  style: string;
  color?: string;
  weight?: string;
}

export interface XRangeFormat {
  fill: XFill;
  font: XFont;
  horizontalAlignment: string;
  verticalAlignment: string;
  wrapText: boolean;
  indentLevel?: number;
  columnWidth: number;
  rowHeight: number;
  borders: { getItem(index: string): XBorder };
}

/** Fill properties as returned by getCellProperties (ExcelApi 1.9). */
export interface FillProps {
  color?: string;
  pattern?: string;
  patternColor?: string;
  tintAndShade?: number | null;
  patternTintAndShade?: number | null;
}

export interface CellPropsFill {
  format?: { fill?: FillProps };
  address?: string;
}

export interface XRangeAreas {
  readonly address: string;
  readonly isNullObject: boolean;
  format: XRangeFormat;
  load(props: string | string[]): XRangeAreas;
  select(): void;
}

export interface XRange {
  readonly address: string;
  values: unknown[][];
  formulas: unknown[][];
  numberFormat: unknown[][];
  readonly valueTypes: string[][];
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly rowCount: number;
  readonly columnCount: number;
  readonly isNullObject: boolean;
  format: XRangeFormat;
  load(props: string | string[]): XRange;
  select(): void;
  merge(across?: boolean): void;
  clear(applyTo?: string): void;
  getCellProperties(options: LoadOptions): ClientResult<CellPropsFill[][]>;
  getMergedAreasOrNullObject?(): XRangeAreas;
  dataValidation?: { rule: unknown; prompt?: unknown; errorAlert?: unknown; clear(): void };
}

/** A note (ExcelApi 1.18) or a comment (1.10): both have content and delete(). */
export interface XNote {
  readonly content: string;
  delete(): void;
}

/** OfficeExtension.LoadOption for collections: properties of the items and a page of them. */
export interface PageLoadOption {
  select: string;
  top?: number;
  skip?: number;
}

/** workbook.notes (ExcelApi 1.18) or workbook.comments (1.10). */
export interface XNoteCollection {
  readonly items: XNote[];
  add(cellAddress: string | XRange, content: string): XNote;
  load(props: string | string[] | PageLoadOption): XNoteCollection;
  getCount(): ClientResult<number>;
}

export interface XWorksheet {
  name: string;
  visibility: string;
  readonly isNullObject: boolean;
  /** ExcelApi 1.2: load('protection/protected') */
  readonly protection?: { readonly protected: boolean };
  tabColor?: string;
  load(props: string | string[]): XWorksheet;
  getRange(address?: string): XRange;
  getRanges?(address: string): XRangeAreas;
  getUsedRangeOrNullObject(valuesOnly?: boolean): XRange;
  getNextOrNullObject(visibleOnly?: boolean): XWorksheet;
  activate(): void;
  delete(): void;
  freezePanes?: { freezeRows(count?: number): void; freezeColumns?(count?: number): void; unfreeze?(): void };
  pageLayout?: unknown;
  tables?: { add(address: string, hasHeaders: boolean): { name: string; style: string } };
}

export interface XWorksheetCollection {
  readonly items: XWorksheet[];
  getItem(name: string): XWorksheet;
  getItemOrNullObject(name: string): XWorksheet;
  getFirst(visibleOnly?: boolean): XWorksheet;
  add(name?: string): XWorksheet;
  load(props: string | string[]): XWorksheetCollection;
}

export interface XWorkbook {
  worksheets: XWorksheetCollection;
  notes?: XNoteCollection;
  comments?: XNoteCollection;
  /** ExcelApi 1.7: the workbook structure's protection */
  protection?: { readonly protected: boolean; load(props: string): unknown };
}

export interface XContext {
  workbook: XWorkbook;
  sync(): Promise<void>;
}

/** Which optional API sets the host offers (Office.context.requirements.isSetSupported). */
export interface Capabilities {
  /** ExcelApi 1.9: getRanges (RangeAreas), getCellProperties, fill pattern properties */
  rangeAreas: boolean;
  /** ExcelApi 1.10: comments */
  comments: boolean;
  /** ExcelApi 1.13: getMergedAreasOrNullObject */
  mergedAreas: boolean;
  /** ExcelApi 1.18: notes */
  notes: boolean;
}

export const ALL_CAPABILITIES: Capabilities = { rangeAreas: true, comments: true, mergedAreas: true, notes: true };

/** Feature detection against the host; `isSetSupported` is Office.context.requirements.isSetSupported. */
export function detectCapabilities(isSetSupported: (name: string, version: string) => boolean): Capabilities {
  const has = (v: string): boolean => {
    try {
      return isSetSupported('ExcelApi', v);
    } catch {
      return false;
    }
  };
  return { rangeAreas: has('1.9'), comments: has('1.10'), mergedAreas: has('1.13'), notes: has('1.18') };
}
