// The text rules (text-… in rules.ts): each claim against the tables' figure, 其中 lists, 比上年 arithmetic,
// shares, years, the unit's name, template leftovers. Exact decimals throughout; a figure written with d
// decimals agrees with a table figure when the table figure, in the text's unit and rounded half-up to d
// decimals, is that figure (see README: 情况说明 precision).
import type { CellRef } from '../../model/grid';
import type { Finding, TableId } from '../../model/findings';
import type { Money } from '../../model/money';
import { Decimal, ZERO, fmt, sum } from '../../model/money';
import type { Figure, TextTerms } from '../../profiles/text-terms';
import { norm } from '../../profiles/text';
import type { Ref } from '../rules';
import type { Ctx } from '../context';
import { resolve } from '../cross';
import { blockOf } from '../context';
import type { Claim, Group, List, TextReading } from './claims';
import type { MoneyUnit } from './figures';
import { convert, isMoneyUnit, MONEY_UNITS } from './figures';
import { readable } from './doc';
import { treeIndex } from '../tree-index';
import { tableDef } from '../../profiles';

export type TextFinding = Omit<Finding, 'rule' | 'severity'>;
/** A finding of rule `id` (its severity comes from its entry in rules.ts). */
export type Emit = (id: string, f: TextFinding) => void;

export interface TextCtx {
  ctx: Ctx;
  r: TextReading;
  terms: TextTerms;
  /** unit of figures written without one: the text's most common money unit */
  unit: MoneyUnit;
  /** every text rule's findings, by rule id (made once) */
  findings?: Map<string, TextFinding[]>;
}

const HALF = new Decimal('0.5');
const HUNDRED = new Decimal(100);
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

/** The text as a clerk reads it, normalised range [from, to). */
/** Longest clause quoted in a message (the finding's `quote` holds all of it). */
const SHOWN_MAX = 56;

function shown(tc: TextCtx, from: number, to: number): string {
  const s = readable(tc.r.view.s.slice(from, to));
  if (s.length <= SHOWN_MAX) return s;
  // its start and its end (where the figure is), in one line
  return `${s.slice(0, 20)}……${s.slice(s.length - (SHOWN_MAX - 22))}`;
}

/** '甲、乙、丙等 12 项' */
function nameList(names: string[]): string {
  return names.length <= 5 ? names.join('、') : `${names.slice(0, 4).join('、')}等 ${names.length} 项`;
}

/** The exact substring of the text for a normalised range. */
export function quoteOf(tc: TextCtx, from: number, to: number): string {
  const { view, doc } = tc.r;
  return doc.text.slice(view.at[from], to > from ? view.at[to - 1] + 1 : view.at[from]);
}

function unitOf(c: Claim, tc: TextCtx): MoneyUnit {
  return isMoneyUnit(c.unit) ? c.unit : tc.unit;
}

/** Half a unit of the last decimal written. */
const halfUnit = (decimals: number): Money => HALF.times(new Decimal(10).pow(-decimals));

/**
 * How far a written amount may be from what it stands for: half a unit of its last decimal; a whole
 * number of 万元 ('378万元') is taken as exact, as these texts write whole amounts without '.00'.
 */
function slack(c: Claim): Money {
  return c.decimals === 0 ? ZERO : halfUnit(c.decimals);
}

// ----------------------------------------------------------------------------------------------------
// table figures

interface TableFigure {
  v: Money;
  unit: MoneyUnit;
  cells: CellRef[];
  /** '表3 部门预算支出总表 合计行 基本支出' */
  desc: string;
}

function tableUnit(ctx: Ctx, t: TableId): MoneyUnit {
  const c = (ctx.tables.get(t)?.header.currency ?? tableDef(ctx.profile, t)?.unit ?? ctx.profile.unit)?.replace(/\s/g, '');
  return c === '元' || c === '亿元' ? c : '万元';
}

function figures(tc: TextCtx, fig: Figure | undefined): TableFigure[] {
  if (!fig) return [];
  const out: TableFigure[] = [];
  for (const refs of fig) {
    const res = resolve(tc.ctx, refs);
    if (!res || !res.found) continue;
    const t = refs[0].t;
    const no = tableDef(tc.ctx.profile, t)?.no;
    out.push({ v: res.v, unit: tableUnit(tc.ctx, t), cells: res.cells, desc: no ? `表${no} ${res.desc}` : res.desc });
  }
  return out;
}

/** The table figure a group names, by its term (and the scope of its list), its 科目 or its 款. */
export function groupFigure(tc: TextCtx, g: Group): TableFigure[] {
  const t = g.resolved.term;
  if (t) return figures(tc, (g.scope && t.scoped?.[g.scope]) || t.figure);
  if (g.resolved.economic && tc.terms.running) {
    const run = tc.terms.running;
    return figures(tc, [[{ t: run.table, b: 'main', row: g.resolved.economic, col: run.col }]]);
  }
  const code = g.code ?? g.resolved.classCode ?? (g.path ? codeOfPath(tc, g.path, g.pathDigits) : undefined);
  return code ? subjectFigure(tc, g.scope, code) : [];
}

/** The table figure of a 科目 (a functional code) in the scope of a list (the template's subject tables). */
function subjectFigure(tc: TextCtx, scope: string | undefined, code: string): TableFigure[] {
  const sub = tc.terms.subjects?.[scope ?? ''] ?? tc.terms.subjects?.[''];
  if (!sub || !sub.t.length) return [];
  return figures(tc, [sub.t.map((t): Ref => ({ t, b: 'main', row: code, col: sub.col }))]);
}

const nameKey = (s: string): string =>
  norm(s)
    .replace(/其它/g, '其他')
    .replace(/[（(](类|款|项)[）)]$/, '');

