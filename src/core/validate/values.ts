// Values: errors, numbers stored as text, text, decimals, negatives, formulas without results.
import type { Amount, Block, Row, Table } from '../model/model';
import { ISSUE, NUM, uncalculated } from '../model/model';
import { fmt } from '../model/money';
import type { Ctx, Rule } from './context';
import { title, rowDesc, colLabel, push } from './context';
import { real } from './relations';

interface AmountUse {
  t: Table;
  b: Block;
  row: Row;
  role: string;
  a: Amount;
}

const suspectCache = new WeakMap<Ctx, AmountUse[]>();

/**
 * The amounts any value rule may report on, in table/block/row/column order: those with a problem, and
 * clean non-blank ones with more than two decimals or a negative value. Computed once per workbook.
 */
function suspectAmounts(ctx: Ctx): AmountUse[] {
  const hit = suspectCache.get(ctx);
  if (hit) return hit;
  const out: AmountUse[] = [];
  for (const t of ctx.tables.values())
    for (const b of t.blocks)
      for (let i = 0; i < b.rows.length; i++)
        for (let k = 0; k < b.roles.length; k++) {
          // cents are NaN beyond 2 decimals (or beyond 2^52 cents, then looked at exactly by the rules)
          const st = b.state[k][i];
          if (st === ISSUE || (st === NUM && !(b.cents[k][i] >= 0))) {
            const row = b.rows[i];
            out.push({ t, b, row, role: b.roles[k], a: row.values[b.roles[k]]! });
          }
        }
  suspectCache.set(ctx, out);
  return out;
}

function valueWhere(u: AmountUse): string {
  return `${title(u.t)} ${rowDesc(u.row)} ${colLabel(u.b, u.role)}（${u.a.cell.address}）`;
}

export function values(rule: Rule<'value'>, ctx: Ctx): void {
  if (rule.id === 'value-formula') return uncalculatedFormulas(rule, ctx);
  for (const u of suspectAmounts(ctx)) {
    const a = u.a;
    if (a.blank && !a.problem) continue;
    let message: string | undefined;
    switch (rule.id) {
      case 'value-error':
        if (a.problem === 'error' || a.problem === 'formula-error')
          message = `${valueWhere(u)}是错误值 ${a.raw ?? ''}${a.formula ? `（公式 =${a.formula}）` : ''}，请修正公式或改为数值。`;
        break;
      case 'value-text':
        if (a.problem === 'text-number')
          message = `${valueWhere(u)}的数字“${a.raw}”是文本格式，Excel 求和时会忽略它；请转换为数值。`;
        break;
      case 'value-nonnumeric':
        if (a.problem === 'text' || a.problem === 'boolean') message = `${valueWhere(u)}应为金额，却是文字“${a.raw}”。`;
        break;
      case 'value-decimals':
        if (!a.problem && !a.blank && a.v.decimalPlaces() > 2)
          message = `${valueWhere(u)}为 ${a.v.toString()}，超过两位小数（金额单位${u.t.unit}，应保留两位小数）；显示为 ${a.v.toFixed(2)}，但合计按实际值计算。`;
        break;
      case 'value-negative':
        if (!a.problem && a.v.isNegative()) message = `${valueWhere(u)}为负数 ${fmt(a.v)}，预算数一般不应为负，请核对。`;
        break;
    }
    if (message)
      push(ctx, { rule: rule.id, severity: rule.severity, table: u.t.id, message, cells: [a.cell], actual: a.raw ?? fmt(a.v) }, { value: real(u.b, u.row.i, u.b.k(u.role)) });
  }
}

/** Formulas saved without their results, one finding per table (a program-written file may have thousands). */
function uncalculatedFormulas(rule: Rule<'value'>, ctx: Ctx): void {
  const byTable = new Map<Table, AmountUse[]>();
  for (const u of suspectAmounts(ctx)) {
    if (!uncalculated(u.a)) continue;
    const list = byTable.get(u.t);
    if (list) list.push(u);
    else byTable.set(u.t, [u]);
  }
  for (const [t, list] of byTable) {
    const u = list[0];
    const what =
      list.length === 1
        ? `${valueWhere(u)}是公式 =${u.a.formula}，`
        : `${title(t)}有 ${list.length} 个金额单元格是公式（如 ${valueWhere(u)} =${u.a.formula}），`;
    push(ctx, {
      rule: rule.id,
      severity: rule.severity,
      table: t.id,
      message: `${what}但文件中没有保存公式的计算结果（文件可能由其他软件生成），这些数无法核对，涉及它们的合计也未校验；请用 Excel 打开此文件、保存后再校验。`,
      cells: list.map((x) => x.a.cell),
    }, { culprits: list.map((x) => x.a.cell) });
  }
}
