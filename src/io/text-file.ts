// The explanatory text from a file on disk (command line); the decoding itself is text-read.ts.
import { promises as fs } from 'node:fs';
import type { TextDoc } from '../core/validate/text/doc';
import { UserError } from './errors';
import { readTextBytes } from './text-read';

export async function readTextFile(file: string): Promise<TextDoc> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch {
    throw new UserError(`找不到情况说明文件：${file}`);
  }
  if (!stat.isFile()) throw new UserError(`情况说明“${file}”不是普通文件，无法读取。`);
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    throw new UserError(code === 'EACCES' || code === 'EPERM' ? `没有权限读取情况说明：${file}` : `无法读取情况说明 ${file}：${(e as Error)?.message ?? String(e)}`);
  }
  return readTextBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), file);
}