/** The 科目 code of a name path (or of one name at a level, when it is the only one so named), from the names in the workbook's functional trees. */
function codeOfPath(tc: TextCtx, path: string[], digits?: number): string | undefined {
  const want = path.map(nameKey);
  if (want.length === 1) {
    for (const id of ['T5', 'T3', 'T2', 'X-财政拨款支出'] as TableId[]) {
      const t = tc.ctx.tables.get(id);
      const b = t && blockOf(t, 'main');
      if (!b || !('tree' in b.def.rows)) continue;
      const hits = [...treeIndex(b).byCode].filter(([code, row]) => (!digits || code.length === digits) && row.name && nameKey(row.name) === want[0]);
      if (hits.length === 1) return hits[0][0];
    }
    return undefined;
  }
  for (const id of ['T5', 'T3', 'T2'] as TableId[]) {
    const t = tc.ctx.tables.get(id);
    const b = t && blockOf(t, 'main');
    if (!b) continue;
    const idx = treeIndex(b);
    const name = (code: string) => {
      const row = idx.byCode.get(code);
      return row?.name ? nameKey(row.name) : undefined;
    };
    for (const [code] of idx.byCode) {
      if (code.length !== (want.length === 3 ? 7 : 5)) continue;
      if (name(code) !== want[want.length - 1]) continue;
      const up = want.length === 3 ? [code.slice(0, 3), code.slice(0, 5)] : [code.slice(0, 3)];
      if (up.every((c, k) => name(c) === want[k])) return code;
    }
  }
  return undefined;
}

// ----------------------------------------------------------------------------------------------------
// text-subject: a 科目 written as a name path that the tables do not have

const LEVEL = ['类', '款', '项'];

/** '卫生健康支出（类）计划生育事务（款）计划生育服务（项）' of a code, from a tree's names. */
function pathText(name: (code: string) => string | undefined, code: string): string {
  const ups = [code.slice(0, 3), code.slice(0, 5), code].slice(0, code.length === 3 ? 1 : code.length === 5 ? 2 : 3);
  return ups.map((c, k) => `${name(c) ?? c}（${LEVEL[k]}）`).join('');
}

export function checkSubjects(tc: TextCtx, emit: Emit): void {
  const tree = (['T5', 'T3', 'T2'] as TableId[]).map((id) => tc.ctx.tables.get(id)).map((t) => t && blockOf(t, 'main')).find((b) => b && 'tree' in b.def.rows && treeIndex(b).byCode.size > 0);
  if (!tree) return;
  const idx = treeIndex(tree);
  const rawName = (code: string) => idx.byCode.get(code)?.name;
  const name = (code: string) => {
    const n = rawName(code);
    return n ? nameKey(n) : undefined;
  };
  const done = new Set<string>();
  for (const g of tc.r.groups) {
    if (g.aside || !g.path || g.path.length < 2 || g.code) continue;
    if (codeOfPath(tc, g.path, g.pathDigits)) continue;
    const want = g.path.map(nameKey);
    const written = g.path.length === 3 ? g.path.map((n, k) => `${nameKey(n)}（${LEVEL[k]}）`).join('') : g.path.join('-');
    if (done.has(written)) continue;
    done.add(written);
    const digits = want.length === 3 ? 7 : 5;
    // where the path leaves the tree: its 类, then its 款 under that 类
    const classes = [...idx.byCode.keys()].filter((c) => c.length === 3 && name(c) === want[0]);
    const why: string[] = [];
    let under: string | undefined;
    if (classes.length !== 1) why.push(`表中没有名为“${want[0]}”的类级科目`);
    else {
      under = classes[0];
      if (want.length === 3) {
        const kuan = [...idx.byCode.keys()].filter((c) => c.length === 5 && c.startsWith(under!) && name(c) === want[1]);
        if (kuan.length === 0) why.push(`表中“${rawName(under)}”（${under}）下没有名为“${want[1]}”的款`);
        else {
          under = kuan[0];
          why.push(`表中“${rawName(under)}”（${under}）下没有名为“${want[2]}”的项`);
        }
      } else why.push(`表中“${rawName(under)}”（${under}）下没有名为“${want[1]}”的款`);
    }
    // a name of the path found elsewhere in the tree, at another level
    const last = want[want.length - 1];
    const elsewhere = [...idx.byCode.keys()].filter((c) => name(c) === last && (!under || c.startsWith(under.slice(0, 3))));
    if (elsewhere.length === 1 && elsewhere[0].length !== digits) why.push(`“${last}”是表中的${LEVEL[(elsewhere[0].length - 3) / 2]}级科目（${elsewhere[0]}）`);
    // the 科目 of the amount written, among those of the path's level under its 类
    const claim = g.amount?.kind === 'amount' ? g.amount : undefined;
    let hint = '';
    let expected: string | undefined;
    let cells: CellRef[] = [];
    if (claim) {
      const u = unitOf(claim, tc);
      const cls = classes.length === 1 ? classes[0] : undefined;
      const hits: { code: string; f: TableFigure }[] = [];
      // codes of the path's level under its 类; with no such 类, the 款 and 项 as written under whichever 类 has them
      const fits = (code: string) =>
        cls ? code.length === digits && code.startsWith(cls) : want.length === 3 && code.length === 7 && name(code) === want[2] && name(code.slice(0, 5)) === want[1];
      for (const code of idx.byCode.keys()) {
        if (!fits(code)) continue;
        const [f] = subjectFigure(tc, g.scope, code);
        if (f && agreement(claim.value, claim.decimals, convert(f.v, f.unit, u)) === 'exact') hits.push({ code, f });
      }
      if (hits.length === 1) {
        const { code, f } = hits[0];
        expected = pathText(rawName, code);
        hint = `；${tableText(f, u)}，科目是“${expected}”（${code}），应按表中科目名称书写`;
        cells = f.cells;
      }
    }
    if (!cells.length && under) {
      const row = idx.byCode.get(under);
      const c = row && (row.nameCell ?? row.labelCell ?? row.codeCell);
      if (c) cells = [c];
    }
    emit('text-subject', {
      message: `情况说明“${shown(tc, g.from, (g.amount ?? g.more[0])?.to ?? g.from + g.name.length)}”所写科目“${written}”与表中科目不符：${why.join('，')}${hint}`,
      cells,
      quote: quoteOf(tc, g.from, (g.amount ?? g.more[0])?.to ?? g.from + g.name.length),
      actual: written,
      ...(expected ? { expected } : {}),
    });
  }
}

