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

/**
 * One figure changed in a seed (tests/seeds: real disclosures in their own layouts, no ruling lines),
 * printed as such: the PDF must give the findings of the changed workbook. `r`, `c` are 0-based.
 */
export interface SeedFault {
  id: string;
  seed: string;
  sheet: number;
  r: number;
  c: number;
  value: number;
}

export const SEED_FAULTS: SeedFault[] = [
  // 表3 2101501 行政运行 合计 142.97 -> 142.98: the row's and the tree's sums are a cent off
  { id: 'julu-T3-cent', seed: 'julu2021-seed.xlsx', sheet: 2, r: 19, c: 3, value: 142.98 },
  // the one-sheet layout: 表9 公务用车运行维护费 2.84 -> 2.48 (digits transposed)
  { id: 'laoting-T9-transposed', seed: 'laoting2022-seed.xlsx', sheet: 0, r: 268, c: 2, value: 2.48 },
  // 表3 2100101 行政运行 项目支出 9 -> 19 (zeros printed blank)
  { id: 'gaoyi-T3-project', seed: 'gaoyi2026-seed.xlsx', sheet: 2, r: 16, c: 5, value: 19 },
];

/** The seed fault applied to a Grid of the seed. */
export function applySeedFault(g: import('../../src/core/model/grid').Workbook, f: SeedFault): void {
  const row = (g.sheets[f.sheet].rows[f.r] ??= []);
  row[f.c] = { ...(row[f.c] ?? {}), value: f.value };
}
