// Across tables: figure pairs, keyed rows (科目 by 科目, 类 by 类), the fiscal bounds, T9 against T6.
import type { CellRef } from '../model/grid';
import type { TableId } from '../model/findings';
import type { Amount, Row, Table } from '../model/model';
import { uncalculated } from '../model/model';
import type { Ref } from './rules';
import type { Money } from '../model/money';
import { MAX_CENTS, ZERO, fmt, sum } from '../model/money';
import type { Ctx, Rule } from './context';
import { title, rowDesc, colLabel, diffNote, compare, push, blockOf, findRow } from './context';
import { treeIndex, keyedRows, unionKeys } from './tree-index';

export interface Resolved {
  v: Money;
  cells: CellRef[];
  desc: string;
  found: boolean;
}

/** The figure a list of refs names (their sum), its cells and a description; undefined when a table or block is absent. */
export function resolve(ctx: Ctx, refs: Ref[]): Resolved | undefined {
  let v = ZERO;
  const cells: CellRef[] = [];
  const descs: string[] = [];
  let found = false;
  for (const r of refs) {
    const t = ctx.tables.get(r.t);
    if (!t) return undefined;
    const b = blockOf(t, r.b);
    if (!b) return undefined;
    const row = findRow(b, r.row);
    if (!row) continue;
    const a = row.values[r.col];
    if (!a) continue;
    if (uncalculated(a)) return undefined; // an unknown figure: the pair is not judged
    found = true;
    v = v.plus(a.v);
    cells.push(a.cell);
    descs.push(`${rowDesc(row)}${b.roles.length > 1 || b.def.id === 'main' ? ' ' + colLabel(b, r.col) : ''}`);
  }
  const t0 = ctx.tables.get(refs[0].t)!;
  return { v, cells, desc: `${title(t0)} ${descs.join('＋')}`, found };
}

export function crossPairs(rule: Rule<'cross-pairs'>, ctx: Ctx, sameTable: boolean): void {
  for (const p of rule.pairs) {
    const l = resolve(ctx, p.left);
    const r = resolve(ctx, p.right);
    if (!l || !r || !l.found || !r.found) continue;
    const rel = p.relation ?? 'eq';
    const bad = rel === 'eq' ? !l.v.eq(r.v) : rel === 'le' ? l.v.gt(r.v) : l.v.lt(r.v);
    if (!bad) continue;
    const rdesc = sameTable ? r.desc.replace(title(ctx.tables.get(p.right[0].t)!) + ' ', '') : r.desc;
    push(ctx, {
      rule: rule.id,
      severity: rule.severity,
      table: p.left[0].t,
      message: `${p.what}不一致：${l.desc} ${fmt(l.v)} ≠ ${rdesc} ${fmt(r.v)}${diffNote(r.v, l.v, l.cells.length + r.cells.length - 1)}`,
      cells: [...l.cells, ...r.cells],
      expected: fmt(r.v),
      actual: fmt(l.v),
    });
  }
}