// ----------------------------------------------------------------------------------------------------
// comparisons at the precision written

type Agreement = 'exact' | 'rounded' | 'differ';

function agreement(x: Money, decimals: number, v: Money): Agreement {
  if (x.eq(v)) return 'exact';
  if (v.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP).eq(x)) return 'rounded';
  return 'differ';
}

function money(v: Money, unit: string): string {
  return `${fmt(v)} ${unit}`;
}

function cellsText(cells: CellRef[]): string {
  return cells.map((c) => c.address).join('、');
}

function tableText(f: TableFigure, unit: MoneyUnit): string {
  const v = convert(f.v, f.unit, unit);
  const base = `${f.desc}（${cellsText(f.cells)}）${money(f.v, f.unit)}`;
  return f.unit === unit ? base : `${base}（即 ${fmt(v)} ${unit}）`;
}

/** '（相差 0.01 万元，…可能是四舍五入所致）' */
function diffText(d: Money, unit: string, rounding: boolean): string {
  const s = `相差 ${fmt(d.abs())} ${unit}`;
  return rounding ? `（${s}，在文中所写精度的舍入范围内，可能是四舍五入所致，仍须核对更正）` : `（${s}）`;
}

// ----------------------------------------------------------------------------------------------------
// text-figure, text-unit, text-precision: every amount against its table figure

export function checkFigures(tc: TextCtx, emit: Emit): void {
  for (const g of tc.r.groups) {
    if (g.aside) continue;
    const claims = [g.amount, ...g.more].filter((c): c is Claim => !!c && c.kind === 'amount');
    if (!claims.length && !g.zero) continue;
    const figs = groupFigure(tc, g);
    if (!figs.length) continue;
    if (g.zero && !claims.length) {
      const nonzero = figs.filter((f) => !f.v.isZero());
      if (nonzero.length === figs.length) {
        const f = figs[0];
        emit('text-figure', {
          message: `情况说明“${shown(tc, g.zero.from, g.zero.to)}”，而${tableText(f, f.unit)}，两者不一致`,
          cells: f.cells,
          quote: quoteOf(tc, g.zero.from, g.zero.to),
          expected: money(f.v, f.unit),
          actual: `0 ${f.unit}`,
        });
      }
      continue;
    }
    for (const c of claims) {
      c.checked = true;
      const u = unitOf(c, tc);
      const x = c.value;
      const verdicts = figs.map((f) => ({ f, a: agreement(x, c.decimals, convert(f.v, f.unit, u)) }));
      if (verdicts.some((v) => v.a === 'exact')) continue;
      const rounded = verdicts.find((v) => v.a === 'rounded');
      const q = shown(tc, c.from, c.to);
      const quote = quoteOf(tc, c.from, c.to);
      if (rounded) {
        const vU = convert(rounded.f.v, rounded.f.unit, u);
        // two decimals of the text's unit is how the texts write it: rounding a 元 table to 万元 is expected
        if (c.decimals >= 2 && rounded.f.unit !== u) continue;
        emit('text-precision', {
          message: `情况说明“${q}”只写到 ${c.decimals} 位小数，${tableText(rounded.f, u)}：按所写精度一致，但不是同一数字${diffText(vU.minus(x), u, true)}`,
          cells: rounded.f.cells,
          quote,
          expected: money(vU, u),
          actual: money(x, u),
        });
        continue;
      }
      const f = figs[0];
      // written without a unit: right in some unit is all it can be held to (text-no-unit says the rest)
      if (c.noUnit && MONEY_UNITS.some((w) => figs.some((ff) => agreement(x, c.decimals, convert(ff.v, ff.unit, w)) !== 'differ'))) continue;
      // the figure is right in another unit: the unit is wrong
      if (!c.noUnit) {
        const other = MONEY_UNITS.find((w) => w !== u && figs.some((ff) => agreement(x, c.decimals, convert(ff.v, ff.unit, w)) !== 'differ'));
        if (other) {
          const ff = figs.find((g2) => agreement(x, c.decimals, convert(g2.v, g2.unit, other)) !== 'differ')!;
          emit('text-unit', {
            message: `情况说明“${q}”的单位有误：按${other}计与${tableText(ff, other)}一致，文中却写作${u}`,
            cells: ff.cells,
            quote,
            expected: money(convert(ff.v, ff.unit, u), u),
            actual: money(x, u),
          });
          continue;
        }
      }
      const vU = convert(f.v, f.unit, u);
      const d = vU.minus(x);
      // a table figure finer than the text's (元 to 万元, or 万元 written with 1 decimal) rounded the wrong
      // way or cut off: within one unit of the last decimal written
      const rounding = vU.decimalPlaces() > c.decimals && c.decimals > 0 && d.abs().lt(halfUnit(c.decimals).times(2));
      emit('text-figure', {
        message: `情况说明“${q}”与 ${tableText(f, u)}不一致${diffText(d, u, rounding)}`,
        cells: f.cells,
        quote,
        expected: money(vU, u),
        actual: money(x, u),
      });
    }
  }
}

// ----------------------------------------------------------------------------------------------------
// text-no-unit

export function checkNoUnit(tc: TextCtx, emit: Emit): void {
  for (const c of tc.r.claims) {
    if (!c.noUnit) continue;
    // a second 增加/减少 after the amount's: a percentage without its %
    const g = tc.r.groups[c.group];
    const pct = c.kind === 'change' && g?.change && g.change !== c && !g.change.noUnit;
    emit('text-no-unit', {
      message: pct ? `情况说明“${shown(tc, c.from, c.to)}”没有写单位：紧接增减额之后，应是百分比（%）` : `情况说明“${shown(tc, c.from, c.to)}”没有写金额单位（按${tc.unit}读取核对）`,
      cells: [],
      quote: quoteOf(tc, c.from, c.to),
    });
  }
}

