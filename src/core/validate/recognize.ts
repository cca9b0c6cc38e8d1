// Table recognition: finds the nine tables in a Grid wherever they are, by title, then reads each
// table's header rows, columns (by header text), and data rows into the model.
import type { Cell, Rect, Sheet, Workbook } from '../model/grid';
import { cellText, ref } from '../model/grid';
import type { TableId } from '../model/findings';
import type { BlockDef, ColumnDef, ItemDef, TableDef } from '../profiles/defs';
import { TABLE_BY_ID, matchTitle, norm, stripOrdinal } from '../profiles/defs';
import type { Column, HeaderInfo, Recognition, Table } from '../model/model';
import { BLANK, Block, ISSUE, NUM, Row, isKeyRole } from '../model/model';
import type { AmountIssue, AmountProblem, RowKind } from '../model/model';
import type { Money } from '../model/money';
import { ZERO, cents, centsOfNumber, parseAmountText } from '../model/money';

/** Sheets we write ourselves or that hold no tables. */
const SKIP_SHEETS = new Set(['校验结果', '_budget_marks', '科目表']);

const MAX_HEADER_SCAN = 12;

interface TitleHit {
  id: TableId;
  r: number;
  c: number;
  text: string;
}

/** Recognises every table in the workbook. */
export function recognize(wb: Workbook): Recognition {
  const tables: Table[] = [];
  const duplicates: Table[] = [];
  const seen = new Set<TableId>();
  for (const sheet of wb.sheets) {
    if (sheet.hidden || SKIP_SHEETS.has(sheet.name.trim())) continue;
    const merged = mergeIndex(sheet);
    const hits = findTitles(sheet);
    if (hits.length === 0) {
      // A sheet whose title row was lost: fall back to its name.
      const id = matchTitle(sheet.name.replace(/^\s*\d+[\s.、_-]*/, ''));
      if (id) hits.push({ id, r: -1, c: 0, text: sheet.name });
    }
    for (let i = 0; i < hits.length; i++) {
      const hit = hits[i];
      // A repeated title of the table just read (a table continued over pages) is not a new table.
      const prev = tables.length > 0 ? tables[tables.length - 1] : undefined;
      if (prev && prev.sheet === sheet.name && prev.id === hit.id && hit.r <= prev.range.bottom) continue;
      const end = i + 1 < hits.length ? hits[i + 1].r - 1 : sheet.rows.length - 1;
      const t = readTable(sheet, merged, hit, end, hits.slice(i + 1).filter((h) => h.id === hit.id).map((h) => h.r));
      if (!t) continue;
      if (seen.has(t.id)) duplicates.push(t);
      else {
        seen.add(t.id);
        tables.push(t);
      }
    }
  }
  tables.sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)));
  return { tables, duplicates };
}

function findTitles(sheet: Sheet): TitleHit[] {
  const hits: TitleHit[] = [];
  const rows = sheet.rows;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (!cell || typeof cell.value !== 'string') continue;
      const v = cell.value;
      if (v.length > 80 || v.indexOf('表') < 0) continue;
      const id = matchTitle(v);
      if (id) {
        hits.push({ id, r, c, text: v.trim() });
        break; // one title per row
      }
    }
  }
  return hits;
}

// ---------------------------------------------------------------------------------------------

interface MergeIndex {
  /** key r*16384+c of every non-anchor cell of a merge -> the merge */
  covered: Map<number, Rect>;
  anchors: Map<number, Rect>;
  /** rows with a merge's anchor cell */
  anchorRows: Set<number>;
}

