// The explanatory text of a PDF (情况说明, 编制说明 …): the lines outside every table, joined into paragraphs.
// This is what the text check (情况说明) consumes from a PDF; it sees plain paragraphs, as from a .docx.
import type { PdfLayout, ProseLine } from './layout';
import { tidy } from './layout';

export interface PdfParagraph {
  /** 1-based page where it starts */
  page: number;
  text: string;
}

export interface PdfTextDoc {
  /** where it came from (the file name) */
  source: string;
  paragraphs: PdfParagraph[];
}

/** The text as one string, paragraphs on their own lines (what a text check reading .txt gets). */
export function plainText(doc: PdfTextDoc): string {
  return doc.paragraphs.map((p) => p.text).join('\n');
}

/**
 * Lines -> paragraphs. A paragraph ends where a line stops short of the text's right margin, or the next
 * line is indented, a heading (一、 （一） 1.) or far below; lines of one paragraph are joined without a
 * space between CJK characters.
 */
export function proseText(lay: PdfLayout, source: string): PdfTextDoc {
  const paragraphs: PdfParagraph[] = [];
  for (const { page, lines } of lay.prose) {
    const sorted = dropPageNumbers([...lines].sort((a, b) => b.y - a.y));
    if (sorted.length === 0) continue;
    const left = percentile(sorted.map((l) => l.x0), 0.2);
    const right = percentile(sorted.map((l) => l.x1), 0.8);
    let cur: { page: number; parts: string[]; last: ProseLine } | undefined;
    const flush = () => {
      if (cur) paragraphs.push({ page: cur.page, text: tidy(cur.parts.reduce(joinLines, '')) });
      cur = undefined;
    };
    for (const l of sorted) {
      const indented = l.x0 > left + l.size * 1.2;
      const heading = /^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])/.test(l.text.trim());
      if (cur) {
        const prev = cur.last;
        const ended = prev.x1 < right - prev.size * 2 || /[。：:；;！？]$/.test(prev.text.trim()) && prev.x1 < right - prev.size;
        const far = prev.y - l.y > Math.max(prev.size, l.size) * 2.2;
        if (ended || far || indented || heading) flush();
      }
      if (!cur) cur = { page, parts: [], last: l };
      cur.parts.push(l.text.trim());
      cur.last = l;
    }
    flush();
  }
  // a paragraph broken by a page break goes on at the top of the next page
  const out: PdfParagraph[] = [];
  for (const p of paragraphs) {
    const prev = out[out.length - 1];
    if (prev && p.page === prev.page + 1 && !/[。：:；;！？]$/.test(prev.text) && !/^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])/.test(p.text)) {
      prev.text = joinLines(prev.text, p.text);
    } else out.push({ ...p });
  }
  return { source, paragraphs: out.filter((p) => p.text !== '') };
}

/** '— 8 —', '- 8 -', '第 8 页', '第8页 共20页', '8/20': a page number line. */
const PAGE_NUMBER = /^(?:[—–\-－‐~～]+\s*\d{1,4}\s*[—–\-－‐~～]+|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4})$/;

/**
 * A page's lines (top to bottom) without its page number: a line that is one (anywhere: it prints between
 * the halves of a sentence broken over the page), or a bare number as the page's lowest or highest line.
 */
function dropPageNumbers(lines: ProseLine[]): ProseLine[] {
  return lines.filter((l, i) => {
    const t = l.text.replace(/\s+/g, ' ').trim();
    if (PAGE_NUMBER.test(t)) return false;
    return !((i === lines.length - 1 || i === 0) && /^\d{1,4}$/.test(t) && lines.length > 1);
  });
}

function joinLines(a: string, b: string): string {
  if (a === '') return b;
  const cjk = /[\u2e80-\u9fff\uff00-\uffef“”‘’、，。：；]/;
  return cjk.test(a[a.length - 1]) || cjk.test(b[0]) ? a + b : a + ' ' + b;
}

function percentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.floor(q * s.length)))];
}
