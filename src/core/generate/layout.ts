// Disclosure -> SheetSpec[]: the nine tables in the standard layout (title row 1, unit/year/currency
// row 2, two header rows, the 栏次 row, data with 序号 in column A), plus the 情况说明（草稿） sheet.
// Writers (exceljs, Office.js) only render these specs; gridFromLayout lets the engine check them.
import type { Cell, Rect, Sheet, Workbook } from '../model/grid';
import type { StandardTableId as TableId } from '../model/findings';
import type { TableDef } from '../profiles/types';
import { HEBEI } from '../profiles/hebei';

/** Generation writes the Hebei template's tables. */
const TABLE_BY_ID = Object.fromEntries(HEBEI.tables.map((t) => [t.id, t])) as Record<TableId, TableDef>;
import type { Disclosure, ItemRow, SideBySide, TreeTable } from './aggregate';
import type { Money } from '../model/money';
import type { CellSpec, CellStyle, SheetSpec } from './layout-types';
import { narrativeParagraphs } from './narrative';

export interface LayoutOptions {
  /** how a zero amount is shown: blank cell or 0.00 (default) */
  zero?: 'blank' | '0.00';
}

export const AMOUNT_FORMAT = '#,##0.00';
export const NARRATIVE_SHEET_NAME = '情况说明（草稿）';
export const TABLE_IDS: TableId[] = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9'];

/** Sheet name as in the examples: '1 部门预算收支总表' (quotes dropped). */
export function sheetNameFor(id: TableId): string {
  return `${id.slice(1)} ${TABLE_BY_ID[id].title.replace(/[“”"]/g, '')}`;
}

/** A header cell: relative row 0 or 1 of the two header rows, spanning rows/columns. */
interface HeaderCell {
  text: string;
  r: 0 | 1;
  c: number;
  rows?: 1 | 2;
  cols?: number;
}

interface Frame {
  widths: number[];
  headers: HeaderCell[];
  /** 栏次 numbers start at this column (1, or 2 for T9) */
  firstNumbered: number;
}

const SEQ: HeaderCell = { text: '序号', r: 0, c: 0, rows: 2 };
const FUNC_CODE_NAME: HeaderCell[] = [
  { text: '功能分类科目', r: 0, c: 1, cols: 2 },
  { text: '科目编码', r: 1, c: 1 },
  { text: '科目名称', r: 1, c: 2 },
];
const W_SEQ = 6;
const W_CODE = 12;
const W_NAME = 36;
const W_AMT = 15;
const W_LABEL = 34;

const vertical = (texts: string[], from: number): HeaderCell[] => texts.map((text, i) => ({ text, r: 0, c: from + i, rows: 2 }));

const FUND_TREE_FRAME: Frame = {
  widths: [W_SEQ, W_CODE, W_NAME, W_AMT, W_AMT, W_AMT],
  headers: [SEQ, ...FUNC_CODE_NAME, ...vertical(['合计', '基本支出', '项目支出'], 3)],
  firstNumbered: 1,
};

