// The table model: recognised from a Grid or built by the generator. Amounts are exact from here on.
import type { Cell, CellRef, Rect } from './grid';
import { ref } from './grid';
import type { TableId } from './findings';
import type { Money } from './money';
import { ZERO, fromCents, fromNumber } from './money';
import type { BlockDef, Currency, Profile, TableDef } from '../profiles/types';

/** Why an amount cell is not a clean number. */
export type AmountProblem = 'text-number' | 'text' | 'error' | 'formula-error' | 'boolean' | 'formula-uncalculated';

/** A formula saved without its result: its figure is unknown, so no sum that involves it is judged. */
export const uncalculated = (a: { problem?: AmountProblem } | undefined): boolean => a?.problem === 'formula-uncalculated';

/** What an amount cell that is not a clean number holds. */
export interface AmountIssue {
  problem: AmountProblem;
  /** the value: the parsed text, or ZERO */
  v: Money;
  /** the cell's text as read, for messages about bad values */
  raw: string;
  formula?: string;
}

/**
 * One amount cell, as the rules see it when they report on it. The block keeps its amounts column by
 * column (integer cents in plain number arrays); an Amount object is made only when a rule asks for a
 * row's `values`, so the usual clean row costs no objects at all.
 */
export class Amount {
  constructor(
    readonly sheet: string,
    /** 0-based sheet row and column */
    readonly r: number,
    readonly col: number,
    /** the cell was empty (zero shown blank) */
    readonly blank: boolean,
    /** exact integer cents when the value has at most 2 decimals and |cents| <= 2^52 (the usual case), else NaN */
    readonly c: number,
    /** the cell's number when c is NaN */
    private readonly n: number,
    /** set when the cell is not a clean number */
    private readonly issue?: AmountIssue,
  ) {}
  /** exact value; ZERO when blank or unreadable */
  get v(): Money {
    if (this.issue) return this.issue.v;
    if (this.c === 0) return ZERO;
    return Number.isNaN(this.c) ? fromNumber(this.n) : fromCents(this.c);
  }
  get problem(): AmountProblem | undefined {
    return this.issue?.problem;
  }
  get raw(): string | undefined {
    return this.issue?.raw;
  }
  get formula(): string | undefined {
    return this.issue?.formula;
  }
  get cell(): CellRef {
    return ref(this.sheet, this.r, this.col);
  }
}

/** State of an amount cell in a block: a number, empty, or not a clean number (see Block.extra). */
export const NUM = 0;
export const BLANK = 1;
export const ISSUE = 2;

export type RowKind = 'total' | 'code' | 'item' | 'unknown';

export class Row {
  private _values: Record<string, Amount | undefined> | undefined;
  constructor(
    readonly block: Block,
    /** index in block.rows (and in the block's amount arrays) */
    readonly i: number,
    /** 0-based sheet row */
    readonly r: number,
    readonly kind: RowKind,
    /** total rows: 'total'; code rows: the code; item rows: the item key (defs); unknown: '' */
    readonly key: string,
    readonly code: string | undefined,
    readonly name: string | undefined,
    /** the label as printed (item and unknown rows) */
    readonly label: string | undefined,
    /** 0-based columns of the code, name and label cells; -1: none */
    private readonly codeC: number,
    private readonly nameC: number,
    private readonly labelC: number,
  ) {}
  /** amounts by column role (made on first use; hot loops read block.cents instead) */
  get values(): Record<string, Amount | undefined> {
    return (this._values ??= this.block.amounts(this.i));
  }
  // cell references are built when a finding names them, not for every row read
  get codeCell(): CellRef | undefined {
    return this.codeC < 0 ? undefined : ref(this.block.sheet, this.r, this.codeC);
  }
  get nameCell(): CellRef | undefined {
    return this.nameC < 0 ? undefined : ref(this.block.sheet, this.r, this.nameC);
  }
  get labelCell(): CellRef | undefined {
    return this.labelC < 0 ? undefined : ref(this.block.sheet, this.r, this.labelC);
  }
}

export interface Column {
  role: string;
  /** 0-based sheet column */
  c: number;
  /** joined header text as read */
  header: string;
  /** a column of labels (group labels, outline levels) rather than amounts, beyond code / name / label */
  key?: boolean;
}

export const isKeyRole = (role: string): boolean => role === 'code' || role === 'name' || role === 'label';

