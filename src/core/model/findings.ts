// Findings: what the rules produce and every surface presents.
import type { CellRef } from './grid';

export type Severity = 'error' | 'warning' | 'info';
export type TableId = 'T1' | 'T2' | 'T3' | 'T4' | 'T5' | 'T6' | 'T7' | 'T8' | 'T9';

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
}

export interface TableSummary {
  table: TableId;
  title: string;
  sheet: string;
  range: string;
}

export interface Report {
  file?: string;
  tables: TableSummary[];
  findings: Finding[];
  summary: { errors: number; warnings: number; infos: number };
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
