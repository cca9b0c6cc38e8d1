// Which rows below a title are the unit line, the column headers, the 栏次 row or a note.
import type { Cell, Sheet } from '../../model/grid';
import type { ReadOptions, TableDef } from '../../profiles/types';
import { norm, stripOrdinal } from '../../profiles/text';
import type { TextCell } from './sheet';
import { rowTexts, rowTextsOf } from './sheet';

const HEADER_WORDS = /序号|栏次|科目|编码|名称|项目|收入|支出|合计|小计|总计|经费|拨款|资金|预算数|金额|结转|类|款|项|^\d{1,2}$/;

/** The 栏次 row: labelled 栏次, or (label lost) nothing but consecutive column numbers 1, 2, 3, … */
export function isLanciRow(texts: { t: string; cell?: Cell }[]): boolean {
  if (texts.some((x) => x.t.indexOf('栏') >= 0 && norm(x.t) === '栏次')) return true;
  // at most one label cell (misprinted, e.g. 档次), then 1, 2, 3, …
  const nums = texts.filter((x) => /^\d{1,2}$/.test(x.t));
  if (nums.length < 3 || texts.length - nums.length > 1) return false;
  for (let i = 1; i < nums.length; i++) if (Number(nums[i].t) !== Number(nums[i - 1].t) + 1) return false;
  return true;
}

/** isLanciRow over a sheet row's cells, without building their texts (run on every data row). */
export function isLanciCells(row: (Cell | undefined)[] | undefined): boolean {
  if (!row) return false;
  let nums = 0;
  let others = 0;
  let prev = NaN;
  let consecutive = true;
  for (let c = 0; c < row.length; c++) {
    const cell = row[c];
    if (!cell) continue;
    const v = cell.value;
    let num = NaN;
    if (cell.error) others++;
    else if (typeof v === 'number') {
      if (Number.isInteger(v) && v >= 0 && v < 100) num = v;
      else others++;
    } else if (typeof v === 'string') {
      if (v.indexOf('栏') >= 0) return isLanciRow(rowTextsOf(row));
      const t = v.trim();
      if (t === '') continue;
      if (/^\d{1,2}$/.test(t)) num = Number(t);
      else others++;
    } else if (typeof v === 'boolean') others++;
    else continue;
    if (Number.isNaN(num)) continue;
    if (nums > 0 && num !== prev + 1) consecutive = false;
    prev = num;
    nums++;
  }
  return nums >= 3 && others <= 1 && consecutive;
}

/** Whether the texts of a row look like the table's column headers (no amounts). */
export function isHeaderLike(texts: TextCell[]): boolean {
  if (texts.length === 0) return false;
  if (isLanciRow(texts)) return true;
  let words = 0;
  for (const x of texts) {
    if (typeof x.cell.value === 'number') return false;
    const n = norm(x.t);
    if (/^\d{3}(\d{2}){0,2}$/.test(n)) return false;
    if (HEADER_WORDS.test(n)) words++;
  }
  return words > 0;
}

/** The unit / year / currency line. */
export function isInfoRow(texts: { t: string }[], unitLine?: RegExp[]): boolean {
  if (texts.length === 0) return false;
  const joined = texts.map((x) => x.t).join(' ');
  if (/年度|金额单位|单位[：:]\s*(万元|元|千元)|编码及名称|单位名称/.test(joined)) return true;
  if (unitLine && unitLine.some((re) => re.test(joined))) return true;
  // '450 高邑县医疗保障局' alone on a line
  return texts.length === 1 && /^\[?\d{3,}\]?\s*[\u4e00-\u9fa5]/.test(texts[0].t) && !/^\d{3}(\d{2}){0,2}$/.test(texts[0].t);
}

export function isNoteText(texts: { t: string }[]): boolean {
  if (texts.length > 2) return false;
  const n = norm(texts[0].t);
  return /^注[：:]/.test(n) || n.indexOf('空表列示') >= 0;
}

/** Unit / year / currency rows: below the title; else the title row's own cells and the rows just above it. */
export function headerInfoRows(sheet: Sheet, titleRow: number, infoRows: number[], unitLine?: RegExp[]): number[] {
  if (infoRows.length > 0) return infoRows;
  const rows = [Math.max(titleRow, 0)];
  for (let r = titleRow - 1; r >= 0 && r >= titleRow - 3; r--) {
    const texts = rowTexts(sheet, r);
    if (texts.length === 0) continue;
    if (!isInfoRow(texts, unitLine)) break;
    rows.push(r);
  }
  return rows;
}

/** A header-like row that is really the first data row (e.g. T9's 合计 row with zeros left blank). */
export function looksLikeDataStart(def: TableDef, texts: { t: string; c: number }[]): boolean {
  if (texts.length !== 1 && !(texts.length === 2 && /^\d+$/.test(texts[0].t))) return false;
  const t = stripOrdinal(texts[texts.length - 1].t);
  if (t === '合计' || t === '总计') {
    // '合计' alone (or after a 序号) in the label/name position is the total row, not a column header.
    return def.blocks.some((b) => 'items' in b.rows || 'tree' in b.rows);
  }
  return false;
}

/** How many rows below a title are looked at for the unit line and the header. */
const MAX_HEADER_SCAN = 12;

/**
 * The rows below a title: the unit line(s), the header rows (the 栏次 row ends them) and the first data
 * row; undefined when no header row follows the title.
 */
export function scanHeader(
  sheet: Sheet,
  def: TableDef,
  opts: ReadOptions,
  titleRow: number,
  lastRow: number,
): { infoRows: number[]; headerTextRows: number[]; firstDataRow: number } | undefined {
  let r = titleRow + 1;
  const infoRows: number[] = [];
  const headerRows: number[] = [];
  let lanciRow = -1;
  for (let n = 0; r <= lastRow && n < MAX_HEADER_SCAN; r++, n++) {
    const texts = rowTexts(sheet, r);
    // an empty row before or inside the header (merged cells) is fine
    if (texts.length === 0) continue;
    if (headerRows.length === 0 && isInfoRow(texts, opts.unitLine)) {
      infoRows.push(r);
      continue;
    }
    // '注：无…预算，空表列示。' under a header without 栏次 row: the table's note, not a header row
    if (headerRows.length > 0 && isNoteText(texts)) break;
    if (isHeaderLike(texts) && !looksLikeDataStart(def, texts)) {
      headerRows.push(r);
      if (isLanciRow(texts)) {
        lanciRow = r;
        r++;
        break;
      }
      continue;
    }
    break;
  }
  if (headerRows.length === 0) return undefined;
  return { infoRows, headerTextRows: headerRows.filter((x) => x !== lanciRow), firstDataRow: r };
}
