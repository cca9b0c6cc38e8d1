// Sums inside a table: row totals (row-sum), 科目 trees (tree-sum), fixed rows (item-sum), outlines
// (outline-sum). Each rule also gives the relations it checks (total − Σ parts = 0) over cells, for the diagnosis.
import type { Amount, Block, Row, Table } from '../model/model';
import type { Finding } from '../model/findings';
import { MAX_CENTS, fmt, sum } from '../model/money';
import { codeLevel, parentCode } from '../profiles/classes';
import type { Ctx, Rule } from './context';
import { title, rowDesc, colLabel, diffNote, nonZero, sumMatches, push, blockOf, findRow } from './context';
import { treeIndex, treeBlocks } from './tree-index';
import type { RCell, Relation, RelationSource, Tie } from './relations';
import { blockId, real, sumRelation, virtual } from './relations';

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
    sumFinding(ctx, rule, t, `${rowDesc(row)} ${colLabel(b, rule.total)}`, total, parts, rule.partsLabel, () => ({
      after: `（${rule.parts.filter((p) => row.values[p]).map((p) => colLabel(b, p)).join('＋')}）`,
      tie: { relation: rowRelation(rule, b, real(b, i, kt), kt, kp) },
    }));
  }
}

/**
 * A total that is not the sum of its parts: its finding, `<table> <what> <total> ≠ <label>之和 <sum><after>`
 * with the rounding note. Nothing when the parts match; `more` (the text after the sum, the tie) only then.
 */
function sumFinding(
  ctx: Ctx,
  rule: { id: string; severity: Finding['severity'] },
  t: Table,
  what: string,
  total: Amount,
  parts: Amount[],
  label: string,
  more: () => { after?: string; tie?: Tie },
): void {
  if (sumMatches(parts, total)) return;
  const expected = sum(parts.map((p) => p.v));
  const { after = '', tie } = more();
  push(
    ctx,
    {
      rule: rule.id,
      severity: rule.severity,
      table: t.id,
      message: `${title(t)} ${what} ${fmt(total.v)} ≠ ${label}之和 ${fmt(expected)}${after}${diffNote(expected, total.v, nonZero(parts), t.unit)}`,
      cells: [total.cell, ...parts.map((p) => p.cell)],
      expected: fmt(expected),
      actual: fmt(total.v),
    },
    tie,
  );
}

/** The row-sum of the row of cell c (a virtual row too). */
function rowRelation(rule: Rule<'row-sum'>, b: Block, c: RCell, kt: number, kp: number[], known?: (id: string) => Relation | undefined): Relation {
  const id = `rs:${rule.total}:${blockId(b)}:${c.i >= 0 ? c.i : 'v' + c.key}`;
  const have = c.i >= 0 ? known?.(id) : undefined;
  if (have) return have;
  const at = (k: number): RCell => (c.i >= 0 ? real(b, c.i, k) : virtual(b, c.key!, k, c.parent));
  const r = sumRelation(id, rule.id, at(kt), kp.map(at), c.i < 0);
  // a part whose column the table should have and lacks (column-missing)
  if (rule.parts.some((p) => b.k(p) < 0 && b.def.columns.some((d) => d.role === p && !d.optional))) r.incomplete = true;
  return r;
}

export function rowSumRelations(rule: Rule<'row-sum'>, ctx: Ctx): RelationSource | undefined {
  const t = ctx.tables.get(rule.table);
  const b = t && blockOf(t, rule.block);
  if (!b) return undefined;
  const kt = b.k(rule.total);
  const kp = rule.parts.map((p) => b.k(p)).filter((k) => k >= 0);
  if (kt < 0 || kp.length === 0) return undefined;
  return {
    blocks: [b],
    around: (c, known) => (c.b === b && (c.k === kt || kp.includes(c.k)) ? [rowRelation(rule, b, c, kt, kp, known)] : []),
  };
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
        sumFinding(ctx, rule, t, `${rowDesc(parent)} ${colLabel(b, col)}`, total, parts, what, () => ({ tie: { relation: treeRelationOf(rule, b, parent.i, kids, k) } }));
      }
    };
    for (const [code, kids] of idx.children) check(idx.byCode.get(code)!, kids, '下级科目');
    if (idx.total && idx.classes.length > 0) check(idx.total, idx.classes, '各类科目');
  }
}

const treeId = (b: Block, parent: number, k: number) => `ts:${blockId(b)}:${parent}:${k}`;

function treeRelationOf(rule: Rule<'tree-sum'>, b: Block, parent: number, kids: Row[], k: number, extra?: RCell, cond?: boolean): Relation {
  const parts = kids.map((r) => real(b, r.i, k));
  if (extra) parts.push(extra);
  return sumRelation(treeId(b, parent, k), rule.id, real(b, parent, k), parts, cond);
}