export function crossKeyed(rule: Rule<'cross-keyed'>, ctx: Ctx): void {
  const lt = ctx.tables.get(rule.left.t);
  const rt = ctx.tables.get(rule.right.t);
  if (!lt || !rt) return;
  const lb = blockOf(lt, rule.left.b);
  const rb = blockOf(rt, rule.right.b);
  if (!lb || !rb) return;
  const kl = lb.k(rule.left.col);
  const kr = rb.k(rule.right.col);
  if (kl < 0 || kr < 0) return;
  const L = keyedRows(lt, lb, rule.left.rows);
  const R = keyedRows(rt, rb, rule.right.rows);
  const LC = lb.cents[kl];
  const RC = rb.cents[kr];
  // both tables have the row: compare integer cents (decimal.js only when a figure is not whole cents)
  L.forEach((lr, key) => {
    const rr = R.get(key);
    if (!rr) {
      if (LC[lr.i] !== 0) absentRow(rule, ctx, lt, lr, kl, rt);
      return;
    }
    const lc = LC[lr.i];
    const rc = RC[rr.i];
    // the usual pair: whole cents on both sides, no Amount made
    if (!Number.isNaN(lc) && !Number.isNaN(rc) && (rule.relation === 'eq' ? lc === rc : lc <= rc)) return;
    const la = lr.values[rule.left.col]!;
    const ra = rr.values[rule.right.col]!;
    const d = compare(la, ra);
    if (Number.isNaN(d) || (rule.relation === 'eq' ? d === 0 : d <= 0)) return;
    const lv = la.v;
    const rv = ra.v;
    const desc = key === 'total' ? '合计' : rowDesc(lr);
    const rel = rule.relation === 'eq' ? '≠' : '大于';
    const tail = rule.relation === 'le' ? `：${title(lt)}是${title(rt)}的一部分，不应大于它` : '';
    push(ctx, {
      rule: rule.id,
      severity: rule.severity,
      table: lt.id,
      message: `${desc}：${title(lt)} ${colLabel(lb, rule.left.col)} ${fmt(lv)} ${rel} ${title(rt)} ${colLabel(rb, rule.right.col)} ${fmt(rv)}${tail}${rule.relation === 'eq' ? diffNote(rv, lv, 1) : ''}`,
      cells: [la.cell, ra.cell],
      expected: fmt(rv),
      actual: fmt(lv),
    });
  });
  // an absent left counts 0, never larger
  if (rule.relation === 'le') return;
  R.forEach((rr, key) => {
    if (!L.has(key) && RC[rr.i] !== 0) absentRow(rule, ctx, rt, rr, kr, lt);
  });
}

/** A row with a non-zero amount that the other table lacks. */
function absentRow(rule: Rule<'cross-keyed'>, ctx: Ctx, pt: Table, pr: Row, k: number, at: Table): void {
  const present = pr.block.amount(pr.i, k);
  if (uncalculated(present)) return;
  push(ctx, {
    rule: rule.id,
    severity: rule.severity,
    table: pt.id,
    message: `${title(pt)}有 ${rowDesc(pr)}（${fmt(present.v)}），${title(at)}却没有这一行${rule.absent === 'missing' ? '' : '（按 0 计）'}；两表应一致。`,
    cells: [present.cell, ...(pr.codeCell ? [pr.codeCell] : pr.labelCell ? [pr.labelCell] : [])],
    expected: '0.00',
    actual: fmt(present.v),
  });
}