// ----------------------------------------------------------------------------------------------------
// text-sum, text-sum-partial: 其中 lists

interface Part {
  v: Money;
  half: Money;
}

function amountOf(tc: TextCtx, g: Group, unit: MoneyUnit): Part | undefined {
  if (g.amount) return { v: convert(g.amount.value, unitOf(g.amount, tc), unit), half: convert(slack(g.amount), unitOf(g.amount, tc), unit) };
  if (g.zero) return { v: ZERO, half: ZERO };
  return undefined;
}

function changeOf(tc: TextCtx, g: Group, unit: MoneyUnit): Part | undefined {
  if (g.change) return { v: convert(g.change.value, unitOf(g.change, tc), unit), half: convert(slack(g.change), unitOf(g.change, tc), unit) };
  if (g.flat) return { v: ZERO, half: ZERO };
  return undefined;
}

function endOf(g: Group): number {
  const cs = [g.amount, g.change, g.pct, g.last, ...g.more, ...g.shares].filter((c): c is Claim => !!c);
  return Math.max(g.zero?.to ?? 0, g.flat?.to ?? 0, ...cs.map((c) => c.to));
}

export function checkLists(tc: TextCtx, emit: Emit): void {
  for (const l of tc.r.lists) {
    if (!l.parts.length) continue;
    const head = tc.r.groups[l.head];
    const parts = l.parts.map((i) => tc.r.groups[i]);
    const last = parts[parts.length - 1];
    const partial = l.partial || /^等/.test(tc.r.view.s.slice(endOf(last), endOf(last) + 1));
    for (const what of ['amount', 'change'] as const) {
      const pick = what === 'amount' ? amountOf : changeOf;
      const hc = what === 'amount' ? head.amount : head.change;
      if (!hc && !(what === 'change' && head.flat) && !(what === 'amount' && head.zero)) continue;
      const unit = hc ? unitOf(hc, tc) : tc.unit;
      const whole = pick(tc, head, unit)!;
      const got = parts.map((g) => pick(tc, g, unit));
      if (got.some((x) => !x)) continue;
      const ps = got as Part[];
      const total = sum(ps.map((x) => x.v));
      for (const g of [head, ...parts]) for (const c of [what === 'amount' ? g.amount : g.change]) if (c) c.checked = true;
      const d = total.minus(whole.v);
      if (d.isZero()) continue;
      // parts given in full must add up; fewer than two parts, or 主要是 / 等, may leave some out; the change
      // of one part alone says nothing of the whole's (the parts not named may offset it)
      const short = d.isNegative();
      if ((short || what === 'change') && parts.length < 2) continue;
      const tolerance = sum([whole.half, ...ps.map((x) => x.half)]);
      const rounding = d.abs().lte(tolerance);
      const from = (hc ?? head.amount ?? head.change)?.from ?? head.from;
      const to = endOf(last);
      // each part with its figure ('基本支出 -43.61、项目支出 -30.90'), the clause of the whole quoted
      const names = nameList(parts.map((g, k) => `${g.name} ${fmt(ps[k].v)}`));
      const headName = head.resolved.term?.label ?? head.name;
      const signed = (v: Money) => (v.isNegative() ? `减少 ${money(v.abs(), unit)}` : `增加 ${money(v, unit)}`);
      const headClause = hc ? shown(tc, hc.from, hc.to) : shown(tc, from, to);
      const msg =
        what === 'amount'
          ? `情况说明“${headClause}”其中所列各项（${names}）之和 ${money(total, unit)}${short ? '小于' : '大于'}所说的${headName} ${money(whole.v, unit)}${diffText(d, unit, rounding)}` +
            (short && partial ? '。文中写“主要”或“等”：若另有未列出的项目，请写明其金额' : '')
          : `情况说明“${headClause}”其中所列各项（${names}）比上年合计${signed(total)}，与所说的${headName}比上年${signed(whole.v)}不一致${diffText(d, unit, rounding)}`;
      emit(short && partial ? 'text-sum-partial' : 'text-sum', {
        message: msg,
        cells: [],
        quote: quoteOf(tc, from, to),
        expected: money(whole.v, unit),
        actual: money(total, unit),
      });
    }
  }
}

// ----------------------------------------------------------------------------------------------------
// text-change: 比上年 arithmetic, direction words, 持平

/** This year's figure of a group: the text's own, else the table's. */
function thisYear(tc: TextCtx, g: Group, unit: MoneyUnit, before = Infinity): { v: Money; half: Money; claim?: Claim } | undefined {
  // the latest statement of it before the change ('…220.63万元 … 2023年预算安排441.25万元，比…增加60.54%')
  const a = [g.amount, ...g.more].filter((c): c is Claim => !!c && c.from < before).pop() ?? g.amount;
  if (a) return { v: convert(a.value, unitOf(a, tc), unit), half: convert(slack(a), unitOf(a, tc), unit), claim: a };
  if (g.zero) return { v: ZERO, half: ZERO };
  const f = groupFigure(tc, g)[0];
  if (!f) return undefined;
  return { v: convert(f.v, f.unit, unit), half: convert(halfUnit(2), f.unit, unit) };
}

