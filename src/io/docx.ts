// Word (.docx) to paragraphs, in the browser and in Node: the package is read with JSZip (already in the
// tree through exceljs) and word/document.xml walked with a small tokenizer. Paragraphs as Word shows
// them: runs joined, tabs kept, line breaks (Shift+Enter) as '\n', table rows as one line with cells
// separated by tabs, deleted text of tracked changes, hidden text, field codes and the fallback copy of
// text boxes left out. Automatic list numbers (numbering.xml) are not part of the text and are not read.
import JSZip from 'jszip';
import { UserError } from './errors';

const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Whether the bytes contain s in UTF-16LE (stream names inside an OLE compound file). */
function hasUtf16(bytes: Uint8Array, s: string): boolean {
  const pat = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) pat[i * 2] = s.charCodeAt(i);
  outer: for (let i = 0; i + pat.length <= bytes.length; i++) {
    for (let j = 0; j < pat.length; j++) if (bytes[i + j] !== pat[j]) continue outer;
    return true;
  }
  return false;
}

export function isCompoundFile(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && CFB.every((b, i) => bytes[i] === b);
}

/** The paragraphs of a .docx file's body. Throws a UserError (Chinese, one line) for anything unreadable. */
export async function docxParagraphs(bytes: Uint8Array, name: string): Promise<string[]> {
  if (bytes.length === 0) throw new UserError(`情况说明“${name}”是空文件，没有文字可核对。`);
  if (isCompoundFile(bytes)) {
    if (hasUtf16(bytes, 'EncryptedPackage')) throw new UserError(`情况说明“${name}”设置了打开密码（已加密），无法读取：请在 Word 中取消密码（文件 → 信息 → 保护文档）后另存一份再试。`);
    if (hasUtf16(bytes, 'WordDocument')) throw new UserError(`情况说明“${name}”是旧版 Word 97-2003 文档（.doc），无法读取：请在 Word 中另存为 .docx 或 .txt 后再试。`);
    throw new UserError(`情况说明“${name}”不是 Word 文档（.docx），无法读取。`);
  }
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new UserError(`情况说明“${name}”已损坏或不是 Word 文档（.docx 无法解压），无法读取。`);
  }
  const doc = zip.file('word/document.xml');
  if (!doc) throw new UserError(`情况说明“${name}”不是 Word 文档（缺少 word/document.xml），无法读取。`);
  let xml: string;
  try {
    xml = await doc.async('string');
  } catch {
    throw new UserError(`情况说明“${name}”已损坏（正文无法解压），无法读取。`);
  }
  return documentParagraphs(xml);
}

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeXml(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) ? String.fromCodePoint(n) : m;
    }
    return ENTITY[e] ?? m;
  });
}

/** Paragraphs of word/document.xml (exported for tests). */
export function documentParagraphs(xml: string): string[] {
  const out: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w.-]*:)?([\w.-]+)([^>]*?)(\/?)>|([^<]+)/g;
  let para: string[] | undefined;
  let run: { text: string[]; hidden: boolean } | undefined;
  let inText = false;
  // elements whose content is never shown: deleted runs, field codes, fallbacks of text boxes
  let skip = 0;
  const skipping = new Set(['del', 'delText', 'instrText', 'Fallback', 'fldData']);
  // table rows: cells joined by tabs
  const rows: string[][][] = [];
  let inRPr = false;
  const flushRun = () => {
    if (run && para && !run.hidden) para.push(run.text.join(''));
    run = undefined;
  };
  for (const m of xml.matchAll(tag)) {
    if (m[6] !== undefined) {
      if (inText && !skip && run) run.text.push(decodeXml(m[6]));
      continue;
    }
    const closing = m[1] === '/';
    const local = m[3];
    const selfClosing = m[5] === '/';
    if (skipping.has(local)) {
      if (closing) skip = Math.max(0, skip - 1);
      else if (!selfClosing) skip++;
      continue;
    }
    if (skip) continue;
    switch (local) {
      case 'p':
        if (!closing) {
          para = [];
          if (selfClosing) {
            emit('');
            para = undefined;
          }
        } else if (para) {
          flushRun();
          emit(para.join(''));
          para = undefined;
        }
        break;
      case 'r':
        if (!closing && !selfClosing) run = { text: [], hidden: false };
        else if (closing) flushRun();
        break;
      case 'rPr':
        inRPr = !closing && !selfClosing;
        break;
      case 'vanish':
        if (inRPr && run && !/w:val="(0|false)"/.test(m[4])) run.hidden = true;
        break;
      case 't':
        inText = !closing && !selfClosing;
        break;
      case 'tab':
        if (run && !inRPr) run.text.push('\t');
        break;
      case 'br':
      case 'cr':
        if (run && !/w:type="(page|column)"/.test(m[4])) run.text.push('\n');
        break;
      case 'noBreakHyphen':
        if (run) run.text.push('-');
        break;
      case 'tr':
        if (!closing) rows.push([]);
        else {
          const row = rows.pop();
          if (row) emit(row.map((cell) => cell.join(' ')).join('\t'), true);
        }
        break;
      case 'tc':
        if (!closing && rows.length) rows[rows.length - 1].push([]);
        break;
    }
  }
  return out;

  function emit(text: string, row = false): void {
    // a paragraph inside a table cell goes to its cell; rows are emitted whole
    if (!row && rows.length) {
      const cells = rows[rows.length - 1];
      if (cells.length) cells[cells.length - 1].push(text);
      return;
    }
    out.push(text);
  }
}
