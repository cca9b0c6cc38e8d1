// Structure: tables missing or twice, columns and fixed rows missing, merged data cells, unknown items.
import { itemInYear } from '../profiles';
import type { Ctx, Rule } from './context';
import { title, push, findRow } from './context';

export function structure(rule: Rule<'structure'>, ctx: Ctx): void {
  const sev = rule.severity;
  switch (rule.id) {
    case 'table-missing':
      for (const def of ctx.profile.tables) {
        if (ctx.tables.has(def.id) || def.optional) continue;
        push(ctx, {
          rule: rule.id,
          severity: sev,
          table: def.id,
          message: `未找到${def.title}${def.no ? `（表${def.no}）` : ''}。请确认工作簿中有这张表，且表名写在表格上方。`,
          cells: [],
        });
      }
      return;
    case 'table-duplicate':
      for (const t of ctx.rec.duplicates) {
        const first = ctx.tables.get(t.id);
        push(ctx, {
          rule: rule.id,
          severity: sev,
          table: t.id,
          message: `${title(t)}出现了两次（“${t.sheet}”与“${first?.sheet ?? ''}”），只校验了第一张；请删除多余的一张。`,
          cells: [t.titleCell, ...(first ? [first.titleCell] : [])],
        });
      }
      return;
    case 'table-unknown':
      for (const u of ctx.rec.unknown) {
        push(ctx, {
          rule: rule.id,
          severity: sev,
          message: `工作表“${u.cell.sheet}”中的“${u.title}”不是${ctx.profile.name}模板的表格，未校验。`,
          cells: [u.cell],
        });
      }
      return;
    case 'column-missing':
      for (const t of ctx.tables.values()) {
        for (const bdef of t.def.blocks) {
          const b = t.blocks.find((x) => x.def.id === bdef.id);
          const missing = bdef.columns.filter((c) => !c.optional && !b?.columns.some((x) => x.role === c.role));
          if (missing.length === 0) continue;
          const side = bdef.id === 'income' ? '收入部分' : bdef.id === 'expense' ? '支出部分' : '';
          push(ctx, {
            rule: rule.id,
            severity: sev,
            table: t.id,
            message: `${title(t)}${side}缺少“${missing.map((c) => c.label).join('”“')}”栏，无法校验该栏；请检查表头文字。`,
            cells: [t.titleCell],
          }, b ? { incomplete: b } : undefined);
        }
      }
      return;
    case 'row-missing':
      for (const t of ctx.tables.values()) {
        for (const b of t.blocks) {
          if (!('items' in b.def.rows)) continue;
          const items = b.def.rows.items.filter((it) => !it.under && !it.extra && !it.optional && it.key !== 'sangong' && itemInYear(it, ctx.year));
          // With no year, accept either edition's income items.
          const missing = items.filter((it) => !findRow(b, it.key) && !(ctx.year === undefined && (it.fromYear || it.untilYear)));
          for (const it of missing) {
            push(ctx, {
              rule: rule.id,
              severity: sev,
              table: t.id,
              message: `${title(t)}缺少“${it.label}”行（应有此行，金额为零也应列示）。`,
              cells: [t.titleCell],
            });
          }
        }
      }
      return;
    case 'merged-data':
      for (const t of ctx.tables.values()) {
        for (const i of t.issues) {
          if (i.kind !== 'merged-data') continue;
          push(ctx, {
            rule: rule.id,
            severity: sev,
            table: t.id,
            message: `${title(t)}单元格 ${i.cell.address} 是合并单元格，金额栏不应合并：合并后只有左上角的数值有效，请取消合并并逐格填写。`,
            cells: [i.cell],
          });
        }
      }
      return;
    case 'unknown-item':
      for (const t of ctx.tables.values()) {
        for (const b of t.blocks) {
          if (!('items' in b.def.rows)) continue;
          for (const r of b.rows) {
            if (r.kind !== 'unknown' || !r.label) continue;
            if (t.id === 'T9' && r.key.startsWith('extra.')) continue; // regions add rows such as 会议费
            push(ctx, {
              rule: rule.id,
              severity: sev,
              table: t.id,
              message: `${title(t)}第 ${r.r + 1} 行的项目“${r.label}”不是该表的标准项目，未参与校验；请核对项目名称。`,
              cells: r.labelCell ? [r.labelCell] : [],
            });
          }
        }
      }
      return;
  }
}
