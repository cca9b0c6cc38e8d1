// Across tables: figure pairs, keyed rows (科目 by 科目, 类 by 类), the fiscal bounds, T9 against T6.
import type { CellRef } from '../model/grid';
import type { TableId } from '../model/findings';
import type { Amount, Block, Row, Table } from '../model/model';
import { uncalculated } from '../model/model';
import type { Ref } from './rules';
import type { Money } from '../model/money';
import { MAX_CENTS, ZERO, fmt, sum, yuanToWan } from '../model/money';
import type { Currency } from '../profiles/types';
import type { Ctx, Rule } from './context';
import { title, rowDesc, colLabel, diffNote, compare, push, blockOf, findRow } from './context';
import { treeIndex, keyedRows, unionKeys } from './tree-index';
import { economicNameWrong } from './economic';
import type { CellKey, RCell, Relation, RelationSource } from './relations';
import { blockId, cellKey, pairRelation, real, virtual } from './relations';

export interface Resolved {
  v: Money;
  cells: CellRef[];
  /** the same cells, for relations */
  rc: RCell[];
  desc: string;
  found: boolean;
  unit: Currency;
}

/** f, computed once per validation and argument: the checks and the diagnosis (relation sources) ask for the same. */
function perValidation<A extends object, R>(f: (a: A, ctx: Ctx) => R): (a: A, ctx: Ctx) => R {
  const memo = new WeakMap<Ctx, Map<A, R>>();
  return (a, ctx) => {
    let m = memo.get(ctx);
    if (!m) memo.set(ctx, (m = new Map()));
    if (m.has(a)) return m.get(a)!;
    const out = f(a, ctx);
    m.set(a, out);
    return out;
  };
}

/** The figure a list of refs names (their sum), its cells and a description; undefined when a table or block is absent. */
export function resolve(ctx: Ctx, refs: Ref[]): Resolved | undefined {
  return resolveOnce(refs, ctx);
}
const resolveOnce = perValidation((refs: Ref[], ctx: Ctx) => resolveNow(ctx, refs));

function resolveNow(ctx: Ctx, refs: Ref[]): Resolved | undefined {
  let v = ZERO;
  const cells: CellRef[] = [];
  const rc: RCell[] = [];
  const descs: string[] = [];
  let found = false;
  for (const r of refs) {
    const t = ctx.tables.get(r.t);
    if (!t) return undefined;
    const b = blockOf(t, r.b);
    if (!b) return undefined;
    // 'class.*': every row whose key starts with 'class.'
    const rows = r.row.endsWith('*') ? b.rows.filter((x) => x.key.startsWith(r.row.slice(0, -1))) : [findRow(b, r.row)];
    const wild = r.row.endsWith('*');
    for (const row of rows) {
      if (!row) continue;
      const a = row.values[r.col];
      if (!a) continue;
      if (uncalculated(a)) return undefined; // an unknown figure: the pair is not judged
      found = true;
      v = v.plus(a.v);
      cells.push(a.cell);
      rc.push(real(b, row.i, b.k(r.col)));
      if (!wild) descs.push(`${rowDesc(row)}${b.roles.length > 1 || b.def.id === 'main' ? ' ' + colLabel(b, r.col) : ''}`);
    }
    if (wild && rows.length) descs.push(`各${r.row.startsWith('class.') ? '类' : '项'}${b.roles.length > 1 ? ' ' + colLabel(b, r.col) : ''}之和`);
  }
  const t0 = ctx.tables.get(refs[0].t)!;
  return { v, cells, rc, desc: `${title(t0)} ${descs.join('＋')}`, found, unit: t0.unit };
}

const pairId = (rule: Rule<'cross-pairs'>, p: Rule<'cross-pairs'>['pairs'][number]) => `cp:${rule.id}:${p.left[0].t}:${p.what}`;

