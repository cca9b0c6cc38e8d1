// The faults of tests/fixtures/faults.ts that a printed PDF can carry (figures, codes, names, headers,
// notes: what a reader sees), applied to the example workbook itself before it is printed. Faults a
// print cannot show (a number stored as text, an error value, a formula without its result, merges)
// are not among them.
import type ExcelJS from 'exceljs';
import { gridFromExcelJS } from '../helpers/exceljs-grid';
import { cloneGrid } from '../fixtures/helpers';
import type { Fault } from '../fixtures/faults';
import { FAULTS } from '../fixtures/faults';

export const PRINTED_FAULT_IDS = [
  'leaf-cent-T3',
  'digits-transposed',
  'class-total-off',
  'T5-changed-twin-not',
  'T9-subtotal-off',
  'unbalanced',
  'year-changed',
  'empty-note-missing',
  'wrong-parent',
  'name-consistency',
];

export const PRINTED_FAULTS: Fault[] = PRINTED_FAULT_IDS.map((id) => {
  const f = FAULTS.find((x) => x.id === id);
  if (!f) throw new Error(`no fault ${id}`);
  return f;
});

/** Applies a fault (written against the Grid) to the loaded workbook: every changed cell value is set. */
export async function applyToExcel(wb: ExcelJS.Workbook, f: Fault): Promise<void> {
  const before = gridFromExcelJS(wb);
  const after = cloneGrid(before);
  f.apply(after);
  after.sheets.forEach((s, i) => {
    const ws = wb.worksheets[i];
    const old = before.sheets[i];
    const rows = Math.max(s.rows.length, old.rows.length);
    for (let r = 0; r < rows; r++) {
      const width = Math.max(s.rows[r]?.length ?? 0, old.rows[r]?.length ?? 0);
      for (let c = 0; c < width; c++) {
        const a = s.rows[r]?.[c]?.value ?? null;
        const b = old.rows[r]?.[c]?.value ?? null;
        if (a !== b) ws.getCell(r + 1, c + 1).value = a;
      }
    }
  });
}