/** The tree sums of a cell: as a parent (or the 合计 row), and as a child. A virtual row joins its parent's sum. */
export function treeSumRelations(rule: Rule<'tree-sum'>, ctx: Ctx): RelationSource | undefined {
  const blocks = treeBlocks(ctx, rule.tables).map((x) => x.b);
  if (blocks.length === 0) return undefined;
  // a parent's sum is asked for by each of its children: built once (or known already, from its finding)
  const built = new Map<string, Relation>();
  let known: ((id: string) => Relation | undefined) | undefined;
  const treeRelation = (rule: Rule<'tree-sum'>, b: Block, parent: number, kids: Row[], k: number, extra?: RCell, cond?: boolean): Relation => {
    if (extra) return treeRelationOf(rule, b, parent, kids, k, extra, cond);
    const id = treeId(b, parent, k);
    let r = built.get(id) ?? known?.(id);
    if (!r) built.set(id, (r = treeRelationOf(rule, b, parent, kids, k, undefined, cond)));
    return r;
  };
  return {
    blocks,
    around(c, given) {
      known = given;
      if (!blocks.includes(c.b)) return [];
      const b = c.b;
      const idx = treeIndex(b);
      const k = c.k;
      const out: Relation[] = [];
      const asChildOf = (p: string | undefined, level: number, self?: RCell) => {
        if (level === 1) {
          if (idx.total) out.push(treeRelation(rule, b, idx.total.i, idx.classes, k, self, idx.classes.length === 0));
          return;
        }
        if (p === undefined) return;
        const pr = idx.byCode.get(p);
        if (pr) out.push(treeRelation(rule, b, pr.i, idx.children.get(p) ?? [], k, self, !idx.children.has(p)));
        else {
          // the parent row is missing: its sum exists only in a hypothesis that restores it
          const kids = (idx.orphans.get(p) ?? []).map((r) => real(b, r.i, k));
          if (self) kids.push(self);
          out.push(sumRelation(`ts:${blockId(b)}:v${p}:${k}`, rule.id, virtual(b, p, k), kids, true));
        }
      };
      if (c.i >= 0) {
        const row = b.rows[c.i];
        if (row === idx.total) {
          if (idx.classes.length > 0) out.push(treeRelation(rule, b, row.i, idx.classes, k));
          return out;
        }
        if (row.kind !== 'code' || !row.code || idx.levels[c.i] === 0) return out;
        const first = idx.byCode.get(row.code) === row;
        if (first && idx.children.has(row.code)) out.push(treeRelation(rule, b, row.i, idx.children.get(row.code)!, k));
        if (idx.levels[c.i] === 1) {
          if (first) asChildOf(undefined, 1);
        } else asChildOf(idx.parents[c.i], idx.levels[c.i]);
        return out;
      }
      // a virtual row: a child of its parent, the parent of rows that lack it
      const key = c.key!;
      const level = c.parent ? codeLevel(c.parent, idx.kind) + 1 : codeLevel(key, idx.kind);
      if (level === 0) return out;
      asChildOf(c.parent ?? parentCode(key), level, c);
      const kids = c.parent ? undefined : idx.orphans.get(key);
      if (kids) out.push(sumRelation(`ts:${blockId(b)}:v${key}:${k}`, rule.id, c, kids.map((r) => real(b, r.i, k)), true));
      return out;
    },
  };
}

/** The total row (in its own block when the rule says so) and the part rows of an item-sum. */
function itemRows(rule: Rule<'item-sum'>, ctx: Ctx): { b: Block; tb: Block; totalRow: Row; partRows: Row[] } | undefined {
  const t = ctx.tables.get(rule.table);
  if (!t) return undefined;
  const b = blockOf(t, rule.block);
  const tb = rule.totalBlock ? blockOf(t, rule.totalBlock) : b;
  if (!b || !tb) return undefined;
  const totalRow = findRow(tb, rule.total);
  if (!totalRow) return undefined;
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
  if (partRows.length === 0) return undefined;
  return { b, tb, totalRow, partRows };
}

/** The sum of the total's column kt (its block tb): the parts' cells of the same role in block b. */
function itemRelation(rule: Rule<'item-sum'>, b: Block, tb: Block, totalRow: Row, partRows: Row[], kt: number): Relation | undefined {
  const kp = b.k(tb.roles[kt]);
  if (kp < 0) return undefined;
  return sumRelation(`is:${rule.total}:${blockId(tb)}:${kt}`, rule.id, real(tb, totalRow.i, kt), partRows.map((r) => real(b, r.i, kp)));
}