function mergeIndex(sheet: Sheet): MergeIndex {
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

function textAt(sheet: Sheet, r: number, c: number): string {
  const row = sheet.rows[r];
  return row ? cellText(row[c]) : '';
}

function rowIsEmpty(sheet: Sheet, r: number): boolean {
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

function rowTexts(sheet: Sheet, r: number): { c: number; t: string; cell: Cell }[] {
  return rowTextsOf(sheet.rows[r]);
}

function rowTextsOf(row: (Cell | undefined)[] | undefined): { c: number; t: string; cell: Cell }[] {
  const out: { c: number; t: string; cell: Cell }[] = [];
  if (!row) return out;
  for (let c = 0; c < row.length; c++) {
    const cell = row[c];
    if (!cell) continue;
    const t = cellText(cell);
    if (t !== '') out.push({ c, t, cell });
  }
  return out;
}

const HEADER_WORDS = /序号|栏次|科目|编码|名称|项目|收入|支出|合计|小计|总计|经费|拨款|资金|预算数|金额|结转|类|款|项|^\d{1,2}$/;

/** The 栏次 row: labelled 栏次, or (label lost) nothing but consecutive column numbers 1, 2, 3, … */
function isLanciRow(texts: { t: string; cell?: Cell }[]): boolean {
  if (texts.some((x) => x.t.indexOf('栏') >= 0 && norm(x.t) === '栏次')) return true;
  // at most one label cell (misprinted, e.g. 档次), then 1, 2, 3, …
  const nums = texts.filter((x) => /^\d{1,2}$/.test(x.t));
  if (nums.length < 3 || texts.length - nums.length > 1) return false;
  for (let i = 1; i < nums.length; i++) if (Number(nums[i].t) !== Number(nums[i - 1].t) + 1) return false;
  return true;
}

/** isLanciRow over a sheet row's cells, without building their texts (run on every data row). */
function isLanciCells(row: (Cell | undefined)[] | undefined): boolean {
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
function isHeaderLike(texts: { t: string; cell: Cell }[]): boolean {
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

function isInfoRow(texts: { t: string }[]): boolean {
  if (texts.length === 0) return false;
  const joined = texts.map((x) => x.t).join(' ');
  if (/年度|金额单位|单位[：:]\s*(万元|元|千元)|编码及名称|单位名称/.test(joined)) return true;
  // '450 高邑县医疗保障局' alone on a line
  return texts.length === 1 && /^\[?\d{3,}\]?\s*[\u4e00-\u9fa5]/.test(texts[0].t) && !/^\d{3}(\d{2}){0,2}$/.test(texts[0].t);
}

function isNoteText(texts: { t: string }[]): boolean {
  if (texts.length > 2) return false;
  const n = norm(texts[0].t);
  return /^注[：:]/.test(n) || n.indexOf('空表列示') >= 0;
}

/** Unit / year / currency rows: below the title; else the title row's own cells and the rows just above it. */
function headerInfoRows(sheet: Sheet, titleRow: number, infoRows: number[]): number[] {
  if (infoRows.length > 0) return infoRows;
  const rows = [Math.max(titleRow, 0)];
  for (let r = titleRow - 1; r >= 0 && r >= titleRow - 3; r--) {
    const texts = rowTexts(sheet, r);
    if (texts.length === 0) continue;
    if (!isInfoRow(texts)) break;
    rows.push(r);
  }
  return rows;
}

function readTable(
  sheet: Sheet,
  merged: MergeIndex,
  hit: TitleHit,
  lastRow: number,
  repeatTitleRows: number[],
): Table | undefined {
  const def = TABLE_BY_ID[hit.id];
  let r = hit.r + 1;
  const infoRows: number[] = [];
  const headerRows: number[] = [];
  let lanciRow = -1;
  // Info lines and header rows.
  for (let n = 0; r <= lastRow && n < MAX_HEADER_SCAN; r++, n++) {
    const texts = rowTexts(sheet, r);
    if (texts.length === 0) {
      if (headerRows.length === 0) continue;
      // an empty row inside the header (merged cells) is fine
      continue;
    }
    if (headerRows.length === 0 && isInfoRow(texts)) {
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
  const firstDataRow = r;
  const headerTextRows = headerRows.filter((x) => x !== lanciRow);
  const colHeaders = columnHeaders(sheet, merged, headerTextRows);
  const blocks: Block[] = [];
  for (const bdef of def.blocks) {
    const b = assignColumns(sheet, bdef, colHeaders, def.blocks.length > 1, Math.min(1 << 16, Math.max(0, lastRow - firstDataRow + 1)));
    if (b) blocks.push(b);
  }
  // A title whose header gives none of the table's columns is not that table (e.g. a table of contents line).
  const found = blocks.reduce((n, b) => n + b.roles.length, 0);
  if (found === 0) return undefined;

  const table: Table = {
    id: def.id,
    def,
    title: hit.text,
    titleCell: ref(sheet, Math.max(hit.r, 0), hit.c),
    sheet: sheet.name,
    range: { top: Math.max(hit.r, 0), left: 0, bottom: firstDataRow - 1, right: 0 },
    header: readHeaderInfo(sheet, headerInfoRows(sheet, hit.r, infoRows)),
    blocks,
    repeatedHeaders: [],
    issues: [],
  };
  let minC = Infinity;
  let maxC = 0;
  for (const h of colHeaders) {
    if (h.text) {
      minC = Math.min(minC, h.c);
      maxC = Math.max(maxC, h.c);
    }
  }
  table.range.left = Number.isFinite(minC) ? Math.min(minC, hit.c) : hit.c;
  table.range.right = maxC;
  readRows(sheet, merged, table, firstDataRow, lastRow, headerTextRows, repeatTitleRows);
  return table;
}

/** A header-like row that is really the first data row (e.g. T9's 合计 row with zeros left blank). */
function looksLikeDataStart(def: TableDef, texts: { t: string; c: number }[]): boolean {
  if (texts.length !== 1 && !(texts.length === 2 && /^\d+$/.test(texts[0].t))) return false;
  const t = stripOrdinal(texts[texts.length - 1].t);
  if (t === '合计' || t === '总计') {
    // '合计' alone (or after a 序号) in the label/name position is the total row, not a column header.
    return def.blocks.some((b) => 'items' in b.rows || 'tree' in b.rows);
  }
  return false;
}

interface ColHeader {
  c: number;
  /** joined normalised text over the header rows */
  text: string;
  /** side word from the top rows (收入 / 支出) */
  raw: string;
}

/** Joins each column's header texts over the header rows, carrying group headers over the columns they span. */
function columnHeaders(sheet: Sheet, merged: MergeIndex, headerRows: number[]): ColHeader[] {
  let width = 0;
  for (const r of headerRows) width = Math.max(width, sheet.rows[r]?.length ?? 0);
  const grid: string[][] = headerRows.map(() => new Array<string>(width).fill(''));
  headerRows.forEach((r, i) => {
    for (let c = 0; c < width; c++) {
      let t = textAt(sheet, r, c);
      if (!t) {
        const m = merged.covered.get(r * 16384 + c);
        if (m) t = textAt(sheet, m.top, m.left);
      }
      grid[i][c] = norm(t);
    }
  });
  // Carry a group header rightwards over empty cells whose lower rows have text (implicit merge).
  for (let i = 0; i < grid.length - 1; i++) {
    for (let c = 1; c < width; c++) {
      if (grid[i][c] !== '' || grid[i][c - 1] === '') continue;
      const below = grid.slice(i + 1).some((row) => row[c] !== '');
      const leftBelow = grid.slice(i + 1).some((row) => row[c - 1] !== '');
      if (below && leftBelow) grid[i][c] = grid[i][c - 1];
    }
  }
  const out: ColHeader[] = [];
  for (let c = 0; c < width; c++) {
    const parts: string[] = [];
    for (let i = 0; i < grid.length; i++) {
      const t = grid[i][c];
      if (t && parts[parts.length - 1] !== t) parts.push(t);
    }
    out.push({ c, text: parts.join(''), raw: parts.join('|') });
  }
  return out;
}

function assignColumns(sheet: Sheet, bdef: BlockDef, headers: ColHeader[], sided: boolean, capacity: number): Block | undefined {
  let cands = headers.filter((h) => h.text !== '' && !/^序号/.test(h.text));
  if (sided && bdef.side) {
    const firstExpense = headers.find((h) => /支出/.test(h.text.split('|')[0]) || /^支出/.test(h.text));
    let splitAt = firstExpense ? firstExpense.c : Infinity;
    if (!firstExpense) {
      // no 收入 / 支出 words over the sides: the expense side starts at the second 项目 column
      const labelDef = bdef.columns.find((c) => c.kind === 'label');
      const labels = labelDef ? cands.filter((h) => matchColumn(labelDef, h.text, bdef)) : [];
      if (labels.length >= 2) splitAt = labels[1].c;
    }
    cands = cands.filter((h) => (bdef.id === 'income' ? h.c < splitAt : h.c >= splitAt));
  }
  const used = new Set<number>();
  const columns: Column[] = [];
  for (const cdef of bdef.columns) {
    const h = cands.find((x) => !used.has(x.c) && matchColumn(cdef, x.text, bdef));
    if (h) {
      used.add(h.c);
      columns.push({ role: cdef.role, c: h.c, header: h.raw });
    }
  }
  if (columns.length === 0) return undefined;
  let parts: number[] | undefined;
  if ('tree' in bdef.rows) parts = treeKeyColumns(columns, cands);
  // Amount columns lie right of the label/code/name columns.
  const keyCol = columns.find((c) => isKeyRole(c.role));
  const ok = columns.filter((c) => !keyCol || isKeyRole(c.role) || (c.c > keyCol.c && !parts?.includes(c.c)));
  const b = new Block(bdef, ok, sheet.name, capacity);
  if (parts) CODE_PARTS.set(b, parts);
  return b;
}

/** Columns of a code split into 类 | 款 | 项 parts (older template), by block. */
const CODE_PARTS = new WeakMap<Block, number[]>();

/**
 * Tree blocks: a code column whose header ends in 类 followed by 款 (and 项) columns is one code split
 * into parts (returned, left to right; the 类 column becomes the code column); a single code-or-name
 * column serves as both (code and name written in one cell).
 */
function treeKeyColumns(columns: Column[], cands: ColHeader[]): number[] | undefined {
  let parts: number[] | undefined;
  let code = columns.find((c) => c.role === 'code');
  const start = code
    ? cands.find((h) => h.c === code!.c && /类$/.test(h.text))
    : cands.find((h) => /^(科目)?类$|编码类$/.test(h.text));
  if (start) {
    const prefix = start.text.slice(0, -1);
    const next = (c: number, word: string) =>
      cands.find((h) => h.c === c && (h.text === prefix + word || h.text === word || h.text.endsWith('编码' + word)));
    const kuan = next(start.c + 1, '款');
    if (kuan) {
      parts = [start.c, kuan.c];
      const xiang = next(kuan.c + 1, '项');
      if (xiang) parts.push(xiang.c);
      if (!code) {
        code = { role: 'code', c: start.c, header: start.raw };
        columns.unshift(code);
      }
    }
  }
  const name = columns.find((c) => c.role === 'name');
  if (!code && name) columns.unshift({ role: 'code', c: name.c, header: name.header });
  else if (code && !name && !parts) columns.push({ role: 'name', c: code.c, header: code.header });
  return parts;
}

function matchColumn(cdef: ColumnDef, text: string, bdef: BlockDef): boolean {
  let t = text;
  if (bdef.side) t = t.replace(/^(收入|支出)/, '');
  if (cdef.kind === 'code' && /名称/.test(t) && !/编码/.test(t)) return false;
  if (cdef.kind === 'name' && /编码/.test(t) && !/名称/.test(t)) return false;
  if (cdef.kind === 'label' && /预算数|金额|合计/.test(t)) return false;
  return cdef.match.some((re) => re.test(t));
}

// ---------------------------------------------------------------------------------------------

function readHeaderInfo(sheet: Sheet, rows: number[]): HeaderInfo {
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
      const u =
        /(?:预算)?单位(?:编码及)?名称[:：]\s*(.+?)\s*(?=预算年度|金额单位|单位[:：]|$)/.exec(t) ??
        (/^\s*(\[?\d{3,}\]?\s*[\u4e00-\u9fa5].*?)\s*(?=预算年度|金额单位|单位[:：]|$)/.exec(t) as RegExpExecArray | null);
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

// ---------------------------------------------------------------------------------------------

const CODE_RE = /^\d{3}(\d{2}){0,2}$/;

function readRows(
  sheet: Sheet,
  merged: MergeIndex,
  table: Table,
  from: number,
  to: number,
  headerRows: number[],
  repeatTitleRows: number[],
): void {
  const headerSig = headerRows.map((r) => signature(sheet, r)).filter((s) => s !== '');
  const headerWords = new Set(headerRows.flatMap((r) => rowTexts(sheet, r).map((x) => norm(x.t))));
  const repeatTitles = new Set(repeatTitleRows);
  let lastContent = from - 1;
  const itemState = new Map<Block, ItemCursor>();
  for (const b of table.blocks) itemState.set(b, { under: undefined });

  for (let r = from; r <= to; r++) {
    if (rowIsEmpty(sheet, r)) continue;
    // A table continued after a repeated header (and maybe title / info line).
    if (repeatTitles.has(r)) {
      table.repeatedHeaders.push(r);
      continue;
    }
    // Rows with a number in an amount column are data or a 栏次 row: skip the (normalising) header tests,
    // and the row's texts, which only those tests need.
    const amounts = hasAmounts(sheet, table, r);
    if (isLanciCells(sheet.rows[r])) {
      table.repeatedHeaders.push(r);
      continue;
    }
    const texts = amounts ? [] : rowTexts(sheet, r);
    if (!amounts && headerSig.includes(signature(sheet, r))) {
      table.repeatedHeaders.push(r);
      continue;
    }
    // Page breaks repeat the unit line and header rows, sometimes shifted or misprinted: any row that
    // reads like a header or the unit line and holds no amount is not data.
    if (!amounts && (isInfoRow(texts) || isRepeatedHeader(texts, headerWords))) {
      table.repeatedHeaders.push(r);
      continue;
    }
    const joined = amounts ? '' : texts.map((x) => x.t).join('');
    if (!amounts && /^注[:：]?|空表列示/.test(norm(joined))) {
      if (!table.note) table.note = { text: joined.trim(), cell: ref(sheet, r, texts[0].c) };
      lastContent = r;
      continue;
    }
    let used = false;
    for (const b of table.blocks) {
      const row = readRow(sheet, b, r, itemState.get(b)!);
      if (row) {
        used = true;
        if (merged.anchorRows.has(r)) noteMerges(merged, table, b, r);
      }
    }
    if (used) lastContent = r;
    else if (lastContent >= from && r - lastContent > 3) break; // text well below the table
  }
  table.range.bottom = Math.max(table.range.bottom, lastContent);
}

/** A row whose texts are (nearly all) the header's own words, in whatever columns: a repeated header. */
function isRepeatedHeader(texts: { t: string }[], headerWords: Set<string>): boolean {
  const n = texts.filter((x) => headerWords.has(norm(x.t))).length;
  return n >= 2 && n >= texts.length - 1;
}

function signature(sheet: Sheet, r: number): string {
  return rowTexts(sheet, r)
    .filter((x) => typeof x.cell.value === 'string')
    .map((x) => x.c + ':' + norm(x.t))
    .join('|');
}

function hasAmounts(sheet: Sheet, table: Table, r: number): boolean {
  const row = sheet.rows[r];
  if (!row) return false;
  for (const b of table.blocks)
    for (const c of b.cols) {
      const cell = row[c];
      if (cell && typeof cell.value === 'number') return true;
    }
  return false;
}

/** Amount cells of row r that anchor a merge: merged data. */
function noteMerges(merged: MergeIndex, table: Table, b: Block, r: number): void {
  for (const c of b.cols) {
    const m = merged.anchors.get(r * 16384 + c);
    if (!m || (m.right === m.left && m.bottom === m.top)) continue;
    const cell = ref(b.sheet, r, c);
    if (!table.issues.some((i) => i.cell.address === cell.address)) table.issues.push({ kind: 'merged-data', cell, text: '' });
  }
}

interface ItemCursor {
  /** T4: after 年初财政拨款结转和结余, fund labels are its sub-items */
  under: string | undefined;
  /** split codes: the last 类 and 款 read, for rows that fill only their own part */
  cls?: string;
  kuan?: string;
}

/** Composes a code split over 类 | 款 | 项 cells; parts left empty come from the rows above. */
function composeCode(sheet: Sheet, r: number, parts: number[], cur: ItemCursor): { code: string; c: number } {
  const raw = parts.map((c) => textAt(sheet, r, c).replace(/\s+/g, ''));
  let deepest = -1;
  for (let k = 0; k < raw.length; k++) if (raw[k]) deepest = k;
  if (deepest < 0) return { code: '', c: parts[0] };
  if (raw.some((x) => x !== '' && !/^\d+$/.test(x))) {
    const k = raw.findIndex((x) => x !== '');
    return { code: raw.filter((x) => x).join(''), c: parts[k] };
  }
  let code = '';
  for (let k = 0; k <= deepest; k++) {
    const seg = k === 0 || raw[k].length !== 1 ? raw[k] : '0' + raw[k];
    if (seg) code += seg;
    else if (k === 0) code = cur.cls ?? '';
    else if (k === 1 && cur.kuan && cur.kuan.startsWith(code)) code = cur.kuan;
  }
  if (code.length >= 3) cur.cls = code.slice(0, 3);
  if (code.length >= 5) cur.kuan = code.slice(0, 5);
  return { code, c: parts[deepest] };
}

/** Adds a read row to its block: its scratch amounts join the block's columns. */
function keepRow(
  b: Block,
  r: number,
  kind: RowKind,
  key: string,
  code: string | undefined,
  name: string | undefined,
  label: string | undefined,
  codeC: number,
  nameC: number,
  labelC: number,
): Row {
  const i = b.rows.length;
  const n = b.roles.length;
  b.reserve(i);
  for (let k = 0; k < n; k++) {
    b.cents[k][i] = SCRATCH_CENTS[k];
    b.state[k][i] = SCRATCH_STATE[k];
    const x = SCRATCH_EXTRA[k];
    if (x !== undefined) b.extra.set(i * n + k, x);
  }
  const row = new Row(b, i, r, kind, key, code, name, label, codeC, nameC, labelC);
  b.rows.push(row);
  return row;
}

/** code and name written in one cell */
const CODE_AND_NAME = /^(\d{3}(?:\d{2}){0,2})\s*[-—.、]?\s*([\u4e00-\u9fa5（(].*)$/;

function readRow(sheet: Sheet, b: Block, r: number, cur: ItemCursor): Row | undefined {
  let codeColumn: Column | undefined;
  let nameColumn: Column | undefined;
  let labelColumn: Column | undefined;
  for (const c of b.columns) {
    if (c.role === 'code') codeColumn ??= c;
    else if (c.role === 'name') nameColumn ??= c;
    else if (c.role === 'label') labelColumn ??= c;
  }
  // the amounts go to a scratch row first: they join the block's columns only if the row is kept
  let anyAmount = false;
  const cells = sheet.rows[r];
  for (let k = 0; k < b.roles.length; k++) if (readAmountInto(cells?.[b.cols[k]], k) !== BLANK) anyAmount = true;
  if ('tree' in b.def.rows) {
    const codeCol = codeColumn;
    const nameCol = nameColumn;
    const parts = CODE_PARTS.get(b);
    let codeC = codeCol?.c;
    let code = '';
    if (parts) {
      const pc = composeCode(sheet, r, parts, cur);
      code = pc.code;
      codeC = pc.c;
    } else if (codeCol && !(nameCol && nameCol.c === codeCol.c)) code = textAt(sheet, r, codeCol.c).replace(/\s+/g, '');
    let name = nameCol ? textAt(sheet, r, nameCol.c) : '';
    if (!parts && codeCol && nameCol && nameCol.c === codeCol.c && CODE_RE.test(name.replace(/\s+/g, ''))) {
      // code and name share one column and this cell holds a code only
      code = name.replace(/\s+/g, '');
      name = '';
    }
    if (!code && CODE_AND_NAME.test(name)) {
      const m = CODE_AND_NAME.exec(name)!;
      code = m[1];
      name = m[2];
    } else if (code && !name && CODE_AND_NAME.test(code)) {
      const m = CODE_AND_NAME.exec(code)!;
      code = m[1];
      name = m[2];
    }
    name = name.trim();
    // only rows that can be a 合计 / 总计 row pay for normalising (100,000-row sheets)
    const label = (code + name).indexOf('计') >= 0 ? norm(code + name) : '';
    if (!code && !name && !anyAmount) return undefined;
    if (label && (/^(合计|总计|本年合计|支出合计|收入合计)$/.test(stripOrdinal(label)) || (!code && /^(合计|总计)$/.test(norm(name))))) {
      return keepRow(b, r, 'total', 'total', undefined, name || '合计', undefined, codeC ?? -1, nameCol?.c ?? -1, -1);
    }
    if (code) return keepRow(b, r, 'code', code, code, name, undefined, codeC ?? -1, nameCol?.c ?? -1, -1);
    return keepRow(b, r, 'unknown', '', undefined, name, name, codeC ?? -1, nameCol?.c ?? -1, -1);
  }
  // Fixed items
  const labelCol = labelColumn;
  if (!labelCol) return undefined;
  const text = textAt(sheet, r, labelCol.c);
  if (!text && !anyAmount) return undefined;
  const items = (b.def.rows as { items: ItemDef[] }).items;
  const n = stripOrdinal(text);
  let item: ItemDef | undefined;
  if (n) {
    const matches = items.filter((it) => !it.extra && it.match.some((re) => re.test(n)));
    if (cur.under) item = matches.find((it) => it.under === cur.under) ?? matches.find((it) => !it.under);
    else item = matches.find((it) => !it.under);
    if (!item && matches.length) item = matches[0];
  }
  if (item?.key === 'inc.carry' && b.def.id === 'income') cur.under = 'inc.carry';
  else if (item && !item.under && item.key !== 'inc.carry') cur.under = undefined;
  const labelC = labelCol.c;
  if (item) return keepRow(b, r, item.key === 'total' ? 'total' : 'item', item.key, undefined, undefined, text, -1, -1, labelC);
  if (!text) return keepRow(b, r, 'unknown', '', undefined, undefined, text, -1, -1, labelC);
  return keepRow(b, r, 'unknown', 'extra.' + n, undefined, undefined, text, -1, -1, labelC);
}

// One row's amounts as read, before the row is kept (reused: no allocation per row).
const SCRATCH_CENTS: number[] = [];
const SCRATCH_STATE: number[] = [];
const SCRATCH_EXTRA: (AmountIssue | number | undefined)[] = [];

/** Reads an amount cell exactly into scratch slot k; returns its state. */
function readAmountInto(cell: Cell | undefined, k: number): number {
  SCRATCH_EXTRA[k] = undefined;
  SCRATCH_CENTS[k] = 0;
  if (!cell) return (SCRATCH_STATE[k] = BLANK);
  if (cell.error) return issue(k, cell.formula ? 'formula-error' : 'error', cell.error, ZERO, cell.formula);
  const v = cell.value;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return issue(k, 'error', String(v), ZERO);
    const c = v === 0 ? 0 : centsOfNumber(v);
    SCRATCH_CENTS[k] = c;
    // the number itself is kept only when its cents cannot give it back
    if (Number.isNaN(c)) SCRATCH_EXTRA[k] = v;
    return (SCRATCH_STATE[k] = NUM);
  }
  if (v === null || v === undefined) {
    if (!cell.formula) return (SCRATCH_STATE[k] = BLANK);
    // saved by a program that never calculated it: the figure is unknown (NaN cents keep it out of sums)
    return issue(k, 'formula-uncalculated', '', ZERO, cell.formula, NaN);
  }
  if (typeof v === 'boolean') return issue(k, 'boolean', String(v), ZERO);
  const s = v.trim();
  if (s === '' || /^[-－—–]+$/.test(s)) return (SCRATCH_STATE[k] = BLANK);
  const p = parseAmountText(s);
  if (p) return issue(k, 'text-number', s, p);
  return issue(k, 'text', s, ZERO);
}

function issue(k: number, problem: AmountProblem, raw: string, v: Money, formula?: string, c = cents(v)): number {
  SCRATCH_EXTRA[k] = { problem, v, raw, formula };
  SCRATCH_CENTS[k] = c;
  return (SCRATCH_STATE[k] = ISSUE);
}