/** Two figures in one unit: the one in 元 as printed in 万元 when the other table prints 万元. */
function commonUnit(l: Resolved, r: Resolved): { lv: Money; rv: Money; unit: Currency; mixed: boolean } {
  if (l.unit === r.unit) return { lv: l.v, rv: r.v, unit: l.unit, mixed: false };
  const wan = (x: Resolved) => (x.unit === '元' ? yuanToWan(x.v) : x.v);
  return { lv: wan(l), rv: wan(r), unit: '万元', mixed: true };
}

/** A figure for a message: with its unit when the pair mixes units. */
const shown = (v: Money, unit: Currency, mixed: boolean) => (mixed ? `${fmt(v)} ${unit}` : fmt(v));

const REL_TEXT = { eq: '≠', le: '大于', ge: '小于' } as const;

export function crossPairs(rule: Rule<'cross-pairs'>, ctx: Ctx, sameTable: boolean): void {
  for (const p of rule.pairs) {
    const l = resolve(ctx, p.left);
    const r = resolve(ctx, p.right);
    if (!l || !r || !l.found || !r.found) continue;
    const rel = p.relation ?? 'eq';
    const { lv, rv, unit, mixed } = commonUnit(l, r);
    const bad = rel === 'eq' ? !lv.eq(rv) : rel === 'le' ? lv.gt(rv) : lv.lt(rv);
    if (!bad) continue;
    const rdesc = sameTable ? r.desc.replace(title(ctx.tables.get(p.right[0].t)!) + ' ', '') : r.desc;
    const head = rel === 'eq' ? `${p.what}不一致：` : `${p.what}：`;
    const tail =
      rel === 'eq'
        ? diffNote(rv, lv, l.cells.length + r.cells.length - 1, unit)
        : `：${rel === 'le' ? '前者是后者的一部分，不应大于它' : '前者包含后者，不应小于它'}`;
    const conv = mixed ? `（按万元两位小数比较：${fmt(lv)} 与 ${fmt(rv)}）` : '';
    push(ctx, {
      rule: rule.id,
      severity: rule.severity,
      table: p.left[0].t,
      message: `${head}${l.desc} ${shown(l.v, l.unit, mixed)} ${REL_TEXT[rel]} ${rdesc} ${shown(r.v, r.unit, mixed)}${conv}${tail}`,
      cells: [...l.cells, ...r.cells],
      expected: rel === 'eq' ? fmt(rv) : `${rel === 'le' ? '≤' : '≥'} ${fmt(rv)}`,
      actual: fmt(lv),
    }, mixed ? undefined : { relation: pairRelation(pairId(rule, p), rule.id, l.rc, r.rc, rel) });
  }
}

/** Every judged pair of the rule as a relation, found by any of its cells (pairs in two units, compared rounded, are not exact relations). */
export function pairRelations(rule: Rule<'cross-pairs'>, ctx: Ctx): RelationSource | undefined {
  const rels: Lazy[] = [];
  for (const p of rule.pairs) {
    const l = resolve(ctx, p.left);
    const r = resolve(ctx, p.right);
    if (!l || !r || !l.found || !r.found || l.unit !== r.unit) continue;
    rels.push({ cells: [...l.rc, ...r.rc], id: () => pairId(rule, p), make: (id) => pairRelation(id, rule.id, l.rc, r.rc, p.relation ?? 'eq') });
  }
  return byCellSource(rels);
}

/** A relation made when first asked for (or known already, from its finding). */
interface Lazy {
  cells: RCell[];
  id: () => string;
  make: (id: string) => Relation;
}

