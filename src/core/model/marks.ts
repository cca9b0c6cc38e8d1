// The mark plan: which cells of a report are marked, how strongly, and with which findings and causes.
// Pure; the adapters (the marked copy through exceljs, the add-in through Office.js) only apply it.
import type { Cause, Finding, Report, Severity } from './findings';

export interface CellMark {
  sheet: string;
  /** A1 address without '$', upper case */
  address: string;
  /** the worst severity of the findings on this cell (or of those its causes explain) */
  severity: Severity;
  /** the findings naming this cell, in report order */
  findings: Finding[];
  /** the causes naming this cell: the cell to fix, marked more strongly than where a consequence shows */
  causes: Cause[];
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** Fill of a marked cell by its worst severity, RRGGBB (Excel's "bad" / "neutral" styles, light blue). */
export const MARK_FILLS: Record<Severity, string> = { error: 'FFC7CE', warning: 'FFEB9C', info: 'DDEBF7' };

/** Fill of a cause's cell: the same hue, stronger. */
export const CAUSE_FILLS: Record<Severity, string> = { error: 'FF7C80', warning: 'FFC000', info: '9DC3E6' };

/** The fill a cell of the plan gets: every adapter (marked copy, add-in) colours through this. */
export function markFill(m: CellMark): string {
  return m.causes.length > 0 ? CAUSE_FILLS[m.severity] : MARK_FILLS[m.severity];
}

export function normAddress(a: string): string {
  return a.replace(/\$/g, '').trim().toUpperCase();
}

export function markKey(sheet: string, address: string): string {
  return `${sheet}\u0000${normAddress(address)}`;
}

/** The worst severity of the findings a cause explains. */
export function causeSeverity(report: Report, c: Cause): Severity {
  let worst: Severity = 'info';
  for (const i of c.explains) {
    const s = report.findings[i]?.severity;
    if (s && RANK[s] > RANK[worst]) worst = s;
  }
  return worst;
}

/**
 * Every cell the report names, once, keyed by markKey, in first-named order: the findings' cells and the
 * causes' cells. `keep` filters sheets (cells on sheets that do not exist are counted in `skipped`).
 */
export function markPlan(report: Report, keep: (sheet: string) => boolean = () => true): { marks: Map<string, CellMark>; skipped: number } {
  const marks = new Map<string, CellMark>();
  let skipped = 0;
  const at = (sheet: string, address: string, severity: Severity): CellMark | undefined => {
    if (!keep(sheet)) {
      skipped++;
      return undefined;
    }
    const k = markKey(sheet, address);
    let m = marks.get(k);
    if (!m) marks.set(k, (m = { sheet, address: normAddress(address), severity, findings: [], causes: [] }));
    if (RANK[severity] > RANK[m.severity]) m.severity = severity;
    return m;
  };
  for (const f of report.findings)
    for (const c of f.cells) {
      const m = at(c.sheet, c.address, f.severity);
      if (m && !m.findings.includes(f)) m.findings.push(f);
    }
  for (const cause of report.causes ?? [])
    for (const c of cause.cells) {
      const m = at(c.sheet, c.address, causeSeverity(report, cause));
      if (m && !m.causes.includes(cause)) m.causes.push(cause);
    }
  return { marks, skipped };
}

/** What a marked cell's note says: its causes first ('原因：…'), then the findings on it. */
export function markLines(m: CellMark, findingText: (f: Finding) => string = (f) => f.message): string[] {
  return [...new Set([...m.causes.map((c) => `原因：${c.message}`), ...m.findings.map(findingText)])];
}

/** A row of the result sheet: a cause, a finding it explains (folded under it), or a finding no cause explains. */
export type ResultRow = { kind: 'cause'; cause: Cause; no: number } | { kind: 'finding'; finding: Finding; no: number; under?: number };

/** The result sheet's rows: each cause with the findings it explains under it, then the other findings (numbered as in the report). */
export function resultRows(report: Report): ResultRow[] {
  const out: ResultRow[] = [];
  const explained = new Set<number>();
  (report.causes ?? []).forEach((cause, n) => {
    out.push({ kind: 'cause', cause, no: n + 1 });
    for (const i of cause.explains) {
      explained.add(i);
      out.push({ kind: 'finding', finding: report.findings[i], no: i + 1, under: n + 1 });
    }
  });
  report.findings.forEach((finding, i) => {
    if (!explained.has(i)) out.push({ kind: 'finding', finding, no: i + 1 });
  });
  return out;
}
