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
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return new Decimal(n);
  const s = String(n);
  // short forms ('142.97') are exact as printed; only long ones carry binary noise
  return new Decimal(s.length <= 15 && s.indexOf('e') < 0 ? s : n.toPrecision(15));
}

const NUMERIC_TEXT = /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[+-]?\.\d+$/;

/** Parses text that a clerk would read as an amount ('1,234.50', ' 12 ', '-3'); null if it is not one. */
export function parseAmountText(s: string): Money | null {
  const t = s.replace(/[\s\u00a0\u3000]/g, '').replace(/，/g, ',').replace(/．/g, '.');
  if (t === '' || !NUMERIC_TEXT.test(t)) return null;
  return new Decimal(t.replace(/,/g, ''));
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
 * rule), so |diff| <= 0.005 * (n + 1).
 */
export function withinRounding(diff: Money, figures: number): boolean {
  return diff.abs().lte(new Decimal('0.005').times(figures + 1));
}
