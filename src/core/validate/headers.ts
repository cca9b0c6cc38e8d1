// Headers: unit, year and 金额单位 stated and the same on every table.
import type { Table } from '../model/model';
import { norm } from '../profiles/text';
import type { Ctx, Rule } from './context';
import { title, push } from './context';

const HEADER_FIELDS: { key: 'unitName' | 'year' | 'currency'; cell: 'unitCell' | 'yearCell' | 'currencyCell'; label: string }[] = [
  { key: 'unitName', cell: 'unitCell', label: '单位名称' },
  { key: 'year', cell: 'yearCell', label: '预算年度' },
  { key: 'currency', cell: 'currencyCell', label: '金额单位' },
];

export function header(rule: Rule<'header'>, ctx: Ctx): void {
  const tables = [...ctx.tables.values()];
  if (rule.id === 'header-missing') {
    const stated = ctx.profile.read.headerFields;
    for (const t of tables) {
      const missing = HEADER_FIELDS.filter((f) => !t.header[f.key] && (!stated || stated.includes(f.key))).map((f) => f.label);
      if (missing.length === 0) continue;
      push(ctx, {
        rule: rule.id,
        severity: rule.severity,
        table: t.id,
        message: `${title(t)}表头未写明${missing.join('、')}（应在表名下方一行注明单位名称、预算年度和金额单位）。`,
        cells: [t.titleCell],
      });
    }
    return;
  }
  for (const f of HEADER_FIELDS) {
    // 金额单位: the same within the tables the template prints in one unit (Shanghai: 三公 in 万元, the rest in 元)
    const groups = f.key === 'currency' ? unitGroups(ctx, tables) : [tables];
    for (const g of groups) consistent(rule, ctx, f, g);
  }
}

function unitGroups(ctx: Ctx, tables: Table[]): Table[][] {
  const by = new Map<string, Table[]>();
  for (const t of tables) {
    const u = t.def.unit ?? ctx.profile.unit;
    const g = by.get(u);
    if (g) g.push(t);
    else by.set(u, [t]);
  }
  return [...by.values()];
}

function consistent(rule: Rule<'header'>, ctx: Ctx, f: (typeof HEADER_FIELDS)[number], tables: Table[]): void {
  const counts = new Map<string, { n: number; first: Table }>();
  for (const t of tables) {
    const v = t.header[f.key];
    if (!v) continue;
    const k = norm(v);
    const e = counts.get(k);
    if (e) e.n++;
    else counts.set(k, { n: 1, first: t });
  }
  if (counts.size < 2) return;
  let major: { k: string; n: number; first: Table } | undefined;
  for (const [k, e] of counts) if (!major || e.n > major.n) major = { k, ...e };
  for (const t of tables) {
    const v = t.header[f.key];
    if (!v || norm(v) === major!.k) continue;
    const majorValue = major!.first.header[f.key]!;
    push(ctx, {
      rule: rule.id,
      severity: rule.severity,
      table: t.id,
      message: `${title(t)}的${f.label}为“${v}”，其他表为“${majorValue}”；各表的${f.label}应一致。`,
      cells: [t.header[f.cell] ?? t.titleCell, major!.first.header[f.cell] ?? major!.first.titleCell],
      expected: majorValue,
      actual: v,
    }, { header: { cell: t.header[f.cell] ?? t.titleCell, label: f.label, text: v, want: majorValue, year: f.key === 'year' } });
  }
}
