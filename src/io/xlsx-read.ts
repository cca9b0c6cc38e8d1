// .xlsx file/buffer -> Grid: the input checks (what kind of file it is), then the package reader
// (src/io/xlsx/read.ts). Every unreadable input becomes a UserError with one Chinese line.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Workbook } from '../core/model/grid';
import { UserError } from './errors';
import { limitsFromEnv, readXlsx, type ReadLimits, type XlsxPackage } from './xlsx/read';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(buf: Uint8Array, magic: number[]): boolean {
  if (buf.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (buf[i] !== magic[i]) return false;
  return true;
}

/** Reads an .xlsx file into a Grid; every unreadable input becomes a UserError with a Chinese message. */
export async function readWorkbookFile(file: string, limits: ReadLimits = limitsFromEnv()): Promise<Workbook> {
  const buf = await readInputFile(file);
  return load(buf, path.basename(file), limits).grid;
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
 * Reads an .xlsx file into a Grid and keeps its package, for a marked copy written from the same read
 * (writeMarkedCopy's `loaded`): the file is read and unzipped once.
 */
export async function readWorkbookFileKeep(file: string, limits: ReadLimits = limitsFromEnv()): Promise<{ grid: Workbook; pkg: XlsxPackage }> {
  const buf = await readInputFile(file);
  return load(buf, path.basename(file), limits);
}

/** Reads .xlsx bytes. `name` is only used in messages. */
export async function readWorkbookBuffer(buf: Buffer | Uint8Array, name = '该文件', limits: ReadLimits = limitsFromEnv()): Promise<Workbook> {
  return load(buf, name, limits).grid;
}

function load(buf: Buffer | Uint8Array, name: string, limits: ReadLimits): { grid: Workbook; pkg: XlsxPackage } {
  checkSignature(buf, name);
  const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  try {
    return readXlsx(b, name, limits);
  } catch (e) {
    if (e instanceof UserError) throw e;
    // anything else is a file we could not make sense of: the detail only with BUDGET_DEBUG=1
    const err = new UserError(`无法读取 ${name}：文件已损坏，或不是 Excel 工作簿。可在 Excel 中打开后“另存为” .xlsx 再试。`);
    (err as Error & { cause?: unknown }).cause = e;
    throw err;
  }
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