/** Exactly whether a written percentage agrees with a ratio, and whether a miss may be rounding. */
function pctVerdict(written: Money, decimals: number, num: { v: Money; half: Money }, den: { v: Money; half: Money }): { ok: boolean; exact: Money; rounding: boolean } | undefined {
  if (den.v.lte(0)) return undefined;
  const exact = new D(num.v.toString()).dividedBy(den.v.toString()).times(100);
  const ok = exact.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP).eq(written);
  if (ok) return { ok, exact, rounding: false };
  // the figures as written stand for intervals: can the ratio of any of their points round to it?
  let lo: Money | undefined;
  let hi: Money | undefined;
  for (const a of [num.v.minus(num.half), num.v.plus(num.half)])
    for (const b of [den.v.minus(den.half), den.v.plus(den.half)]) {
      if (b.lte(0)) continue;
      const q = new D(a.toString()).dividedBy(b.toString()).times(100);
      lo = !lo || q.lt(lo) ? q : lo;
      hi = !hi || q.gt(hi) ? q : hi;
    }
  const w = written.abs();
  const h = halfUnit(decimals);
  // the figures' own rounding, or the percentage cut off instead of rounded (2.3153% written 2.31%)
  const cut = exact.abs().toDecimalPlaces(decimals, Decimal.ROUND_DOWN).eq(w);
  const rounding = cut || (!!lo && !!hi && w.gte(lo.minus(h)) && w.lte(hi.plus(h)));
  return { ok, exact, rounding };
}

export function checkChanges(tc: TextCtx, emit: Emit): void {
  for (const st of tc.r.statements) {
    if (st.kind === 'flat' && st.clash) {
      emit('text-change', { message: `情况说明“${shown(tc, Math.max(0, st.from - 2), st.to)}”自相矛盾：“${st.clash}”与“持平”不能同时成立（模板残留？）`, cells: [], quote: quoteOf(tc, Math.max(0, st.from - 2), st.to) });
    }
  }
  for (const g of tc.r.groups) {
    const { change: ch, pct, last, flat } = g;
    if (!ch && !pct && !last && !flat) continue;
    const unit = ch ? unitOf(ch, tc) : last ? unitOf(last, tc) : tc.unit;
    const from = Math.min(...[g.amount?.from, ch?.from, pct?.from, last?.from, flat?.from].filter((x): x is number => x !== undefined));
    const to = endOf(g);
    const q = () => shown(tc, from, to);
    const quote = () => quoteOf(tc, from, to);
    // direction words: an amount up and a percentage down (or 持平 with a change)
    if (ch && pct && ch.direction && pct.direction && ch.direction !== pct.direction && !ch.value.isZero()) {
      emit('text-change', { message: `情况说明“${q()}”中增减方向前后矛盾：金额写“${ch.direction === 'up' ? '增加' : '减少'}”，百分比写“${pct.direction === 'up' ? '增长' : '下降'}”`, cells: [], quote: quote() });
      ch.checked = pct.checked = true;
      continue;
    }
    if (flat && ch && !ch.value.isZero()) {
      emit('text-change', { message: `情况说明“${q()}”既写“持平”又写增减 ${money(ch.value.abs(), unit)}，前后矛盾`, cells: [], quote: quote() });
      ch.checked = true;
      continue;
    }
    if (ch && ch.direction === 'flat' && !ch.value.isZero()) {
      emit('text-change', { message: `情况说明“${q()}”写“持平/一致”却列出 ${money(ch.value, unit)} 的差额`, cells: [], quote: quote() });
      ch.checked = true;
      continue;
    }
    const cur = thisYear(tc, g, unit, (ch ?? pct ?? last)?.from);
    const used = () => {
      if (cur?.claim) cur.claim.checked = true;
    };
    // a change larger than this year's figure: last year's would have been negative
    if (ch && !last && cur && cur.v.minus(convert(ch.value, unitOf(ch, tc), unit)).isNegative()) {
      ch.checked = true;
      used();
      emit('text-change', {
        message: `情况说明“${q()}”中，本年 ${money(cur.v, unit)}却比上年增加 ${money(ch.value, unit)}：上年数将为负数，增减额或本年数有误`,
        cells: [],
        quote: quote(),
        actual: money(ch.value, unit),
      });
      continue;
    }
    if (last && cur) {
      const lv = { v: convert(last.value, unitOf(last, tc), unit), half: convert(slack(last), unitOf(last, tc), unit) };
      const diff = cur.v.minus(lv.v);
      last.checked = true;
      used();
      if (ch) {
        ch.checked = true;
        const d = ch.value.minus(diff);
        if (!d.isZero()) {
          const rounding = d.abs().lte(sum([cur.half, lv.half, convert(slack(ch), unitOf(ch, tc), unit)]));
          emit('text-change', {
            message: `情况说明“${q()}”中，本年 ${money(cur.v, unit)} 与上年 ${money(lv.v, unit)} 相差 ${money(diff.abs(), unit)}（${diff.isNegative() ? '减少' : diff.isZero() ? '持平' : '增加'}），文中却写${ch.direction === 'down' ? '减少' : '增加'} ${money(ch.value.abs(), unit)}${diffText(d, unit, rounding)}`,
            cells: [],
            quote: quote(),
            expected: money(diff, unit),
            actual: money(ch.value, unit),
          });
          continue;
        }
      } else if (flat && !diff.isZero()) {
        emit('text-change', { message: `情况说明“${q()}”写“持平”，但本年 ${money(cur.v, unit)} 与上年 ${money(lv.v, unit)} 相差 ${money(diff.abs(), unit)}`, cells: [], quote: quote(), expected: money(diff, unit), actual: '0' });
        continue;
      }
      if (pct) checkPct(tc, g, pct, { v: diff, half: sum([cur.half, lv.half]) }, lv, unit, q(), quote(), emit);
      continue;
    }
    // a percentage of the whole with the changes given part by part ('增长16.75%，其中…增加0万元，…增加2.01万元')
    const derived = pct && !ch ? changeOfParts(tc, g, unit) : undefined;
    if (pct && cur && derived) {
      used();
      checkPct(tc, g, pct, derived, { v: cur.v.minus(derived.v), half: sum([cur.half, derived.half]) }, unit, q(), quote(), emit);
      continue;
    }
    if (pct && ch && cur) {
      const dv = { v: convert(ch.value, unitOf(ch, tc), unit), half: convert(slack(ch), unitOf(ch, tc), unit) };
      const prev = { v: cur.v.minus(dv.v), half: sum([cur.half, dv.half]) };
      ch.checked = true;
      used();
      checkPct(tc, g, pct, dv, prev, unit, q(), quote(), emit);
    }
  }
}

