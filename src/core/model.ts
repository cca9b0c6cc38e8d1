// The table model: recognised from a Grid or built by the generator. Amounts are exact from here on.
import type { Cell, CellRef, Rect } from './grid';
import type { TableId } from './findings';
import type { Money } from './money';
import type { BlockDef, TableDef } from './defs';

/** Why an amount cell is not a clean number. */
export type AmountProblem = 'text-number' | 'text' | 'error' | 'formula-error' | 'boolean';

export interface Amount {
  /** exact value; ZERO when blank or unreadable */
  v: Money;
  /** the cell was empty (zero shown blank) */
  blank: boolean;
  cell: CellRef;
  /** set when the cell is not a clean number (the value is then the parsed text, or ZERO) */
  problem?: AmountProblem;
  /** the cell's text as read, for messages about bad values */
  raw?: string;
  formula?: string;
}

export type RowKind = 'total' | 'code' | 'item' | 'unknown';

export interface Row {
  /** 0-based sheet row */
  r: number;
  kind: RowKind;
  /** total rows: 'total'; code rows: the code; item rows: the item key (defs); unknown: '' */
  key: string;
  code?: string;
  name?: string;
  /** the label as printed (item and unknown rows) */
  label?: string;
  codeCell?: CellRef;
  nameCell?: CellRef;
  labelCell?: CellRef;
  /** amounts by column role */
  values: Record<string, Amount | undefined>;
}

export interface Column {
  role: string;
  /** 0-based sheet column */
  c: number;
  /** joined header text as read */
  header: string;
}

export interface Block {
  def: BlockDef;
  columns: Column[];
  rows: Row[];
}

/** Unit / year / currency line of a table. */
export interface HeaderInfo {
  unitCode?: string;
  unitName?: string;
  year?: string;
  currency?: string;
  /** cells the values came from, for findings */
  unitCell?: CellRef;
  yearCell?: CellRef;
  currencyCell?: CellRef;
}

export interface Table {
  id: TableId;
  def: TableDef;
  /** title text as found */
  title: string;
  titleCell: CellRef;
  sheet: string;
  range: Rect;
  header: HeaderInfo;
  blocks: Block[];
  /** '注：…空表列示' style note under the table, if any */
  note?: { text: string; cell: CellRef };
  /** row numbers of repeated header rows skipped (a table continued over pages) */
  repeatedHeaders: number[];
  /** cells that recognition could not place: merged cells over data, stray text */
  issues: { kind: 'merged-data' | 'unplaced'; cell: CellRef; text: string }[];
}

/** One table's main (or named) block. */
export function block(t: Table, id: BlockDef['id'] = 'main'): Block | undefined {
  return t.blocks.find((b) => b.def.id === id);
}

export interface Recognition {
  tables: Table[];
  /** tables found more than once: the extra copies (the first is checked) */
  duplicates: Table[];
}

export type RawCell = Cell | undefined;
