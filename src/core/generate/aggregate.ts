// Budget lines -> the figures of the nine tables (pure, exact). Which line feeds which figure:
//  T1 income: this year's money (上年结转 ≠ 是) by 资金来源; 上年结转结余 = every carry-over line;
//     expense: every line by functional 类.  2026+: 五、单位资金 = 事业收入 … 其他收入 together.
//  T2: per 科目, this year's money by source (财政拨款收入 = the three budgets), 上年结转 = carry lines.
//  T3: per 科目, every line by 支出类型.
//  T4: 财政拨款 money only (一般公共 / 政府性基金 / 国有资本经营); income = this year's, 年初结转 = carry.
//  T5/T7/T8: per 科目, lines of one budget, by 基本/项目支出 (carry included).
//  T6: 一般公共预算 基本支出 lines by economic 科目; 人员经费 = 301 + 303, 公用经费 = the rest.
//  T9: 财政拨款 lines (all kinds) of economic 款 30212 / 31013 / 30231 / 30217, by budget.
import { ECONOMIC_CLASSES, FUNCTIONAL_CLASSES, PERSONNEL_ECONOMIC_CLASSES } from '../profiles/classes';
import { T1_EXPENSE_ITEMS, T1_INCOME_ITEMS, T4_EXPENSE_ITEMS, T4_INCOME_ITEMS, T9_ITEMS, T9_T6_LINKS } from '../profiles/hebei';
import { itemInYear } from '../profiles';
import type { ItemDef } from '../profiles/types';
import type { BudgetLine, FundSource, InputProblem } from './input';
import { FISCAL_SOURCES } from './input';
import type { Money } from '../model/money';
import { Decimal, MAX_CENTS, ZERO, cents, sum } from '../model/money';

export interface DisclosureHeader {
  unitCode: string;
  unitName: string;
  year: number;
  currency: string;
}

export interface TreeRow {
  code: string;
  name: string;
  /** 1 类, 2 款, 3 项 */
  level: 1 | 2 | 3;
  values: Money[];
}

/** A 科目 table: the 合计 row, then the tree ordered by code. */
export interface TreeTable {
  total: Money[];
  rows: TreeRow[];
}

/** A fixed row of T1/T4/T9. */
export interface ItemRow {
  key: string;
  /** as printed, ordinal included ('一、一般公共预算拨款收入') */
  label: string;
  values: Money[];
}

export interface SideBySide {
  income: ItemRow[];
  expense: ItemRow[];
}

export interface Facts {
  incomeThisYear: Money;
  carryIn: Money;
  incomeBySource: Record<FundSource, Money>;
  expenseTotal: Money;
  basic: Money;
  /** split of all basic spending by economic 类 */
  personnel: Money;
  public: Money;
  project: Money;
  otherKinds: Money;
  /** 公用经费 of 一般公共预算 basic spending (T6): 机关运行经费 */
  runningCost: Money;
  /** project names with their amounts, in input order */
  projects: { name: string; amount: Money }[];
}

export interface Disclosure {
  header: DisclosureHeader;
  t1: SideBySide;
  /** columns: 合计, 小计, 财政拨款收入, 财政专户收入, 事业收入, 经营收入, 上级补助收入, 附属单位上缴收入, 其他收入, 上年结转 */
  t2: TreeTable;
  /** columns: 合计, 基本支出, 项目支出, 经营支出, 上缴上级支出, 对附属单位补助支出 */
  t3: TreeTable;
  /** income: one amount; expense: 合计, 一般公共, 政府性基金, 国有资本经营 */
  t4: SideBySide;
  /** columns: 合计, 基本支出, 项目支出 */
  t5: TreeTable;
  /** columns: 合计, 人员经费, 公用经费 */
  t6: TreeTable;
  t7: TreeTable;
  t8: TreeTable;
  /** columns: 合计, 一般公共预算财政拨款, 政府性基金预算拨款, 国有资本经营预算财政拨款 */
  t9: ItemRow[];
  facts: Facts;
}

export type NameLookup = (code: string) => string | undefined;

const zeros = (n: number): Money[] => Array.from({ length: n }, () => ZERO);
const add = (a: Money[], b: Money[]): Money[] => a.map((x, i) => x.plus(b[i]));

const CLASS_NAME = new Map(FUNCTIONAL_CLASSES.map((c) => [c.code, c.name]));
const ECON_CLASS_NAME = new Map(ECONOMIC_CLASSES.map((c) => [c.code, c.name]));

