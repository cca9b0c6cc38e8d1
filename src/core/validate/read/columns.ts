// Columns: each column's header text joined over the header rows, then each block's columns found by
// their header spellings (the profile's ColumnDefs).
import type { Sheet } from '../../model/grid';
import type { BlockDef, ColumnDef } from '../../profiles/types';
import { norm } from '../../profiles/text';
import type { Column } from '../../model/model';
import { Block, isKeyColumn, isKeyRole } from '../../model/model';
import type { MergeIndex } from './sheet';
import { textAt } from './sheet';

export interface ColHeader {
  c: number;
  /** joined normalised text over the header rows */
  text: string;
  /** the same parts joined with '|' (side word first) */
  raw: string;
}

/** Joins each column's header texts over the header rows, carrying group headers over the columns they span. */
export function columnHeaders(sheet: Sheet, merged: MergeIndex, headerRows: number[]): ColHeader[] {
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

/** The block's columns among the table's headers; undefined when none is found. */
export function assignColumns(sheet: Sheet, bdef: BlockDef, headers: ColHeader[], sided: boolean, capacity: number): Block | undefined {
  let cands = headers.filter((h) => h.text !== '' && !/^序号/.test(h.text));
  if (bdef.within) {
    const within = bdef.within;
    cands = cands.filter((h) => within.test(h.text));
  } else if (sided && bdef.side) {
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
      columns.push({ role: cdef.role, c: h.c, header: h.raw, ...(cdef.kind !== 'amount' && !isKeyRole(cdef.role) ? { key: true } : {}) });
    }
  }
  if (columns.length === 0) return undefined;
  let parts: number[] | undefined;
  if ('tree' in bdef.rows) parts = treeKeyColumns(columns, cands);
  // Amount columns lie right of the label/code/name columns.
  const keyCol = columns.find(isKeyColumn);
  const ok = columns.filter((c) => !keyCol || isKeyColumn(c) || (c.c > keyCol.c && !parts?.includes(c.c)));
  const b = new Block(bdef, ok, sheet.name, capacity);
  if (parts) CODE_PARTS.set(b, parts);
  return b;
}

/** Columns of a code split into 类 | 款 | 项 parts, by block. */
export const CODE_PARTS = new WeakMap<Block, number[]>();

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

export function matchColumn(cdef: ColumnDef, text: string, bdef: BlockDef): boolean {
  let t = text;
  if (bdef.side) t = t.replace(/^(收入|支出)/, '');
  if (cdef.kind === 'code' && /名称/.test(t) && !/编码/.test(t)) return false;
  if (cdef.kind === 'name' && /编码/.test(t) && !/名称/.test(t)) return false;
  if (cdef.kind === 'label' && /预算数|金额|合计/.test(t)) return false;
  return cdef.match.some((re) => re.test(t));
}
