// exceljs adapter: .xlsx file/buffer -> Grid. One pass over the non-empty cells, one Cell object each.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { Cell, Rect, Sheet, Workbook } from '../core/model/grid';
import { UserError } from './errors';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(buf: Uint8Array, magic: number[]): boolean {
  if (buf.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (buf[i] !== magic[i]) return false;
  return true;
}

/** Reads an .xlsx file into a Grid; every unreadable input becomes a UserError with a Chinese message. */
export async function readWorkbookFile(file: string): Promise<Workbook> {
  const buf = await readInputFile(file);
  return readWorkbookBuffer(buf, path.basename(file));
}

/** Reads a file for input, with Chinese messages for the usual failures. */
export async function readInputFile(file: string): Promise<Buffer> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (e) {
    throw fsError(e, file);
  }
  if (stat.isDirectory()) throw new UserError(`“${file}”是文件夹，不是 Excel 文件。`);
  // a pipe or device would block the read (or never end)
  if (!stat.isFile()) throw new UserError(`“${file}”不是普通文件（可能是管道或设备），无法作为 Excel 文件读取。`);
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsb') throw new UserError(`不支持 Excel 二进制工作簿（.xlsb）：${file}。请在 Excel 中另存为 .xlsx 后再试。`);
  if (ext === '.ods') throw new UserError(`不支持 OpenDocument 表格（.ods）：${file}。请另存为 .xlsx 后再试。`);
  try {
    return await fs.readFile(file);
  } catch (e) {
    throw fsError(e, file);
  }
}

function fsError(e: unknown, file: string): UserError {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new UserError(`找不到文件：${file}`);
  if (code === 'EACCES' || code === 'EPERM') return new UserError(`没有权限读取文件：${file}`);
  if (code === 'EBUSY') return new UserError(`文件被其他程序占用，无法读取：${file}（请先在 Excel 中关闭它）`);
  if (code === 'EISDIR') return new UserError(`“${file}”是文件夹，不是 Excel 文件。`);
  return new UserError(`无法读取文件 ${file}：${(e as Error)?.message ?? String(e)}`);
}

/**
 * Reads an .xlsx file into a Grid and keeps the loaded exceljs workbook, for a marked copy written from the
 * same parse (writeMarkedCopy's `loaded`): the file is read and unzipped once.
 */
export async function readWorkbookFileKeep(file: string): Promise<{ grid: Workbook; book: ExcelJS.Workbook }> {
  const buf = await readInputFile(file);
  const book = await loadBook(buf, path.basename(file));
  return { grid: gridFromExcelJS(book), book };
}

/** Reads .xlsx bytes. `name` is only used in messages. */
export async function readWorkbookBuffer(buf: Buffer | Uint8Array, name = '该文件'): Promise<Workbook> {
  return gridFromExcelJS(await loadBook(buf, name));
}

async function loadBook(buf: Buffer | Uint8Array, name: string): Promise<ExcelJS.Workbook> {
  checkSignature(buf, name);
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs' typings want its own Buffer flavour
    await wb.xlsx.load(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength) as unknown as ExcelJS.Buffer);
  } catch (e) {
    const detail = (e as Error)?.message ? `（${String((e as Error).message).split('\n')[0]}）` : '';
    throw new UserError(`无法读取 ${name}：文件已损坏，或不是 Excel 工作簿${detail}。`);
  }
  if (wb.worksheets.length === 0) throw new UserError(`${name} 中没有任何工作表，可能不是 Excel 工作簿。`);
  return wb;
}

/** Recognises the common wrong inputs from their first bytes. */
function checkSignature(buf: Uint8Array, name: string): void {
  if (buf.length === 0) throw new UserError(`文件是空的（0 字节）：${name}`);
  if (startsWith(buf, ZIP_MAGIC)) return;
  if (startsWith(buf, CFB_MAGIC)) {
    // An encrypted .xlsx is an OLE container holding EncryptionInfo / EncryptedPackage streams.
    const probe = Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.byteLength, 1 << 20)).toString('utf16le');
    const probeOdd = Buffer.from(buf.buffer, buf.byteOffset + 1, Math.min(buf.byteLength - 1, 1 << 20)).toString('utf16le');
    if (/EncryptedPackage|EncryptionInfo/.test(probe) || /EncryptedPackage|EncryptionInfo/.test(probeOdd)) {
      throw new UserError(`${name} 设有打开密码（已加密），无法读取。请在 Excel 中取消密码后另存一份再试。`);
    }
    throw new UserError(`${name} 是旧版 Excel 97-2003 格式（.xls），不支持。请在 Excel 中“另存为” .xlsx 后再试。`);
  }
  const head = Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.byteLength, 512)).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (head.startsWith('<')) {
    throw new UserError(`${name} 实际上是网页（HTML/XML）格式，不是真正的 Excel 工作簿。请在 Excel 中打开后“另存为” .xlsx 再试。`);
  }
  if (head.startsWith('%pdf')) throw new UserError(`${name} 是 PDF 文件，不是 Excel 工作簿。`);
  throw new UserError(`${name} 不是有效的 Excel（.xlsx）文件（可能是文本文件或已损坏）。`);
}