/** Printed header layout of each table (texts as in the standard template). */
export const FRAMES: Record<TableId, Frame> = {
  T1: {
    widths: [W_SEQ, W_LABEL, W_AMT, W_LABEL, W_AMT],
    headers: [
      SEQ,
      { text: '收入', r: 0, c: 1, cols: 2 },
      { text: '支出', r: 0, c: 3, cols: 2 },
      { text: '项目', r: 1, c: 1 },
      { text: '预算数', r: 1, c: 2 },
      { text: '项目', r: 1, c: 3 },
      { text: '预算数', r: 1, c: 4 },
    ],
    firstNumbered: 1,
  },
  T2: {
    widths: [W_SEQ, W_CODE, W_NAME, W_AMT, W_AMT, W_AMT, 12, 12, 12, 12, 12, 12, W_AMT],
    headers: [
      SEQ,
      ...FUNC_CODE_NAME,
      { text: '合计', r: 0, c: 3, rows: 2 },
      { text: '本年收入', r: 0, c: 4, cols: 8 },
      { text: '上年结转', r: 0, c: 12, rows: 2 },
      ...['小计', '财政拨款收入', '财政专户收入', '事业收入', '经营收入', '上级补助收入', '附属单位上缴收入', '其他收入'].map(
        (text, i): HeaderCell => ({ text, r: 1, c: 4 + i }),
      ),
    ],
    firstNumbered: 1,
  },
  T3: {
    widths: [W_SEQ, W_CODE, W_NAME, W_AMT, W_AMT, W_AMT, 12, 12, 12],
    headers: [SEQ, ...FUNC_CODE_NAME, ...vertical(['合计', '基本支出', '项目支出', '经营支出', '上缴上级支出', '对附属单位补助支出'], 3)],
    firstNumbered: 1,
  },
  T4: {
    widths: [W_SEQ, 28, W_AMT, 30, W_AMT, W_AMT, W_AMT, W_AMT],
    headers: [
      SEQ,
      { text: '收入', r: 0, c: 1, cols: 2 },
      { text: '支出', r: 0, c: 3, cols: 5 },
      ...['项目', '金额', '项目', '合计', '一般公共预算财政拨款', '政府性基金预算财政拨款', '国有资本经营预算财政拨款'].map(
        (text, i): HeaderCell => ({ text, r: 1, c: 1 + i }),
      ),
    ],
    firstNumbered: 1,
  },
  T5: FUND_TREE_FRAME,
  T6: {
    widths: [W_SEQ, W_CODE, W_NAME, W_AMT, W_AMT, W_AMT],
    headers: [
      SEQ,
      { text: '部门预算支出经济分类科目', r: 0, c: 1, cols: 2 },
      { text: '一般公共预算基本支出', r: 0, c: 3, cols: 3 },
      ...['科目编码', '科目名称', '合计', '人员经费', '公用经费'].map((text, i): HeaderCell => ({ text, r: 1, c: 1 + i })),
    ],
    firstNumbered: 1,
  },
  T7: FUND_TREE_FRAME,
  T8: FUND_TREE_FRAME,
  T9: {
    widths: [W_SEQ, 40, W_AMT, W_AMT, W_AMT, W_AMT],
    headers: [
      SEQ,
      { text: '项目', r: 0, c: 1, rows: 2 },
      { text: '资金性质', r: 0, c: 2, cols: 4 },
      ...['合计', '一般公共预算财政拨款', '政府性基金预算拨款', '国有资本经营预算财政拨款'].map(
        (text, i): HeaderCell => ({ text, r: 1, c: 2 + i }),
      ),
    ],
    firstNumbered: 2,
  },
};

const HEADER_ROW = 2; // 0-based: rows 3-4 are the two header rows
const NUMBER_ROW = 4; // 栏次
const DATA_ROW = 5;

class SheetBuilder {
  cells: CellSpec[] = [];
  merges: Rect[] = [];
  rowHeights: Record<number, number> = {};
  constructor(readonly width: number) {}
  set(r: number, c: number, value: string | number | null, style: CellStyle = {}): void {
    this.cells.push({ r, c, value, ...style });
  }
  merge(top: number, left: number, bottom: number, right: number): void {
    if (bottom > top || right > left) this.merges.push({ top, left, bottom, right });
  }
}

const BOX: CellStyle = { border: true, vertical: 'middle' };
const HEAD: CellStyle = { ...BOX, bold: true, horizontal: 'center', wrap: true };

// Shared styles of the per-cell hot paths (SheetBuilder.set copies them into each cell).
const AMOUNT_STYLE: CellStyle = { ...BOX, numFmt: AMOUNT_FORMAT, horizontal: 'right' };
const AMOUNT_STYLE_BOLD: CellStyle = { ...BOX, numFmt: AMOUNT_FORMAT, horizontal: 'right', ...{ bold: true } };
const SEQ_STYLE: CellStyle = { ...BOX, horizontal: 'center' };
const CODE_STYLES = [false, true].map((bold): CellStyle => ({ ...BOX, numFmt: '@', horizontal: 'left', bold }));
const NAME_STYLES = [1, 2, 3].map((level) => [false, true].map((bold): CellStyle => ({ ...BOX, horizontal: 'left', indent: level - 1, bold })));

function amountCell(m: Money, zero: 'blank' | '0.00', bold = false): { value: number | null; style: CellStyle } {
  const style = bold ? AMOUNT_STYLE_BOLD : AMOUNT_STYLE;
  if (m.isZero() && zero === 'blank') return { value: null, style };
  return { value: m.toNumber(), style };
}