/** Input problems for functional 款 without a known name (reported at the first row using the 款). */
export function missingKuanNames(lines: BudgetLine[], kuanName: NameLookup): InputProblem[] {
  const seen = new Set<string>();
  const out: InputProblem[] = [];
  for (const l of lines) {
    const k = l.funcCode.slice(0, 5);
    if (seen.has(k)) continue;
    seen.add(k);
    if (!kuanName(k)) {
      out.push({
        row: l.row,
        column: '功能科目编码',
        message: `功能科目 ${l.funcCode} 所属的款 ${k} 没有已知名称：请在“科目表”工作表中添加一行（A 列编码 ${k}，B 列款名称），或用 --catalog 提供科目表。`,
      });
    }
  }
  return out;
}

/** Builds a 科目 tree from lines, a per-line value vector and the tree codes each line adds to (decimal path). */
function decimalTree(
  lines: BudgetLine[],
  width: number,
  vec: (l: BudgetLine) => Money[] | undefined,
  levels: (l: BudgetLine) => Level[],
): TreeTable {
  const acc = new Map<string, { name: string; level: 1 | 2 | 3; values: Money[] }>();
  let total = zeros(width);
  for (const l of lines) {
    const v = vec(l);
    if (!v) continue;
    total = add(total, v);
    for (const [code, name, level] of levels(l)) {
      const e = acc.get(code);
      if (e) e.values = add(e.values, v);
      else acc.set(code, { name, level, values: v });
    }
  }
  const rows = [...acc.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([code, e]) => ({ code, ...e }));
  return { total, rows };
}

/**
 * Integer cents of every line's amount when all are whole cents and even the sum of their magnitudes is
 * an exact integer: the trees and totals are then summed as integers (exact, like the decimal sums they
 * replace, which never round below 20 digits); undefined sends everything through decimal.js.
 */
function lineCents(lines: BudgetLine[]): number[] | undefined {
  const out: number[] = new Array(lines.length);
  let mag = 0;
  for (let i = 0; i < lines.length; i++) {
    const c = cents(lines[i].amount);
    if (Number.isNaN(c) || Object.is(c, -0)) return undefined;
    mag += Math.abs(c);
    if (mag > MAX_CENTS) return undefined;
    out[i] = c;
  }
  return out;
}

const fromCents = (c: number): Money => (c === 0 ? ZERO : new Decimal(c).div(100));

type Level = [string, string, 1 | 2 | 3];

/** decimalTree over integer cents: each line adds its amount to the columns `cols` gives. */
function centsTree(
  lines: BudgetLine[],
  lc: number[],
  width: number,
  cols: (l: BudgetLine) => readonly number[] | undefined,
  levels: (l: BudgetLine) => Level[],
): TreeTable {
  const acc = new Map<string, { name: string; level: 1 | 2 | 3; values: number[] }>();
  const total: number[] = new Array(width).fill(0);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const cs = cols(l);
    if (!cs) continue;
    const a = lc[i];
    for (const c of cs) total[c] += a;
    for (const [code, name, level] of levels(l)) {
      let e = acc.get(code);
      if (!e) {
        e = { name, level, values: new Array(width).fill(0) };
        acc.set(code, e);
      }
      for (const c of cs) e.values[c] += a;
    }
  }
  const rows = [...acc.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, e]) => ({ code, name: e.name, level: e.level, values: e.values.map(fromCents) }));
  return { total: total.map(fromCents), rows };
}

const label = (d: ItemDef) => (d.ordinal ?? '') + d.label;

const T2_SOURCE_COLUMN: Record<FundSource, number> = {
  一般公共预算: 2,
  政府性基金预算: 2,
  国有资本经营预算: 2,
  财政专户管理资金: 3,
  事业收入: 4,
  事业单位经营收入: 5,
  上级补助收入: 6,
  附属单位上缴收入: 7,
  其他收入: 8,
};

const T3_KIND_COLUMN: Record<BudgetLine['kind'], number> = {
  基本支出: 1,
  项目支出: 2,
  经营支出: 3,
  上缴上级支出: 4,
  对附属单位补助支出: 5,
};

const FUND_INDEX: Partial<Record<FundSource, number>> = { 一般公共预算: 1, 政府性基金预算: 2, 国有资本经营预算: 3 };

function unit(width: number, index: number, m: Money, alsoTotal = true): Money[] {
  const v = zeros(width);
  if (alsoTotal) v[0] = m;
  v[index] = v[index].plus(m);
  return v;
}