export function itemSum(rule: Rule<'item-sum'>, ctx: Ctx): void {
  const found = itemRows(rule, ctx);
  if (!found) return;
  const { b, tb, totalRow, partRows } = found;
  const t = ctx.tables.get(rule.table)!;
  tb.roles.forEach((col, k) => {
    const total = totalRow.values[col];
    if (!total) return;
    const parts = partRows.map((r) => r.values[col]).filter((a): a is Amount => !!a);
    if (tb !== b && parts.length === 0) return;
    const colText = tb.roles.length > 1 ? ` ${colLabel(tb, col)}` : '';
    sumFinding(ctx, rule, t, `${rowDesc(totalRow)}${colText}`, total, parts, rule.partsLabel, () => {
      const relation = itemRelation(rule, b, tb, totalRow, partRows, k);
      return { tie: relation ? { relation } : undefined };
    });
  });
}

export function itemSumRelations(rule: Rule<'item-sum'>, ctx: Ctx): RelationSource | undefined {
  const found = itemRows(rule, ctx);
  if (!found) return undefined;
  const { b, tb, totalRow, partRows } = found;
  const parts = new Set(partRows.map((r) => r.i));
  const built = new Map<number, Relation | undefined>();
  const rel = (kt: number) => {
    if (!built.has(kt)) built.set(kt, itemRelation(rule, b, tb, totalRow, partRows, kt));
    return built.get(kt);
  };
  return {
    blocks: tb === b ? [b] : [b, tb],
    around(c) {
      if (c.i < 0) return [];
      let kt = -1;
      if (c.b === tb && c.i === totalRow.i) kt = c.k;
      else if (c.b === b && parts.has(c.i)) kt = tb.k(b.roles[c.k]);
      const r = kt >= 0 ? rel(kt) : undefined;
      return r ? [r] : [];
    },
  };
}

/** The rows of an outline block and the level of each (合计 0). */
function outlineLevels(b: Block): { depth: number; level: (r: Row) => number } | undefined {
  const rows = b.def.rows;
  if (!('outline' in rows)) return undefined;
  return { depth: rows.outline.levels.length, level: (r: Row) => (r.kind === 'total' ? 0 : Number(r.key.slice('outline.'.length))) };
}

/** The rows of the next level below row i (until a row of its level or above). */
function outlineKids(b: Block, i: number, level: (r: Row) => number): Row[] {
  const l = level(b.rows[i]);
  const kids: Row[] = [];
  for (let j = i + 1; j < b.rows.length; j++) {
    const lj = level(b.rows[j]);
    if (lj <= l) break;
    if (lj === l + 1) kids.push(b.rows[j]);
  }
  return kids;
}

const outlineRelation = (rule: Rule<'outline-sum'>, b: Block, i: number, kids: Row[], k: number) =>
  sumRelation(`os:${blockId(b)}:${i}:${k}`, rule.id, real(b, i, k), kids.map((r) => real(b, r.i, k)));

/** Outline tables (政府采购): each row = the rows of the next level below it; 合计 = the first level. */
export function outlineSum(rule: Rule<'outline-sum'>, ctx: Ctx): void {
  for (const t of ctx.tables.values())
    for (const b of t.blocks) {
      const ol = outlineLevels(b);
      if (!ol) continue;
      for (let i = 0; i < b.rows.length; i++) {
        const parent = b.rows[i];
        const l = ol.level(parent);
        if (l >= ol.depth) continue;
        const kids = outlineKids(b, i, ol.level);
        if (kids.length === 0) continue;
        b.roles.forEach((col, k) => {
          const total = parent.values[col]!;
          const parts = kids.map((x) => x.values[col]).filter((a): a is Amount => !!a);
          const what = `${rowDesc(parent)}${b.roles.length > 1 ? ' ' + colLabel(b, col) : ''}`;
          sumFinding(ctx, rule, t, what, total, parts, l === 0 ? '各大类' : '其下各项', () => ({ tie: { relation: outlineRelation(rule, b, i, kids, k) } }));
        });
      }
    }
}

/** An outline row's sums: as the total of the rows below it, and as a part of the row above. */
export function outlineSumRelations(rule: Rule<'outline-sum'>, ctx: Ctx): RelationSource | undefined {
  const blocks = [...ctx.tables.values()].flatMap((t) => t.blocks).filter((b) => outlineLevels(b));
  if (blocks.length === 0) return undefined;
  return {
    blocks,
    around(c) {
      const ol = blocks.includes(c.b) && c.i >= 0 ? outlineLevels(c.b) : undefined;
      if (!ol) return [];
      const b = c.b;
      const out: Relation[] = [];
      const l = ol.level(b.rows[c.i]);
      if (l < ol.depth) {
        const kids = outlineKids(b, c.i, ol.level);
        if (kids.length) out.push(outlineRelation(rule, b, c.i, kids, c.k));
      }
      for (let j = c.i - 1; j >= 0 && l > 0; j--) {
        const lj = ol.level(b.rows[j]);
        if (lj === l - 1) out.push(outlineRelation(rule, b, j, outlineKids(b, j, ol.level), c.k));
        if (lj < l) break;
      }
      return out;
    },
  };
}
