// The explanatory text from a file's bytes: .docx (docx.ts) or .txt. Browser-safe (no Node APIs): the
// command line reads the file, the task pane passes what the clerk picked.
import type { TextDoc } from '../core/validate/text/doc';
import { docFromParagraphs } from '../core/validate/text/doc';
import { docxParagraphs, isCompoundFile } from './docx';
import { UserError } from './errors';

/**
 * Text of a .txt file: UTF-8 (BOM optional), UTF-16 with its BOM, else GB18030 (what Notepad and WPS
 * write on Chinese Windows: GBK is a subset), detected by whether the bytes are valid UTF-8.
 */
export function decodeText(buf: Uint8Array): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    return new TextDecoder('gb18030').decode(buf);
  }
}

/** A 情况说明 runs to a few thousand characters (a whole disclosure's text layer to ~45,000): a hostile file stops here. */
export const MAX_TEXT_CHARS = 100_000;

const isZip = (b: Uint8Array): boolean => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && (b[3] === 4 || b[3] === 6);

/** Reads an explanatory text; `name` is the file name (its extension decides, the content confirms). */
export async function readTextBytes(bytes: Uint8Array, name: string): Promise<TextDoc> {
  const lower = name.toLowerCase();
  let paragraphs: string[];
  if (lower.endsWith('.docx') || lower.endsWith('.docm') || lower.endsWith('.doc') || isZip(bytes) || isCompoundFile(bytes)) {
    if (lower.endsWith('.txt') && !isZip(bytes) && !isCompoundFile(bytes)) paragraphs = textParagraphs(bytes, name);
    else paragraphs = await docxParagraphs(bytes, name);
  } else if (lower.endsWith('.txt') || lower.endsWith('.text') || !/\.[a-z0-9]{1,5}$/.test(lower)) {
    paragraphs = textParagraphs(bytes, name);
  } else {
    throw new UserError(`情况说明须为 Word 文档（.docx）或纯文本（.txt）：${name}`);
  }
  const doc = docFromParagraphs(name, paragraphs);
  if (doc.text.trim() === '') throw new UserError(`情况说明“${name}”中没有文字，无法核对。`);
  if (doc.text.length > MAX_TEXT_CHARS) {
    throw new UserError(`情况说明“${name}”有 ${doc.text.length.toLocaleString('en-US')} 字，超过上限 ${MAX_TEXT_CHARS.toLocaleString('en-US')} 字（情况说明通常只有几千字），未核对。`);
  }
  return doc;
}

function textParagraphs(bytes: Uint8Array, name: string): string[] {
  if (bytes.length === 0) throw new UserError(`情况说明“${name}”是空文件，没有文字可核对。`);
  // NULs: a binary file (or UTF-16 without its BOM), not a text a clerk saved
  let nul = 0;
  for (let i = 0; i < Math.min(bytes.length, 4096); i++) if (bytes[i] === 0) nul++;
  if (nul > 0) throw new UserError(`情况说明“${name}”不是纯文本文件，无法读取：请另存为 .txt（UTF-8 或 GBK 编码）或 .docx 后再试。`);
  return decodeText(bytes).replace(/^\ufeff/, '').replace(/\r\n?/g, '\n').split('\n');
}