/** The change of a whole as the sum of the changes of all its listed parts (each stated, or 持平). */
function changeOfParts(tc: TextCtx, g: Group, unit: MoneyUnit): { v: Money; half: Money } | undefined {
  for (const l of tc.r.lists) {
    if (l.head !== g.i || l.parts.length < 2) continue;
    const ps = l.parts.map((i) => changeOf(tc, tc.r.groups[i], unit));
    if (ps.some((x) => !x)) continue;
    for (const i of l.parts) {
      const c = tc.r.groups[i].change;
      if (c) c.checked = true;
    }
    return { v: sum(ps.map((x) => x!.v)), half: sum(ps.map((x) => x!.half)) };
  }
  return undefined;
}

function checkPct(tc: TextCtx, g: Group, pct: Claim, delta: { v: Money; half: Money }, prev: { v: Money; half: Money }, unit: MoneyUnit, q: string, quote: string, emit: Emit): void {
  const vd = pctVerdict(pct.value, pct.decimals, delta, prev);
  if (!vd) return;
  pct.checked = true;
  if (g.amount) g.amount.checked = true;
  if (vd.ok) return;
  const right = vd.exact.toDecimalPlaces(pct.decimals, Decimal.ROUND_HALF_UP);
  const word = (v: Money) => (v.isNegative() ? '下降' : '增长');
  emit('text-change', {
    message:
      `情况说明“${q}”中的百分比有误：按增减额 ${money(delta.v.abs(), unit)}与上年 ${money(prev.v, unit)}计算，应为${word(vd.exact)} ${right.abs().toFixed(pct.decimals)}%，文中写${word(pct.value)} ${pct.value.abs().toFixed(pct.decimals)}%` +
      (vd.rounding ? '（在所写数字的舍入范围内，可能是四舍五入所致，仍须核对）' : ''),
    cells: [],
    quote,
    expected: `${right.toFixed(pct.decimals)}%`,
    actual: `${pct.value.toFixed(pct.decimals)}%`,
  });
}

// ----------------------------------------------------------------------------------------------------
// text-share: 占…的 X%

export function checkShares(tc: TextCtx, emit: Emit): void {
  // a whole neither the text nor the tables state, implied by its shares ('基本支出 2476260.58 元，占一般公共
  // 预算支出的84.06%'; '项目支出 469500 元，占…的 19.62%'): every share, at the precision written, bounds it;
  // two shares that no single whole can satisfy contradict each other
  const implied = new Map<string, { lo: Money; hi: Money; unit: MoneyUnit; clause: string; claims: Claim[] }>();
  for (const g of tc.r.groups) {
    for (const s of g.shares) {
      if (!s.shareOf) continue;
      const unit = g.amount ? unitOf(g.amount, tc) : tc.unit;
      const num = thisYear(tc, g, unit);
      const res = tc.r.resolver.resolve(s.shareOf);
      if (!num || !res.term) continue;
      // the denominator as the text states it (nearest before), else the tables'
      const denGroup = [...tc.r.groups.slice(0, g.i)].reverse().find((x) => x.resolved.term === res.term && x.amount);
      let den: { v: Money; half: Money } | undefined;
      let denText: string;
      let cells: CellRef[] = [];
      // no figure for the whole: the sum of its parts when the paragraph states every one of them
      const parts = res.term.parts && !denGroup ? partsInParagraph(tc, g, res.term.parts, unit) : undefined;
      if (parts) {
        den = parts;
        denText = `文中所列${res.term.label}各项之和 ${money(parts.v, unit)}`;
      } else if (denGroup?.amount) {
        den = { v: convert(denGroup.amount.value, unitOf(denGroup.amount, tc), unit), half: convert(slack(denGroup.amount), unitOf(denGroup.amount, tc), unit) };
        denText = `文中${res.term.label} ${money(den.v, unit)}`;
        denGroup.amount.checked = true;
      } else {
        const f = figures(tc, res.term.figure)[0];
        const ref = f ? undefined : implied.get(res.term.id);
        if (f) {
          den = { v: convert(f.v, f.unit, unit), half: convert(halfUnit(2), f.unit, unit) };
          denText = `${tableText(f, unit)}`;
          cells = f.cells;
        } else {
          const w = g.amount ? impliedWhole(num, s) : undefined;
          if (!w || !g.amount) continue;
          const clause = shown(tc, g.amount.from, s.to);
          if (!ref) {
            implied.set(res.term.id, { ...w, unit, clause, claims: [g.amount, s] });
            continue;
          }
          const lo = convert(ref.lo, ref.unit, unit);
          const hi = convert(ref.hi, ref.unit, unit);
          for (const c of [...ref.claims, s, g.amount]) c.checked = true;
          if (w.lo.lte(hi) && w.hi.gte(lo)) {
            // consistent: the whole is bounded more tightly
            implied.set(res.term.id, { lo: Decimal.max(lo, w.lo), hi: Decimal.min(hi, w.hi), unit, clause: w.hi.minus(w.lo).lt(hi.minus(lo)) ? clause : ref.clause, claims: [...ref.claims, g.amount, s] });
            continue;
          }
          den = { v: lo.plus(hi).dividedBy(2), half: hi.minus(lo).dividedBy(2) };
          denText = `按“${ref.clause}”推算的${res.term.label}（约 ${money(den.v.toDecimalPlaces(2), unit)}）`;
        }
      }
      const vd = pctVerdict(s.value, s.decimals, num, den);
      if (!vd) continue;
      s.checked = true;
      if (g.amount) g.amount.checked = true;
      if (vd.ok) continue;
      const right = vd.exact.toDecimalPlaces(s.decimals, Decimal.ROUND_HALF_UP);
      const from = g.amount?.from ?? s.from;
      emit('text-share', {
        message:
          `情况说明“${shown(tc, from, s.to)}”中的占比有误：${money(num.v, unit)} 占${denText}的 ${right.toFixed(s.decimals)}%，文中写 ${s.value.toFixed(s.decimals)}%` +
          (vd.rounding ? '（在所写数字的舍入范围内，可能是四舍五入所致，仍须核对）' : ''),
        cells,
        quote: quoteOf(tc, from, s.to),
        expected: `${right.toFixed(s.decimals)}%`,
        actual: `${s.value.toFixed(s.decimals)}%`,
      });
    }
  }
}

