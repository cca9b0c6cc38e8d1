// The mark plan: which cells of a report are marked, how strongly, and with which findings. Pure; the
// adapters (the marked copy through exceljs, the add-in through Office.js) only apply it.
import type { Finding, Report, Severity } from './findings';

export interface CellMark {
  sheet: string;
  /** A1 address without '$', upper case */
  address: string;
  /** the worst severity of the findings on this cell */
  severity: Severity;
  /** the findings naming this cell, in report order */
  findings: Finding[];
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** Fill of a marked cell by its worst severity, RRGGBB (Excel's "bad" / "neutral" styles, light blue). */
export const MARK_FILLS: Record<Severity, string> = { error: 'FFC7CE', warning: 'FFEB9C', info: 'DDEBF7' };

/** The fill a cell of the plan gets: every adapter (marked copy, add-in) colours through this. */
export function markFill(m: CellMark): string {
  return MARK_FILLS[m.severity];
}

export function normAddress(a: string): string {
  return a.replace(/\$/g, '').trim().toUpperCase();
}

export function markKey(sheet: string, address: string): string {
  return `${sheet}\u0000${normAddress(address)}`;
}

/**
 * Every cell the report names, once, keyed by markKey, in first-named order. `keep` filters sheets
 * (cells on sheets that do not exist are counted in `skipped`, not marked).
 */
export function markPlan(report: Report, keep: (sheet: string) => boolean = () => true): { marks: Map<string, CellMark>; skipped: number } {
  const marks = new Map<string, CellMark>();
  let skipped = 0;
  for (const f of report.findings) {
    for (const c of f.cells) {
      if (!keep(c.sheet)) {
        skipped++;
        continue;
      }
      const k = markKey(c.sheet, c.address);
      let m = marks.get(k);
      if (!m) marks.set(k, (m = { sheet: c.sheet, address: normAddress(c.address), severity: f.severity, findings: [] }));
      if (RANK[f.severity] > RANK[m.severity]) m.severity = f.severity;
      if (!m.findings.includes(f)) m.findings.push(f);
    }
  }
  return { marks, skipped };
}
