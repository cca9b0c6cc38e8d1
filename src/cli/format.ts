// Text presentation of a Report for the command line (Chinese, grouped by table).
import type { Cause, Finding, Report, Severity, TableId } from '../core/model/findings';
import { isTextFinding } from '../core/model/findings';
import { DEFAULT_PROFILE, profileById, tableLabel } from '../core/profiles';
import type { Profile } from '../core/profiles';
import { SEVERITY_TEXT, sheetRef } from '../io/xlsx-mark';
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const MAX_CELLS = 6;

export function summaryLine(s: Report['summary']): string {
  return `共 ${s.errors} 个错误，${s.warnings} 个警告` + (s.infos > 0 ? `，${s.infos} 个提示` : '');
}

/** `'3 部门预算支出总表'!D7、E7、'5 …'!D7` — the sheet name is repeated only when it changes. */
export function cellsText(f: Pick<Finding, 'cells'>): string {
  const shown = f.cells.slice(0, MAX_CELLS);
  let prev: string | undefined;
  const refs = shown.map((c) => {
    if (c.place) return c.place;
    const t = c.sheet === prev ? c.address : sheetRef(c.sheet, c.address);
    prev = c.sheet;
    return t;
  });
  const text = refs.join('、');
  return f.cells.length > MAX_CELLS ? `${text} 等共 ${f.cells.length} 个单元格` : text;
}

/** The full readable summary of one file's report. */
export function formatReport(report: Report, fileLabel = report.file ?? ''): string {
  const lines: string[] = [];
  if (fileLabel) lines.push(`文件：${fileLabel}`);
  const found = new Set(report.tables.map((t) => t.table));
  const p = profileOf(report);
  const template = report.profile ? `（模板：${p.name}）` : '';
  if (report.text?.alone) lines.push(ALONE_TEXT(p.name), ALONE_HINT);
  else lines.push(`识别到 ${found.size}/${expectedTables(p)} 张表${template}${found.size > 0 ? '：' : '。'}`);
  for (const t of report.tables) {
    lines.push(`  ${tableLabel(t.table, report)}：${t.place ?? (t.sheet ? sheetRef(t.sheet, t.range) : t.range)}`);
  }
  const missing = report.text?.alone ? [] : p.tables.filter((d) => !d.optional && !found.has(d.id)).map((d) => d.id);
  if (missing.length > 0) lines.push(`未找到：${missing.map((id) => tableLabel(id, report)).join('、')}`);

  if (report.text) {
    const t = report.text;
    if (t.alone) lines.push(`情况说明：${t.source}，读到 ${t.claims} 个数字，文字本身核对了 ${t.checked} 个（“其中”各项之和、增减、占比、年度）`);
    else lines.push(`情况说明：${t.source}，读到 ${t.claims} 个数字，核对了 ${t.checked} 个${t.claims > t.checked ? `（其余 ${t.claims - t.checked} 个表中没有可比的数字，如政府采购、固定资产、绩效指标）` : ''}`);
  }
  // the causes first, each with the findings it explains; then the findings no cause explains
  const causes = report.causes ?? [];
  const explained = new Set(causes.flatMap((c) => c.explains));
  if (causes.length > 0) lines.push('');
  causes.forEach((c, n) => lines.push(...causeLines(c, n, report)));
  const rest = report.findings.filter((_, i) => !explained.has(i));
  if (causes.length > 0 && rest.length > 0) lines.push('', `以下 ${rest.length} 个问题未归入上述原因：`);
  // text findings under their own heading, after the tables'
  const groups = new Map<TableId | 'text' | undefined, Finding[]>();
  for (const key of [undefined, ...p.tables.map((d) => d.id), 'text' as const]) groups.set(key, []);
  for (const f of rest) {
    const key = isTextFinding(f) ? 'text' : f.table && groups.has(f.table) ? f.table : undefined;
    groups.get(key)!.push(f);
  }
  if (report.findings.length === 0) {
    lines.push('', '未发现问题。');
  }
  for (const [table, list] of groups) {
    if (list.length === 0) continue;
    const sorted = list.map((f, i) => ({ f, i })).sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i);
    const counts = countOf(list);
    lines.push('', `【${table === 'text' ? '情况说明' : tableLabel(table, report)}】${counts}`);
    for (const { f } of sorted) {
      lines.push(`  ${SEVERITY_TEXT[f.severity]}：${oneLine(f.message)}`);
      if (f.cells.length > 0) lines.push(`        单元格：${cellsText(f)}`);
    }
  }
  lines.push('', summaryLine(report.summary));
  return lines.join('\n') + '\n';
}