export function fiscal(rule: Rule<'fiscal'>, ctx: Ctx): void {
  const t2 = ctx.tables.get(rule.income.t);
  const b2 = t2 && blockOf(t2, 'main');
  const kf = b2 ? b2.k(rule.income.col) : -1;
  if (!t2 || !b2 || kf < 0) return;
  const kc = rule.income.carry ? b2.k(rule.income.carry) : -1;
  const Rs = rule.spent
    .map((id) => ctx.tables.get(id))
    .filter((t): t is Table => !!t)
    .map((t) => ({ t, b: blockOf(t, 'main')! }))
    .filter((x) => x.b && x.b.k('total') >= 0)
    .map((x) => ({ ...x, rows: keyedRows(x.t, x.b, 'codes'), cents: x.b.cents[x.b.k('total')] }));
  if (Rs.length === 0) return;
  const L = keyedRows(t2, b2, 'codes');
  for (const key of unionKeys([L, ...Rs.map((x) => x.rows)])) {
    const row2 = L.get(key);
    // integer cents first: within bounds is the usual answer
    let spentC = 0;
    for (const x of Rs) {
      const row = x.rows.get(key);
      if (row) spentC += x.cents[row.i];
    }
    const loC = row2 ? b2.cents[kf][row2.i] : 0;
    const hiC = loC + (row2 && kc >= 0 ? b2.cents[kc][row2.i] : 0);
    if (Math.abs(spentC) <= MAX_CENTS && Math.abs(hiC) <= MAX_CENTS && spentC >= loC && spentC <= hiC) continue;
    const inc = row2?.values[rule.income.col];
    const carry = rule.income.carry ? row2?.values[rule.income.carry] : undefined;
    const parts = Rs.map((x) => ({ t: x.t, row: x.rows.get(key) })).filter((x) => x.row && x.row.values.total);
    if (uncalculated(inc) || uncalculated(carry) || parts.some((x) => uncalculated(x.row!.values.total))) continue;
    const spent = sum(parts.map((x) => x.row!.values.total!.v));
    const lo = inc?.v ?? ZERO;
    const hi = lo.plus(carry?.v ?? ZERO);
    if (spent.gte(lo) && spent.lte(hi)) continue;
    const anyRow = row2 ?? parts[0]?.row;
    if (!anyRow) continue;
    const desc = key === 'total' ? '合计' : rowDesc(anyRow);
    const spentText = parts.length ? parts.map((x) => `${title(x.t)} ${fmt(x.row!.values.total!.v)}`).join('＋') : '各财政拨款支出表均无此科目';
    const bound = hi.eq(lo) ? `应等于财政拨款收入 ${fmt(lo)}` : `应在财政拨款收入 ${fmt(lo)} 与其加上年结转 ${fmt(hi)} 之间`;
    push(ctx, {
      rule: rule.id,
      severity: rule.severity,
      table: parts[0]?.t.id ?? t2.id,
      message: `${desc}：财政拨款支出 ${fmt(spent)}（${spentText}）${bound}（${title(t2)}）${hi.eq(lo) ? diffNote(lo, spent, parts.length + 1) : ''}`,
      cells: [
        ...parts.map((x) => x.row!.values.total!.cell),
        // a 科目 T2 does not have: its code may be the wrong one
        ...(row2 ? [] : parts.map((x) => x.row!.codeCell).filter((c): c is CellRef => !!c)),
        ...(inc ? [inc.cell] : []),
      ],
      expected: hi.eq(lo) ? fmt(lo) : `${fmt(lo)}–${fmt(hi)}`,
      actual: fmt(spent),
    });
  }
}

export function t9t6(rule: Rule<'t9-t6'>, ctx: Ctx): void {
  const t9 = ctx.tables.get(rule.t9);
  const t6 = ctx.tables.get(rule.t6);
  if (!t9 || !t6) return;
  const b9 = blockOf(t9, 'main');
  const b6 = blockOf(t6, 'main');
  if (!b9 || !b6) return;
  const idx = treeIndex(b6);
  const col9 = b9.columns.some((c) => c.role === 'gpb') ? 'gpb' : 'total';
  for (const link of rule.links) {
    const row9 = findRow(b9, link.item);
    const a9 = row9?.values[col9];
    const rows6 = link.codes.map((c) => idx.byCode.get(c)).filter((r): r is Row => !!r);
    const a6 = rows6.map((r) => r.values.total).filter((a): a is Amount => !!a);
    if (!row9 || !a9 || a6.length === 0 || uncalculated(a9) || a6.some(uncalculated)) continue;
    const v6 = sum(a6.map((a) => a.v));
    if (a9.v.gte(v6)) continue;
    push(ctx, {
      rule: rule.id,
      severity: rule.severity,
      table: t9.id,
      message: `${title(t9)} ${rowDesc(row9)} ${colLabel(b9, col9)} ${fmt(a9.v)} 小于${title(t6)} ${rows6.map(rowDesc).join('、')} ${fmt(v6)}：基本支出中的该项经费已计入“三公”经费，“三公”经费表不应更小。`,
      cells: [a9.cell, ...a6.map((a) => a.cell)],
      expected: `≥ ${fmt(v6)}`,
      actual: fmt(a9.v),
    });
  }
}