function frameSheet(id: TableId, d: Disclosure): SheetBuilder {
  const frame = FRAMES[id];
  const w = frame.widths.length;
  const b = new SheetBuilder(w);
  const def = TABLE_BY_ID[id];
  b.set(0, 0, def.title, { bold: true, fontSize: 18, horizontal: 'center', vertical: 'middle' });
  b.merge(0, 0, 0, w - 1);
  b.rowHeights[0] = 36;
  const h = d.header;
  b.set(1, 0, `单位名称：${h.unitCode ? `[${h.unitCode}]` : ''}${h.unitName}`, { vertical: 'middle' });
  b.set(1, 2, `预算年度：${h.year}`, { vertical: 'middle', horizontal: w > 5 ? 'left' : 'center' });
  // the unit at the right edge of the table, as printed disclosures have it
  b.set(1, w - 1, `单位：${h.currency}`, { vertical: 'middle', horizontal: 'right' });
  b.rowHeights[1] = 20;
  // two header rows: write every cell of the area so borders are complete, then the texts
  const covered = new Set<string>();
  for (const hc of frame.headers) {
    const top = HEADER_ROW + hc.r;
    const bottom = top + (hc.rows ?? 1) - 1;
    const right = hc.c + (hc.cols ?? 1) - 1;
    b.set(top, hc.c, hc.text, HEAD);
    for (let r = top; r <= bottom; r++) for (let c = hc.c; c <= right; c++) if (r !== top || c !== hc.c) covered.add(`${r},${c}`);
    b.merge(top, hc.c, bottom, right);
  }
  for (const key of covered) {
    const [r, c] = key.split(',').map(Number);
    b.set(r, c, null, HEAD);
  }
  b.rowHeights[HEADER_ROW] = 24;
  b.rowHeights[HEADER_ROW + 1] = 30;
  b.set(NUMBER_ROW, 0, '栏次', { ...HEAD, bold: false });
  for (let c = 1; c < w; c++) {
    const n = c - frame.firstNumbered + 1;
    b.set(NUMBER_ROW, c, n >= 1 ? n : null, { ...HEAD, bold: false });
  }
  return b;
}

function treeSheet(id: TableId, d: Disclosure, t: TreeTable, zero: 'blank' | '0.00'): SheetBuilder {
  const b = frameSheet(id, d);
  let r = DATA_ROW;
  let seq = 1;
  const empty = t.rows.length === 0;
  if (!empty) {
    b.set(r, 0, seq++, { ...BOX, horizontal: 'center' });
    b.set(r, 1, null, BOX);
    b.set(r, 2, '合计', { ...BOX, bold: true, horizontal: 'center' });
    t.total.forEach((m, i) => {
      const a = amountCell(m, zero, true);
      b.set(r, 3 + i, a.value, a.style);
    });
    r++;
    for (const row of t.rows) {
      const bold = row.level === 1;
      b.set(r, 0, seq++, SEQ_STYLE);
      b.set(r, 1, row.code, CODE_STYLES[bold ? 1 : 0]);
      b.set(r, 2, row.name, NAME_STYLES[row.level - 1]?.[bold ? 1 : 0] ?? { ...BOX, horizontal: 'left', indent: row.level - 1, bold });
      const vals = row.values;
      for (let i = 0; i < vals.length; i++) {
        const a = amountCell(vals[i], zero, bold);
        b.set(r, 3 + i, a.value, a.style);
      }
      r++;
    }
  }
  const note = TABLE_BY_ID[id].note;
  if (empty && note) noteRow(b, r, note.empty);
  return b;
}

function noteRow(b: SheetBuilder, r: number, text: string): void {
  b.set(r, 0, text, { horizontal: 'left', vertical: 'middle' });
  b.merge(r, 0, r, b.width - 1);
  b.rowHeights[r] = 22;
}

