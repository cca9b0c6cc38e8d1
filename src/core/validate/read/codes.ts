// 科目 codes split over 类 | 款 | 项 columns ('201' '03' '01'): composed into one code, as a reader reads them.
import type { Sheet } from '../../model/grid';
import { textAt } from './sheet';

/** The 类 and 款 of the rows above, for rows that fill only their own part. */
export interface CodeCursor {
  cls?: string;
  kuan?: string;
}

/** A part that is not as wide as its level needs (a 类 of 3 digits, a 款 or 项 of 2). */
export interface CodePartIssue {
  /** 0 类, 1 款, 2 项 */
  level: number;
  c: number;
  part: string;
  printed: string;
}

/**
 * Composes a code split over 类 | 款 | 项 cells; parts left empty come from the rows above. 'pad' reads a
 * one-digit 款 or 项 with its 0; 'strict' does too, and also reads a 类 that is not 3 digits as the 类
 * of the rows above, and reports each such part.
 */
export function composeCode(
  sheet: Sheet,
  r: number,
  parts: number[],
  cur: CodeCursor,
  mode: 'pad' | 'strict',
  issues?: CodePartIssue[],
): { code: string; c: number } {
  const raw = parts.map((c) => textAt(sheet, r, c).replace(/\s+/g, ''));
  let deepest = -1;
  for (let k = 0; k < raw.length; k++) if (raw[k]) deepest = k;
  if (deepest < 0) return { code: '', c: parts[0] };
  if (raw.some((x) => x !== '' && !/^\d+$/.test(x))) {
    const k = raw.findIndex((x) => x !== '');
    return { code: raw.filter((x) => x).join(''), c: parts[k] };
  }
  if (mode === 'strict' && issues) {
    const printed = raw.filter((x) => x).join(' ');
    raw.forEach((x, k) => {
      if (x && x.length !== (k === 0 ? 3 : 2)) issues.push({ level: k, c: parts[k], part: x, printed });
    });
  }
  let code = '';
  for (let k = 0; k <= deepest; k++) {
    const seg = k === 0 || raw[k].length !== 1 ? raw[k] : '0' + raw[k];
    if (k === 0 && mode === 'strict' && seg && seg.length !== 3 && cur.cls) code = cur.cls;
    else if (seg) code += seg;
    else if (k === 0) code = cur.cls ?? '';
    else if (k === 1 && cur.kuan && cur.kuan.startsWith(code)) code = cur.kuan;
  }
  if (code.length >= 3) cur.cls = code.slice(0, 3);
  if (code.length >= 5) cur.kuan = code.slice(0, 5);
  return { code, c: parts[deepest] };
}
