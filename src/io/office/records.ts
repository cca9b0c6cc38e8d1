// Bookkeeping of marks: which cells we marked and the fill each had before, kept in the workbook in a
// VeryHidden sheet so that clearing is exact even after the file was closed and reopened.
// One record per row in column A, as JSON (a JSON array never starts with '=', so Excel keeps it as text).
import type { FillProps } from './api';
import { markKey } from '../../core/model/marks';

export const MARK_SHEET = '_budget_marks';
export const MARK_HEADER = '预算公开校验标记记录（供“清除标记”恢复原底色，请勿修改）';
/** Every note/comment we add starts with this, so we find ours again (and never touch the clerk's). */
export const NOTE_PREFIX = '【预算公开校验】';

export type MarkSeverity = 'error' | 'warning' | 'info';

export interface MarkRecord {
  sheet: string;
  address: string;
  /** the cell's own fill before we marked it */
  fill: FillProps;
}

/** The same key as the mark plan's (src/core/model/marks.ts). */
export const recordKey = markKey;

export function parseRecords(column: unknown[]): Map<string, MarkRecord> {
  const out = new Map<string, MarkRecord>();
  for (const v of column) {
    if (typeof v !== 'string' || !v.startsWith('[')) continue;
    try {
      const j = JSON.parse(v) as unknown;
      if (!Array.isArray(j) || typeof j[0] !== 'string' || typeof j[1] !== 'string' || typeof j[2] !== 'object' || j[2] === null) continue;
      const rec: MarkRecord = { sheet: j[0], address: j[1].toUpperCase(), fill: j[2] as FillProps };
      out.set(recordKey(rec.sheet, rec.address), rec);
    } catch {
      // a damaged row is skipped; the cell then keeps our mark, which the clerk can clear by hand
    }
  }
  return out;
}

export function recordRow(rec: MarkRecord): string {
  return JSON.stringify([rec.sheet, rec.address, rec.fill]);
}

/**
 * True when the recorded fill means No Fill (restored with fill.clear()). Excel reports No Fill as white
 * with tintAndShade null, and any colour fill (white included) with a number there (office-js issues
 * #4900, #6218). Records without tintAndShade (written before it was recorded) fall back to white = none.
 */
export function isNoFill(f: FillProps | undefined): boolean {
  if (!f) return true;
  if (f.pattern === 'None') return true;
  if (f.tintAndShade === null) return true;
  if (typeof f.tintAndShade === 'number') return false;
  if (f.pattern === undefined || f.pattern === null) return !f.color || f.color.toUpperCase() === '#FFFFFF';
  return false;
}