// exceljs value types (ExcelJS.ValueType)
const T_NULL = 0;
const T_MERGE = 1;

/** exceljs workbook -> Grid. Merge slaves are empty (exceljs repeats the master's value into them). */
export function gridFromExcelJS(wb: ExcelJS.Workbook): Workbook {
  const sheets: Sheet[] = [];
  for (const ws of wb.worksheets) {
    const rows: (Cell | undefined)[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      let out: (Cell | undefined)[] | undefined;
      row.eachCell({ includeEmpty: false }, (c, colNumber) => {
        const type = c.type as number;
        if (type === T_NULL || type === T_MERGE) return;
        const cell = toCell(c);
        if (!cell) return;
        if (!out) out = rows[rowNumber - 1] = [];
        out[colNumber - 1] = cell;
      });
    });
    // rows is sparse where a sheet has gaps; make every index a real (possibly empty) array
    for (let r = 0; r < rows.length; r++) if (!rows[r]) rows[r] = [];
    const sheet: Sheet = { name: ws.name, rows, merges: mergesOf(ws) };
    if (ws.state === 'hidden' || ws.state === 'veryHidden') sheet.hidden = true;
    sheets.push(sheet);
  }
  return { sheets };
}

function mergesOf(ws: ExcelJS.Worksheet): Rect[] {
  // exceljs keeps merges in a private map master address -> Range {top,left,bottom,right} (1-based)
  const map = (ws as unknown as { _merges?: Record<string, { top: number; left: number; bottom: number; right: number }> })._merges;
  const out: Rect[] = [];
  if (map) {
    for (const k of Object.keys(map)) {
      const m = map[k];
      if (m) out.push({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 });
    }
  } else {
    for (const s of (ws.model as { merges?: string[] }).merges ?? []) {
      const r = parseRange(s);
      if (r) out.push(r);
    }
  }
  out.sort((a, b) => a.top - b.top || a.left - b.left);
  return out;
}

function parseRange(s: string): Rect | undefined {
  const m = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/i.exec(s);
  if (!m) return undefined;
  const col = (t: string) => [...t.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { top: Number(m[2]) - 1, left: col(m[1]), bottom: Number(m[4]) - 1, right: col(m[3]) };
}

function toCell(c: ExcelJS.Cell): Cell | undefined {
  const raw = c.value as unknown;
  const numFmt = c.style?.numFmt;
  let cell: Cell;
  if (raw !== null && typeof raw === 'object' && !(raw instanceof Date) && ('formula' in raw || 'sharedFormula' in raw)) {
    const f = raw as { result?: unknown };
    cell = plain(f.result);
    const text = c.formula;
    if (text) cell.formula = text;
  } else {
    cell = plain(raw);
  }
  if (numFmt && numFmt !== 'General') cell.numFmt = numFmt;
  if ((cell.value === null || cell.value === '') && cell.error === undefined && cell.formula === undefined) return undefined;
  return cell;
}

/** A plain value (number, string, boolean, Date, rich text, hyperlink, error) -> Cell. */
function plain(v: unknown): Cell {
  if (v === null || v === undefined) return { value: null };
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? { value: v } : { value: null, error: '#NUM!' };
    case 'string':
      return { value: v };
    case 'boolean':
      return { value: v };
  }
  if (v instanceof Date) return { value: isoDate(v) };
  const o = v as Record<string, unknown>;
  if (typeof o.error === 'string') return { value: null, error: o.error };
  if (Array.isArray(o.richText)) return { value: richText(o.richText) };
  if ('hyperlink' in o || 'text' in o) {
    const t = o.text;
    if (typeof t === 'string') return { value: t };
    if (t && typeof t === 'object' && Array.isArray((t as { richText?: unknown }).richText)) {
      return { value: richText((t as { richText: unknown[] }).richText) };
    }
    return { value: typeof o.hyperlink === 'string' ? o.hyperlink : null };
  }
  if ('result' in o) return plain(o.result);
  return { value: null };
}

function richText(parts: unknown[]): string {
  let s = '';
  for (const p of parts) if (p && typeof (p as { text?: unknown }).text === 'string') s += (p as { text: string }).text;
  return s;
}

/** exceljs dates are UTC: '2021-01-15', or '2021-01-15T08:30:00' when there is a time of day. */
function isoDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return iso.replace(/\.000Z$/, '').replace(/Z$/, '');
}