/** The bounds of the whole a share implies (part / share), at the written precision of both. */
function impliedWhole(num: { v: Money; half: Money }, s: Claim): { lo: Money; hi: Money } | undefined {
  const h = halfUnit(s.decimals);
  if (s.value.minus(h).lte(0) || num.v.minus(num.half).lte(0)) return undefined;
  const at = (a: Money, p: Money): Money => new D(a.toString()).times(100).dividedBy(p.toString());
  return { lo: at(num.v.minus(num.half), s.value.plus(h)), hi: at(num.v.plus(num.half), s.value.minus(h)) };
}

/**
 * The whole as the sum of its parts stated in the paragraph of g ('因公出国（境）费 180 万元，占“三公”经费的
 * 26.86%；公务用车购置及运行费 304.4 万元…；公务接待费 185.72 万元…'): only when every part is there.
 */
function partsInParagraph(tc: TextCtx, g: Group, parts: string[], unit: MoneyUnit): { v: Money; half: Money } | undefined {
  const top = parts.filter((id) => !parts.some((p) => tc.r.resolver.byId(p)?.parts?.includes(id)));
  const found: Part[] = [];
  for (const id of top) {
    const x = tc.r.groups.find((y) => y.para === g.para && y.resolved.term?.id === id && (y.amount || y.zero));
    const a = x && amountOf(tc, x, unit);
    if (!a) return undefined;
    found.push(a);
  }
  return { v: sum(found.map((x) => x.v)), half: sum(found.map((x) => x.half)) };
}

// ----------------------------------------------------------------------------------------------------
// text-restated: one thing, two figures

export function checkRestated(tc: TextCtx, emit: Emit): void {
  for (const g of tc.r.groups) {
    if (!g.amount || !g.more.length) continue;
    const a = g.amount;
    for (const b of g.more) {
      const u = unitOf(a, tc);
      const bv = convert(b.value, unitOf(b, tc), u);
      const d = Math.min(a.decimals, b.decimals);
      const same = a.value.toDecimalPlaces(d, Decimal.ROUND_HALF_UP).eq(bv.toDecimalPlaces(d, Decimal.ROUND_HALF_UP));
      a.checked = b.checked = true;
      if (same) continue;
      emit('text-restated', {
        message: `情况说明前后不一：“${shown(tc, a.from, a.to)}”，同一段又写“${shown(tc, b.from, b.to)}”${diffText(bv.minus(a.value), u, false)}`,
        cells: [],
        quote: quoteOf(tc, b.from, b.to),
        expected: money(a.value, u),
        actual: money(bv, u),
      });
    }
  }
}

// ----------------------------------------------------------------------------------------------------
// text-year: this year's figures name the workbook's 预算年度; 比 / 较 name the year before

const YEAR_MENTION = /(\d{4})\s?年度?/g;
const BUDGET_AFTER = /^(的)?(部门|单位)?(预算|收入|支出|收支|三公|“三公”|机关运行|政府采购|部门预算|单位预算|[，,])/;
const COMPARE_BEFORE = /(比|较|与|同|对比|相比|上年|较之)\s?$/;
const LAST_AFTER = /^(的)?(部门|单位)?(预算)?(执行|决算|预算执行|实际|全年预算执行)/;

