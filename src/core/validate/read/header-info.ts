// The unit line of a table: unit name (and code), budget year, 金额单位.
import type { Sheet } from '../../model/grid';
import { ref } from '../../model/grid';
import type { HeaderInfo } from '../../model/model';
import type { ReadOptions } from '../../profiles/types';
import { rowTexts } from './sheet';

const UNIT_DEFAULT = /(?:预算)?单位(?:编码及)?名称[:：]\s*(.+?)\s*(?=预算年度|金额单位|单位[:：]|$)/;
const UNIT_WITH_CODE = /^\s*(\[?\d{3,}\]?\s*[\u4e00-\u9fa5].*?)\s*(?=预算年度|金额单位|单位[:：]|$)/;

/** Reads the unit line's fields from these rows (the first value of each wins). */
export function readHeaderInfo(sheet: Sheet, rows: number[], opts?: ReadOptions): HeaderInfo {
  const info: HeaderInfo = {};
  for (const r of rows) {
    for (const x of rowTexts(sheet, r)) {
      const t = x.t.replace(/[\u00a0\u3000]/g, ' ');
      const at = ref(sheet, r, x.c);
      const y = /预算年度[:：]?\s*(\d{4})/.exec(t) ?? /(\d{4})\s*年/.exec(t);
      if (y && !info.year) {
        info.year = y[1];
        info.yearCell = at;
      }
      const cur = /(?:金额单位|单位)[:：]\s*(万元|元|千元|亿元)/.exec(t);
      if (cur && !info.currency) {
        info.currency = cur[1];
        info.currencyCell = at;
      }
      let u = UNIT_DEFAULT.exec(t) ?? UNIT_WITH_CODE.exec(t);
      if (!u && opts?.unitLine) for (const re of opts.unitLine) if ((u = re.exec(t))) break;
      if (u && !info.unitName) {
        const m = /^\[?(\d+)\]?\s*(.*)$/.exec(u[1].trim());
        if (m && m[2]) {
          info.unitCode = m[1];
          info.unitName = m[2].trim();
        } else info.unitName = u[1].trim();
        info.unitCell = at;
      }
    }
  }
  return info;
}

/** The year alone, from rows the profile says may state it (the title, the column headers). */
export function readYear(sheet: Sheet, rows: number[], info: HeaderInfo): void {
  for (const r of rows) {
    if (info.year) return;
    for (const x of rowTexts(sheet, r)) {
      const y = /(\d{4})\s*年/.exec(x.t);
      if (y) {
        info.year = y[1];
        info.yearCell = ref(sheet, r, x.c);
        return;
      }
    }
  }
}