/** T1 / T4: income items beside expense items; totals, carry-over and grand totals aligned. */
function sideSheet(id: TableId, d: Disclosure, t: SideBySide, zero: 'blank' | '0.00'): SheetBuilder {
  const b = frameSheet(id, d);
  const incWidth = 1;
  const expWidth = t.expense[0]?.values.length ?? 1;
  const tailKeys = new Set(['inc.total', 'inc.carry', 'inc.grand', 'exp.total', 'exp.carry', 'exp.grand']);
  const isTail = (x: ItemRow) => tailKeys.has(x.key) || x.key.startsWith('inc.carry.');
  const incHead = t.income.filter((x) => !isTail(x));
  const expHead = t.expense.filter((x) => !isTail(x));
  const pairs: [ItemRow | undefined, ItemRow | undefined][] = [];
  for (let i = 0; i < Math.max(incHead.length, expHead.length); i++) pairs.push([incHead[i], expHead[i]]);
  const find = (side: ItemRow[], key: string) => side.find((x) => x.key === key);
  pairs.push([find(t.income, 'inc.total'), find(t.expense, 'exp.total')]);
  pairs.push([find(t.income, 'inc.carry'), find(t.expense, 'exp.carry')]);
  for (const sub of t.income.filter((x) => x.key.startsWith('inc.carry.'))) pairs.push([sub, undefined]);
  pairs.push([find(t.income, 'inc.grand'), find(t.expense, 'exp.grand')]);

  let r = DATA_ROW;
  let seq = 1;
  for (const [inc, exp] of pairs) {
    b.set(r, 0, seq++, { ...BOX, horizontal: 'center' });
    const write = (item: ItemRow | undefined, c: number, width: number) => {
      const bold = !!item && /^(inc|exp)\.(total|grand)$/.test(item.key);
      const indent = item?.key.startsWith('inc.carry.') ? 1 : 0;
      b.set(r, c, item ? item.label : null, { ...BOX, horizontal: 'left', bold, indent });
      for (let i = 0; i < width; i++) {
        if (!item) b.set(r, c + 1 + i, null, { ...BOX, numFmt: AMOUNT_FORMAT });
        else {
          const a = amountCell(item.values[i], zero, bold);
          b.set(r, c + 1 + i, a.value, a.style);
        }
      }
    };
    write(inc, 1, incWidth);
    write(exp, 1 + incWidth + 1, expWidth);
    r++;
  }
  return b;
}

function t9Sheet(d: Disclosure, zero: 'blank' | '0.00'): SheetBuilder {
  const b = frameSheet('T9', d);
  let r = DATA_ROW;
  let seq = 1;
  for (const item of d.t9) {
    const bold = item.key === 'total' || item.key === 'sangong';
    const sub = /\./.test(item.key);
    b.set(r, 0, seq++, { ...BOX, horizontal: 'center' });
    b.set(r, 1, item.label, { ...BOX, horizontal: 'left', bold, indent: sub && !item.label.startsWith('其中') ? 2 : sub ? 1 : 0 });
    item.values.forEach((m, i) => {
      const a = amountCell(m, zero, bold);
      b.set(r, 2 + i, a.value, a.style);
    });
    r++;
  }
  if (d.t9.every((x) => x.values.every((m) => m.isZero()))) noteRow(b, r, TABLE_BY_ID.T9.note!.empty);
  return b;
}

/** Approximate width of a text in Excel character units (CJK and full-width count double). */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f“”]/.test(ch) ? 2.2 : 1.1;
  return w;
}

/**
 * Printed width of a text in Excel character units, with room for fonts wider than 宋体 (a CJK glyph
 * takes 2 units in 宋体 11, up to 2.7 in the fonts Excel for Mac and LibreOffice fall back to).
 */
function printWidth(s: string, indent = 0): number {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f“”]/.test(ch) ? 2.8 : 1.2;
  return Math.ceil(w + 2 + indent * 3);
}

/** widest a column is made to fit its labels */
const MAX_WIDTH = 60;

/**
 * Column widths: the frame's, widened where a label of the body would be cut off (二、政府性基金预算拨款收入);
 * column B widened when the unit line in A2 would otherwise be cut off by C2.
 */
function widthsFor(id: TableId, b: SheetBuilder): number[] {
  const widths = [...FRAMES[id].widths];
  for (const c of b.cells) {
    if (c.r < DATA_ROW || typeof c.value !== 'string' || c.c >= widths.length) continue;
    const need = Math.min(MAX_WIDTH, printWidth(c.value, c.indent ?? 0));
    if (need > widths[c.c]) widths[c.c] = need;
  }
  const unitLine = b.cells.find((x) => x.r === 1 && x.c === 0);
  const need = unitLine && typeof unitLine.value === 'string' ? textWidth(unitLine.value) + 2 : 0;
  if (need > widths[0] + widths[1]) {
    widths[1] = Math.min(Math.ceil(need - widths[0]), 20);
    if (widths[0] + widths[1] < need) {
      unitLine!.wrap = true;
      b.merge(1, 0, 1, 1);
      b.rowHeights[1] = 34;
    }
  }
  return widths;
}