/** Relations built up front, found by any of their cells. */
function byCellSource(rels: Lazy[]): RelationSource | undefined {
  if (rels.length === 0) return undefined;
  const blocks = new Set<Block>();
  const of = new Map<CellKey, number[]>();
  rels.forEach((rel, n) => {
    for (const c of rel.cells) {
      blocks.add(c.b);
      const k = cellKey(c);
      const list = of.get(k);
      if (!list) of.set(k, [n]);
      else if (!list.includes(n)) list.push(n);
    }
  });
  const made: (Relation | undefined)[] = [];
  const get = (n: number, known?: (id: string) => Relation | undefined): Relation => {
    let r = made[n];
    if (!r) {
      const id = rels[n].id();
      made[n] = r = known?.(id) ?? rels[n].make(id);
    }
    return r;
  };
  return { blocks: [...blocks], around: (c, known) => (of.get(cellKey(c)) ?? []).map((n) => get(n, known)) };
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
      if (LC[lr.i] !== 0) absentRow(rule, ctx, lt, lr, kl, rt, keyedRelation(rule, lb, kl, lr, rb, kr, undefined, key));
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
      message: `${desc}：${title(lt)} ${colLabel(lb, rule.left.col)} ${fmt(lv)} ${rel} ${title(rt)} ${colLabel(rb, rule.right.col)} ${fmt(rv)}${tail}${rule.relation === 'eq' ? diffNote(rv, lv, 1, lt.unit) : ''}`,
      cells: [la.cell, ra.cell],
      expected: fmt(rv),
      actual: fmt(lv),
    }, { relation: keyedRelation(rule, lb, kl, lr, rb, kr, rr, key) });
  });
  // an absent left counts 0, never larger
  if (rule.relation === 'le') return;
  R.forEach((rr, key) => {
    if (!L.has(key) && RC[rr.i] !== 0) absentRow(rule, ctx, rt, rr, kr, lt, keyedRelation(rule, lb, kl, undefined, rb, kr, rr, key));
  });
}

/** left[key] − right[key] (= or ≤ 0); a side without the row is a virtual cell (counted 0). */
function keyedRelation(rule: Rule<'cross-keyed'>, lb: Block, kl: number, lr: Row | undefined, rb: Block, kr: number, rr: Row | undefined, key: string): Relation {
  const l = lr ? real(lb, lr.i, kl) : virtual(lb, key, kl);
  const r = rr ? real(rb, rr.i, kr) : virtual(rb, key, kr);
  return pairRelation(`ck:${blockId(lb)}.${kl}:${blockId(rb)}.${kr}:${key}`, rule.id, [l], [r], rule.relation);
}

/** The key under which a block's keyed rows hold this cell's row (or the virtual row's key). */
function keyOf(rows: Map<string, Row>, b: Block, c: RCell): string | undefined {
  if (c.i < 0) return c.parent ? undefined : c.key;
  const row = b.rows[c.i];
  const key = row.kind === 'total' ? 'total' : row.kind === 'code' ? row.code : row.key.startsWith('class.') ? row.key.slice(6) : undefined;
  return key !== undefined && rows.get(key) === row ? key : undefined;
}

export function keyedRelations(rule: Rule<'cross-keyed'>, ctx: Ctx): RelationSource | undefined {
  const lt = ctx.tables.get(rule.left.t);
  const rt = ctx.tables.get(rule.right.t);
  const lb = lt && blockOf(lt, rule.left.b);
  const rb = rt && blockOf(rt, rule.right.b);
  if (!lt || !rt || !lb || !rb) return undefined;
  const kl = lb.k(rule.left.col);
  const kr = rb.k(rule.right.col);
  if (kl < 0 || kr < 0) return undefined;
  const L = keyedRows(lt, lb, rule.left.rows);
  const R = keyedRows(rt, rb, rule.right.rows);
  return {
    blocks: [lb, rb],
    around(c) {
      const key = c.b === lb && c.k === kl ? keyOf(L, lb, c) : c.b === rb && c.k === kr ? keyOf(R, rb, c) : undefined;
      if (key === undefined) return [];
      const lr = L.get(key);
      const rr = R.get(key);
      if (!lr && !rr) return [];
      return [keyedRelation(rule, lb, kl, lr, rb, kr, rr, key)];
    },
  };
}

/** A row with a non-zero amount that the other table lacks. */
function absentRow(rule: Rule<'cross-keyed'>, ctx: Ctx, pt: Table, pr: Row, k: number, at: Table, relation: Relation): void {
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
  }, { relation });
}

interface FiscalSides {
  t2: Table;
  b2: Block;
  kf: number;
  kc: number;
  L: Map<string, Row>;
  Rs: { t: Table; b: Block; k: number; rows: Map<string, Row>; cents: Float64Array }[];
}