export function checkYears(tc: TextCtx, emit: Emit, year: number | undefined): void {
  if (year === undefined) return;
  const s = tc.r.view.s;
  const reported = new Set<number>();
  for (const m of s.matchAll(YEAR_MENTION)) {
    const at = m.index!;
    const y = Number(m[1]);
    if (y < 1990 || y > 2100) continue;
    const before = s.slice(Math.max(0, at - 4), at);
    const after = s.slice(at + m[0].length, at + m[0].length + 8);
    // document numbers (冀财社 2020年 201号, 〔2021〕) and dates (2025年12月31日, 截至2024年8月)
    if (/^\d+号/.test(after) || /^\d{1,2}月/.test(after) || /[【〔\[]$/.test(before) || /(截至|截止|从|自|于)\s?$/.test(before)) continue;
    const comparing = COMPARE_BEFORE.test(before) || LAST_AFTER.test(after);
    const expected = comparing ? year - 1 : year;
    if (!comparing && !BUDGET_AFTER.test(after)) continue;
    if (y === expected) continue;
    // last year's figure beside this year's ('2022年预算安排…，2021年预算安排7907.40万元')
    if (y === year - 1 && tc.r.claims.some((c) => c.kind === 'last' && c.from <= at && at < c.to)) continue;
    if (comparing && y < year) continue; // compared with an earlier year than the last: unusual, not wrong
    const { from, to } = sentenceAround(s, at);
    reported.add(at);
    emit('text-year', {
      message: comparing
        ? `情况说明“${shown(tc, from, to)}”与 ${y} 年比较，但工作簿的预算年度是 ${year} 年：上年应为 ${year - 1} 年`
        : `情况说明“${shown(tc, from, to)}”写的是 ${y} 年，与工作簿的预算年度 ${year} 年不一致`,
      cells: yearCells(tc),
      quote: quoteOf(tc, from, to),
      expected: String(expected),
      actual: String(y),
    });
  }
}

function yearCells(tc: TextCtx): CellRef[] {
  for (const t of tc.ctx.tables.values()) if (t.header.yearCell) return [t.header.yearCell];
  return [];
}

/** The clause of a position with the one before it ('因公出国（境）费0万元，占%'), within its sentence. */
function clauseAround(s: string, at: number): { from: number; to: number } {
  let from = at;
  for (let seen = 0; from > 0 && !/[。！？!?\n]/.test(s[from - 1]) && at - from < 40; from--) {
    if (/[，,；;：:]/.test(s[from - 1]) && ++seen === 2) break;
  }
  let to = at;
  while (to < s.length && !/[，,；;。！？!?\n]/.test(s[to]) && to - at < 40) to++;
  return { from, to: to < s.length && /[。]/.test(s[to]) ? to + 1 : to };
}

/** The clause around a position: back and forth to the nearest 。；，! boundary, at most 60 characters. */
function sentenceAround(s: string, at: number): { from: number; to: number } {
  let from = at;
  while (from > 0 && !/[。！？!?\n]/.test(s[from - 1]) && at - from < 40) from--;
  let to = at;
  while (to < s.length && !/[。！？!?\n；;]/.test(s[to]) && to - at < 60) to++;
  return { from, to };
}

// ----------------------------------------------------------------------------------------------------
// text-entity: the unit the text is about

const ENTITY = [/现将(.{2,40}?)\s?\d{4}\s?年度?(部门|单位)?预算/, /^(?:第[一二三四五六七八九十]+部分)?(.{2,40}?)\s?\d{4}\s?年度?(区级|县级|市级|省级)?(部门|单位)?预算(信息)?(公开)?(情况说明|编制说明|说明)?$/];

function unitKey(s: string): string {
  return norm(s)
    .replace(/^[[【(（]?\d+[\]】)）]?/, '')
    .replace(/[（(]?(本级|机关|本部|含所属单位)[）)]?$/g, '')
    .replace(/(部门|单位)$/, '');
}

function subsequence(short: string, long: string): boolean {
  if (short.length < 4 || short.length > long.length) return false;
  let i = 0;
  for (const ch of long) if (ch === short[i]) i++;
  return i === short.length;
}

export function checkEntity(tc: TextCtx, emit: Emit): void {
  const names = new Map<string, number>();
  let cell: CellRef | undefined;
  for (const t of tc.ctx.tables.values()) {
    if (!t.header.unitName) continue;
    names.set(t.header.unitName, (names.get(t.header.unitName) ?? 0) + 1);
    cell ??= t.header.unitCell;
  }
  const wbName = [...names].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!wbName) return;
  const want = unitKey(wbName);
  if (want.length < 2) return;
  const seen = new Set<string>();
  for (const p of tc.r.paragraphs.slice(0, 8)) {
    const s = tc.r.view.s.slice(p.from, p.to);
    for (const re of ENTITY) {
      const m = re.exec(s);
      if (!m) continue;
      const named = m[1].replace(/^[，,。：:\s]+/, '').replace(/[（(].*$/, '');
      const key = unitKey(named);
      if (key.length < 2 || seen.has(key)) continue;
      seen.add(key);
      // the same unit abbreviated ('江苏省委办公厅' for '中国共产党江苏省委员会办公厅'): its characters in order
      if (key.includes(want) || want.includes(key) || subsequence(key, want) || subsequence(want, key)) continue;
      const from = p.from + m.index! + m[0].indexOf(m[1]);
      emit('text-entity', {
        message: `情况说明写的是“${named}”，而工作簿是“${wbName}”的预算：两者不是同一单位`,
        cells: cell ? [cell] : [],
        quote: quoteOf(tc, from, from + m[1].length),
        expected: wbName,
        actual: named,
      });
    }
  }
}

// ----------------------------------------------------------------------------------------------------
// text-leftover, text-no-figure, text-duplicate

const LEFTOVER = /(增加|减少|增长|下降|上升)\1|(增加|增长|上升)[（(]\s*(减少|下降)\s*[）)]|[XxＸｘ]{2,}|×{2,}|[*＊]{3,}|_{3,}|待填写|待补充|待定|【\s*】|（\s*）|\(\s*\)|(主要)?原因是[：:，,]?\s*(?=[。；;！!]|$)|(?<=[占为增加减少增长下降计]\s*)(万元|元|%)(?=[，。；,;、）)]|$)/g;

export function checkLeftovers(tc: TextCtx, emit: Emit): void {
  const s = tc.r.view.s;
  for (const m of s.matchAll(LEFTOVER)) {
    const at = m.index!;
    const { from, to } = clauseAround(s, at);
    const what = m[1]
      ? `“${m[1]}”写了两遍（笔误？）`
      : /原因是/.test(m[0])
        ? '“主要原因是”后没有写原因'
        : /^(万元|元|%)$/.test(m[0])
          ? `“${m[0]}”前没有填数字`
          : /[（(]/.test(m[0]) && /增|减|上升|下降/.test(m[0])
            ? `“${m[0]}”是模板的二选一，未按实际选定`
            : `模板占位符“${m[0]}”未替换`;
    emit('text-leftover', { message: `情况说明“${shown(tc, from, to)}”中${what}`, cells: [], quote: quoteOf(tc, from, to) });
  }
}

export function checkNoFigure(tc: TextCtx, emit: Emit): void {
  if (tc.r.claims.length > 0 || tc.r.statements.length > 0) return;
  emit('text-no-figure', { message: `情况说明（${tc.r.doc.source}）中没有读到任何金额，无法与九张表核对`, cells: [] });
}

export function checkDuplicates(tc: TextCtx, emit: Emit): void {
  const ps = tc.r.paragraphs;
  for (let i = 0; i < ps.length; i++) {
    if (ps[i].repeats === undefined || ps[i - 1]?.repeats !== undefined) continue;
    // a run of reprinted paragraphs, reported once at its start
    let n = 1;
    while (ps[i + n]?.repeats !== undefined) n++;
    const p = ps[i];
    const first = tc.r.view.s.slice(p.from, p.to);
    emit('text-duplicate', {
      message: `情况说明中“${readable(first).slice(0, 60)}${first.length > 60 ? '…' : ''}”${n > 1 ? `及其后 ${n - 1} 段` : '这一段'}在本节前文已出现过，重复印刷`,
      cells: [],
      quote: quoteOf(tc, p.from, p.to),
    });
  }
}
