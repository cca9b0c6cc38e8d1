// Exact money. Every amount in the core is a decimal.js Decimal; floats never decide equality.
import Decimal from 'decimal.js';

export { Decimal };
export type Money = Decimal;

export const ZERO: Money = new Decimal(0);

/**
 * Exact decimal of a cell number as Excel shows it: 15 significant digits, which drops binary noise
 * such as a SUM formula's 307.96999999999997 (Excel displays and compares it as 307.97).
 */
export function fromNumber(n: number): Money {
  // Decimals are immutable: the same figure (a total repeated over several tables) is parsed once.
  if (n === 0) return new Decimal(n); // keeps -0 apart from 0 (a Map key does not)
  const hit = NUMBER_CACHE.get(n);
  if (hit !== undefined) return hit;
  let d: Decimal;
  if (Number.isInteger(n) && Math.abs(n) < 1e15) d = new Decimal(n);
  else {
    const s = String(n);
    // short forms ('142.97') are exact as printed; only long ones carry binary noise
    d = new Decimal(s.length <= 15 && s.indexOf('e') < 0 ? s : n.toPrecision(15));
  }
  // whole cents known from the number itself (|n| < 1e11: n * 100 is within 0.01 of the exact integer,
  // also when d was rounded to 15 digits)
  if (Math.abs(n) < 1e11 && d.decimalPlaces() <= 2) CENTS.set(d, Math.round(n * 100));
  if (NUMBER_CACHE.size >= 200_000) NUMBER_CACHE.clear();
  NUMBER_CACHE.set(n, d);
  return d;
}

const NUMBER_CACHE = new Map<number, Decimal>();

const NUMERIC_TEXT = /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[+-]?\.\d+$/;

/** Parses text that a clerk would read as an amount ('1,234.50', ' 12 ', '-3'); null if it is not one. */
export function parseAmountText(s: string): Money | null {
  const t = s.replace(/[\s\u00a0\u3000]/g, '').replace(/，/g, ',').replace(/．/g, '.');
  if (t === '' || !NUMERIC_TEXT.test(t)) return null;
  return new Decimal(t.replace(/,/g, ''));
}

/**
 * Integer cents of an amount with at most 2 decimals (the usual case), NaN otherwise. Remembered per
 * Decimal instance, so checking a sum costs integer additions, not decimal ones.
 */
const CENTS = new WeakMap<Decimal, number>();
export const MAX_CENTS = 2 ** 52;

export function cents(m: Money): number {
  const hit = CENTS.get(m);
  if (hit !== undefined) return hit;
  let c = NaN;
  if (m.decimalPlaces() <= 2) {
    const x = m.times(100);
    if (x.abs().lte(MAX_CENTS)) c = x.toNumber();
  }
  CENTS.set(m, c);
  return c;
}

/**
 * Integer cents of a finite cell number, as fromNumber would give them, without building a Decimal in the
 * usual case: when c / 100 is the very double n, n prints as c / 100 (at most 13 significant digits).
 */
export function centsOfNumber(n: number): number {
  if (n === 0) return 0;
  if (Math.abs(n) < 1e11) {
    const c = Math.round(n * 100);
    if (c / 100 === n) return c;
  }
  return cents(fromNumber(n));
}

/** The exact amount of integer cents. */
export function fromCents(c: number): Money {
  return new Decimal(c).dividedBy(100);
}

export function sum(xs: Iterable<Money>): Money {
  let s = ZERO;
  for (const x of xs) s = s.plus(x);
  return s;
}

/** '1234.5' -> '1234.50' (at least 2 decimals, more if the value has them). */
export function fmt(m: Money): string {
  const dp = Math.max(2, m.decimalPlaces());
  return m.toFixed(dp);
}

export function decimals(m: Money): number {
  return m.decimalPlaces();
}

/**
 * Whether a difference between a total and the sum of n figures, each shown with 2 decimals, may be
 * rounding: each figure carries at most half a cent of rounding error (XBRL Calculations 1.1 interval
 * rule), so |diff| <= 0.005 * (n + 1). In 元 tables: half a yuan per figure, at least 1 元.
 */
export function withinRounding(diff: Money, figures: number, unit: '万元' | '元' = '万元'): boolean {
  // tables in 元 print whole yuan: half a yuan per figure, and a 1-元 difference is always rounding
  if (unit === '元') return diff.abs().lte(Decimal.max(1, new Decimal('0.5').times(figures + 1)));
  return diff.abs().lte(new Decimal('0.005').times(figures + 1));
}

/** An amount in 元 as the same figure printed in 万元 (two decimals, rounded half up). */
export function yuanToWan(m: Money): Money {
  return m.dividedBy(10000).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}
