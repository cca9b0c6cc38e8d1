// Data rows: below the header, each row read into its blocks (科目 rows, fixed items, rows of figures,
// outline rows); repeated headers, unit lines and notes are recognised and skipped.
import type { Sheet } from '../../model/grid';
import { ref } from '../../model/grid';
import type { ItemDef, ReadOptions } from '../../profiles/types';
import { norm, stripOrdinal } from '../../profiles/text';
import type { Block, Column, RowKind, Table } from '../../model/model';
import { BLANK, Row } from '../../model/model';
import type { MergeIndex } from './sheet';
import { mergedTextAt, rowIsEmpty, rowTexts, textAt } from './sheet';
import { isInfoRow, isLanciCells } from './header-rows';
import { CODE_PARTS } from './columns';
import type { CodeCursor, CodePartIssue } from './codes';
import { composeCode } from './codes';
import { SCRATCH_CENTS, SCRATCH_EXTRA, SCRATCH_STATE, readAmountInto } from './amounts';

const CODE_RE = /^\d{3}(\d{2}){0,2}$/;

/** What reading one table's rows needs to know. */
export interface RowReader {
  sheet: Sheet;
  merged: MergeIndex;
  table: Table;
  opts: ReadOptions;
}

export function readRows(rd: RowReader, from: number, to: number, headerRows: number[], repeatTitleRows: number[]): void {
  const { sheet, merged, table } = rd;
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
    // A note (before the unit-line test: “注：本年度无…，故本表无数据” names a 年度)
    const joined = amounts ? '' : texts.map((x) => x.t).join('');
    if (!amounts && (/^注[:：]?|^说明[:：]|空表列示/.test(norm(joined)) || rd.opts.emptyNote?.test(norm(joined)))) {
      if (!table.note) table.note = { text: joined.trim(), cell: ref(sheet, r, texts[0].c) };
      lastContent = r;
      continue;
    }
    // Page breaks repeat the unit line and header rows, sometimes shifted or misprinted: any row that
    // reads like a header or the unit line and holds no amount is not data.
    if (!amounts && (isInfoRow(texts, rd.opts.unitLine) || isRepeatedHeader(texts, headerWords))) {
      table.repeatedHeaders.push(r);
      continue;
    }
    let used = false;
    for (const b of table.blocks) {
      const row = readRow(rd, b, r, itemState.get(b)!);
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

interface ItemCursor extends CodeCursor {
  /** T4: after 年初财政拨款结转和结余, fund labels are its sub-items */
  under: string | undefined;
  /** two-column labels: the group label of the rows above */
  group?: string;
  /** rows of figures read so far */
  n?: number;
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

function readRow(rd: RowReader, b: Block, r: number, cur: ItemCursor): Row | undefined {
  const sheet = rd.sheet;
  let codeColumn: Column | undefined;
  let nameColumn: Column | undefined;
  let labelColumn: Column | undefined;
  let groupColumn: Column | undefined;
  for (const c of b.columns) {
    if (c.role === 'code') codeColumn ??= c;
    else if (c.role === 'name') nameColumn ??= c;
    else if (c.role === 'label') labelColumn ??= c;
    else if (c.role === 'group') groupColumn ??= c;
  }
  // the amounts go to a scratch row first: they join the block's columns only if the row is kept
  let anyAmount = false;
  const cells = sheet.rows[r];
  for (let k = 0; k < b.roles.length; k++) if (readAmountInto(cells?.[b.cols[k]], k) !== BLANK) anyAmount = true;
  const rows = b.def.rows;
  if ('tree' in rows) {
    const codeCol = codeColumn;
    const nameCol = nameColumn;
    const parts = CODE_PARTS.get(b);
    let codeC = codeCol?.c;
    let code = '';
    if (parts) {
      const issues: CodePartIssue[] = [];
      const pc = composeCode(sheet, r, parts, cur, rd.opts.splitCodes, issues);
      code = pc.code;
      codeC = pc.c;
      for (const x of issues) rd.table.issues.push({ kind: 'code-part', cell: ref(sheet, r, x.c), r, text: x.printed, part: x.part, level: x.level, read: code });
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
  if ('single' in rows) {
    // a row of figures: kept when it holds any
    if (!anyAmount) return undefined;
    cur.n = (cur.n ?? 0) + 1;
    return keepRow(b, r, 'item', cur.n === 1 ? 'row' : 'row.' + cur.n, undefined, undefined, undefined, -1, -1, -1);
  }
  if ('outline' in rows) return readOutlineRow(rd, b, r, rows.outline.levels, anyAmount);
  // Fixed items
  const labelCol = labelColumn;
  if (!labelCol) return undefined;
  let text = rd.opts.mergedLabels ? mergedLabelAt(rd, r, labelCol.c) : textAt(sheet, r, labelCol.c);
  let labelC = labelCol.c;
  if (groupColumn) {
    // two-column labels: the group (merged down its rows, or left blank below it) and the item within it
    const g = mergedTextAt(sheet, rd.merged, r, groupColumn.c);
    if (g && g !== text) cur.group = g;
    if (g && !text) {
      text = g;
      labelC = groupColumn.c;
    } else if (text && cur.group && g !== text) text = cur.group + text;
  }
  if (!text && !anyAmount) return undefined;
  const items = (rows as { items: ItemDef[] }).items;
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
  if (item) return keepRow(b, r, item.key === 'total' ? 'total' : 'item', item.key, undefined, undefined, text, -1, -1, labelC);
  if (!text) return keepRow(b, r, 'unknown', '', undefined, undefined, text, -1, -1, labelC);
  return keepRow(b, r, 'unknown', 'extra.' + n, undefined, undefined, text, -1, -1, labelC);
}

/** A label cell's text, or the text of a merge over it that starts in this row (a label spanning both sides). */
function mergedLabelAt(rd: RowReader, r: number, c: number): string {
  const t = textAt(rd.sheet, r, c);
  if (t) return t;
  const m = rd.merged.covered.get(r * 16384 + c);
  return m && m.top === r ? textAt(rd.sheet, r, m.left) : '';
}

/**
 * An outline row: its level is the deepest level whose label columns hold text (a page break repeats the
 * labels of the levels above on the first row of the new page); '合计' is the total.
 */
function readOutlineRow(rd: RowReader, b: Block, r: number, levels: string[][], anyAmount: boolean): Row | undefined {
  let level = 0;
  let text = '';
  let labelC = -1;
  for (let l = levels.length - 1; l >= 0 && !level; l--)
    for (const c of b.columns)
      if (levels[l].includes(c.role)) {
        const t = textAt(rd.sheet, r, c.c);
        if (t) {
          level = l + 1;
          text = t;
          labelC = c.c;
          break;
        }
      }
  if (!anyAmount && !text) return undefined;
  if (level === 1 && /^(合计|总计)$/.test(stripOrdinal(text))) return keepRow(b, r, 'total', 'total', undefined, undefined, text, -1, -1, labelC);
  // a row of figures without a label continues the level below the last one
  return keepRow(b, r, 'item', 'outline.' + (level || levels.length), undefined, undefined, text, -1, -1, labelC);
}
