// Findings: what the rules produce and every surface presents.
import type { CellRef } from './grid';

export type Severity = 'error' | 'warning' | 'info';
/** The nine mandated tables (DOMAIN.md). */
export type StandardTableId = 'T1' | 'T2' | 'T3' | 'T4' | 'T5' | 'T6' | 'T7' | 'T8' | 'T9';
/** A table of a profile: one of the nine, or a template's own (X-机关运行经费, X-政府采购, …). */
export type TableId = StandardTableId | `X-${string}`;

export interface Finding {
  rule: string;
  severity: Severity;
  /** the table the finding is about; absent for workbook-wide findings */
  table?: TableId;
  /** clear Chinese: table, row (科目 code and name or item), expected and actual */
  message: string;
  /** wrong cells: for a sum the total first, then the parts; cross-table: both tables' cells */
  cells: CellRef[];
  expected?: string;
  actual?: string;
  /** text findings (rule text-…): the clause exactly as it reads in the explanatory text (a substring of it) */
  quote?: string;
}

/** One cell of a cause, with the figure it holds and (for a figure) the one proposed. */
export interface CauseCell extends CellRef {
  /** the cell's figure or text as read */
  value: string;
  /** the figure that makes the relations hold; absent for a cause that is not a figure */
  proposed?: string;
}

/** The likely cause of some findings: which cells to fix (a proposal: nothing is changed). */
export interface Cause {
  cells: CauseCell[];
  /** indexes into Report.findings of the findings this cause explains */
  explains: number[];
  /** clear Chinese: table, row, cell, the figure it holds and the one it should hold */
  message: string;
  /** the data cannot tell this cause from its alternatives */
  ambiguous: boolean;
  alternatives: Omit<Cause, 'alternatives' | 'explains'>[];
}

/** What the explanatory text (情况说明) check read. */
export interface TextSummary {
  /** where the text came from: a file name or the sheet's name */
  source: string;
  /** figures read from the text */
  claims: number;
  /** of those, how many were checked (against the tables or within the text) */
  checked: number;
  /** the clauses of the figures read but not checked (政府采购, 固定资产, 绩效 targets …), as they read */
  unchecked?: string[];
  /** the file holds no table, only this text: it was checked on its own (its lists, changes, shares, years) */
  alone?: boolean;
}

export interface TableSummary {
  table: TableId;
  title: string;
  sheet: string;
  range: string;
  /** where a reader finds the table when it was not read from a workbook (a PDF: '第3–4页 表2') */
  place?: string;
}

export interface Report {
  file?: string;
  /** the template profile the workbook was read with, e.g. 'hebei', 'shanghai' */
  profile?: string;
  tables: TableSummary[];
  findings: Finding[];
  /** most likely first; [] when clean */
  causes?: Cause[];
  /** present when an explanatory text was checked */
  text?: TextSummary;
  summary: { errors: number; warnings: number; infos: number };
}

/** A finding about the explanatory text (rules text-…): listed under its own heading. */
export function isTextFinding(f: Finding): boolean {
  return f.rule.startsWith('text-');
}

export function summarize(findings: Finding[]): Report['summary'] {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

/** Longest echo of a cell's text inside a message (in “…”), and longest message. */
export const ECHO_MAX = 60;
export const MESSAGE_MAX = 600;

/**
 * A message with every quoted echo of cell text (“…”) longer than ECHO_MAX cut to its start and its
 * length, and the whole cut at MESSAGE_MAX: a cell holding pages of text makes a readable message.
 */
export function clipMessage(message: string): string {
  let m = message.replace(new RegExp(`“([^”]{${ECHO_MAX + 1},})”`, 'g'), (_all, t: string) => `“${t.slice(0, ECHO_MAX - 20)}…（共 ${t.length} 字）”`);
  if (m.length > MESSAGE_MAX) m = m.slice(0, MESSAGE_MAX - 1) + '…';
  return m;
}
