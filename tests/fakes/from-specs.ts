// Generated sheet specs (the nine tables of a synthetic budget) straight into the Excel fake's state:
// values, number formats, fills, merges, and the borders of the table ranges as formats (a bordered
// range counts in a sheet's used range by formats, not by values, as in Excel).
import type { SheetSpec } from '../../src/core/generate/layout-types';
import { FakeWorkbookData, SOLID_FILL } from './excel-fake';

const COLS = 16384;

export function fakeFromSpecs(specs: SheetSpec[], extraBorderRows = 0): FakeWorkbookData {
  const data = new FakeWorkbookData();
  for (const spec of specs) {
    const sheet = data.addSheet(spec.name);
    for (const rs of spec.rangeStyles ?? []) {
      if (!rs.border) continue;
      for (let r = rs.range.top; r <= rs.range.bottom + extraBorderRows; r++)
        for (let c = rs.range.left; c <= rs.range.right; c++) sheet.cells.set(r * COLS + c, { value: '', style: { border: 'thin' } });
    }
    for (const cs of spec.cells) {
      const k = cs.r * COLS + cs.c;
      const cell = sheet.cells.get(k) ?? { value: '' };
      cell.value = cs.value === null ? '' : cs.value;
      if (cs.numFmt) cell.numberFormat = cs.numFmt;
      if (cs.fill) cell.fill = { ...SOLID_FILL, color: '#' + cs.fill.toUpperCase() };
      sheet.cells.set(k, cell);
    }
    sheet.merges = spec.merges.map((m) => ({ ...m }));
  }
  return data;
}

/** Puts `n` 合计 cells (column D below the header) of a sheet one cent off, so that there are findings to mark. */
export function offByOneCent(sheet: { cells: Map<number, { value: unknown }> }, n: number): number {
  let changed = 0;
  for (const [k, c] of sheet.cells) {
    if (changed >= n) break;
    if (k % COLS === 3 && Math.floor(k / COLS) > 6 && typeof c.value === 'number' && c.value > 0) {
      c.value = Math.round(c.value * 100 + 1) / 100;
      changed++;
    }
  }
  return changed;
}
