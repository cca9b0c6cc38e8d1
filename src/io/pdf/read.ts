// The PDF adapter: a published disclosure PDF -> the Grid of its tables (validated like a workbook), the
// explanatory text around them, and where every cell is printed (for the reader's address and the marks).
import * as path from 'node:path';
import type { CellRef } from '../../core/model/grid';
import { parseAddress } from '../../core/model/grid';
import type { Report } from '../../core/model/findings';
import { fromNumber } from '../../core/model/money';
import { UserError } from '../errors';
import { readInputFile } from '../xlsx-read';
import type { CellBox, PdfLayout, PdfTable } from './layout';
import { layout } from './layout';
import { readPdfText } from './pdfjs';
import type { PdfTextDoc } from './text';
import { proseText } from './text';

export interface PdfDocument {
  /** the bytes read (a marked copy is made from them: the file is read once) */
  bytes: Uint8Array;
  layout: PdfLayout;
  /** the explanatory text, paragraph by paragraph, for the text check */
  text: PdfTextDoc;
  pageCount: number;
}

export const PDF_OCR_MESSAGE = (name: string) =>
  `${name} 没有文字层（可能是扫描件或图片），无法读取其中的表格和文字；本工具不做文字识别（OCR），请取得由 Excel 或 Word 直接导出的 PDF。`;

/** Reads a PDF file. Every unreadable input becomes a UserError with a Chinese message. */
export async function readPdfFile(file: string): Promise<PdfDocument> {
  const buf = await readInputFile(file);
  return readPdfBuffer(buf, path.basename(file));
}

export async function readPdfBuffer(buf: Uint8Array, name = '该文件'): Promise<PdfDocument> {
  const { pages, emptyPages } = await readPdfText(buf, name);
  if (pages.length === 0 || emptyPages === pages.length) throw new UserError(PDF_OCR_MESSAGE(name));
  const lay = layout(pages);
  if (lay.tables.length === 0 && emptyPages > pages.length / 2) throw new UserError(PDF_OCR_MESSAGE(name));
  return { bytes: buf, layout: lay, text: proseText(lay, name), pageCount: pages.length };
}

/** Whether a file name or the first bytes say PDF. */
export function isPdfName(file: string): boolean {
  return path.extname(file).toLowerCase() === '.pdf';
}

// ---------------------------------------------------------------------------------------------------
// The reader's address

/** '第3页 表2 第12行 第5列（1,234.56）' for a cell of the PDF's Grid. */
export function placeOf(t: PdfTable, box: CellBox | undefined, shown: string): string {
  // no box: a cell below the table (where its note should be)
  if (!box) return `第${t.pages[t.pages.length - 1]}页 表${t.no} 表下`;
  const head = `第${box.page}页 表${t.no}`;
  const where = box.row === 0 ? (box.col > 0 ? ` 表头 第${box.col}列` : ' 表头') : ` 第${box.row}行 第${box.col}列`;
  return `${head}${where}（${shown === '' ? '空白' : shown}）`;
}

/** Pages of a table as a reader says them: '第3页', '第3–4页'. */
export function pagesText(pages: number[]): string {
  if (pages.length === 0) return '';
  const a = Math.min(...pages);
  const b = Math.max(...pages);
  return a === b ? `第${a}页` : `第${a}–${b}页`;
}

/**
 * Gives every cell a report names (findings, causes) its reader's address and printed box, and every
 * table its pages. The report is changed in place.
 */
export function placeReport(report: Report, lay: PdfLayout): void {
  const bySheet = new Map(lay.tables.map((t) => [t.sheet, t]));
  const sheets = new Map(lay.grid.sheets.map((s) => [s.name, s]));
  const fill = (c: CellRef) => {
    const t = bySheet.get(c.sheet);
    if (!t) return;
    let r: number;
    let col: number;
    try {
      ({ r, c: col } = parseAddress(c.address));
    } catch {
      return;
    }
    const box = t.boxes[r]?.[col];
    const cell = sheets.get(c.sheet)?.rows[r]?.[col];
    const shown = cell ? shownText(cell.value, cell.numFmt) : '';
    c.place = placeOf(t, box, shown);
    if (box) c.box = { page: box.page, x0: box.x0, y0: box.y0, x1: box.x1, y1: box.y1 };
  };
  for (const f of report.findings) for (const c of f.cells) fill(c);
  for (const cause of report.causes ?? []) {
    for (const c of cause.cells) fill(c);
    for (const alt of cause.alternatives) for (const c of alt.cells) fill(c);
  }
  for (const s of report.tables) {
    const t = bySheet.get(s.sheet);
    if (t) s.place = `${pagesText(t.pages)} 表${t.no}`;
  }
}

/** A figure as the PDF prints it. */
function shownText(v: string | number | boolean | null, numFmt: string | undefined): string {
  if (v === null) return '';
  if (typeof v !== 'number') return String(v);
  const dec = numFmt ? (/\.(0+)$/.exec(numFmt)?.[1].length ?? 0) : 0;
  // '1,234.50' by hand: toLocaleString would load the ICU locale data on first use (~60 ms of a cold run)
  const [int, frac = ''] = fromNumber(Math.abs(v)).toFixed(Math.max(dec, 6)).split('.');
  const kept = frac.replace(/0+$/, '').padEnd(dec, '0');
  return `${v < 0 ? '-' : ''}${int.replace(/\B(?=(\d{3})+$)/g, ',')}${kept ? '.' + kept : ''}`;
}
