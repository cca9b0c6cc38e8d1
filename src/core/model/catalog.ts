// A clerk-supplied 科目 catalog: code -> name. From a sheet named 科目表 in the workbook or --catalog.
import type { Sheet } from './grid';
import { cellText } from './grid';

export interface Catalog {
  /** where it came from, for messages: '科目表' or a file name */
  source: string;
  names: Map<string, string>;
}

/** Reads code/name pairs from a sheet: the first column whose cells look like codes, and the text next to it. */
export function catalogFromSheet(sheet: Sheet, source = sheet.name): Catalog {
  const names = new Map<string, string>();
  for (const row of sheet.rows) {
    if (!row) continue;
    for (let c = 0; c < row.length - 1; c++) {
      const code = cellText(row[c]);
      if (/^\d{3}(\d{2}){0,2}$/.test(code)) {
        const name = cellText(row[c + 1]);
        if (name) names.set(code, name);
        break;
      }
    }
  }
  return { source, names };
}
