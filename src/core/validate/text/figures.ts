// Figures in a sentence: a number with its unit, or a number that is not a figure (a year, a date, a count,
// a list ordinal, a 科目 code). Pure string scanning over the normalised view.
import { Decimal } from '../../model/money';
import type { Money } from '../../model/money';

export type Unit = '元' | '万元' | '亿元' | '%' | '个百分点';

export interface Num {
  /** offsets in the paragraph string */
  from: number;
  /** end of the number */
  numTo: number;
  /** end of the unit (= numTo without one) */
  to: number;
  value: Money;
  /** as written (normalised view) */
  raw: string;
  decimals: number;
  unit?: Unit;
  /** what a number without a money unit is */
  role: 'figure' | 'code' | 'other';
}

const UNITS: Unit[] = ['个百分点', '亿元', '万元', '元', '%'];
/** after a number: it counts or dates something, it is no amount */
const NOT_MONEY = /^(年|月|日|号|个|人|名|项|次|辆|台|套|张|家|户|天|小时|时|岁|平方米|平米|㎡|米|公里|千米|条|篇|期|批|所|座|处|间|本|份|册|件|页|类|款|级|万|千|亿|倍|周|分|秒|栋|层|床|位|k|K|G|M|m)/;
const CJK = /[\u4e00-\u9fa5]/;

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** Every number of a paragraph, classified. */
export function numbers(p: string): Num[] {
  const out: Num[] = [];
  let i = 0;
  while (i < p.length) {
    if (!isDigit(p[i])) {
      i++;
      continue;
    }
    const from = i;
    const prev = p[i - 1];
    // part of a word or of a bigger token ('A0206', 'v1.2', '1.2.3')
    const glued = prev !== undefined && (/[A-Za-z_]/.test(prev) || (prev === '.' && isDigit(p[i - 2])));
    let j = i;
    while (isDigit(p[j])) j++;
    // thousands separators: ',' or '，' then exactly three digits (the Chinese comma only before a decimal
    // point or a unit, where it cannot end a clause)
    const firstGroup = j - i;
    for (;;) {
      const sep = p[j];
      if ((sep === ',' || sep === '，') && firstGroup <= 3 && /^\d{3}(?!\d)/.test(p.slice(j + 1, j + 5))) {
        const after = p.slice(j + 4, j + 7);
        if (sep === '，' && !/^(\.\d|[,，]\d|亿元|万元|元)/.test(after)) break;
        j += 4;
        continue;
      }
      break;
    }
    let decimals = 0;
    if (p[j] === '.' && isDigit(p[j + 1])) {
      let k = j + 1;
      while (isDigit(p[k])) k++;
      decimals = k - j - 1;
      j = k;
    }
    const numTo = j;
    const raw = p.slice(from, numTo);
    i = numTo;
    if (glued) continue;
    let k = numTo;
    if (p[k] === ' ') k++;
    const unit = UNITS.find((u) => p.startsWith(u, k));
    const value = new Decimal(raw.replace(/[,，]/g, ''));
    if (unit) {
      // a threshold, not an amount: '单价50万元以上设备', '10万元（含）以下'
      const threshold = /^(（含）|\(含\))?(以上|以下|以内|及以上|及以下)/.test(p.slice(k + unit.length, k + unit.length + 6));
      out.push({ from, numTo, to: k + unit.length, value, raw, decimals, unit, role: threshold ? 'other' : 'figure' });
      i = k + unit.length;
      continue;
    }
    out.push({ from, numTo, to: numTo, value, raw, decimals, role: roleOf(p, from, numTo, raw, decimals) });
  }
  return out;
}

function roleOf(p: string, from: number, to: number, raw: string, decimals: number): Num['role'] {
  const prev = p[from - 1];
  const next = p[to] === ' ' ? p[to + 1] : p[to];
  const rest = p.slice(p[to] === ' ' ? to + 1 : to);
  if (NOT_MONEY.test(rest)) return 'other';
  // document numbers 冀财社【2021】150号, ordinals （1） 1、 第1
  if (prev === '【' || prev === '〔' || prev === '[' || prev === '第' || prev === '〖') return 'other';
  if ((prev === '(' || prev === '（') && (next === ')' || next === '）')) return 'other';
  // the end of a name in quotes or brackets: “项目1”, （2号楼）, 《…2021》
  if (next !== undefined && '”」』》）)】'.includes(next) && p[to] !== ' ') return 'other';
  if (decimals === 0 && (next === '、' || next === '.' || next === '．') && !isDigit(p[to + 1])) {
    // '1、收入说明' (a list ordinal) — but '人员经费 1、公用经费 2' lists figures: an ordinal starts its clause
    const before = p.slice(Math.max(0, from - 1), from);
    if (before === '' || /[\s。；;：:，,\n（(]/.test(before)) return 'other';
  }
  if (decimals === 0 && (raw.length === 3 || raw.length === 5 || raw.length === 7) && /^[23]/.test(raw)) {
    if ((next !== undefined && CJK.test(next)) || /(科目|编码|代码)$/.test(p.slice(Math.max(0, from - 2), from)) || prev === '（' || prev === '(') return 'code';
  }
  return 'figure';
}

/** Money of `value` in `from` units as `to` units, exactly. */
export function convert(value: Money, from: '元' | '万元' | '亿元', to: '元' | '万元' | '亿元'): Money {
  const scale = { 元: 0, 万元: 4, 亿元: 8 } as const;
  const d = scale[from] - scale[to];
  return d === 0 ? value : d > 0 ? value.times(new Decimal(10).pow(d)) : value.dividedBy(new Decimal(10).pow(-d));
}

export const MONEY_UNITS = ['元', '万元', '亿元'] as const;
export type MoneyUnit = (typeof MONEY_UNITS)[number];
export const isMoneyUnit = (u: Unit | undefined): u is MoneyUnit => u === '元' || u === '万元' || u === '亿元';