function fiscalSides(rule: Rule<'fiscal'>, ctx: Ctx): FiscalSides | undefined {
  const t2 = ctx.tables.get(rule.income.t);
  const b2 = t2 && blockOf(t2, 'main');
  const kf = b2 ? b2.k(rule.income.col) : -1;
  if (!t2 || !b2 || kf < 0) return undefined;
  const kc = rule.income.carry ? b2.k(rule.income.carry) : -1;
  const Rs = rule.spent
    .map((id) => ctx.tables.get(id))
    .filter((t): t is Table => !!t)
    .map((t) => ({ t, b: blockOf(t, 'main')! }))
    .filter((x) => x.b && x.b.k('total') >= 0)
    .map((x) => ({ ...x, k: x.b.k('total'), rows: keyedRows(x.t, x.b, 'codes'), cents: x.b.cents[x.b.k('total')] }));
  if (Rs.length === 0) return undefined;
  return { t2, b2, kf, kc, L: keyedRows(t2, b2, 'codes'), Rs };
}

/** income − Σ spent ≤ 0 and Σ spent − income − carry ≤ 0 for one key (a side without the row: a virtual cell). */
function fiscalRelations(rule: Rule<'fiscal'>, s: FiscalSides, key: string): Relation[] {
  const row2 = s.L.get(key);
  const at2 = (k: number) => (row2 ? real(s.b2, row2.i, k) : virtual(s.b2, key, k));
  // a table with no 科目 at all (an empty 政府性基金 table) is not a place a row can be missing from
  const spent = s.Rs.filter((x) => x.rows.has(key) || x.rows.size > 1).map((x) => {
    const r = x.rows.get(key);
    return r ? real(x.b, r.i, x.k) : virtual(x.b, key, x.k);
  });
  const hi = [at2(s.kf), ...(s.kc >= 0 ? [at2(s.kc)] : [])];
  return [pairRelation(`fi:${rule.id}:lo:${key}`, rule.id, [at2(s.kf)], spent, 'le'), pairRelation(`fi:${rule.id}:hi:${key}`, rule.id, spent, hi, 'le')];
}

export function fiscalRelationSource(rule: Rule<'fiscal'>, ctx: Ctx): RelationSource | undefined {
  const s = fiscalSides(rule, ctx);
  if (!s) return undefined;
  return {
    blocks: [s.b2, ...s.Rs.map((x) => x.b)],
    around(c) {
      let key: string | undefined;
      if (c.b === s.b2 && (c.k === s.kf || c.k === s.kc)) key = keyOf(s.L, s.b2, c);
      else for (const x of s.Rs) if (c.b === x.b && c.k === x.k) key = keyOf(x.rows, x.b, c);
      return key === undefined ? [] : fiscalRelations(rule, s, key);
    },
  };
}

export function fiscal(rule: Rule<'fiscal'>, ctx: Ctx): void {
  const s = fiscalSides(rule, ctx);
  if (!s) return;
  const { t2, b2, kf, kc, L, Rs } = s;
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
    const inLabel = colLabel(b2, rule.income.col);
    const bound = hi.eq(lo) ? `应等于${inLabel} ${fmt(lo)}` : `应在${inLabel} ${fmt(lo)} 与其加上年结转 ${fmt(hi)} 之间`;
    const [rLo, rHi] = fiscalRelations(rule, s, key);
    push(ctx, {
      rule: rule.id,
      severity: rule.severity,
      table: parts[0]?.t.id ?? t2.id,
      message: `${desc}：财政拨款支出 ${fmt(spent)}（${spentText}）${bound}（${title(t2)}）${hi.eq(lo) ? diffNote(lo, spent, parts.length + 1, t2.unit) : ''}`,
      cells: [
        ...parts.map((x) => x.row!.values.total!.cell),
        // a 科目 T2 does not have: its code may be the wrong one
        ...(row2 ? [] : parts.map((x) => x.row!.codeCell).filter((c): c is CellRef => !!c)),
        ...(inc ? [inc.cell] : []),
      ],
      expected: hi.eq(lo) ? fmt(lo) : `${fmt(lo)}–${fmt(hi)}`,
      actual: fmt(spent),
    }, { relation: spent.lt(lo) ? rLo : rHi });
  }
}

