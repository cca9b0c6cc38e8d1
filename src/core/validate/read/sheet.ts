// A sheet as recognition reads it: cell texts by row, and which cells merges cover.
import type { Cell, Rect, Sheet } from '../../model/grid';
import { cellText } from '../../model/grid';

export interface TextCell {
  c: number;
  t: string;
  cell: Cell;
}

export interface MergeIndex {
  /** key r*16384+c of every non-anchor cell of a merge -> the merge */
  covered: Map<number, Rect>;
  anchors: Map<number, Rect>;
  /** rows with a merge's anchor cell */
  anchorRows: Set<number>;
}

export function mergeIndex(sheet: Sheet): MergeIndex {
  const covered = new Map<number, Rect>();
  const anchors = new Map<number, Rect>();
  const anchorRows = new Set<number>();
  for (const m of sheet.merges) {
    anchors.set(m.top * 16384 + m.left, m);
    anchorRows.add(m.top);
    // Only small merges matter to the header logic; cap to avoid pathological sheet-wide merges.
    if ((m.bottom - m.top + 1) * (m.right - m.left + 1) > 4096) continue;
    for (let r = m.top; r <= m.bottom; r++)
      for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.set(r * 16384 + c, m);
  }
  return { covered, anchors, anchorRows };
}

export function textAt(sheet: Sheet, r: number, c: number): string {
  const row = sheet.rows[r];
  return row ? cellText(row[c]) : '';
}

/** The text of a cell, or of the merge anchor covering it. */
export function mergedTextAt(sheet: Sheet, merged: MergeIndex, r: number, c: number): string {
  const t = textAt(sheet, r, c);
  if (t) return t;
  const m = merged.covered.get(r * 16384 + c);
  return m ? textAt(sheet, m.top, m.left) : '';
}

export function rowIsEmpty(sheet: Sheet, r: number): boolean {
  const row = sheet.rows[r];
  if (!row) return true;
  for (const cell of row) {
    if (!cell) continue;
    const v = cell.value;
    // a number or boolean always prints as something: no string to build
    if (cell.error || typeof v === 'number' || typeof v === 'boolean') return false;
    if (v !== null && String(v).trim() !== '') return false;
  }
  return true;
}

export function rowTexts(sheet: Sheet, r: number): TextCell[] {
  return rowTextsOf(sheet.rows[r]);
}

export function rowTextsOf(row: (Cell | undefined)[] | undefined): TextCell[] {
  const out: TextCell[] = [];
  if (!row) return out;
  for (let c = 0; c < row.length; c++) {
    const cell = row[c];
    if (!cell) continue;
    const t = cellText(cell);
    if (t !== '') out.push({ c, t, cell });
  }
  return out;
}
