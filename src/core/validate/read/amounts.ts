// One amount cell read exactly: integer cents in the usual case, the problem when it is not a clean number.
import type { Cell } from '../../model/grid';
import { BLANK, ISSUE, NUM } from '../../model/model';
import type { AmountIssue, AmountProblem } from '../../model/model';
import type { Money } from '../../model/money';
import { ZERO, cents, centsOfNumber, parseAmountText } from '../../model/money';

// One row's amounts as read, before the row is kept (reused: no allocation per row).
export const SCRATCH_CENTS: number[] = [];
export const SCRATCH_STATE: number[] = [];
export const SCRATCH_EXTRA: (AmountIssue | number | undefined)[] = [];

/** Reads an amount cell exactly into scratch slot k; returns its state. */
export function readAmountInto(cell: Cell | undefined, k: number): number {
  SCRATCH_EXTRA[k] = undefined;
  SCRATCH_CENTS[k] = 0;
  if (!cell) return (SCRATCH_STATE[k] = BLANK);
  if (cell.error) return issue(k, cell.formula ? 'formula-error' : 'error', cell.error, ZERO, cell.formula);
  const v = cell.value;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return issue(k, 'error', String(v), ZERO);
    const c = v === 0 ? 0 : centsOfNumber(v);
    SCRATCH_CENTS[k] = c;
    // the number itself is kept only when its cents cannot give it back
    if (Number.isNaN(c)) SCRATCH_EXTRA[k] = v;
    return (SCRATCH_STATE[k] = NUM);
  }
  if (v === null || v === undefined) {
    if (!cell.formula) return (SCRATCH_STATE[k] = BLANK);
    // saved by a program that never calculated it: the figure is unknown (NaN cents keep it out of sums)
    return issue(k, 'formula-uncalculated', '', ZERO, cell.formula, NaN);
  }
  if (typeof v === 'boolean') return issue(k, 'boolean', String(v), ZERO);
  const s = v.trim();
  if (s === '' || /^[-－—–]+$/.test(s)) return (SCRATCH_STATE[k] = BLANK);
  const p = parseAmountText(s);
  if (p) return issue(k, 'text-number', s, p);
  return issue(k, 'text', s, ZERO);
}

function issue(k: number, problem: AmountProblem, raw: string, v: Money, formula?: string, c = cents(v)): number {
  SCRATCH_EXTRA[k] = { problem, v, raw, formula };
  SCRATCH_CENTS[k] = c;
  return (SCRATCH_STATE[k] = ISSUE);
}
