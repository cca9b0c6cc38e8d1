// The engine: Grid in, Report out. Recognition, then every rule of rules.ts through the evaluator.
import type { Workbook } from '../model/grid';
import { cellText, rangeAddress } from '../model/grid';
import type { Finding, Report, TableId } from '../model/findings';
import { clipMessage, summarize } from '../model/findings';
import type { Catalog } from '../model/catalog';
import { catalogFromSheet } from '../model/catalog';
import { recognize } from './recognize';
import type { Ctx } from './evaluate';
import { evaluate } from './evaluate';
import type { Table } from '../model/model';
import { profileById } from '../profiles';
import { title } from './context';
import type { TextDoc } from './text/doc';
import { docFromSheet, TEXT_SHEET_NAMES } from './text/doc';
import { textSummary } from './text';
import { diagnose } from './diagnose';

export interface ValidateOptions {
  /** a clerk-supplied 科目 catalog (--catalog); a 科目表 sheet in the workbook is used when absent */
  catalog?: Catalog;
  file?: string;
  /** read the workbook with this template profile (its id, e.g. 'shanghai'; --profile) instead of the one recognition picks */
  profile?: string;
  /** the explanatory text (--text, the pane); a text sheet of the workbook (情况说明 …) is used when absent */
  text?: TextDoc;
  /** false: findings only, no causes */
  diagnose?: boolean;
  /** filled with the milliseconds of the checks and of the diagnosis (the bench reads them) */
  timings?: { checks?: number; diagnosis?: number };
}

export function validateWorkbook(wb: Workbook, opts: ValidateOptions = {}): Report {
  const rec = recognize(wb, opts.profile ? profileById(opts.profile) : undefined);
  const tables = new Map<TableId, Table>(rec.tables.map((t) => [t.id, t]));
  let catalog = opts.catalog;
  if (!catalog) {
    const sheet = wb.sheets.find((s) => s.name.trim() === '科目表');
    if (sheet) catalog = catalogFromSheet(sheet);
  }
  let text = opts.text;
  if (!text) {
    const sheet = wb.sheets.find((s) => !s.hidden && TEXT_SHEET_NAMES.test(s.name.trim()));
    if (sheet) text = docFromSheet(sheet);
    if (text && text.text.trim() === '') text = undefined;
  }
  const ctx: Ctx = { profile: rec.profile, tables, rec, catalog, year: yearOf(rec.tables), text, out: [], ties: new Map() };
  const t0 = performance.now();
  if (rec.tables.length === 0 && isInputWorkbook(wb)) {
    // A clerk's input sheet, not a disclosure: one clear sentence instead of nine missing tables.
    ctx.out.push({
      rule: 'table-missing',
      severity: 'error',
      message: '这是预算录入表（含“功能科目编码”“金额”等列），不是九张公开表，无法校验；可用 generate 命令由它生成九张公开表。',
      cells: [],
    });
  } else for (const rule of rec.profile.rules) evaluate(rule, ctx);
  // a cell holding pages of text is quoted by its start (the message stays readable, the report small);
  // a clipped finding keeps its tie to the relation it stands for
  const findings = dedupe(
    ctx.out.map((f) => {
      if (f.message.length <= ECHO_CHECK) return f;
      const g = { ...f, message: clipMessage(f.message) };
      const tie = ctx.ties?.get(f);
      if (tie) ctx.ties!.set(g, tie);
      return g;
    }),
  );
  const t1 = performance.now();
  const causes = opts.diagnose === false ? [] : diagnose(ctx, findings);
  if (opts.timings) {
    opts.timings.checks = t1 - t0;
    opts.timings.diagnosis = performance.now() - t1;
  }
  const report: Report = {
    file: opts.file,
    profile: rec.profile.id,
    tables: rec.tables.map((t) => ({ table: t.id, title: title(t), sheet: t.sheet, range: rangeAddress(t.range) })),
    findings,
    causes,
    summary: summarize(findings),
  };
  const ts = textSummary(ctx);
  if (ts) report.text = ts;
  return report;
}

const ECHO_CHECK = 80;

function isInputWorkbook(wb: Workbook): boolean {
  return wb.sheets.some((s) =>
    s.rows.slice(0, 30).some((row) => {
      const texts = (row ?? []).map((c) => cellText(c));
      return texts.includes('功能科目编码') && texts.includes('金额');
    }),
  );
}

/** The workbook's budget year: the most common year in the tables' headers. */
function yearOf(tables: Table[]): number | undefined {
  const counts = new Map<string, number>();
  for (const t of tables) if (t.header.year) counts.set(t.header.year, (counts.get(t.header.year) ?? 0) + 1);
  let best: [string, number] | undefined;
  for (const e of counts) if (!best || e[1] > best[1]) best = e;
  return best ? Number(best[0]) : undefined;
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = f.rule + '|' + f.message + '|' + f.cells.map((c) => c.sheet + '!' + c.address).join(',');
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
