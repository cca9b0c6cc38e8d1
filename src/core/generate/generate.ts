// Generation, pure: input workbook (Grid) -> checked sheet specs of the nine tables. The CLI writes them
// with exceljs, the task pane through Office.js; both call this.
import type { Catalog } from '../model/catalog';
import { catalogFromSheet } from '../model/catalog';
import { norm } from '../profiles/text';
import type { Workbook } from '../model/grid';
import { clipMessage } from '../model/findings';
import { CATALOG_SHEET_NAME, parseInput } from './input';
import type { InputProblem } from './input';
import { KUAN_NAMES } from './kuan-names';
import { aggregate, missingKuanNames } from './aggregate';
import { gridFromLayout, layoutDisclosure } from './layout';
import type { SheetSpec } from './layout-types';

export interface Generated {
  /** input problems (row-precise); when non-empty nothing was generated */
  problems: InputProblem[];
  /** worth a look, generation goes on (e.g. a line pasted twice) */
  warnings: InputProblem[];
  specs?: SheetSpec[];
  /** the specs as a Grid, for the engine to validate before anything is written */
  grid?: Workbook;
  year?: number;
}

export interface GenerateOptions {
  year?: number;
  zero?: 'blank' | '0.00';
  catalog?: Catalog;
  /** appended to the "no year" message, e.g. how to pass one on the command line */
  yearHint?: string;
}

export function generateFromWorkbook(wb: Workbook, opts: GenerateOptions = {}): Generated {
  const parsed = parseInput(wb);
  const problems = [...parsed.problems];
  const year = opts.year ?? parsed.header.year;
  if (year === undefined && !problems.some((p) => p.message.includes('预算年度'))) {
    problems.push({ row: 0, column: '', message: `录入表表头没有预算年度：请在“预算年度”右侧填写四位年份${opts.yearHint ?? ''}。` });
  }
  const sheetCatalog = wb.sheets.find((s) => norm(s.name) === CATALOG_SHEET_NAME);
  const fromSheet = sheetCatalog ? catalogFromSheet(sheetCatalog) : undefined;
  const kuanName = (code: string) => fromSheet?.names.get(code) ?? opts.catalog?.names.get(code) ?? KUAN_NAMES[code];
  problems.push(...missingKuanNames(parsed.lines, kuanName));
  problems.sort((a, b) => a.row - b.row);
  for (const p of problems) p.message = clipMessage(p.message);
  const warnings = parsed.warnings ?? [];
  if (problems.length > 0 || year === undefined) return { problems, warnings };
  const d = aggregate(parsed.lines, { ...parsed.header, year }, kuanName);
  const specs = layoutDisclosure(d, { zero: opts.zero });
  return { problems, warnings, specs, grid: gridFromLayout(specs), year };
}