/** '原因 1：…' with its cells and, indented, the findings it explains. */
function causeLines(c: Cause, n: number, report: Report): string[] {
  const out = [`原因 ${n + 1}：${oneLine(c.message)}`];
  if (c.cells.length > 0) out.push(`        单元格：${cellsText(c)}`);
  for (const i of c.explains) {
    const f = report.findings[i];
    out.push(`        · ${SEVERITY_TEXT[f.severity]}：${oneLine(f.message)}`);
  }
  return out;
}

function profileOf(r: Report): Profile {
  return (r.profile && profileById(r.profile)) || DEFAULT_PROFILE;
}

/** The tables the template always prints. */
function expectedTables(p: Profile): number {
  return p.tables.filter((d) => !d.optional).length;
}

function countOf(list: Finding[]): string {
  const n = { error: 0, warning: 0, info: 0 };
  for (const f of list) n[f.severity]++;
  const parts: string[] = [];
  if (n.error) parts.push(`${n.error} 个错误`);
  if (n.warning) parts.push(`${n.warning} 个警告`);
  if (n.info) parts.push(`${n.info} 个提示`);
  return parts.join('，');
}

function oneLine(s: string): string {
  return s.replace(/\s*\r?\n\s*/g, ' ');
}

const ALONE_TEXT = (region: string) => `此文件中没有表格，只有情况说明（按${region}模板的用语读）：只核对了文字本身，未与九张表核对。`;
const ALONE_HINT = '要与表格核对，请把表格文件与它一起校验：validate <表格.pdf> --text <本文件>';

/** One line per file in a folder run. */
export function folderLine(name: string, result: { report?: Report; error?: string }): string {
  if (result.error !== undefined) return `${name}：无法读取 — ${oneLine(result.error)}`;
  const r = result.report!;
  if (r.text?.alone) return `${name}：只有情况说明、没有表格（只核对了文字本身，可用 --text 与表格文件一起校验），${r.summary.errors} 个错误，${r.summary.warnings} 个警告`;
  const n = new Set(r.tables.map((t) => t.table)).size;
  const p = profileOf(r);
  const text = r.text ? `（含情况说明 ${r.findings.filter(isTextFinding).length} 个问题）` : '';
  return `${name}：${r.profile && p !== DEFAULT_PROFILE ? `${p.name}模板，` : ''}识别到 ${n}/${expectedTables(p)} 张表，${r.summary.errors} 个错误，${r.summary.warnings} 个警告${text}`;
}

/** The Report as printed by --json: stable keys (absent optional fields as null), extra fields kept. */
export function reportJson(r: Report): unknown {
  return {
    ...r,
    file: r.file ?? null,
    tables: r.tables.map((t) => ({ ...t })),
    findings: r.findings.map((f) => ({
      ...f,
      rule: f.rule,
      severity: f.severity,
      table: f.table ?? null,
      message: f.message,
      cells: f.cells.map((c) => ({ ...c })),
      expected: f.expected ?? null,
      actual: f.actual ?? null,
    })),
    // always present: [] when clean; `explains` indexes `findings`; `proposed` absent for a cause that is not a figure
    causes: (r.causes ?? []).map((c) => ({
      cells: c.cells.map((x) => ({ ...x })),
      explains: [...c.explains],
      message: c.message,
      ambiguous: c.ambiguous,
      alternatives: c.alternatives.map((a) => ({ cells: a.cells.map((x) => ({ ...x })), message: a.message, ambiguous: a.ambiguous })),
    })),
    summary: r.summary,
  };
}