/** Tables printed on one page (fixed rows: the summary tables), the others one page wide. */
const ONE_PAGE: TableId[] = ['T1', 'T4'];

function toSpec(id: TableId, b: SheetBuilder): SheetSpec {
  return {
    name: sheetNameFor(id),
    cells: b.cells,
    merges: b.merges,
    columnWidths: widthsFor(id, b),
    rowHeights: b.rowHeights,
    frozenRows: DATA_ROW,
    print: {
      orientation: 'landscape',
      paper: 'A4',
      fitToWidth: 1,
      ...(ONE_PAGE.includes(id) ? { fitToHeight: 1 } : {}),
      titleRows: [0, NUMBER_ROW],
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
  };
}

/** The nine tables and the narrative draft as sheet specs, in order. */
export function layoutDisclosure(d: Disclosure, opts: LayoutOptions = {}): SheetSpec[] {
  const zero = opts.zero ?? '0.00';
  const specs: SheetSpec[] = [
    toSpec('T1', sideSheet('T1', d, d.t1, zero)),
    toSpec('T2', treeSheet('T2', d, d.t2, zero)),
    toSpec('T3', treeSheet('T3', d, d.t3, zero)),
    toSpec('T4', sideSheet('T4', d, d.t4, zero)),
    toSpec('T5', treeSheet('T5', d, d.t5, zero)),
    toSpec('T6', treeSheet('T6', d, d.t6, zero)),
    toSpec('T7', treeSheet('T7', d, d.t7, zero)),
    toSpec('T8', treeSheet('T8', d, d.t8, zero)),
    toSpec('T9', t9Sheet(d, zero)),
  ];
  specs.push(narrativeSheet(d));
  return specs;
}

const NARRATIVE_WIDTH = 70;

function narrativeSheet(d: Disclosure): SheetSpec {
  const cells: CellSpec[] = [];
  const rowHeights: Record<number, number> = {};
  const title = `${d.header.unitName}${d.header.year}年部门预算情况说明（数字部分草稿）`;
  cells.push({ r: 0, c: 0, value: title, bold: true, fontSize: 14, horizontal: 'center', vertical: 'middle', wrap: true });
  rowHeights[0] = 40;
  cells.push({
    r: 1,
    c: 0,
    value: '说明：以下文字由九张公开表的同一组数字自动起草，请补充原因分析等内容后再使用；数字如需改动，请改录入表后重新生成。',
    color: '808080',
    wrap: true,
    vertical: 'top',
  });
  rowHeights[1] = 34;
  let r = 3;
  for (const p of narrativeParagraphs(d)) {
    const heading = p.heading;
    cells.push({ r, c: 0, value: p.text, wrap: true, vertical: 'top', bold: heading });
    // wrapped lines at the column width, about 16 points per line
    rowHeights[r] = heading ? 22 : Math.max(22, Math.ceil(textWidth(p.text) / (NARRATIVE_WIDTH - 4)) * 16 + 8);
    r++;
  }
  return {
    name: NARRATIVE_SHEET_NAME,
    cells,
    merges: [],
    columnWidths: [NARRATIVE_WIDTH],
    rowHeights,
    print: {
      orientation: 'portrait',
      paper: 'A4',
      fitToWidth: 1,
      margins: { left: 0.6, right: 0.6, top: 0.8, bottom: 0.8, header: 0.3, footer: 0.3 },
    },
  };
}

/** The Grid of what the specs will write, so the engine can check it before anything is written. */
export function gridFromLayout(specs: SheetSpec[]): Workbook {
  const sheets: Sheet[] = specs.map((s) => {
    const rows: (Cell | undefined)[][] = [];
    for (const cs of s.cells) {
      const row = (rows[cs.r] ??= []);
      const cell: Cell = { value: cs.value };
      if (cs.numFmt) cell.numFmt = cs.numFmt;
      row[cs.c] = cell;
    }
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    return { name: s.name, rows, merges: s.merges.map((m) => ({ ...m })), ...(s.hidden ? { hidden: true } : {}) };
  });
  return { sheets };
}
