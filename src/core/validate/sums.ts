// Sums inside a table: row totals (row-sum), 科目 trees (tree-sum), fixed rows (item-sum).
import type { Amount, Row } from '../model/model';
import { MAX_CENTS, fmt, sum } from '../model/money';
import type { Ctx, Rule } from './context';
import { title, rowDesc, colLabel, diffNote, nonZero, sumMatches, push, blockOf, findRow } from './context';
import { treeIndex, treeBlocks } from './tree-index';

export function rowSum(rule: Rule<'row-sum'>, ctx: Ctx): void {
  const t = ctx.tables.get(rule.table);
  if (!t) return;
  const b = blockOf(t, rule.block);
  if (!b) return;
  const kt = b.k(rule.total);
  const kp = rule.parts.map((p) => b.k(p)).filter((k) => k >= 0);
  if (kt < 0 || kp.length === 0) return;
  const totals = b.cents[kt];
  const cols = kp.map((k) => b.cents[k]);
  for (let i = 0; i < b.rows.length; i++) {
    // integer cents straight from the block's columns: the usual row adds up
    let acc = 0;
    let mag = 0;
    for (let j = 0; j < cols.length; j++) {
      const c = cols[j][i];
      acc += c;
      mag += Math.abs(c);
    }
    if (mag <= MAX_CENTS && acc === totals[i]) continue;
    const row = b.rows[i];
    const total = row.values[rule.total]!;
    const parts = rule.parts.map((p) => row.values[p]).filter((a): a is Amount => !!a);
    if (sumMatches(parts, total)) continue;
    const expected = sum(parts.map((p) => p.v));
    const partNames = rule.parts.filter((p) => row.values[p]).map((p) => colLabel(b, p));
    push(ctx, {
      rule: rule.id,
      severity: rule.severity,
      table: t.id,
      message: `${title(t)} ${rowDesc(row)} ${colLabel(b, rule.total)} ${fmt(total.v)} ≠ ${rule.partsLabel}之和 ${fmt(expected)}（${partNames.join('＋')}）${diffNote(expected, total.v, nonZero(parts), t.unit)}`,
      cells: [total.cell, ...parts.map((p) => p.cell)],
      expected: fmt(expected),
      actual: fmt(total.v),
    });
  }
}

export function treeSum(rule: Rule<'tree-sum'>, ctx: Ctx): void {
  for (const { t, b } of treeBlocks(ctx, rule.tables)) {
    const idx = treeIndex(b);
    const check = (parent: Row, kids: Row[], what: string) => {
      for (let k = 0; k < b.roles.length; k++) {
        const cents = b.cents[k];
        let acc = 0;
        let mag = 0;
        for (let j = 0; j < kids.length; j++) {
          const c = cents[kids[j].i];
          acc += c;
          mag += Math.abs(c);
        }
        if (mag <= MAX_CENTS && acc === cents[parent.i]) continue;
        const col = b.roles[k];
        const total = parent.values[col]!;
        const parts = kids.map((k) => k.values[col]).filter((a): a is Amount => !!a);
        if (sumMatches(parts, total)) continue;
        const expected = sum(parts.map((p) => p.v));
        push(ctx, {
          rule: rule.id,
          severity: rule.severity,
          table: t.id,
          message: `${title(t)} ${rowDesc(parent)} ${colLabel(b, col)} ${fmt(total.v)} ≠ ${what}之和 ${fmt(expected)}${diffNote(expected, total.v, nonZero(parts), t.unit)}`,
          cells: [total.cell, ...parts.map((p) => p.cell)],
          expected: fmt(expected),
          actual: fmt(total.v),
        });
      }
    };
    for (const [code, kids] of idx.children) check(idx.byCode.get(code)!, kids, '下级科目');
    if (idx.total && idx.classes.length > 0) check(idx.total, idx.classes, '各类科目');
  }
}

export function itemSum(rule: Rule<'item-sum'>, ctx: Ctx): void {
  const t = ctx.tables.get(rule.table);
  if (!t) return;
  const b = blockOf(t, rule.block);
  const tb = rule.totalBlock ? blockOf(t, rule.totalBlock) : b;
  if (!b || !tb) return;
  const totalRow = findRow(tb, rule.total);
  if (!totalRow) return;
  const except = new Set(rule.except ?? []);
  const partRows: Row[] = [];
  for (const p of rule.parts) {
    if (p.endsWith('*')) {
      const prefix = p.slice(0, -1);
      for (const r of b.rows) if (r.key.startsWith(prefix) && !except.has(r.key) && r.key !== rule.total && !partRows.includes(r)) partRows.push(r);
    } else {
      const r = findRow(b, p);
      if (r) partRows.push(r);
    }
  }
  if (partRows.length === 0) return;
  for (const col of tb.roles) {
    const total = totalRow.values[col];
    if (!total) continue;
    const parts = partRows.map((r) => r.values[col]).filter((a): a is Amount => !!a);
    if (tb !== b && parts.length === 0) continue;
    if (sumMatches(parts, total)) continue;
    const expected = sum(parts.map((p) => p.v));
    const colText = tb.roles.length > 1 ? ` ${colLabel(tb, col)}` : '';
    push(ctx, {
      rule: rule.id,
      severity: rule.severity,
      table: t.id,
      message: `${title(t)} ${rowDesc(totalRow)}${colText} ${fmt(total.v)} ≠ ${rule.partsLabel}之和 ${fmt(expected)}${diffNote(expected, total.v, nonZero(parts), t.unit)}`,
      cells: [total.cell, ...parts.map((p) => p.cell)],
      expected: fmt(expected),
      actual: fmt(total.v),
    });
  }
}

/** Outline tables (政府采购): each row = the rows of the next level below it; 合计 = the first level. */
export function outlineSum(rule: Rule<'outline-sum'>, ctx: Ctx): void {
  for (const t of ctx.tables.values())
    for (const b of t.blocks) {
      const rows = b.def.rows;
      if (!('outline' in rows)) continue;
      const depth = rows.outline.levels.length;
      const level = (r: Row) => (r.kind === 'total' ? 0 : Number(r.key.slice('outline.'.length)));
      for (let i = 0; i < b.rows.length; i++) {
        const parent = b.rows[i];
        const l = level(parent);
        if (l >= depth) continue;
        const kids: Row[] = [];
        for (let j = i + 1; j < b.rows.length; j++) {
          const lj = level(b.rows[j]);
          if (lj <= l) break;
          if (lj === l + 1) kids.push(b.rows[j]);
        }
        if (kids.length === 0) continue;
        for (const col of b.roles) {
          const total = parent.values[col]!;
          const parts = kids.map((k) => k.values[col]).filter((a): a is Amount => !!a);
          if (sumMatches(parts, total)) continue;
          const expected = sum(parts.map((p) => p.v));
          push(ctx, {
            rule: rule.id,
            severity: rule.severity,
            table: t.id,
            message: `${title(t)} ${rowDesc(parent)}${b.roles.length > 1 ? ' ' + colLabel(b, col) : ''} ${fmt(total.v)} ≠ ${l === 0 ? '各大类' : '其下各项'}之和 ${fmt(expected)}${diffNote(expected, total.v, nonZero(parts), t.unit)}`,
            cells: [total.cell, ...parts.map((p) => p.cell)],
            expected: fmt(expected),
            actual: fmt(total.v),
          });
        }
      }
    }
}
