// The explanatory text (情况说明) as read: its exact text (what quotes are cut from) and a normalised view
// for reading figures, with a map from every normalised character back to the exact text.
import type { Sheet } from '../../model/grid';
import { address, cellText } from '../../model/grid';

export interface TextDoc {
  /** where it came from: a file name or the sheet's name */
  source: string;
  /** the text exactly as read: paragraphs joined by '\n' */
  text: string;
  /** a sheet holding the text: the cell of each paragraph (by paragraph index) */
  cells?: { sheet: string; address: string }[];
}

/** Sheets that hold the explanatory text and are read without any option. */
export const TEXT_SHEET_NAMES = /^(部门预算)?(情况说明|编制说明)(（草稿）|\(草稿\))?$|^部门预算(信息公开)?情况说明$/;

export function docFromParagraphs(source: string, paragraphs: string[]): TextDoc {
  return { source, text: paragraphs.join('\n') };
}

/** A text sheet: every non-empty row is a paragraph (its cells' texts joined by a tab). */
export function docFromSheet(sheet: Sheet): TextDoc {
  const paras: string[] = [];
  const cells: { sheet: string; address: string }[] = [];
  sheet.rows.forEach((row, r) => {
    if (!row) return;
    const texts: string[] = [];
    let first = -1;
    row.forEach((c, i) => {
      const t = cellText(c);
      if (t === '') return;
      if (first < 0) first = i;
      texts.push(t);
    });
    if (!texts.length) return;
    paras.push(texts.join('\t'));
    cells.push({ sheet: sheet.name, address: address(r, first) });
  });
  return { source: `工作表“${sheet.name}”`, text: paras.join('\n'), cells };
}


/**
 * The normalised view: full-width digits, letters and %．folded to ASCII, whitespace dropped between
 * Chinese characters, spaces inside a number joined ('2 654.58', '536. 7'), line breaks inside a sentence
 * (a PDF copy, every line a paragraph) joined; paragraph breaks kept as '\n'. `at[i]` is the index in
 * the exact text of normalised character i (at[n] = text.length).
 */
export interface View {
  s: string;
  at: number[];
  /** by paragraph (between '\n' of s): a row of a table (cells apart by tabs) */
  tableRows: boolean[];
}

const FULLWIDTH = /[\uff01-\uff5e]/;
// folded: digits, ASCII letters, '.', '%', '-', '+', '/'; Chinese punctuation （），：；、 stays as it is
const FOLD = new Set(['．', '％', '－', '＋', '／', '＝', '＜', '＞', '［', '］']);

function fold(ch: string): string {
  if (ch === '\u3000' || ch === '\u00a0' || ch === '\t' || ch === '\r') return ' ';
  if (ch === '﹪') return '%';
  if (FULLWIDTH.test(ch)) {
    const code = ch.charCodeAt(0);
    const ascii = String.fromCharCode(code - 0xfee0);
    if (/[0-9A-Za-z]/.test(ascii) || FOLD.has(ch)) return ascii;
  }
  return ch;
}

/** Ends a sentence: a line ending in one of these is a paragraph of its own. */
// （；and ：end list items printed one per line: the list goes on）
const LINE_END = /[。！？!?”」』）)]$|^\s*$/;
/** Starts a paragraph: headings and list items ('一、' '（一）' '1、' '1.' '(1)' '第一部分' '注：'). */
const LINE_START = /^\s*([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．](?!\d)|第[一二三四五六七八九十\d]+[部章节]|注[：:]|附[件表]|[-•·●]\s)/;

const isAsciiWord = (c: string | undefined): boolean => c !== undefined && /[0-9A-Za-z]/.test(c);