/** Whether a column holds codes, names or labels (not amounts). */
export const isKeyColumn = (c: Column): boolean => c.key === true || isKeyRole(c.role);

/** One block of a table (T1 and T4 have an income and an expense block; the others one 'main'). */
let nextBlockUid = 1;

export class Block {
  /** unique among the blocks made in this process (the diagnosis keys cells by it) */
  readonly uid = nextBlockUid++;
  /** its number among the blocks of one validation, once the diagnosis numbers them (relations.ts cellKey); -1 before */
  no = -1;
  readonly rows: Row[] = [];
  /** the amount roles, in column order */
  readonly roles: string[] = [];
  /** sheet column of each amount role */
  readonly cols: number[] = [];
  /** cents[k][i]: integer cents of role k in row i; NaN when not whole cents or beyond 2^52 cents */
  readonly cents: Float64Array[] = [];
  /** state[k][i]: NUM, BLANK or ISSUE */
  readonly state: Uint8Array[] = [];
  /** by i * roles.length + k: the issue of an ISSUE cell, or the number of a NUM cell whose cents are NaN */
  readonly extra = new Map<number, AmountIssue | number>();
  constructor(
    readonly def: BlockDef,
    readonly columns: Column[],
    readonly sheet: string,
    /** rows expected at most (the arrays grow if need be) */
    capacity = 16,
  ) {
    for (const c of columns)
      if (!isKeyColumn(c)) {
        this.roles.push(c.role);
        this.cols.push(c.c);
        this.cents.push(new Float64Array(capacity));
        this.state.push(new Uint8Array(capacity));
      }
  }
  /** Makes room for row i in the amount arrays. */
  reserve(i: number): void {
    if (this.cents.length === 0 || i < this.cents[0].length) return;
    const size = Math.max(16, i * 2);
    for (let k = 0; k < this.roles.length; k++) {
      const c = new Float64Array(size);
      c.set(this.cents[k]);
      this.cents[k] = c;
      const st = new Uint8Array(size);
      st.set(this.state[k]);
      this.state[k] = st;
    }
  }
  /** index of an amount role; -1 when the block has no such column */
  k(role: string): number {
    return this.roles.indexOf(role);
  }
  /** the Amount of role k in row i */
  amount(i: number, k: number): Amount {
    const x = this.extra.get(i * this.roles.length + k);
    const st = this.state[k][i];
    return new Amount(
      this.sheet,
      this.rows[i].r,
      this.cols[k],
      st === BLANK,
      this.cents[k][i],
      typeof x === 'number' ? x : 0,
      typeof x === 'object' ? x : undefined,
    );
  }
  /** every amount of row i, by role */
  amounts(i: number): Record<string, Amount | undefined> {
    const out: Record<string, Amount | undefined> = {};
    for (let k = 0; k < this.roles.length; k++) out[this.roles[k]] = this.amount(i, k);
    return out;
  }
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
  /** the title as messages name the table, for profiles that name tables as printed */
  printedTitle?: string;
  titleCell: CellRef;
  sheet: string;
  range: Rect;
  header: HeaderInfo;
  blocks: Block[];
  /** '注：…空表列示' style note under the table, if any */
  note?: { text: string; cell: CellRef };
  /** row numbers of repeated header rows skipped (a table continued over pages) */
  repeatedHeaders: number[];
  /** the amount unit the table is read in: as its unit line states, else as its profile prints it */
  unit: Currency;
  /** cells that recognition could not place: merged cells over data, stray text; a split code's part of the wrong width */
  issues: TableIssue[];
}

export type TableIssue =
  | { kind: 'merged-data' | 'unplaced'; cell: CellRef; text: string }
  /** r: sheet row; text: the code as printed ('301 2'); part: the part that is too short or long; level: 0 类, 1 款, 2 项; read: the code as read */
  | { kind: 'code-part'; cell: CellRef; r: number; text: string; part: string; level: number; read: string };

/** One table's main (or named) block. */
export function block(t: Table, id: string = 'main'): Block | undefined {
  return t.blocks.find((b) => b.def.id === id);
}

export interface Recognition {
  /** the template profile the tables were read with */
  profile: Profile;
  tables: Table[];
  /** tables found more than once: the extra copies (the first is checked) */
  duplicates: Table[];
  /** titles of tables the profile does not know (not checked) */
  unknown: { title: string; cell: CellRef }[];
}

export type RawCell = Cell | undefined;