/** Every figure of the nine tables from validated lines. `kuanName` must know every used 款. */
export function aggregate(lines: BudgetLine[], header: DisclosureHeader, kuanName: NameLookup): Disclosure {
  const year = header.year;
  const fiscal = (l: BudgetLine) => FISCAL_SOURCES.includes(l.source);
  const lc = lineCents(lines);
  const total = (pred: (l: BudgetLine) => boolean): Money => {
    if (!lc) return sum(lines.filter(pred).map((l) => l.amount));
    let s = 0;
    for (let i = 0; i < lines.length; i++) if (pred(lines[i])) s += lc[i];
    return fromCents(s);
  };
  const funcLevels = (l: BudgetLine): Level[] => [
    [l.funcCode.slice(0, 3), CLASS_NAME.get(l.funcCode.slice(0, 3)) ?? '', 1],
    [l.funcCode.slice(0, 5), kuanName(l.funcCode.slice(0, 5)) ?? '', 2],
    [l.funcCode, l.funcName, 3],
  ];
  const econLevels = (l: BudgetLine): Level[] => {
    const cls = l.econCode.slice(0, 3);
    return [
      [cls, ECON_CLASS_NAME.get(cls) ?? '', 1],
      [l.econCode, l.econName, 2],
    ];
  };

  // T2: 合计, 小计, 7 sources, 上年结转
  const t2 = lc
    ? centsTree(lines, lc, 10, (l) => (l.carry ? [0, 9] : [0, 1, T2_SOURCE_COLUMN[l.source]]), funcLevels)
    : decimalTree(
        lines,
        10,
        (l) => {
          const v = zeros(10);
          v[0] = l.amount;
          if (l.carry) v[9] = l.amount;
          else {
            v[1] = l.amount;
            v[T2_SOURCE_COLUMN[l.source]] = l.amount;
          }
          return v;
        },
        funcLevels,
      );
  const t3 = lc
    ? centsTree(lines, lc, 6, (l) => [0, T3_KIND_COLUMN[l.kind]], funcLevels)
    : decimalTree(lines, 6, (l) => unit(6, T3_KIND_COLUMN[l.kind], l.amount), funcLevels);
  const fundTree = (src: FundSource) =>
    lc
      ? centsTree(lines, lc, 3, (l) => (l.source === src ? [0, l.kind === '基本支出' ? 1 : 2] : undefined), funcLevels)
      : decimalTree(
          lines,
          3,
          (l) => (l.source === src ? unit(3, l.kind === '基本支出' ? 1 : 2, l.amount) : undefined),
          funcLevels,
        );
  const t5 = fundTree('一般公共预算');
  const t7 = fundTree('政府性基金预算');
  const t8 = fundTree('国有资本经营预算');
  const t6Column = (l: BudgetLine) => (PERSONNEL_ECONOMIC_CLASSES.includes(l.econCode.slice(0, 3)) ? 1 : 2);
  const t6 = lc
    ? centsTree(lines, lc, 3, (l) => (l.source === '一般公共预算' && l.kind === '基本支出' ? [0, t6Column(l)] : undefined), econLevels)
    : decimalTree(
        lines,
        3,
        (l) => (l.source === '一般公共预算' && l.kind === '基本支出' ? unit(3, t6Column(l), l.amount) : undefined),
        econLevels,
      );

  // T1
  const incomeBy = (src: FundSource) => total((l) => !l.carry && l.source === src);
  const unitFunds: FundSource[] = ['事业收入', '事业单位经营收入', '上级补助收入', '附属单位上缴收入', '其他收入'];
  const t1IncomeValue: Record<string, () => Money> = {
    'inc.gpb': () => incomeBy('一般公共预算'),
    'inc.gfb': () => incomeBy('政府性基金预算'),
    'inc.soe': () => incomeBy('国有资本经营预算'),
    'inc.special': () => incomeBy('财政专户管理资金'),
    'inc.unitfunds': () => sum(unitFunds.map(incomeBy)),
    'inc.business': () => incomeBy('事业收入'),
    'inc.operating': () => incomeBy('事业单位经营收入'),
    'inc.superior': () => incomeBy('上级补助收入'),
    'inc.affiliated': () => incomeBy('附属单位上缴收入'),
    'inc.other': () => incomeBy('其他收入'),
  };
  const incomeThisYear = total((l) => !l.carry);
  const carryIn = total((l) => l.carry);
  const expenseTotal = total(() => true);
  const classTotal = (code: string, pred: (l: BudgetLine) => boolean = () => true) =>
    total((l) => l.funcCode.startsWith(code) && pred(l));
  const t1: SideBySide = {
    income: T1_INCOME_ITEMS.filter((d) => itemInYear(d, year)).map((d) => {
      let v: Money;
      if (d.key === 'inc.total') v = incomeThisYear;
      else if (d.key === 'inc.carry') v = carryIn;
      else if (d.key === 'inc.grand') v = incomeThisYear.plus(carryIn);
      else v = t1IncomeValue[d.key]();
      return { key: d.key, label: label(d), values: [v] };
    }),
    expense: T1_EXPENSE_ITEMS.filter((d) => itemInYear(d, year)).map((d) => {
      let v: Money;
      if (d.classCode) v = classTotal(d.classCode);
      else if (d.key === 'exp.carry') v = ZERO;
      else v = expenseTotal; // exp.total, exp.grand (no year-end carry in a budget)
      return { key: d.key, label: label(d), values: [v] };
    }),
  };

  // T4
  const fundVec = (pred: (l: BudgetLine) => boolean): Money[] => {
    if (lc) {
      const c = [0, 0, 0, 0];
      for (let i = 0; i < lines.length; i++) {
        const l = lines[i];
        if (!fiscal(l) || !pred(l)) continue;
        c[0] += lc[i];
        c[FUND_INDEX[l.source]!] += lc[i];
      }
      return c.map(fromCents);
    }
    const v = zeros(4);
    for (const l of lines) {
      if (!fiscal(l) || !pred(l)) continue;
      v[0] = v[0].plus(l.amount);
      const i = FUND_INDEX[l.source]!;
      v[i] = v[i].plus(l.amount);
    }
    return v;
  };
  const fiscalThisYear = total((l) => fiscal(l) && !l.carry);
  const fiscalCarry = total((l) => fiscal(l) && l.carry);
  const carryBy = (src: FundSource) => total((l) => l.carry && l.source === src);
  const t4IncomeValue: Record<string, Money> = {
    'inc.gpb': incomeBy('一般公共预算'),
    'inc.gfb': incomeBy('政府性基金预算'),
    'inc.soe': incomeBy('国有资本经营预算'),
    'inc.total': fiscalThisYear,
    'inc.carry': fiscalCarry,
    'inc.carry.gpb': carryBy('一般公共预算'),
    'inc.carry.gfb': carryBy('政府性基金预算'),
    'inc.carry.soe': carryBy('国有资本经营预算'),
    'inc.grand': fiscalThisYear.plus(fiscalCarry),
  };
  const t4: SideBySide = {
    income: T4_INCOME_ITEMS.filter((d) => itemInYear(d, year)).map((d) => ({
      key: d.key,
      label: label(d),
      values: [t4IncomeValue[d.key] ?? ZERO],
    })),
    expense: T4_EXPENSE_ITEMS.filter((d) => itemInYear(d, year)).map((d) => {
      let v: Money[];
      if (d.classCode) v = fundVec((l) => l.funcCode.startsWith(d.classCode!));
      else if (d.key === 'exp.carry') v = zeros(4);
      else v = fundVec(() => true);
      return { key: d.key, label: label(d), values: v };
    }),
  };

  // T9
  const econVec = (codes: string[]) => fundVec((l) => codes.includes(l.econCode));
  const link = (item: string) => T9_T6_LINKS.find((x) => x.item === item)?.codes ?? [];
  const t9Value: Record<string, Money[]> = {
    'abroad.research': zeros(4),
    'abroad.other': econVec(link('abroad')),
    'car.buy': econVec(link('car.buy')),
    'car.run': econVec(link('car.run')),
    reception: econVec(link('reception')),
  };
  t9Value.abroad = add(t9Value['abroad.research'], t9Value['abroad.other']);
  t9Value.car = add(t9Value['car.buy'], t9Value['car.run']);
  t9Value.sangong = add(add(t9Value.abroad, t9Value.car), t9Value.reception);
  t9Value.total = t9Value.sangong;
  const t9 = T9_ITEMS.filter((d) => !d.extra && itemInYear(d, year)).map((d) => ({
    key: d.key,
    label: label(d),
    values: t9Value[d.key] ?? zeros(4),
  }));

  // facts for the explanatory text
  const basicLines = lines.filter((l) => l.kind === '基本支出');
  const personnel = sum(basicLines.filter((l) => PERSONNEL_ECONOMIC_CLASSES.includes(l.econCode.slice(0, 3))).map((l) => l.amount));
  const basic = sum(basicLines.map((l) => l.amount));
  const projects: { name: string; amount: Money }[] = [];
  const projectByName = new Map<string, { name: string; amount: Money }>();
  for (const l of lines) {
    if (l.kind !== '项目支出') continue;
    const p = projectByName.get(l.project);
    if (p) p.amount = p.amount.plus(l.amount);
    else {
      const np = { name: l.project, amount: l.amount };
      projectByName.set(l.project, np);
      projects.push(np);
    }
  }
  const incomeBySource = {} as Record<FundSource, Money>;
  for (const src of Object.keys(T2_SOURCE_COLUMN) as FundSource[]) incomeBySource[src] = incomeBy(src);
  const facts: Facts = {
    incomeThisYear,
    carryIn,
    incomeBySource,
    expenseTotal,
    basic,
    personnel,
    public: basic.minus(personnel),
    project: total((l) => l.kind === '项目支出'),
    otherKinds: total((l) => l.kind !== '基本支出' && l.kind !== '项目支出'),
    runningCost: t6.total[2],
    projects,
  };

  return { header, t1, t2, t3, t4, t5, t6, t7, t8, t9, facts };
}