export function normalize(text: string): View {
  // 1. lines of the text, with the offset each starts at
  const lines: { start: number; s: string }[] = [];
  let pos = 0;
  for (const raw of text.split('\n')) {
    lines.push({ start: pos, s: raw });
    pos += raw.length + 1;
  }
  // 2. which line breaks are kept (a break between two sentences or before a heading)
  const out: string[] = [];
  const at: number[] = [];
  let prevContent: { s: string } | undefined;
  let pendingSpace = -1; // exact index of whitespace seen since the last character written
  const push = (ch: string, i: number) => {
    out.push(ch);
    at.push(i);
  };
  const tableRows: boolean[] = [false];
  let openQuotes = 0;
  for (const line of lines) {
    const trimmed = line.s.trim();
    if (trimmed === '') continue;
    if (isTableLine(line.s)) tableRows[tableRows.length - 1] = true;
    if (prevContent) {
      // a figure continued on the next line ('…预算收入' / '536.7万元', '…收入0' / '万元') is always joined
      const figureGoesOn =
        /^\s*([\d.,，]+\s*)?(万元|元|亿元|%)/.test(line.s) ||
        (/\d$/.test(prevContent.s.trim()) && /^\s*[\d.]/.test(line.s)) ||
        // '…2018年政府性基金支出预算' / '支出 0 万元': a line that goes on with its figure is no heading
        (!LINE_START.test(prevContent.s) && !LINE_END.test(prevContent.s.trim()) && /^\s*[\u4e00-\u9fa5]{1,4}\s*[\d.,]+\s*(万元|元|亿元|%)/.test(line.s));
      const joined =
        figureGoesOn || (!LINE_END.test(prevContent.s.trim()) && !LINE_START.test(line.s) && !isHeadingLine(prevContent.s) && !isTableLine(prevContent.s) && !isTableLine(line.s));
      if (joined) {
        if (pendingSpace < 0) pendingSpace = line.start - 1;
      } else {
        push('\n', line.start - 1);
        pendingSpace = -1;
        tableRows.push(false);
      }
    }
    for (let k = 0; k < line.s.length; k++) {
      let ch = fold(line.s[k]);
      // the full-width straight quote ＂ ('…（项）＂359.34万元') closes an open “, else opens one
      if (ch === '＂') ch = openQuotes > 0 ? '”' : '“';
      if (ch === '“') openQuotes++;
      else if (ch === '”' && openQuotes > 0) openQuotes--;
      if (ch === ' ') {
        if (pendingSpace < 0) pendingSpace = line.start + k;
        continue;
      }
      if (pendingSpace >= 0 && out.length && out[out.length - 1] !== '\n') {
        const a = out[out.length - 1];
        if (keepSpace(a, ch, line.s, k, out)) push(' ', pendingSpace);
      }
      pendingSpace = -1;
      push(ch, line.start + k);
    }
    prevContent = line;
  }
  at.push(text.length);
  return { s: out.join(''), at, tableRows };
}

/** A heading or a title: short, and numbered or without any punctuation ('1.收入说明', '部门机构设置情况'). */
function isHeadingLine(s: string): boolean {
  const t = s.trim();
  // '（二）社会保障和就业支出类科目 116433.12 元，占支' (a PDF copy): a figure and a clause after it, no heading
  if (/\d\s*(万元|元|亿元|%)\s*[，,]/.test(t)) return false;
  return t.length <= 30 && !/[。；;]/.test(t) && (LINE_START.test(t) || !/[，、：,:]/.test(t));
}

/** A row of a table pasted as text: cells separated by tabs. */
function isTableLine(s: string): boolean {
  return /\S\t+\S/.test(s.trim());
}

/**
 * Whether whitespace between a (already written) and b is kept as one space: between two ASCII words
 * (never between Chinese characters), except inside a number ('2 654.58', '536. 7', '1 万元').
 */
function keepSpace(a: string, b: string, line: string, k: number, out: string[]): boolean {
  if (a === '.' && /\d/.test(b) && /\d/.test(out[out.length - 2] ?? '')) return false;
  if (/\d/.test(a) && b === '.' && /\d/.test(line[k + 1] ?? '')) return false;
  if (/\d/.test(a) && /\d/.test(b)) {
    // thousands grouping: 1–3 digits, space, exactly 3 digits then a non-digit
    let n = 0;
    for (let j = out.length - 1; j >= 0 && /\d/.test(out[j]); j--) n++;
    const before = out[out.length - 1 - n];
    const groupOk = n >= 1 && n <= 3 && (before === undefined || !/[\d.]/.test(before));
    const next3 = line.slice(k, k + 4);
    if (groupOk && /^\d{3}(?!\d)/.test(next3)) return false;
    return true;
  }
  return isAsciiWord(a) && isAsciiWord(b);
}

/** A quote as a clerk reads it: whitespace and line breaks collapsed. */
export function readable(s: string): string {
  return s.replace(/\s*\n\s*/g, '').replace(/[ \t\u3000]+/g, ' ').trim();
}
