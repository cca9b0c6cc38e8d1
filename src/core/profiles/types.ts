// What a template profile is made of. A profile (hebei.ts, shanghai.ts, jiangsu.ts) is data of these
// types: its tables (titles, columns and header spellings, fixed rows), its 科目 类, how its cells are
// read, and the rules that apply to its tables. Recognition, rules and generation read nothing else.
import type { TableId } from '../model/findings';
import type { RuleDef } from '../validate/rules';
import type { EconomicKuan } from '../model/economic-kuan';
import type { TextTerms } from './text-terms';

export type TreeKind = 'functional' | 'economic';
export type Currency = '万元' | '元';

export interface ClassDef {
  code: string;
  name: string;
  /** earlier names of the same 类 (an older catalogue): recognised as this 类 in fixed rows */
  aliases?: string[];
}

/** A column role and the header spellings that identify it (matched on normalised header text). */
export interface ColumnDef {
  role: string;
  /** label shown in messages */
  label: string;
  /** regexes tried against the column's joined, normalised header text; first matching def wins */
  match: RegExp[];
  /** column kind; 'label' columns of role 'group' hold the group label of two-column labels */
  kind: 'code' | 'name' | 'label' | 'amount';
  optional?: boolean;
}

/** A fixed row (T1, T4, T9 and the like). */
export interface ItemDef {
  key: string;
  /** label as printed (without ordinal) */
  label: string;
  /** normalised labels (ordinal stripped) that identify it */
  match: RegExp[];
  /** for expense rows listing the functional 类: the 类 it stands for */
  classCode?: string;
  /** printed with this ordinal prefix in generated tables */
  ordinal?: string;
  /** only from / until this template year */
  fromYear?: number;
  untilYear?: number;
  /** a sub-item: it follows the item of this key (T4: the three carry-over funds after 年初结转和结余) */
  under?: string;
  /** a repeatable extra row (T9 additions such as 会议费) */
  extra?: boolean;
  /** listed only when it holds money (not reported missing) */
  optional?: boolean;
}

/**
 * Rows of an outline table (政府采购): the level of a row is given by the first of these label columns
 * that holds text; each row's amount is the sum of the rows of the next level below it.
 */
export interface OutlineDef {
  /** per level, the label column roles that give a row that level */
  levels: string[][];
}

export type RowsDef =
  /** a 科目 tree: 合计, then 类 / 款 / 项 rows by code */
  | { tree: TreeKind }
  /** fixed rows identified by their labels */
  | { items: ItemDef[] }
  /** data rows without labels (a table of one row of figures): each row keyed 'row', 'row.2', … */
  | { single: true }
  | { outline: OutlineDef };

export interface BlockDef {
  /** 'main' for single-block tables; 'income' / 'expense' (and others) for the sides of T1 and T4 */
  id: string;
  /** header text above this block's columns (T1/T4: 收入 / 支出), used to split the two sides */
  side?: RegExp;
  /** the block's columns are those whose joined header text matches (sides of more than two blocks) */
  within?: RegExp;
  columns: ColumnDef[];
  rows: RowsDef;
}

export interface TableDef {
  id: TableId;
  /** canonical title */
  title: string;
  /** its number in the template's print (表1 …), when the template numbers its tables the same every year */
  no?: number;
  /** title suffixes (after norm, with 部门预算/单位预算/部门/单位 prefixes dropped) */
  titleCores: string[];
  blocks: BlockDef[];
  /** the note an empty table carries */
  note?: { empty: string };
  /** amount unit when not the profile's */
  unit?: Currency;
  /** a table the template does not always print: not reported missing */
  optional?: boolean;
}

/** How a profile's cells are read, where templates differ. */
export interface ReadOptions {
  /** codes split over 类 / 款 / 项 columns: a one-digit 款 or 项 is read with its 0 ('pad') or reported ('strict') */
  splitCodes: 'pad' | 'strict';
  /** a label merged over several columns labels each of them (T1 rows spanning both expense sides) */
  mergedLabels?: boolean;
  /** where the year is stated: the unit line (default), also the title and the column headers */
  yearIn?: ('title' | 'header')[];
  /** unit-name lines beyond 单位名称 / 预算单位编码及名称 (编制部门：…, 部门：…) */
  unitLine?: RegExp[];
  /** a table's title repeated further down its sheet continues it (page breaks repeat title, unit line and header) */
  titleRepeats?: boolean;
  /** texts that say a table is empty, beyond 注：… and 空表列示 (normalised) */
  emptyNote?: RegExp;
  /** header fields every table states (default all three) */
  headerFields?: ('unitName' | 'year' | 'currency')[];
}

export interface Profile {
  id: string;
  /** the region as a clerk names it: 模板：上海市 */
  name: string;
  tables: TableDef[];
  /** every check that applies, in order (generic entries from rules.ts, relations of this template) */
  rules: RuleDef[];
  /** the functional 类 of this template's catalogue */
  functionalClasses: ClassDef[];
  /** economic catalogues before the national list (in force from 2018) that this template's earlier years use */
  earlierEconomic?: { untilYear: number; classes: ClassDef[]; kuan: Record<string, EconomicKuan> }[];
  /** amount unit of the tables (a table may state its own) */
  unit: Currency;
  /** which phrase of the explanatory text names which table figure (the text rules need it) */
  textTerms?: TextTerms;
  /** the nine tables can be generated from an input sheet in this template */
  generate: boolean;
  /** messages name tables by the title printed in the workbook (else by the canonical title) */
  printedTitles: boolean;
  read: ReadOptions;
}