interface T9Link {
  row9: Row;
  a9: Amount;
  col9: string;
  rows6: Row[];
  a6: Amount[];
  item: string;
  /** Σ T6 − T9 ≤ 0; absent when the tables print different units (compared rounded: not exact) */
  rel?: Relation;
}

const t9Links = perValidation((rule: Rule<'t9-t6'>, ctx: Ctx): { t9: Table; t6: Table; links: T9Link[] } | undefined => {
  const t9 = ctx.tables.get(rule.t9);
  const t6 = ctx.tables.get(rule.t6);
  if (!t9 || !t6) return undefined;
  const b9 = blockOf(t9, 'main');
  const b6 = blockOf(t6, 'main');
  if (!b9 || !b6) return undefined;
  const idx = treeIndex(b6);
  const k6 = b6.k('total');
  const links: T9Link[] = [];
  for (const link of rule.links) {
    const col9 = link.col ?? (b9.columns.some((c) => c.role === 'gpb') ? 'gpb' : 'total');
    const row9 = findRow(b9, link.item);
    const a9 = row9?.values[col9];
    // a 款 printed with another code's name (economic-name reports it): what its figure is, is not known
    const rows6 = link.codes.map((c) => idx.byCode.get(c)).filter((r): r is Row => !!r && !economicNameWrong(ctx, r.code!, r.name));
    const a6 = rows6.map((r) => r.values.total).filter((a): a is Amount => !!a);
    if (!row9 || !a9 || a6.length === 0 || uncalculated(a9) || a6.some(uncalculated)) continue;
    const item = link.col ? colLabel(b9, col9) : `${rowDesc(row9)} ${colLabel(b9, col9)}`;
    const rel = t9.unit === t6.unit ? pairRelation(`t96:${rule.id}:${link.item}:${col9}`, rule.id, rows6.map((r) => real(b6, r.i, k6)), [real(b9, row9.i, b9.k(col9))], 'le') : undefined;
    links.push({ row9, a9, col9, rows6, a6, item, rel });
  }
  return { t9, t6, links };
});

export function t9t6Relations(rule: Rule<'t9-t6'>, ctx: Ctx): RelationSource | undefined {
  return byCellSource((t9Links(rule, ctx)?.links ?? []).flatMap(({ rel }) => (rel ? [{ cells: rel.terms.map((t) => t.c), id: () => rel.id, make: () => rel }] : [])));
}

export function t9t6(rule: Rule<'t9-t6'>, ctx: Ctx): void {
  const found = t9Links(rule, ctx);
  if (!found) return;
  const { t9, t6 } = found;
  const mixed = t9.unit !== t6.unit;
  for (const { a9, rows6, a6, item, rel } of found.links) {
    const v6 = sum(a6.map((a) => a.v));
    // tables in different units: compared as printed in 万元 (two decimals)
    const wan = (v: Money, unit: Currency) => (mixed && unit === '元' ? yuanToWan(v) : v);
    if (wan(a9.v, t9.unit).gte(wan(v6, t6.unit))) continue;
    push(ctx, {
      rule: rule.id,
      severity: rule.severity,
      table: t9.id,
      message: `${title(t9)} ${item} ${shown(a9.v, t9.unit, mixed)} 小于${title(t6)} ${rows6.map(rowDesc).join('、')} ${shown(v6, t6.unit, mixed)}：基本支出中的该项经费已计入“三公”经费，“三公”经费表不应更小。`,
      cells: [a9.cell, ...a6.map((a) => a.cell)],
      expected: `≥ ${fmt(wan(v6, t6.unit))}`,
      actual: fmt(a9.v),
    }, rel ? { relation: rel } : undefined);
  }
}
