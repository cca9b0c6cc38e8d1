// Marked copy: the clerk's workbook with every finding's cells filled and noted, plus a 校验结果 sheet,
// written into the original package (src/io/xlsx/mark.ts): every part the marks do not need is kept as
// it was. The input file is only read; values are never changed.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Report, TableId } from '../core/model/findings';
import { tableTitle } from '../core/profiles';
import { UserError } from './errors';
import { readWorkbookFileKeep } from './xlsx-read';
import { FILL_ARGB, markPackage, NOTE_PREFIX, RESULT_SHEET, SEVERITY_TEXT, sheetRef } from './xlsx/mark';
import type { XlsxPackage } from './xlsx/read';

export { NOTE_PREFIX, RESULT_SHEET, SEVERITY_TEXT, sheetRef };
export const FILL_ERROR = FILL_ARGB.error;
export const FILL_WARNING = FILL_ARGB.warning;
export const FILL_INFO = FILL_ARGB.info;

/** '3 部门预算支出总表' for T3; '整个工作簿' for workbook-wide findings. */
export function tableLabel(table: TableId | undefined): string {
  return table ? `${table.slice(1)} ${tableTitle(table)}` : '整个工作簿';
}

/** Whether two paths name the same file (after resolving; case-insensitive on Windows and macOS). */
export async function samePath(a: string, b: string): Promise<boolean> {
  const real = async (p: string) => {
    const abs = path.resolve(p);
    try {
      return await fs.realpath(abs);
    } catch {
      // not there yet: resolve its folder
      try {
        return path.join(await fs.realpath(path.dirname(abs)), path.basename(abs));
      } catch {
        return abs;
      }
    }
  };
  const [ra, rb] = await Promise.all([real(a), real(b)]);
  if (process.platform === 'win32' || process.platform === 'darwin') return ra.toLowerCase() === rb.toLowerCase();
  return ra === rb;
}

/**
 * Writes a marked copy of `inputPath` to `outPath`. Refuses to write onto the input, and over an existing
 * file unless `force`. `loaded`: the input's package as already read by readWorkbookFileKeep (the file is
 * not read again).
 */
export async function writeMarkedCopy(inputPath: string, outPath: string, report: Report, loaded?: XlsxPackage, force = true): Promise<void> {
  if (await samePath(inputPath, outPath)) {
    throw new UserError(`标记副本不能覆盖原文件（--out 与输入文件相同：${outPath}），请另取一个文件名。`);
  }
  if (path.extname(outPath).toLowerCase() !== '.xlsx') {
    throw new UserError(`标记副本的文件名须以 .xlsx 结尾：${outPath}`);
  }
  if (!force && (await fs.stat(outPath).catch(() => undefined))) throw new UserError(`标记副本已存在：${outPath}。如确需覆盖，请加 --force。`);
  const pkg = loaded ?? (await readWorkbookFileKeep(inputPath)).pkg;
  let out: Buffer;
  try {
    out = markPackage(pkg, report, path.basename(inputPath), tableTitle);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const err = new UserError(`生成标记副本失败：${path.basename(inputPath)} 的结构无法写入标记。`);
    (err as Error & { cause?: unknown }).cause = e;
    throw err;
  }
  try {
    await fs.mkdir(path.dirname(path.resolve(outPath)), { recursive: true });
    await fs.writeFile(outPath, out);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') {
      throw new UserError(`无法写入 ${outPath}：文件可能正在 Excel 中打开，或没有写入权限。请关闭后重试。`);
    }
    throw new UserError(`无法写入 ${outPath}：${(e as Error).message}`);
  }
}
