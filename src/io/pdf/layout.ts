// PDF text layer -> tables. Pure (no pdfjs, no Node APIs): text runs with positions -> lines -> table
// regions (a title, its header band, its rows, continued over pages) -> one Sheet per table, the same Grid
// the workbook adapters hand over, plus where every cell is printed (page, reader's row/column, box).
import { ECONOMIC_KUAN } from '../../core/model/economic-kuan';
import { ECONOMIC_CLASSES, FUNCTIONAL_CLASSES_WITH_EARLIER } from '../../core/profiles/classes';
import { PROFILES } from '../../core/profiles';
import type { Cell, Rect, Sheet, Workbook } from '../../core/model/grid';
import type { Rule, RuledCell, RuledGrid } from './rules';
import { cellAt, cutsAt, gridsOf } from './rules';

/** One run of text as the PDF draws it. Coordinates in PDF user space (y grows upwards). */
export interface TextRun {
  str: string;
  x0: number;
  x1: number;
  /** baseline */
  y: number;
  /** font size (height of the text) */
  size: number;
}

export interface PageText {
  /** 1-based */
  page: number;
  /** as displayed (a rotated page upright); runs are in these coordinates, y upwards */
  width: number;
  height: number;
  runs: TextRun[];
  /** ruling lines drawn on the page (table borders), same coordinates; absent: not read */
  rules?: Rule[];
  /** displayed coordinates -> PDF user space (absent: the same) */
  toUser?: [number, number, number, number, number, number];
}

/** Where a cell is printed. */
export interface CellBox {
  page: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** the row as a reader counts it on that page: body rows of the table, 1-based, below the header */
  row: number;
  /** 1-based column of the table */
  col: number;
}

export interface PdfTable {
  /** 1-based, in print order: 表N of the reader's address */
  no: number;
  title: string;
  /** the sheet holding it in the Grid */
  sheet: string;
  pages: number[];
  /** boxes[r][c], parallel to the sheet's rows (absent: nothing printed there and no row/column known) */
  boxes: (CellBox | undefined)[][];
}

export interface PdfLayout {
  grid: Workbook;
  tables: PdfTable[];
  /** lines outside every table, page by page (the explanatory text) */
  prose: { page: number; lines: ProseLine[] }[];
}

export interface ProseLine {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

// ---------------------------------------------------------------------------------------------------
// Runs -> chunks -> lines

/** A piece of text of one line: runs closer than a small gap, joined. */
interface Chunk {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

interface Line {
  page: number;
  y: number;
  size: number;
  chunks: Chunk[];
  /** all chunks' text, spaces removed */
  flat: string;
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’（）【】《》、：；，。]/;

function isCjk(ch: string | undefined): boolean {
  return ch !== undefined && CJK.test(ch);
}

/** Joins two texts of one cell: nothing between CJK characters (distributed text), one space otherwise. */
function joinText(a: string, b: string): string {
  if (a === '') return b;
  if (b === '') return a;
  return isCjk(a[a.length - 1]) || isCjk(b[0]) ? a + b : a + ' ' + b;
}

/** Removes spaces a PDF puts between CJK characters ('合   计' -> '合计'); other spaces collapse to one. */
export function tidy(s: string): string {
  return s
    .replace(/[\u00a0\u3000\t]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(?<=[\u2e80-\u9fff\uff00-\uffef“”（）、：]) (?=[\u2e80-\u9fff\uff00-\uffef“”（）、：])/g, '');
}

/** Splits a run at gaps of two or more spaces (one item holding several cells), estimating positions. */
function splitRun(r: TextRun): TextRun[] {
  // a figure followed by text ('371,514,655.00 一、…' or '…655.00支出总计'): two cells drawn as one run
  if (/(\d,\d{3}|\.\d\d)\s?(?=[\u4e00-\u9fff])/.test(r.str)) {
    const m = /^(.*?(?:\d,\d{3}|\.\d\d))\s?(?=[\u4e00-\u9fff])/.exec(r.str)!;
    const head = m[1];
    const rest = r.str.slice(m[0].length);
    const weight = (t: string) => [...t].reduce((n, ch) => n + (isCjk(ch) ? 1 : 0.5), 0);
    const unit = (r.x1 - r.x0) / Math.max(0.5, weight(r.str));
    const x = r.x0 + weight(r.str.slice(0, m[0].length)) * unit;
    return [...splitRun({ ...r, str: head, x1: r.x0 + weight(head) * unit }), ...splitRun({ ...r, str: rest, x0: x })];
  }
  // text followed by a figure after one space ('一、一般公共预算资金 91,016,775.35')
  const tf = /^(.*[\u4e00-\u9fff）)])\s(?=[-−]?(\d{1,3}(,\d{3})+(\.\d+)?|\d+\.\d\d)(\s|$))/.exec(r.str);
  if (tf) {
    const weight = (t: string) => [...t].reduce((n, ch) => n + (isCjk(ch) ? 1 : 0.5), 0);
    const unit = (r.x1 - r.x0) / Math.max(0.5, weight(r.str));
    const rest = r.str.slice(tf[0].length);
    return [...splitRun({ ...r, str: tf[1], x1: r.x0 + weight(tf[1]) * unit }), ...splitRun({ ...r, str: rest, x0: r.x0 + weight(tf[0]) * unit })];
  }
  if (!/\S\s{2,}\S|\d\s[\d-]/.test(r.str)) return [r];
  const weight = (ch: string) => (isCjk(ch) ? 1 : 0.5);
  let total = 0;
  for (const ch of r.str) total += weight(ch);
  const unit = total > 0 ? (r.x1 - r.x0) / total : 0;
  const out: TextRun[] = [];
  let pos = 0;
  // a piece: words separated by single spaces, except two figures side by side ('2.00 208': two cells)
  const re = /\S+(?:\s(?![-−]?\d)\S+|(?<=\D)\s\S+)*/g;
  let m: RegExpExecArray | null;
  let consumed = 0;
  const chars = [...r.str];
  const text = chars.join('');
  while ((m = re.exec(text))) {
    for (const ch of text.slice(consumed, m.index)) pos += weight(ch);
    let w = 0;
    for (const ch of m[0]) w += weight(ch);
    out.push({ str: m[0], x0: r.x0 + pos * unit, x1: r.x0 + (pos + w) * unit, y: r.y, size: r.size });
    pos += w;
    consumed = m.index + m[0].length;
  }
  return out;
}

/** Splits a run where a vertical ruling line crosses it (texts of two cells drawn as one run). */
function cutRun(r: TextRun, vs: Rule[]): TextRun[] {
  const cuts = vs.length ? cutsAt(vs, r.x0 + r.size * 0.3, r.x1 - r.size * 0.3, r.y + r.size * 0.35) : [];
  if (cuts.length === 0) return [r];
  const chars = [...r.str];
  const weight = (ch: string) => (isCjk(ch) ? 1 : 0.5);
  const total = chars.reduce((n, ch) => n + weight(ch), 0);
  const unit = total > 0 ? (r.x1 - r.x0) / total : 0;
  const out: TextRun[] = [];
  let start = 0;
  let pos = 0;
  let x = r.x0;
  let k = 0;
  for (let i = 0; i < chars.length; i++) {
    const mid = r.x0 + (pos + weight(chars[i]) / 2) * unit;
    while (k < cuts.length && cuts[k] < mid) {
      const str = chars.slice(start, i).join('');
      if (str.trim() !== '') out.push({ ...r, str, x0: x, x1: r.x0 + pos * unit });
      start = i;
      x = r.x0 + pos * unit;
      k++;
    }
    pos += weight(chars[i]);
  }
  const str = chars.slice(start).join('');
  if (str.trim() !== '') out.push({ ...r, str, x0: x, x1: r.x1 });
  return out;
}

/** Groups a page's runs into lines (top to bottom) of chunks (left to right). */
export function pageLines(p: PageText): Line[] {
  const runs: TextRun[] = [];
  const vs = (p.rules ?? []).filter((r) => r.x0 === r.x1);
  for (const r of p.runs) {
    if (r.str.trim() === '' || !(r.x1 >= r.x0) || !(r.size > 0)) continue;
    for (const s of splitRun(r)) runs.push(...cutRun(s, vs));
  }
  // by the vertical centre, top first
  runs.sort((a, b) => b.y + b.size * 0.35 - (a.y + a.size * 0.35) || a.x0 - b.x0);
  const groups: TextRun[][] = [];
  let cur: TextRun[] = [];
  let cy = NaN;
  let cs = 0;
  for (const r of runs) {
    const c = r.y + r.size * 0.35;
    if (cur.length > 0 && Math.abs(cy - c) <= 0.45 * Math.min(cs, r.size)) {
      cur.push(r);
      continue;
    }
    if (cur.length > 0) groups.push(cur);
    cur = [r];
    cy = c;
    cs = r.size;
  }
  if (cur.length > 0) groups.push(cur);
  const lines: Line[] = [];
  for (const g of groups) {
    g.sort((a, b) => a.x0 - b.x0);
    const chunks: Chunk[] = [];
    for (const r of g) {
      const last = chunks[chunks.length - 1];
      const gap = last ? r.x0 - last.x1 : Infinity;
      const numeric = /^[-−\d,.]+$/.test(last?.text ?? '') || /^[-−\d,.]+$/.test(r.str.trim());
      const ruled = last !== undefined && cutsAt(vs, last.x1 - r.size * 0.5, r.x0 + r.size * 0.5, r.y + r.size * 0.35).length > 0;
      if (last && !ruled && gap < (numeric ? 0.08 : 0.3) * Math.min(last.size, r.size)) {
        last.text = last.text + (gap > 0.15 * r.size && !isCjk(last.text[last.text.length - 1]) && !isCjk(r.str[0]) ? ' ' : '') + r.str;
        last.x1 = Math.max(last.x1, r.x1);
        last.size = Math.max(last.size, r.size);
      } else chunks.push({ text: r.str, x0: r.x0, x1: r.x1, y: r.y, size: r.size });
    }
    for (const c of chunks) c.text = tidy(c.text);
    const size = median(chunks.map((c) => c.size));
    const y = median(chunks.map((c) => c.y));
    lines.push({ page: p.page, y, size, chunks, flat: chunks.map((c) => c.text).join('').replace(/\s+/g, '') });
  }
  return lines;
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// ---------------------------------------------------------------------------------------------------
// Line kinds

const AMOUNT_RE = /^[-−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;
const CODE_RE = /^\d{3}(\d{2}){0,2}$/;

/** '1,234.50' -> 1234.5; undefined if not an amount as printed. */
export function amountOf(text: string): number | undefined {
  const t = text.replace(/[\s\u00a0]/g, '').replace(/，/g, ',').replace(/．/g, '.').replace(/−/g, '-');
  if (!AMOUNT_RE.test(t)) return undefined;
  const n = Number(t.replace(/,/g, ''));
  return Number.isFinite(n) ? n : undefined;
}

/** Whether a page's texts hold figures enough for a table, or a table's title (its ruling lines are then read). */
export function mayHoldTable(texts: string[]): boolean {
  let n = 0;
  for (const t of texts) {
    if (/\d[.,]\d/.test(t) && ++n >= 3) return true;
    // an empty table has its title (and a header) only
    if (isTitleText(t.replace(/\s+/g, ''))) return true;
  }
  return false;
}

function isAmountText(t: string): boolean {
  return /[.,]/.test(t) ? amountOf(t) !== undefined : false;
}

/** A table title: ends in 表 (or 表 + its number / （续）), short, not a table of contents line. */
export function isTitleText(flat: string): boolean {
  if (flat.length < 5 || flat.length > 64) return false;
  if (/[…]{1,}|\.{4,}|·{3,}/.test(flat)) return false;
  if (/[。；]/.test(flat)) return false;
  const t = flat.replace(/[（(]续(表)?[）)]$|续表$/, '').replace(/[（(][^（）()]{1,12}[）)]$/, '');
  if (isTableNumber(t)) return false;
  return /表$|表[0-9一二三四五六七八九十]+(-\d+)?$|^(公开)?[0-9一二三四五六七八九十]+表[：:].{3,}/.test(t) && !/^注|^说明/.test(t);
}

/** '表十一' alone on a line above a title: the table's number. */
function isTableNumber(flat: string): boolean {
  return /^(附)?表[0-9一二三四五六七八九十]+$/.test(flat);
}

/**
 * A title printed over two lines: '公开 09 表：…会议费、培训费' / '支出预算表', or a numbered title wrapped
 * at the page's margin ('十一、一般公共预算“三公”经费、会议费、培训费支出预' / '算表').
 */
function isSplitTitle(l: Line, next: Line): boolean {
  if (!/表$/.test(next.flat) || next.flat.length > 24 || next.chunks.length > 1) return false;
  if (isTitleStart(l.flat)) return true;
  const numbered = /^([一二三四五六七八九十]+、|\d{1,2}[.．、])/.test(l.flat);
  return l.chunks.length === 1 && next.flat.length <= (numbered ? 8 : 3) && /预算|经费|支出|收入/.test(l.flat) && isTitleText(l.flat + next.flat) && l.y - next.y < 2.5 * l.size;
}

/** First part of a title printed over two lines ('公开 09 表：…会议费、培训费' / '支出预算表'). */
function isTitleStart(flat: string): boolean {
  return /^(公开)?[0-9]{1,2}表[：:]/.test(flat) && flat.length <= 40;
}

const INFO_RE = /编制(部门|单位)|^(预算)?(主管)?部门[：:]|单位[：:]|金额单位|预算年度|单位名称|^单位编码/;

function isInfoLine(l: Line): boolean {
  // also the unit's code and name ('450 高邑县医疗保障局') or the year alone, each on its own line
  return (INFO_RE.test(l.flat) || /^\[?\d{3,}\]?[\u4e00-\u9fff（）()]{2,}$/.test(l.flat) || /^(19|20)\d{2}年?(度)?$/.test(l.flat)) && !l.chunks.some((c) => isAmountText(c.text));
}

function isNoteLine(l: Line): boolean {
  return /^(注|说明|备注)[0-9]?[：:.．]|^注[^册]|空表|此表为空|本表为空|无(相关)?收支/.test(l.flat) && l.chunks.length <= 2;
}

function isPageNumber(l: Line, p: PageText): boolean {
  if (l.chunks.length !== 1) return false;
  const t = l.flat;
  if (!/^[-—–－]?\d{1,3}[-—–－]?$|^第\d+页(共\d+页)?$|^\d+\/\d+$/.test(t)) return false;
  return l.y < p.height * 0.1 || l.y > p.height * 0.92;
}

function isDataLine(l: Line): boolean {
  return l.chunks.some((c) => isAmountText(c.text) || CODE_RE.test(c.text) || /^\d{3}\s+\d{2}(\s+\d{2})?$/.test(c.text));
}

/** Line of consecutive column numbers: 栏次 1 2 3 … (or 1.00 2.00 …). */
function isLanciLine(l: Line): boolean {
  if (/栏次/.test(l.flat)) return true;
  // after a label of its own ('档次' for 栏次, as a clerk typed it)
  const nums = l.chunks.filter((c, i) => i > 0 || amountOf(c.text) !== undefined || !/^[\u4e00-\u9fff]{2,4}$/.test(c.text)).map((c) => amountOf(c.text));
  if (nums.length < 3 || nums.some((n) => n === undefined)) return false;
  for (let i = 1; i < nums.length; i++) if (nums[i] !== nums[i - 1]! + 1) return false;
  return Number.isInteger(nums[0]) && nums[0]! <= 2;
}

/** Prose: one long chunk (a sentence), not a table's note. */
function isProse(l: Line, width: number): boolean {
  if (isNoteLine(l) || isInfoLine(l)) return false;
  if (l.chunks.length > 2) return false;
  const text = l.chunks.map((c) => c.text).join('');
  const span = l.chunks[l.chunks.length - 1].x1 - l.chunks[0].x0;
  if (l.chunks.length === 2 && l.chunks[1].x0 - l.chunks[0].x1 > 4 * l.size) return false;
  return text.length >= 18 && span > width * 0.45 && /[\u4e00-\u9fff]/.test(text);
}

// ---------------------------------------------------------------------------------------------------
// Regions: a table from its title to the next title or the first prose, over pages

interface Segment {
  page: number;
  width: number;
  lines: Line[];
  /** the ruled grids drawn on the page */
  grids: RuledGrid[];
  /** starts with the table's heading block repeated in the sheet (kept as rows, as printed) */
  restart?: boolean;
}

interface Region {
  title: string;
  titleLines: Line[];
  segments: Segment[];
}

export function layout(pages: PageText[]): PdfLayout {
  const regions: Region[] = [];
  const prose: PdfLayout['prose'] = [];
  let open: Region | undefined;
  for (const p of pages) {
    const lines = pageLines(p).filter((l) => !isPageNumber(l, p));
    const grids = p.rules ? gridsOf(p.rules) : [];
    // a line inside a ruled grid is a table's, however long
    const ruled = (l: Line) => grids.some((g) => inGrid(g, l));
    const proseHere: ProseLine[] = [];
    let seg: Segment | undefined;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      let titleText: string | undefined;
      let titleLines = [l];
      // '公开 09 表：…培训费' reads as a title alone: its second line '支出预算表' goes with it
      const split = i + 1 < lines.length && isSplitTitle(l, lines[i + 1]) && (!isTitleText(l.flat) || (isTitleStart(l.flat) && !/表$/.test(l.flat) && !isTitleStart(lines[i + 1].flat)));
      if (!split && isTitleText(l.flat)) titleText = l.chunks.map((c) => c.text).join('');
      else if (split) {
        titleText = l.chunks.map((c) => c.text).join('') + lines[i + 1].chunks.map((c) => c.text).join('');
        titleLines = [l, lines[i + 1]];
      }
      if (titleText === undefined && isTableNumber(l.flat)) {
        // the number over the next table's title: the table before ends here
        open = undefined;
        seg = undefined;
        continue;
      }
      if (titleText !== undefined && !(open && sameTitle(open.title, titleText) && seg === undefined)) {
        open = { title: tidy(titleText), titleLines, segments: [] };
        regions.push(open);
        seg = { page: p.page, width: p.width, lines: [], grids };
        open.segments.push(seg);
        i += titleLines.length - 1;
        continue;
      }
      if (titleText !== undefined && open && seg === undefined) {
        // the same title repeated at the top of the next page: the table goes on
        seg = { page: p.page, width: p.width, lines: [], grids };
        open.segments.push(seg);
        i += titleLines.length - 1;
        continue;
      }
      if (open && !repeatsHeader(open, l) && (seg ? pastGrid(seg, l) : p.rules !== undefined && !ruled(l) && wasRuled(open))) {
        // below the grid of the table only its notes, and a ruled table goes on over a page only in a
        // grid (a page whose rules were not read: too few figures, a last row alone): anything else is
        // the text after it
        open = undefined;
        seg = undefined;
      }
      if (open && (!isProse(l, p.width) || ruled(l))) {
        // the unit line again under rows with figures: the sheet repeats its heading block there (a table
        // laid out for printing by hand), which starts a segment of its own
        if (!p.rules?.length && isInfoLine(l) && (seg ?? open.segments[open.segments.length - 1])?.lines.some(isDataLine)) {
          seg = { page: p.page, width: p.width, lines: [], grids, restart: true };
          open.segments.push(seg);
        }
        if (!seg) {
          seg = { page: p.page, width: p.width, lines: [], grids };
          open.segments.push(seg);
        }
        seg.lines.push(l);
        continue;
      }
      // prose closes the table (a table of contents line is no text)
      open = undefined;
      seg = undefined;
      if (/[…]{2,}|\.{6,}|·{4,}/.test(l.flat)) continue;
      proseHere.push({ text: l.chunks.map((c) => c.text).join(' '), x0: l.chunks[0].x0, x1: l.chunks[l.chunks.length - 1].x1, y: l.y, size: l.size });
    }
    if (proseHere.length > 0) prose.push({ page: p.page, lines: proseHere });
  }
  const tables: PdfTable[] = [];
  const sheets: Sheet[] = [];
  for (const region of regions) {
    const multi = region.segments.flatMap((s) => s.lines.filter((l) => l.chunks.length >= 2));
    const toc = multi.length > 0 && multi.filter((l) => /表$/.test(l.flat)).length * 2 >= multi.length;
    // a table has figures or codes, or (empty) a header of three columns or more; a title met again
    // later with figures under it was a table of contents line here
    const hasData = (r: Region) => r.segments.some((s) => s.lines.some(isDataLine));
    const later = regions.slice(regions.indexOf(region) + 1).some((r) => sameTitle(r.title, region.title) && hasData(r));
    const emptyTable = region.segments.some((s) => s.lines.some((l) => l.chunks.length >= 3 && /合计|项目|科目|金额|预算数|编码|名称/.test(l.flat)));
    if (toc || (!hasData(region) && (later || !emptyTable))) {
      // a title with no table under it (a heading in the text, a table of contents line)
      const first = region.titleLines[0];
      prose.push({ page: first.page, lines: region.titleLines.map((l) => ({ text: l.chunks.map((c) => c.text).join(' '), x0: l.chunks[0].x0, x1: l.chunks[l.chunks.length - 1].x1, y: l.y, size: l.size })) });
      continue;
    }
    const no = tables.length + 1;
    const built = buildTable(region, `表${no}`);
    sheets.push(built.sheet);
    tables.push({ no, title: region.title, sheet: built.sheet.name, pages: [...new Set(region.segments.map((s) => s.page))], boxes: built.boxes });
  }
  prose.sort((a, b) => a.page - b.page);
  // boxes in PDF user space, for marking (rotated pages)
  const m = new Map(pages.map((p) => [p.page, p.toUser]));
  for (const t of tables) {
    for (const row of t.boxes) {
      for (const b of row) {
        const u = b && m.get(b.page);
        if (!b || !u) continue;
        const xs: number[] = [];
        const ys: number[] = [];
        for (const [x, y] of [[b.x0, b.y0], [b.x1, b.y1], [b.x0, b.y1], [b.x1, b.y0]]) {
          xs.push(u[0] * x + u[2] * y + u[4]);
          ys.push(u[1] * x + u[3] * y + u[5]);
        }
        b.x0 = Math.min(...xs);
        b.x1 = Math.max(...xs);
        b.y0 = Math.min(...ys);
        b.y1 = Math.max(...ys);
      }
    }
  }
  return { grid: { sheets }, tables, prose };
}

function sameTitle(a: string, b: string): boolean {
  const n = (s: string) => s.replace(/\s+/g, '').replace(/[（(]续(表)?[）)]$|续表$/, '');
  return n(a) === n(b);
}

// ---------------------------------------------------------------------------------------------------
// One table: columns from x positions and the header band, rows from y

/** A column: the cell's extent (x0–x1) and that of what is printed in it (d0–d1). */
interface Col {
  x0: number;
  x1: number;
  d0: number;
  d1: number;
  /** where the body's texts in it start (absent: none) */
  b0?: number;
}

interface HeaderCell {
  text: string;
  x0: number;
  x1: number;
  /** vertical centre */
  yc: number;
  size: number;
  chunks: Chunk[];
  c0: number;
  c1: number;
  /** (while joining wrapped lines) the cell this copy stands for */
  self?: HeaderCell;
  /** a centred group header: its columns are those it is centred on */
  centred?: boolean;
  /** a cell merged over rows printed midway: the line of its lowest row */
  downTo?: number;
}

interface Built {
  sheet: Sheet;
  boxes: (CellBox | undefined)[][];
}

interface SegmentPlan {
  seg: Segment;
  info: Line[];
  header: Line[];
  body: Line[];
  /** body lines repeating the table's header (its heading block repeated under rows, read as header) */
  repeats?: Set<Line>;
  cols: Col[];
  /** the segment read from its ruling lines (absent: from text alignment alone) */
  ruled?: RuledPlan;
}

/** A ruled cell and the chunks printed in it. */
interface GridCell extends RuledCell {
  chunks: Chunk[];
  text: string;
}

interface RuledPlan {
  grid: RuledGrid;
  /** bands 0..headerBands-1 are the header */
  headerBands: number;
  /** cells with text, by the band they start in */
  cells: GridCell[];
  /** lines below the grid (notes) */
  below: Line[];
}

function buildTable(region: Region, name: string): Built {
  const plans: SegmentPlan[] = [];
  for (const seg of region.segments) {
    // before any header or row (a title and unit line at the foot of a page) the table starts here; before
    // any figure, a header goes on (broken over a page); after, only a repeated header is one
    const started = plans.some((p) => p.header.length > 0 || p.body.length > 0);
    const figures = plans.some((p) => p.body.some(isDataLine));
    const headTexts = new Set(plans.flatMap((p) => p.header.flatMap((l) => l.chunks.map((c) => flatText(c.text)))));
    plans.push(planSegment(seg, !started || seg.restart === true, figures ? new Set(plans.flatMap((p) => p.header.map((l) => l.flat))) : undefined, headTexts));
  }
  // the canonical columns: those of the segment where the figures start under a header (else the first
  // with a header, else the first)
  const base = plans.find((p) => p.header.length > 0 && p.body.some(isDataLine)) ?? plans.find((p) => p.header.length > 0) ?? plans[0];
  const ncols = Math.max(1, base.cols.length);
  const rows: (Cell | undefined)[][] = [];
  const boxes: (CellBox | undefined)[][] = [];
  const merges: Rect[] = [];
  const put = (r: number, c: number, text: string, box: CellBox | undefined, kind: 'text' | 'auto') => {
    while (rows.length <= r) {
      rows.push([]);
      boxes.push([]);
    }
    const v = kind === 'auto' ? valueOf(text) : { value: text };
    rows[r][c] = v;
    if (box) boxes[r][c] = box;
  };
  // title
  const tl = region.titleLines;
  put(0, 0, region.title, { page: tl[0].page, x0: Math.min(...tl.flatMap((l) => l.chunks.map((c) => c.x0))), x1: Math.max(...tl.flatMap((l) => l.chunks.map((c) => c.x1))), y0: tl[tl.length - 1].y - tl[tl.length - 1].size * 0.25, y1: tl[0].y + tl[0].size, row: 0, col: 1 }, 'text');
  if (ncols > 1) merges.push({ top: 0, left: 0, bottom: 0, right: ncols - 1 });
  let r = 1;
  // the last body row written (a row broken over a page goes on in the next segment)
  let lastBody = -1;
  for (const plan of plans) {
    const map = mapColumns(plan.cols, base.cols, plan.ruled !== undefined && base.ruled !== undefined);
    const colBox = (c: number): Col => plan.cols[map.indexOf(c)] ?? base.cols[c] ?? { x0: 0, x1: 0, d0: 0, d1: 0 };
    const page = plan.seg.page;
    // info lines: chunks to the nearest column
    const infoAt: { l: Line; ch: Chunk; r: number; c: number }[] = [];
    for (const l of plan.info) {
      // the rest of a name wrapped in its cell ('部门：中国共产党江苏省委员会办' / '公厅'), under it
      const ch0 = l.chunks[0];
      const wrapped = l.chunks.length === 1 && !/[：:]/.test(ch0.text) && infoAt.find((x) => /[：:]/.test(x.ch.text) && x.l.y - l.y < 2.5 * l.size && ch0.x0 >= x.ch.x0 - l.size && ch0.x0 <= x.ch.x1);
      if (wrapped) {
        const prev = rows[wrapped.r][wrapped.c];
        put(wrapped.r, wrapped.c, joinText(String(prev?.value ?? ''), ch0.text), boxes[wrapped.r][wrapped.c], 'text');
        continue;
      }
      for (const ch of infoChunks(l)) {
        const c = nearestCol(base.cols, ch.x0, ch.x1, true);
        const prev = rows[r]?.[c];
        put(r, c, prev && typeof prev.value === 'string' ? joinText(prev.value, ch.text) : ch.text, chunkBox(page, ch, 0, c + 1), 'text');
        infoAt.push({ l, ch, r, c });
      }
      r++;
    }
    if (plan.ruled) {
      const out: SheetOut = { rows, boxes, merges, put, ncols, base, lastBody };
      r = emitRuled(plan, plan.ruled, map, r, out);
      lastBody = out.lastBody;
      continue;
    }
    // header: one row per level, group headers spanning their columns
    // a header alone at a page's foot (its rows on the next page) has no columns of its own: the table's
    const alone = plan !== base && !plan.body.some(isDataLine);
    const codeCols = codeColumnsOf(alone ? base : plan);
    const header = headerCells(plan.header, alone ? base.cols : plan.cols, codeCols);
    const hmap = alone ? base.cols.map((_, i) => i) : map;
    const { levels, bottom } = headerRowsOf(header, codeCols);
    const r0 = r;
    levels.forEach((level, k) => {
      for (const h of level) {
        const c0 = hmap[h.c0] ?? h.c0;
        const c1 = hmap[h.c1] ?? h.c1;
        const row = r0 + k;
        const prev = rows[row]?.[c0];
        const text = prev && typeof prev.value === 'string' ? joinText(prev.value, h.text) : h.text;
        // where it is printed (a cell merged over rows stands in the upper one)
        const ys = h.chunks.map((c) => c.y + c.size * 0.35);
        put(row, c0, text, { page, x0: h.x0, x1: h.x1, y0: Math.min(...ys) - h.size * 0.7, y1: Math.max(...ys) + h.size * 0.7, row: 0, col: c0 + 1 }, isLanciText(h.text) ? 'auto' : 'text');
        const low = r0 + (bottom.get(h) ?? k);
        if (c1 > c0 || low > row) merges.push({ top: row, left: c0, bottom: low, right: c1 });
      }
    });
    r = r0 + levels.length;
    // body rows: wrapped texts joined to their row; the heading block repeated under rows as header rows
    let bodyRow = 0;
    const pieces: { lines: Line[]; repeat: boolean }[] = [];
    for (const l of plan.body) {
      const repeat = plan.repeats?.has(l) === true;
      const last = pieces[pieces.length - 1];
      if (last && last.repeat === repeat) last.lines.push(l);
      else pieces.push({ lines: [l], repeat });
    }
    const groups: (Line[] | Line[][])[] = [];
    for (const piece of pieces) groups.push(...(piece.repeat ? [[piece.lines]] : rowGroups(piece.lines, plan.cols)));
    for (const item of groups) {
      if (Array.isArray(item[0])) {
        r = emitHeaderPart(repeatedHeaderTexts(item as Line[][], base, plan, map), r, page, { rows, merges, put });
        continue;
      }
      const group = item as Line[];
      bodyRow++;
      const note = isNoteLine(group[0]) && group.every((l) => l.chunks.length <= 2);
      const cellChunks = new Map<number, Chunk[]>();
      for (const l of group) {
        for (const ch of l.chunks) {
          const c = note ? 0 : map[nearestCol(plan.cols, ch.x0, ch.x1, false)] ?? 0;
          let list = cellChunks.get(c);
          if (!list) cellChunks.set(c, (list = []));
          list.push(ch);
        }
      }
      const top = Math.max(...group.map((l) => l.y + l.size));
      const bottom = Math.min(...group.map((l) => l.y - l.size * 0.3));
      for (const [c, list] of cellChunks) {
        const text = list.map((x) => x.text).reduce(joinText, '');
        const x0 = Math.min(...list.map((x) => x.x0));
        const x1 = Math.max(...list.map((x) => x.x1));
        put(r, c, text, { page, x0, x1, y0: bottom, y1: top, row: bodyRow, col: c + 1 }, note || isCodeColumn(base, c) ? 'text' : 'auto');
      }
      if (note && ncols > 1) merges.push({ top: r, left: 0, bottom: r, right: ncols - 1 });
      // boxes of the blank cells of the row, for marking a missing figure
      while (boxes.length <= r) {
        rows.push([]);
        boxes.push([]);
      }
      for (let c = 0; c < ncols; c++) {
        if (boxes[r][c]) continue;
        const cb = colBox(c);
        boxes[r][c] = { page, x0: cb.x0, x1: cb.x1, y0: bottom, y1: top, row: bodyRow, col: c + 1 };
      }
      lastBody = r;
      r++;
    }
  }
  return { sheet: { name, rows, merges }, boxes };
}

/** An info line's chunks, the unit's code and its name one text ('450 高邑县医疗保障局', as in its cell). */
function infoChunks(l: Line): Chunk[] {
  const [a, b, ...rest] = l.chunks;
  if (!b || !/^\[?\d{3,}\]?$/.test(a.text) || !CJK.test(b.text[0])) return l.chunks;
  return [{ ...a, text: `${a.text} ${b.text}`, x1: b.x1 }, ...rest];
}

type Put = (r: number, c: number, text: string, box: CellBox | undefined, kind: 'text' | 'auto') => void;

/** The sheet being written. */
interface SheetOut {
  rows: (Cell | undefined)[][];
  boxes: (CellBox | undefined)[][];
  merges: Rect[];
  put: Put;
  ncols: number;
  /** the segment whose columns are the table's */
  base: SegmentPlan;
  /** the last body row written, -1 none */
  lastBody: number;
}

const ENUM_START = /^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])/;

/**
 * Whether the first band of a continuation page holds the rest of the row broken at the page's foot: no
 * figure, and each of its texts goes on a numbered item ('八、社会保障和就' / '业支出') in a column of
 * numbered items.
 */
function continuesRow(list: GridCell[], map: number[], out: SheetOut): boolean {
  if (out.lastBody < 0 || list.length === 0) return false;
  const prev = out.rows[out.lastBody] ?? [];
  return list.every((c) => {
    const k = map[c.c0] ?? c.c0;
    const above = prev[k]?.value;
    // a 科目 name broken at the page's foot ('信息网络及软件购' / '置更新')
    if (typeof above === 'string' && !KNOWN_NAMES.has(above) && KNOWN_NAMES.has(above + c.text)) return true;
    if (typeof above !== 'string' || !ENUM_START.test(above) || ENUM_START.test(c.text) || amountOf(c.text) !== undefined || ITEM_START.test(c.text)) return false;
    const column = out.rows.map((row) => row?.[k]?.value).filter((v): v is string => typeof v === 'string' && v !== '');
    return column.filter((v) => ENUM_START.test(v)).length * 2 >= column.length;
  });
}

/**
 * A ruled segment's rows: one per band of the grid with text starting in it (the header's bands, then the
 * body's), a merged cell's text in its top-left cell and the merge kept; then the lines below the grid.
 * Returns the next free row.
 */
function emitRuled(plan: SegmentPlan, rp: RuledPlan, map: number[], r: number, out: SheetOut): number {
  const { rows, boxes, merges, put, ncols, base } = out;
  const { grid: g } = rp;
  // the table's last column under each of this page's (a page ruled with fewer columns: a cell of it
  // spans the table's columns up to its right rule)
  const mapEnd = plan.cols.map((c, k) => {
    if (!base.ruled || plan.cols.length === base.cols.length) return map[k];
    let e = map[k];
    base.cols.forEach((b, i) => {
      if (i >= map[k] && b.x1 <= c.x1 + 2) e = i;
    });
    return e;
  });
  const page = plan.seg.page;
  const nb = g.ys.length - 1;
  const starts = new Map<number, GridCell[]>();
  for (const c of rp.cells) {
    let l = starts.get(c.r0);
    if (!l) starts.set(c.r0, (l = []));
    l.push(c);
  }
  // a row broken over the page break: its rest joins the row on the page before
  const firstBody = [...starts.keys()].filter((b) => b >= rp.headerBands).sort((a, b) => a - b)[0];
  if (firstBody !== undefined && plan.info.length === 0 && continuesRow(starts.get(firstBody)!, map, out)) {
    for (const c of starts.get(firstBody)!) {
      const k = map[c.c0] ?? c.c0;
      const prev = rows[out.lastBody][k]!;
      put(out.lastBody, k, joinText(String(prev.value), c.text), boxes[out.lastBody][k], 'text');
    }
    starts.delete(firstBody);
  }
  // a header repeated at the page's foot and broken by the page break (the sheet repeats its heading
  // block where another print broke its pages): read as the table's header, apart from the body
  const foot = footHeader(rp, starts, base);
  for (const b of foot.bands) starts.delete(b);
  // band -> sheet row (a band with no text of its own shares the row above it)
  const rowOf: number[] = [];
  let next = r;
  for (let b = 0; b < nb; b++) {
    if (starts.has(b)) rowOf[b] = next++;
    else rowOf[b] = Math.max(r, next - 1);
  }
  const rect = (c0: number, c1: number, r0: number, r1: number) => ({ x0: g.xs[c0], x1: g.xs[c1 + 1], y0: g.ys[r1 + 1], y1: g.ys[r0] });
  // body rows as a reader counts them: the bands below the header (not the slivers between double lines)
  const readerRow: number[] = [];
  let n = 0;
  for (let b = rp.headerBands; b < nb; b++) if (g.ys[b] - g.ys[b + 1] >= 4) readerRow[b] = ++n;
  for (let b = 0; b < nb; b++) {
    const list = starts.get(b);
    if (!list) continue;
    const row = rowOf[b];
    const head = b < rp.headerBands;
    const bodyRow = head ? 0 : readerRow[b] ?? Math.max(1, n);
    for (const c of list) {
      const c0 = map[c.c0] ?? c.c0;
      const c1 = Math.max(map[c.c0] ?? c.c0, mapEnd[c.c1] ?? c.c1);
      const kind = head ? (isLanciText(c.text) ? 'auto' : 'text') : isCodeColumn(base, c0) ? 'text' : 'auto';
      put(row, c0, c.text, { page, ...rect(c.c0, c.c1, c.r0, c.r1), row: bodyRow, col: c0 + 1 }, kind);
      const bottom = rowOf[c.r1];
      if (c1 > c0 || bottom > row) merges.push({ top: row, left: c0, bottom, right: c1 });
    }
    if (head) continue;
    out.lastBody = row;
    // boxes of the blank cells of the row, for marking a missing figure
    while (boxes.length <= row) {
      rows.push([]);
      boxes.push([]);
    }
    for (let c = 0; c < Math.min(ncols, g.xs.length - 1); c++) {
      const k = map[c] ?? c;
      if (!boxes[row][k]) boxes[row][k] = { page, ...rect(c, c, b, b), row: bodyRow, col: k + 1 };
    }
  }
  r = next;
  r = emitHeaderPart(foot.texts, r, page, out);
  // below the grid: notes (a note wrapped over lines joined), else texts by column
  let last: { row: number; note: boolean } | undefined;
  for (const l of rp.below) {
    if (foot.lines.has(l)) continue;
    const note = isNoteLine(l) || l.chunks.length === 1;
    const text = l.chunks.map((c) => c.text).reduce(joinText, '');
    const box = { page, x0: Math.min(...l.chunks.map((c) => c.x0)), x1: Math.max(...l.chunks.map((c) => c.x1)), y0: l.y - l.size * 0.3, y1: l.y + l.size, row: ++n, col: 1 };
    if (note && last?.note && !isNoteLine(l)) {
      const prev = rows[last.row][0];
      put(last.row, 0, joinText(String(prev?.value ?? ''), text), boxes[last.row][0], 'text');
      n--;
      continue;
    }
    if (note) {
      put(r, 0, text, box, 'text');
      if (ncols > 1) merges.push({ top: r, left: 0, bottom: r, right: ncols - 1 });
    } else {
      for (const ch of l.chunks) {
        const c = map[nearestCol(plan.cols, ch.x0, ch.x1, false)] ?? 0;
        put(r, c, ch.text, chunkBox(page, ch, n, c + 1), 'auto');
      }
    }
    last = { row: r, note };
    r++;
  }
  return r;
}

/** Where a header text stands in the table's header: its level (header row, top first) and columns. */
interface HeadSlot {
  level: number;
  c0: number;
  c1: number;
}

const flatText = (t: string) => t.replace(/\s+/g, '');

/** The table's header texts (of the segment whose columns are the table's), each with its place. */
const slotsCache = new WeakMap<SegmentPlan, Map<string, HeadSlot>>();

function headerSlots(base: SegmentPlan): Map<string, HeadSlot> {
  let out = slotsCache.get(base);
  if (out) return out;
  out = new Map<string, HeadSlot>();
  if (base.ruled) {
    const heads = base.ruled.cells.filter((c) => c.r0 < base.ruled!.headerBands).sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0);
    const bands = [...new Set(heads.map((h) => h.r0))].sort((a, b) => a - b);
    for (const h of heads) if (!out.has(flatText(h.text))) out.set(flatText(h.text), { level: bands.indexOf(h.r0), c0: h.c0, c1: h.c1 });
  } else {
    headerRowsOf(headerCells(base.header, base.cols, codeColumnsOf(base)), codeColumnsOf(base)).levels.forEach((level, k) => {
      for (const h of level) if (!out!.has(flatText(h.text))) out!.set(flatText(h.text), { level: k, c0: h.c0, c1: h.c1 });
    });
  }
  slotsCache.set(base, out);
  return out;
}

/** A text of a header part and where it is printed. */
interface HeadText {
  text: string;
  slot: HeadSlot;
  box: Omit<CellBox, 'row' | 'col'>;
}

/**
 * The bands after a ruled page's last row of figures, and the lines below its grid, that hold nothing but
 * the table's header texts (two or more): the heading block repeated at the page's foot, the rest of it
 * on the next page.
 */
function footHeader(rp: RuledPlan, starts: Map<number, GridCell[]>, base: SegmentPlan): { bands: number[]; lines: Set<Line>; texts: HeadText[] } {
  const none = { bands: [], lines: new Set<Line>(), texts: [] };
  const slots = headerSlots(base);
  if (slots.size === 0) return none;
  const known = (t: string) => slots.has(flatText(t)) && amountOf(t) === undefined;
  const isData = (t: string) => isAmountText(t) || CODE_RE.test(t) || /^\d{3}\s+\d{2}(\s+\d{2})?$/.test(t) || amountOf(t) !== undefined;
  const body = [...starts.keys()].filter((b) => b >= rp.headerBands).sort((a, b) => a - b);
  const lastData = body.filter((b) => starts.get(b)!.some((c) => isData(c.text))).pop();
  if (lastData === undefined) return none;
  const bands = body.filter((b) => b > lastData);
  if (!bands.every((b) => starts.get(b)!.every((c) => known(c.text)))) return none;
  const lines = new Set<Line>();
  for (const l of rp.below) {
    if (!l.chunks.every((c) => known(c.text))) break;
    lines.add(l);
  }
  const g = rp.grid;
  const texts: HeadText[] = [];
  for (const b of bands) for (const c of starts.get(b)!) texts.push({ text: c.text, slot: slots.get(flatText(c.text))!, box: { page: 0, x0: g.xs[c.c0], x1: g.xs[c.c1 + 1], y0: g.ys[c.r1 + 1], y1: g.ys[c.r0] } });
  for (const l of lines) for (const ch of l.chunks) texts.push({ text: ch.text, slot: slots.get(flatText(ch.text))!, box: { page: 0, x0: ch.x0, x1: ch.x1, y0: ch.y - ch.size * 0.25, y1: ch.y + ch.size * 0.85 } });
  if (texts.length < 2) return none;
  return { bands, lines, texts };
}

/** The texts of the table's header repeated under rows (lines of one segment), each where the header has it. */
function repeatedHeaderTexts(runs: Line[][], base: SegmentPlan, plan: SegmentPlan, map: number[]): HeadText[] {
  const slots = headerSlots(base);
  const out: HeadText[] = [];
  runs.flat().forEach((l, k) => {
    for (const ch of l.chunks) {
      // a text the header joined otherwise (wrapped over lines there): a row of its own, by position
      const c = map[nearestCol(plan.cols, ch.x0, ch.x1, false)] ?? 0;
      const slot = slots.get(flatText(ch.text)) ?? { level: 1000 + k, c0: c, c1: c };
      out.push({ text: ch.text, slot, box: { page: 0, x0: ch.x0, x1: ch.x1, y0: ch.y - ch.size * 0.25, y1: ch.y + ch.size * 0.85 } });
    }
  });
  return out;
}

/** Writes a part of the table's header (texts of a repeated header) in its levels' rows; the next free row. */
function emitHeaderPart(texts: HeadText[], r: number, page: number, out: Pick<SheetOut, 'rows' | 'merges' | 'put'>): number {
  if (texts.length === 0) return r;
  const levels = [...new Set(texts.map((t) => t.slot.level))].sort((a, b) => a - b);
  for (const t of texts) {
    const row = r + levels.indexOf(t.slot.level);
    if (out.rows[row]?.[t.slot.c0]) continue;
    out.put(row, t.slot.c0, t.text, { ...t.box, page, row: 0, col: t.slot.c0 + 1 }, 'text');
    if (t.slot.c1 > t.slot.c0) out.merges.push({ top: row, left: t.slot.c0, bottom: row, right: t.slot.c1 });
  }
  return r + levels.length;
}

/**
 * Whether a line repeats texts of the table's heading (each of its texts printed in the first lines of
 * the table): the sheet repeats its header there, at a page's foot below the grid drawn on it.
 */
function repeatsHeader(r: Region, l: Line): boolean {
  if (l.chunks.length < 2) return false;
  const head = new Set(r.segments[0]?.lines.slice(0, 8).flatMap((m) => m.chunks.map((c) => c.text)) ?? []);
  return l.chunks.every((c) => head.has(c.text) && amountOf(c.text) === undefined);
}

/** Whether a table's last page so far holds its lines in a ruled grid. */
function wasRuled(r: Region): boolean {
  const seg = r.segments[r.segments.length - 1];
  return seg !== undefined && seg.grids.some((g) => seg.lines.some((m) => inGrid(g, m)));
}

/**
 * Whether a line lies below the ruled grid holding a segment's lines and is not a note under it (a
 * note's text wrapped over lines goes on).
 */
function pastGrid(seg: Segment, l: Line): boolean {
  if (seg.grids.some((g) => inGrid(g, l))) return false;
  const g = seg.grids.find((x) => seg.lines.some((m) => inGrid(x, m)));
  if (!g || l.y + l.size * 0.35 >= g.y0) return false;
  if (isNoteLine(l)) return false;
  const below = seg.lines.filter((m) => m.y + m.size * 0.35 < g.y0 && !inGrid(g, m));
  const last = below[below.length - 1];
  return !(last && (isNoteLine(last) || below.some(isNoteLine)) && last.y - l.y <= 2.2 * Math.max(l.size, last.size) && l.chunks.length === 1);
}

/** Whether a line lies inside a grid (its vertical centre within, its chunks overlapping it). */
function inGrid(g: RuledGrid, l: Line): boolean {
  const yc = l.y + l.size * 0.35;
  return yc < g.y1 && yc > g.y0 && l.chunks.some((c) => c.x1 > g.x0 && c.x0 < g.x1);
}

/**
 * A segment read from its ruling lines, when a grid holds its figures: every chunk to the ruled cell it
 * lies in (texts wrapped in a cell joined, merged cells whole), the bands above the first band with a
 * figure or code the header (on a continuation page only when they repeat the first page's header).
 */
function planRuled(seg: Segment, first: boolean, firstHeader?: Set<string>): SegmentPlan | undefined {
  let best: RuledGrid | undefined;
  let bestN = 0;
  for (const g of seg.grids) {
    // the grid holding most figures (an empty table: most lines)
    const inside = seg.lines.filter((l) => inGrid(g, l));
    const n = inside.filter(isDataLine).length * 1000 + inside.length;
    if (n > bestN) {
      best = g;
      bestN = n;
    }
  }
  if (!best || best.xs.length < 3 || bestN < 2) return undefined;
  let g = best;
  const above = seg.lines.filter((l) => l.y + l.size * 0.35 >= g.y1);
  const inside = seg.lines.filter((l) => inGrid(g, l));
  const below = seg.lines.filter((l) => !above.includes(l) && !inside.includes(l));
  let { cells, lineBand } = cellsOf(g, inside);
  // on a table's first page (its header printed), a column in which no text starts, not even a header,
  // is a sliver of a rule drawn off the others: part of its neighbour
  const empty = new Set<number>();
  for (let k = 0; first && k + 1 < g.xs.length; k++) if (!cells.some((c) => c.c0 === k)) empty.add(k);
  if (empty.size > 0 && empty.size + 1 < g.xs.length) {
    const xs = g.xs.filter((_, i) => !(i > 0 && empty.has(i)) && !(i === 1 && empty.has(0)));
    g = { ...g, xs };
    ({ cells, lineBand } = cellsOf(g, inside));
  }
  // header: the bands before the first with a figure or a code (and the 栏次 band right after it)
  const nb = g.ys.length - 1;
  const bandTexts = (b: number) => cells.filter((c) => c.r0 === b).sort((a, x) => a.c0 - x.c0).map((c) => c.text);
  const isData = (t: string) => isAmountText(t) || CODE_RE.test(t) || /^\d{3}\s+\d{2}(\s+\d{2})?$/.test(t);
  const lanci = (ts: string[]) => {
    if (ts.some((t) => /栏次/.test(t))) return true;
    const nums = ts.map(amountOf).filter((v) => v !== undefined);
    return nums.length >= 3 && nums.length >= ts.length - 2 && nums.every((v, i) => i === 0 || v === nums[i - 1]! + 1) && nums[0]! <= 2;
  };
  let firstData = -1;
  for (let b = 0; b < nb && firstData < 0; b++) {
    const ts = bandTexts(b);
    if (!lanci(ts) && ts.some(isData)) firstData = b;
  }
  let headerBands = firstData < 0 ? nb : firstData;
  // an empty table: 合计 under the header with nothing beside it is the body
  while (firstData < 0 && headerBands > 1 && bandTexts(headerBands - 1).every((t) => /^(合计|总计)$/.test(t.replace(/\s/g, '')))) headerBands--;
  // a column with no header text of its own is headed by the header on its left ('项目名称' over the
  // names and the sub-items beside them)
  const heads = cells.filter((c) => c.r0 < headerBands);
  for (let k = 1; headerBands > 0 && k + 1 < g.xs.length; k++) {
    if (heads.some((h) => h.c0 <= k && k <= h.c1)) continue;
    const left = heads.filter((h) => h.c1 === k - 1).sort((a, b) => b.r1 - a.r1)[0];
    if (left && left.r1 === headerBands - 1) left.c1 = k;
  }
  const headLines = inside.filter((l) => (lineBand.get(l) ?? nb) < headerBands);
  if (firstHeader && !headLines.some((l) => firstHeader.has(l.flat))) headerBands = 0;
  // a body cell drawn over several columns whose text wraps within the first of them is that column's
  // alone (a rule left undrawn: '十七、国土海洋气' / '象等支出' wrapped at the name column's width)
  for (const c of cells) {
    if (c.r0 < headerBands || c.c1 === c.c0) continue;
    const lines = new Set(c.chunks.map((x) => Math.round(x.y)));
    if (lines.size >= 2 && c.chunks.every((x) => x.x1 <= g.xs[c.c0 + 1] + 1)) c.c1 = c.c0;
  }
  const header = inside.filter((l) => (lineBand.get(l) ?? nb) < headerBands);
  const body = inside.filter((l) => !header.includes(l));
  const cols: Col[] = [];
  for (let k = 0; k + 1 < g.xs.length; k++) {
    const here = cells.filter((c) => c.c0 === k && c.c1 === k).flatMap((c) => c.chunks);
    cols.push({ x0: g.xs[k], x1: g.xs[k + 1], d0: here.length ? Math.min(...here.map((c) => c.x0)) : g.xs[k], d1: here.length ? Math.max(...here.map((c) => c.x1)) : g.xs[k + 1] });
  }
  const info = first ? above : above.filter((l) => !isInfoLine(l));
  return { seg, info, header, body: [...body, ...below], cols, ruled: { grid: g, headerBands, cells, below } };
}

/** Each line's chunks to the ruled cell they lie in (texts of a cell joined), and the band each line starts in. */
function cellsOf(g: RuledGrid, inside: Line[]): { cells: GridCell[]; lineBand: Map<Line, number> } {
  const byCell = new Map<string, GridCell>();
  const lineBand = new Map<Line, number>();
  for (const l of inside) {
    for (const ch of l.chunks) {
      const cell = cellAt(g, (ch.x0 + ch.x1) / 2, ch.y + ch.size * 0.35);
      if (!cell) continue;
      const key = `${cell.c0},${cell.r0}`;
      let gc = byCell.get(key);
      if (!gc) byCell.set(key, (gc = { ...cell, chunks: [], text: '' }));
      gc.chunks.push(ch);
      if (!lineBand.has(l)) lineBand.set(l, cell.r0);
    }
  }
  const cells = [...byCell.values()];
  for (const c of cells) c.text = cellText(c.chunks);
  return { cells, lineBand };
}

/** The text of a ruled cell: its lines top to bottom, chunks left to right, joined. */
function cellText(chunks: Chunk[]): string {
  const s = [...chunks].sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const lines: Chunk[][] = [];
  for (const c of s) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last[0].y - c.y) <= 0.45 * Math.min(last[0].size, c.size)) last.push(c);
    else lines.push([c]);
  }
  return tidy(lines.map((l) => l.map((c) => c.text).reduce(joinText, '')).reduce(joinText, ''));
}

function isLanciText(t: string): boolean {
  return amountOf(t) !== undefined;
}

function chunkBox(page: number, ch: Chunk, row: number, col: number): CellBox {
  return { page, x0: ch.x0, x1: ch.x1, y0: ch.y - ch.size * 0.25, y1: ch.y + ch.size * 0.85, row, col };
}

function valueOf(text: string): Cell {
  const n = amountOf(text);
  if (n === undefined) return { value: text };
  const dec = /\.(\d+)$/.exec(text.replace(/[\s,]/g, ''));
  const cell: Cell = { value: n === 0 ? 0 : n };
  if (dec) cell.numFmt = dec[1].length === 2 ? '#,##0.00' : `#,##0.${'0'.repeat(dec[1].length)}`;
  return cell;
}

/** Columns whose header names a code (科目编码, 类/款/项) keep their digits as text, as a workbook does. */
const codeColsCache = new WeakMap<SegmentPlan, Set<number>>();

function isCodeColumn(plan: SegmentPlan, c: number): boolean {
  let set = codeColsCache.get(plan);
  if (!set) {
    set = new Set<number>();
    const heads = plan.ruled ? plan.ruled.cells.filter((c) => c.r0 < plan.ruled!.headerBands) : headerCells(plan.header, plan.cols);
    for (const h of heads) {
      if (/编码|代码|^类$|^款$|^项$|编号/.test(h.text)) for (let k = h.c0; k <= h.c1; k++) set.add(k);
    }
    // by content: a column of 科目 codes (3/5/7 digits, or the 2-digit parts of split codes), no figures
    for (const k of codeColumnsOf(plan)) set.add(k);
    codeColsCache.set(plan, set);
  }
  return set.has(c);
}

/** Splits a segment's lines into info lines, header band and body, and finds its columns. */
function planSegment(seg: Segment, first: boolean, firstHeader?: Set<string>, headTexts?: Set<string>): SegmentPlan {
  const ruled = planRuled(seg, first, firstHeader);
  if (ruled) return ruled;
  const info: Line[] = [];
  const header: Line[] = [];
  const body: Line[] = [];
  let i = 0;
  const ls = seg.lines;
  if (first) while (i < ls.length && header.length === 0 && isInfoLine(ls[i])) info.push(ls[i++]);
  // header band: until the first data line (a repeated header on a continuation page too)
  let j = i;
  while (j < ls.length && !isDataLine(ls[j]) && !isNoteLine(ls[j]) && !isLanciLine(ls[j])) j++;
  // the 栏次 line closes the header (text-only lines under it are the first rows' wrapped names)
  const lanciEnd = j < ls.length && isLanciLine(ls[j]) && j > i;
  const bandEnd = lanciEnd ? j + 1 : j < ls.length && !isNoteLine(ls[j]) ? j : ls.length;
  // on a continuation page only a repeated header is a header (else the lines are wrapped parts of rows)
  const repeated = !firstHeader || ls.slice(i, bandEnd).some((l) => firstHeader.has(l.flat));
  if (repeated && (lanciEnd || bandEnd < ls.length || ls.slice(i).every((l) => !isDataLine(l)))) {
    // lines before the first data line are header (a label-only row right above the data is data only
    // when the band is tall and it is a total: 合计 with amounts blank)
    for (let k = i; k < Math.min(bandEnd, ls.length); k++) {
      if (isNoteLine(ls[k])) break;
      header.push(ls[k]);
    }
    i += header.length;
  }
  // the first row's name wrapped above its figures ('一、社会保障和就业' / '支出 6,397,096') is no header
  while (header.length > 1 && i < ls.length && isDataLine(ls[i]) && header[header.length - 1].chunks.some((c) => ENUM_START.test(c.text))) {
    i--;
    header.pop();
  }
  // the first row's name wrapped above its figures, under the header naming the names ('功能分类科目名称' /
  // '文化旅游体育与传媒' / '207 支出 199,337,712'), is no header
  while (header.length > 1 && i < ls.length && isDataLine(ls[i]) && wrapsName(header[header.length - 1], header.slice(0, -1), ls[i])) {
    i--;
    header.pop();
  }
  // Lanci line right after the header
  while (i < ls.length && isLanciLine(ls[i]) && !header.includes(ls[i])) header.push(ls[i++]);
  for (; i < ls.length; i++) body.push(ls[i]);
  // an empty table: 合计 under the header with nothing beside it is the body
  while (header.length > 1 && /^(合计|总计)$/.test(header[header.length - 1].flat) && body.length >= 0) {
    body.unshift(header.pop()!);
  }
  // the table's heading block repeated under rows (where another print broke the pages): header texts
  // only, two or more, on lines without figures
  const known = new Set([...(headTexts ?? []), ...header.flatMap((l) => l.chunks.map((c) => flatText(c.text)))]);
  const isRepeat = (l: Line) => !isDataLine(l) && !isNoteLine(l) && !isLanciLine(l) && l.chunks.every((c) => known.has(flatText(c.text)));
  const repeats = new Set<Line>();
  for (let k = 0; k < body.length; ) {
    let e = k;
    while (e < body.length && isRepeat(body[e])) e++;
    if (body.slice(k, e).reduce((n, l) => n + l.chunks.length, 0) >= 2) for (let q = k; q < e; q++) repeats.add(body[q]);
    k = Math.max(e, k + 1);
  }
  const cols = columnsOf(header, body.filter((l) => !repeats.has(l)), seg.width);
  return { seg, info, header, body, cols, ...(repeats.size > 0 ? { repeats } : {}) };
}

/**
 * Whether a text-only line under the header is the first part of the name of the row below it: each of its
 * texts under a header text naming the names (…名称) and over a text of that row (its name's rest).
 */
function wrapsName(l: Line, above: Line[], row: Line): boolean {
  if (isDataLine(l) || isLanciLine(l)) return false;
  const ov = (a: Chunk, b: Chunk) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0;
  return l.chunks.every(
    (ch) => above.some((h) => h.chunks.some((hc) => /名称$/.test(hc.text) && ov(hc, ch))) && row.chunks.some((rc) => amountOf(rc.text) === undefined && !CODE_RE.test(rc.text) && ov(rc, ch)),
  );
}

/**
 * Columns: the x intervals of the body's chunks (one per printed column with figures or text; the 栏次
 * numbers count as figures), widened to the cells they sit in: a header text in the gap before a column
 * heads that column (else the one before it); a header text with no column of its own is an empty
 * column. Cell boundaries follow alignment (a right-aligned column ends where its figures end, a
 * left-aligned one starts where its texts start), else lie midway.
 */
function columnsOf(header: Line[], body: Line[], width: number): Col[] {
  // a note and the lines it wraps over (one text each) are no column
  const firstNote = body.findIndex(isNoteLine);
  // nor is the header repeated under the rows (the sheet's heading block broken at the page's foot)
  const headTexts = new Set(header.flatMap((l) => l.chunks.map((c) => c.text)));
  const repeated = (l: Line) => !isDataLine(l) && l.chunks.every((c) => headTexts.has(c.text));
  const tableLines = body.filter((l, i) => !isNoteLine(l) && !repeated(l) && !(firstNote >= 0 && i > firstNote && l.chunks.length === 1) && !(l.chunks.length === 1 && l.chunks[0].x1 - l.chunks[0].x0 > width * 0.4));
  const members: Chunk[] = [];
  for (const l of tableLines) for (const c of l.chunks) members.push(c);
  const groups = unionChunks(members);
  // 栏次 numbers stand in their cells as the figures do: right-aligned (LibreOffice's 1.00) or left-aligned
  // (an integer typed as text), as those over a column show. One over no column: under a header text
  // heading no column yet (科目编码 of an empty table) a column of its own; else right-aligned, it
  // closes the column before it, left-aligned, it opens the one after it (before the next number)
  const heads = joinHeaderChunks(header.filter((l) => !isLanciLine(l)));
  for (const l of header.filter(isLanciLine)) {
    const nums = l.chunks.filter((c) => !/栏次/.test(c.text));
    let lefts = 0;
    let rights = 0;
    for (const c of nums) {
      const g = groups.find((x) => Math.min(x.x1, c.x1) - Math.max(x.x0, c.x0) > 0);
      if (g && Math.abs(g.x1 - c.x1) < 1) rights++;
      else if (g && Math.abs(g.x0 - c.x0) < 1) lefts++;
    }
    const leftAligned = lefts > rights;
    nums.forEach((c, n) => {
      const g = groups.find((x) => Math.min(x.x1, c.x1) - Math.max(x.x0, c.x0) > 0);
      if (g) {
        g.members.push(c);
        g.lanci = true;
        return;
      }
      let k = -1;
      for (let i = 0; i < groups.length; i++) if (groups[i].x1 <= c.x0) k = i;
      // a header text heading no column, after the column before and ending before this number's end
      const after = k >= 0 ? groups[k].x1 : -Infinity;
      const headed = heads.some((h) => h.x0 >= after - 0.5 && h.x1 <= c.x1 + 0.5 && !groups.some((g) => Math.min(g.x1, h.x1) - Math.max(g.x0, h.x0) > 0));
      const next = groups[k + 1];
      const nextNum = nums[n + 1]?.x0 ?? Infinity;
      if (leftAligned && next && !next.lanci && next.x1 < nextNum) {
        next.x0 = Math.min(next.x0, c.x0);
        next.members.push(c);
        next.lanci = true;
      } else if (!leftAligned && k >= 0 && !groups[k].lanci && !headed && (!next || next.x0 > c.x1)) {
        groups[k].x1 = Math.max(groups[k].x1, c.x1);
        groups[k].lanci = true;
      } else groups.splice(k + 1, 0, { x0: c.x0, x1: c.x1, members: [c], lanci: true, align: leftAligned ? 'left' : 'right' });
    });
  }
  members.push(...header.filter(isLanciLine).flatMap((l) => l.chunks));
  const cells = heads;
  const ov = (a: { x0: number; x1: number }, b: { x0: number; x1: number }) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const added: Group[] = [];
  const levels = levelsOf(cells);
  levels.forEach((level, li) => {
    for (const h of level) {
      if (groups.some((g) => ov(g, h) > 0) || added.some((g) => ov(g, h) > 0)) continue;
      // a group header over texts of the levels below: they make its columns (figures left blank)
      if (levels.slice(li + 1).some((l) => l.some((o) => ov(o, h) > 0))) continue;
      let k = -1;
      for (let i = 0; i < groups.length; i++) if (groups[i].x1 <= h.x0) k = i;
      // another header text of this level over that column, or between it and this one
      const taken = (g: Group) => level.some((o) => o !== h && (ov(o, g) > 0 || (g.x0 > h.x1 ? o.x0 > h.x1 && o.x1 < g.x0 : o.x1 < h.x0 && o.x0 > g.x1)));
      const r = groups[k + 1];
      const l = groups[k];
      // between two left-aligned columns (codes, names) the gap is the left one's cell: a header centred
      // over a narrow column ('类' over '208') heads it
      const inLeft = l !== undefined && r !== undefined && !taken(l) && alignOf(l) === 'left' && alignOf(r) === 'left';
      if (r && !taken(r) && !inLeft) {
        r.x0 = Math.min(r.x0, h.x0);
        continue;
      }
      if (l && !taken(l)) {
        l.x1 = Math.max(l.x1, h.x1);
        continue;
      }
      added.push({ x0: h.x0, x1: h.x1, members: [] });
    }
  });
  const all = [...groups, ...added].sort((a, b) => a.x0 - b.x0);
  const ext = [...members, ...cells];
  const left = ext.length ? Math.min(...ext.map((c) => c.x0)) - 1 : 0;
  const right = ext.length ? Math.max(...ext.map((c) => c.x1)) + 1 : width;
  return slotsOf(all, left, right);
}

interface Group {
  x0: number;
  x1: number;
  members: Chunk[];
  /** closed by a 栏次 number */
  lanci?: boolean;
  /** a column of its 栏次 number alone: aligned as the 栏次 numbers are */
  align?: Align;
}

function unionChunks(chunks: Chunk[]): Group[] {
  const s = [...chunks].sort((a, b) => a.x0 - b.x0);
  const out: Group[] = [];
  for (const x of s) {
    const last = out[out.length - 1];
    if (last && x.x0 < last.x1 - 0.5) {
      last.x1 = Math.max(last.x1, x.x1);
      last.members.push(x);
    } else out.push({ x0: x.x0, x1: x.x1, members: [x] });
  }
  return out;
}

type Align = 'left' | 'right' | 'centre';

/** How a column's texts are aligned: most of them sharing their right edge, or their left edge. */
function alignOf(g: Group): Align {
  const n = g.members.length;
  if (g.align && n === 1) return g.align;
  const code = (t: string) => /^(\d{3}(\d{2}){0,2}|\d{2})$/.test(t);
  if (n < 2) return n === 1 && isAmountText(g.members[0].text) ? 'right' : n === 1 && code(g.members[0].text) ? 'left' : 'centre';
  const share = (xs: number[]) => {
    let best = 0;
    for (const x of xs) {
      let k = 0;
      for (const y of xs) if (Math.abs(x - y) < 1) k++;
      if (k > best) best = k;
    }
    return best / n;
  };
  const l = share(g.members.map((m) => m.x0));
  const r = share(g.members.map((m) => m.x1));
  // texts of one width (3-digit codes) share both edges: figures are right-aligned, 科目 codes typed as
  // text (a 合计 beside them) left
  if (l === r && g.members.filter((m) => code(m.text)).length >= 2 && g.members.every((m) => code(m.text) || /^[\u4e00-\u9fff]/.test(m.text))) return 'left';
  if (l === r && g.members.every((m) => amountOf(m.text) !== undefined)) return 'right';
  if (r >= 0.7 && r > l) return 'right';
  if (l >= 0.7 && l > r) return 'left';
  return 'centre';
}

/** Cell extents from column intervals: boundaries by alignment, else midway. */
function slotsOf(groups: Group[], left: number, right: number): Col[] {
  if (groups.length === 0) return [{ x0: left, x1: right, d0: left, d1: right }];
  const align = groups.map(alignOf);
  const bounds: number[] = [];
  for (let k = 0; k + 1 < groups.length; k++) {
    const a = groups[k];
    const b = groups[k + 1];
    const pad = Math.max(0, Math.min(1, (b.x0 - a.x1) / 2)) * 0.6;
    let x: number;
    if (align[k] === 'right' && align[k + 1] !== 'left') x = a.x1 + pad;
    else if (align[k + 1] === 'left' && align[k] !== 'right') x = b.x0 - pad;
    else x = (a.x1 + b.x0) / 2;
    bounds.push(x);
  }
  return groups.map((g, k) => ({
    x0: k === 0 ? Math.min(left, g.x0) : bounds[k - 1],
    x1: k === groups.length - 1 ? Math.max(right, g.x1) : bounds[k],
    d0: g.x0,
    d1: g.x1,
    ...(g.members.length > 0 ? { b0: Math.min(...g.members.map((m) => m.x0)) } : {}),
  }));
}

/** The column a chunk belongs to: most overlap, else the nearest (right-aligned amounts: by right edge). */
function nearestCol(cols: Col[], x0: number, x1: number, info: boolean): number {
  if (cols.length === 0) return 0;
  let best = -1;
  let bestOv = 0;
  cols.forEach((c, i) => {
    const ov = Math.min(c.x1, x1) - Math.max(c.x0, x0);
    if (ov > bestOv) {
      bestOv = ov;
      best = i;
    }
  });
  if (best >= 0) return best;
  let nd = Infinity;
  const mid = (x0 + x1) / 2;
  cols.forEach((c, i) => {
    const d = mid < c.x0 ? c.x0 - mid : mid > c.x1 ? mid - c.x1 : 0;
    if (d < nd) {
      nd = d;
      best = i;
    }
  });
  if (info && best < 0) return 0;
  return best;
}

/** Header chunks; a text wrapped over two lines in one cell (one chunk above one chunk) joined. */
function joinHeaderChunks(header: Line[], cols?: Col[]): HeaderCell[] {
  const cells: HeaderCell[] = [];
  for (const l of header) {
    for (const ch of l.chunks) cells.push({ text: ch.text, x0: ch.x0, x1: ch.x1, yc: ch.y + ch.size * 0.35, size: ch.size, chunks: [ch], c0: 0, c1: 0 });
  }
  // top first
  cells.sort((a, b) => b.yc - a.yc);
  const xov = (a: HeaderCell, b: HeaderCell) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  let sharedPitch = 0;
  for (let i = 0; i < cells.length; i++) {
    const a = cells[i];
    if (!a) continue;
    // the lowest line joined so far, and the pitch of the lines joined (a text over three lines goes on
    // at the same pitch, though its middle line need not fill the cell: a line break typed in the cell)
    let low: HeaderCell = { ...a };
    let pitch = sharedPitch;
    for (let k = i + 1; k < cells.length; k++) {
      const b = cells[k];
      if (!b) continue;
      const dy = low.yc - b.yc;
      if (dy <= 0.3 * low.size) continue;
      if (dy > 1.5 * Math.max(low.size, b.size)) break;
      const samePitch = pitch > 0 && Math.abs(dy - pitch) < 0.15 * low.size;
      if (!samePitch && (dy > 1.3 * Math.max(low.size, b.size) || cols)) {
        // farther apart than wrapped lines usually are: only when the upper line fills its cell
        if (!cols) continue;
        const k = nearestCol(cols, low.x0, low.x1, false);
        const slot = cols[k];
        if (!slot || low.x1 - low.x0 < 0.7 * (slot.x1 - slot.x0)) continue;
      }
      if (xov(low, b) < 0.5 * Math.min(low.x1 - low.x0, b.x1 - b.x0)) continue;
      // one to one: no other chunk on b's line under it, none on its line over b
      const sideB = cells.filter((x) => x && x !== b && Math.abs(x.yc - b.yc) < 0.3 * b.size && xov(low, x) > 0).length;
      const sideA = cells.filter((x) => x && x !== a && x !== low.self && Math.abs(x.yc - low.yc) < 0.3 * low.size && xov(b, x) > 0).length;
      if (sideA > 0 || sideB > 0) continue;
      if (amountOf(low.text) !== undefined || amountOf(b.text) !== undefined) continue;
      a.text = joinText(a.text, b.text);
      a.chunks.push(...b.chunks);
      a.x0 = Math.min(a.x0, b.x0);
      a.x1 = Math.max(a.x1, b.x1);
      a.yc = (Math.max(...a.chunks.map((c) => c.y + c.size * 0.35)) + b.yc) / 2;
      cells[k] = undefined as unknown as HeaderCell;
      pitch = sharedPitch = dy;
      low = { ...b, self: b };
    }
  }
  return cells.filter(Boolean);
}

/**
 * The header's rows: its levels, top first, a vertically merged cell in the top row of its merge. A text
 * printed on a lower line with nothing over its columns on the line above is a cell merged over the
 * levels up to the first text over it (cells print at the bottom of their merge): it stands in the row
 * below that text (in every row when nothing is over it), and `bottom` gives the level it prints on.
 */
function headerRowsOf(cells: HeaderCell[], codeCols?: Set<number>): { levels: HeaderCell[][]; bottom: Map<HeaderCell, number> } {
  const printed = levelsOf(cells);
  const levels: HeaderCell[][] = printed.map(() => []);
  const bottom = new Map<HeaderCell, number>();
  const top = new Map<HeaderCell, number>();
  // the columns a text of the level above may head: its own, and those to its right up to the next
  // text of its level (a group header's extent; one naming the codes over the code columns only, a
  // centred one over those it is centred on)
  const reach = (o: HeaderCell, j: number) => {
    // a cell merged down to a lower line heads nothing below it
    if (bottom.has(o) || o.centred || (codeCols && isCodeHeader(o))) return o.c1;
    const next = levels[j].filter((x) => x !== o && x.c0 > o.c1).map((x) => x.c0);
    return next.length ? Math.max(o.c1, Math.min(...next) - 1) : Infinity;
  };
  const over = (h: HeaderCell, j: number) => levels[j].some((o) => o !== h && (bottom.get(o) ?? top.get(o)!) >= j && o.c0 <= h.c1 && reach(o, j) >= h.c0);
  printed.forEach((level, k) => {
    // the 栏次 line (its label too: '档次') and texts wrapped over lines stay where they are printed
    const lanci = level.filter((h) => isLanciText(h.text)).length >= 3 || level.some((h) => /栏次/.test(h.text));
    for (const h of level) {
      let t = k;
      if (!lanci && h.chunks.length === 1) while (t > 0 && !over(h, t - 1)) t--;
      top.set(h, t);
      // printed midway between two rows: merged down to the lower one
      const low = h.downTo === undefined ? -1 : printed.findIndex((l) => Math.abs(l[0].yc - h.downTo!) <= 0.3 * h.size);
      if (low > k) bottom.set(h, low);
      else if (t < k) bottom.set(h, k);
      levels[t].push(h);
    }
  });
  for (const l of levels) l.sort((a, b) => a.x0 - b.x0);
  return { levels, bottom };
}

/** A header naming the codes (功能分类科目编码), printed on one line. */
function isCodeHeader(h: HeaderCell): boolean {
  return h.chunks.length === 1 && /(编码|代码)$/.test(h.text);
}

/** Columns of a segment whose body holds 科目 codes (3/5/7 digits, or the 2-digit parts of split codes) and no figures. */
const codeColumnsCache = new WeakMap<SegmentPlan, Set<number>>();

function codeColumnsOf(plan: SegmentPlan): Set<number> {
  const had = codeColumnsCache.get(plan);
  if (had) return had;
  const texts = new Map<number, string[]>();
  for (const l of plan.body) {
    for (const ch of l.chunks) {
      const k = nearestCol(plan.cols, ch.x0, ch.x1, false);
      let list = texts.get(k);
      if (!list) texts.set(k, (list = []));
      list.push(ch.text);
    }
  }
  const set = new Set<number>();
  for (const [k, list] of texts) {
    // (the 合计 row's label may stand in the code column)
    const codes = list.filter((t) => CODE_RE.test(t) || /^\d{2}$/.test(t)).length;
    const others = list.filter((t) => !/^(合\s*计|总\s*计)$/.test(t)).length;
    if (codes >= 2 && codes >= 0.8 * others && !list.some((t) => /[.,]/.test(t))) set.add(k);
  }
  codeColumnsCache.set(plan, set);
  return set;
}

/**
 * Header cells placed on the columns; group headers extended over the columns they head (a header naming
 * the codes, 科目编码 over 类 款 项, over the columns holding codes only).
 */
function headerCells(header: Line[], cols: Col[], codeCols?: Set<number>): HeaderCell[] {
  const cells = joinHeaderChunks(header, cols);
  for (const h of cells) {
    // the columns whose printed content it stands over (a group header over 类 款 项); else its cell
    const over: number[] = [];
    cols.forEach((c, i) => {
      if (Math.min(c.d1, h.x1) - Math.max(c.d0, h.x0) > 0) over.push(i);
    });
    if (over.length > 0) {
      h.c0 = over[0];
      h.c1 = over[over.length - 1];
    } else h.c0 = h.c1 = Math.max(0, nearestCol(cols, h.x0, h.x1, false));
  }
  middleMerges(cells, cols);
  const tol = (h: HeaderCell) => 0.3 * h.size;
  const tops = cols.map((_, c) => Math.max(-Infinity, ...cells.filter((x) => x.c0 <= c && c <= x.c1).map((x) => x.yc)));
  const groups = cells.filter((g) => cells.some((x) => x !== g && x.yc < g.yc - tol(g) && x.c0 <= g.c1 && x.c1 >= g.c0));
  // a group header heads the columns under it whose headers all lie below it: left-aligned (it starts
  // where a text below it starts) it reaches right to the next header of its level; centred, the nearer
  const plan = groups.map((g) => {
    const below = cells.filter((x) => x !== g && x.yc < g.yc - tol(g) && x.c0 <= g.c1 && x.c1 >= g.c0);
    const belowTop = Math.max(...below.map((x) => x.yc));
    const peers = cells.filter((x) => x !== g && Math.abs(x.yc - g.yc) <= tol(g));
    // (a text below of its width shares both edges, centred as well as left-aligned: left-aligned when
    // the column's content starts there too)
    const leftAligned = below.some((x) => Math.abs(x.x0 - g.x0) < 1.5 && (Math.abs(x.x1 - g.x1) >= 1.5 || Math.abs((cols[g.c0]?.b0 ?? g.x0) - g.x0) < 1.5));
    return { g, belowTop, peers, leftAligned };
  });
  for (const { g, belowTop, peers, leftAligned } of plan) {
    const gc = (g.x0 + g.x1) / 2;
    const codes = codeCols !== undefined && isCodeHeader(g) && [...codeCols].some((c) => g.c0 <= c && c <= g.c1);
    const eligible = (c: number, dir: number) => {
      if (c < 0 || c >= cols.length) return false;
      if (codes && !codeCols!.has(c)) return false;
      const t = tops[c];
      if (t === -Infinity || t > belowTop + tol(g) || t >= g.yc - tol(g)) return false;
      if (peers.some((p) => p.c0 <= c && c <= p.c1)) return false;
      if (leftAligned) return dir > 0;
      const cc = (cols[c].d0 + cols[c].d1) / 2;
      return peers.every((p) => Math.abs(cc - (p.x0 + p.x1) / 2) > Math.abs(cc - gc));
    };
    // centred: over the columns it is centred on (a group of two narrow columns beside one of five wide
    // ones), when some are
    if (!leftAligned) {
      // a column with headers below it, none higher than those under it (a header over it higher up heads
      // this one too)
      const open = (c: number) => {
        if (c < 0 || c >= cols.length || (codes && !codeCols!.has(c)) || peers.some((p) => p.c0 <= c && c <= p.c1)) return false;
        const over = cells.filter((x) => x !== g && x.c0 <= c && c <= x.c1);
        if (over.some((x) => x.yc >= g.yc - tol(g) && (x.c0 > g.c1 || x.c1 < g.c0))) return false;
        const t = Math.max(-Infinity, ...over.filter((x) => x.yc < g.yc - tol(g)).map((x) => x.yc));
        return t !== -Infinity && t <= belowTop + tol(g);
      };
      // the widest span it is centred on (symmetric spans share their centre; the table's outer edges are
      // known roughly: within 6% of the span)
      let best: [number, number] | undefined;
      let bestW = 0;
      for (let a = g.c0; a === g.c0 || open(a); a--) {
        for (let b = g.c1; b === g.c1 || open(b); b++) {
          const w = cols[b].x1 - cols[a].x0;
          const d = Math.abs((cols[a].x0 + cols[b].x1) / 2 - gc);
          if (w > bestW && d <= Math.max(1.5 * g.size, 0.06 * w)) {
            bestW = w;
            best = [a, b];
          }
        }
      }
      if (best && best[1] > best[0]) {
        [g.c0, g.c1] = best;
        g.centred = true;
        continue;
      }
    }
    while (eligible(g.c1 + 1, 1)) g.c1++;
    while (eligible(g.c0 - 1, -1)) g.c0--;
  }
  return cells;
}

/**
 * Texts on a header line midway between two others with nothing printed in their columns on either:
 * cells merged over both lines' rows and centred between them (vertically centred, as most templates
 * set them). They stand in the upper row (its text's line), as the workbook has them.
 */
function middleMerges(cells: HeaderCell[], cols: Col[]): void {
  const single = cells.filter((h) => h.chunks.length === 1 && !isLanciText(h.text) && !/栏次/.test(h.text));
  const lines: number[] = [];
  for (const h of [...single].sort((a, b) => b.yc - a.yc)) if (!lines.some((y) => Math.abs(y - h.yc) <= 0.3 * h.size)) lines.push(h.yc);
  lines.sort((a, b) => b - a);
  const chunks = cells.flatMap((h) => h.chunks);
  const moved: [HeaderCell, number, number][] = [];
  for (let k = 1; k + 1 < lines.length; k++) {
    const on = single.filter((h) => Math.abs(h.yc - lines[k]) <= 0.3 * h.size);
    const free = (h: HeaderCell, y: number) => {
      const x0 = cols[h.c0]?.x0 ?? h.x0;
      const x1 = cols[h.c1]?.x1 ?? h.x1;
      return !chunks.some((c) => Math.abs(c.y + c.size * 0.35 - y) <= 0.3 * c.size && Math.min(c.x1, x1) - Math.max(c.x0, x0) > 0);
    };
    // about midway between them (rows of unequal height put it a little off)
    const mid = Math.abs(lines[k] - (lines[k - 1] + lines[k + 1]) / 2) <= 0.45 * Math.min(...on.map((h) => h.size));
    if (on.length > 0 && mid && on.every((h) => free(h, lines[k - 1]) && free(h, lines[k + 1]))) for (const h of on) moved.push([h, lines[k - 1], lines[k + 1]]);
  }
  for (const [h, y, low] of moved) {
    h.yc = y;
    h.downTo = low;
  }
}

/** Header cells by level (vertical position), top first. */
function levelsOf(cells: HeaderCell[]): HeaderCell[][] {
  const single = cells.filter((h) => h.chunks.length === 1).sort((a, b) => b.yc - a.yc || a.x0 - b.x0);
  const out: HeaderCell[][] = [];
  for (const h of single) {
    const last = out[out.length - 1];
    if (last && Math.abs(last[0].yc - h.yc) <= 0.3 * h.size) last.push(h);
    else out.push([h]);
  }
  // a text wrapped over lines stands in the level its lines enclose (the nearest), else its own
  for (const h of cells.filter((x) => x.chunks.length > 1)) {
    const hi = Math.max(...h.chunks.map((c) => c.y + c.size * 0.35));
    const lo = Math.min(...h.chunks.map((c) => c.y + c.size * 0.35));
    let best: HeaderCell[] | undefined;
    for (const l of out) {
      const y = l[0].yc;
      if (y <= hi + 0.3 * h.size && y >= lo - 0.3 * h.size && (!best || Math.abs(y - h.yc) < Math.abs(best[0].yc - h.yc))) best = l;
    }
    if (best) best.push(h);
    else {
      out.push([h]);
      out.sort((a, b) => b[0].yc - a[0].yc);
    }
  }
  for (const l of out) l.sort((a, b) => a.x0 - b.x0);
  return out;
}

/**
 * Body lines -> rows. A line with text only (no figure, no code) is a wrapped part of a row (a name or a
 * note wrapped over lines in a narrow cell). The lines between two rows with figures are taken as one
 * run: they belong to the row they sit closer to (text aligned to the bottom of its cells wraps upwards
 * from its figures, aligned to the top downwards, centred both ways); a line that starts a new item
 * ('八、…', '其中：') never ends the row above it.
 */
function rowGroups(body: Line[], cols: Col[]): Line[][] {
  const n = body.length;
  // a note starts a row of its own ('注：…', or '无政府基金预算支出，空表列示' under the last row)
  const figures = body.map((l) => l.chunks.some((c) => amountOf(c.text) !== undefined || CODE_RE.test(c.text)));
  const anchored = body.map((l, k) => figures[k] || (isNoteLine(l) && (/^(注|说明|备注)/.test(l.flat) || (k > 0 && figures[k - 1]))));
  const owner = body.map((_, i) => i);
  const starts = (l: Line) => l.chunks.some((c) => ITEM_START.test(c.text));
  // the pitch of a text wrapped in a cell: the distance between two text-only lines one under the other
  const gaps: number[] = [];
  for (let k = 1; k < n; k++) {
    if (anchored[k] || anchored[k - 1] || body[k].page !== body[k - 1].page) continue;
    const dy = body[k - 1].y - body[k].y;
    if (dy > 0.9 * body[k].size && dy <= 1.9 * body[k].size) gaps.push(dy / body[k].size);
  }
  const pitch = gaps.length > 0 ? median(gaps) : 0;
  for (let i = 0; i < n; ) {
    if (anchored[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < n && !anchored[j + 1] && body[j + 1].page === body[i].page) j++;
    const size = body[i].size;
    const lim = 1.9 * size;
    const up = i > 0 && anchored[i - 1] && body[i - 1].page === body[i].page ? body[i - 1].y - body[i].y : Infinity;
    const down = j + 1 < n && anchored[j + 1] && body[j + 1].page === body[j].page ? body[j].y - body[j + 1].y : Infinity;
    // lines from the first one starting an item on belong below
    let split = i;
    while (split <= j && !starts(body[split])) split++;
    const onPitch = (d: number, sz: number) => pitch > 0 && Math.abs(d / sz - pitch) < 0.08;
    const canUp = (k: number) => up <= lim && fits(body[i - 1], body[k], cols, false);
    const canDown = (k: number) => down <= lim && fits(body[j + 1], body[k], cols, true);
    let cut: number; // lines i..cut-1 go up, cut..j down
    const named = i > 0 && j + 1 < n ? completes(body.slice(i, j + 1), body[i - 1], body[j + 1], cols) : undefined;
    if (split > i && split <= j) cut = split;
    else if (split === i) cut = i;
    else if (named === 'down' && down <= lim * 1.5) cut = i;
    else if (named === 'up' && up <= lim * 1.5) cut = j + 1;
    else if (!Number.isFinite(down) || down > lim) cut = j + 1;
    else if (!Number.isFinite(up) || up > lim) cut = i;
    // one pitch of wrapped text from one row and not from the other: that row's text goes on
    else if (onPitch(down, size) && !onPitch(up, size)) cut = i;
    else if (onPitch(up, size) && !onPitch(down, size)) cut = j + 1;
    // closer than a line's height to a text in the same column: another cell's, so another row's
    else if (up < 1.2 * size && down >= 1.2 * size && sharesColumn(body[i - 1], body[i], cols)) cut = i;
    else if (down < 1.2 * size && up >= 1.2 * size && sharesColumn(body[j + 1], body[j], cols)) cut = j + 1;
    else if (down + 0.15 * size < up) cut = i;
    else if (up + 0.15 * size < down) cut = j + 1;
    // as far from both: cells print bottom-aligned unless set otherwise (Excel, WPS and LibreOffice alike)
    else cut = i;
    for (let k = i; k <= j; k++) {
      if (k < cut && canUp(k)) owner[k] = owner[k - 1 >= i ? k - 1 : i - 1];
      else if (k >= cut && canDown(k)) owner[k] = j + 1;
      // a line left alone continues the line above it unless it starts an item
      else if (k > i && !starts(body[k]) && body[k - 1].y - body[k].y <= lim) owner[k] = owner[k - 1];
    }
    i = j + 1;
  }
  const root = (k: number): number => (owner[k] === k ? k : root(owner[k]));
  const groups = new Map<number, Line[]>();
  for (let k = 0; k < n; k++) {
    const r = root(k);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = []));
    g.push(body[k]);
  }
  return [...groups.values()].map((g) => g.sort((a, b) => body.indexOf(a) - body.indexOf(b))).sort((a, b) => body.indexOf(a[0]) - body.indexOf(b[0]));
}

/**
 * Names the tables print: 科目 of the catalogues (functional and economic 类, economic 款) and the fixed
 * rows of every template ('当年收入小计'). A name wrapped over lines or broken over a page is read whole.
 */
const KNOWN_NAMES = new Set<string>([
  ...FUNCTIONAL_CLASSES_WITH_EARLIER.map((c) => c.name),
  ...ECONOMIC_CLASSES.map((c) => c.name),
  ...Object.values(ECONOMIC_KUAN).flatMap((k) => [k.name, ...(k.aliases ?? [])]),
  ...PROFILES.flatMap((p) => p.tables.flatMap((t) => t.blocks.flatMap((b) => ('items' in b.rows ? b.rows.items.map((i) => i.label) : [])))),
]);

/**
 * Which row the text-only lines between two rows finish, by the names they make: a row whose own text is a
 * mere tail ('出', '支出', '用') or that makes a catalogue name with them ('工资福利支' + '出') takes them;
 * the row above, when it makes a catalogue name with them and is none alone.
 */
function completes(lines: Line[], above: Line, below: Line, cols: Col[]): 'up' | 'down' | undefined {
  const colOf = (ch: Chunk) => nearestCol(cols, ch.x0, ch.x1, false);
  const parts = new Map<number, string>();
  for (const l of lines) for (const ch of l.chunks) parts.set(colOf(ch), joinText(parts.get(colOf(ch)) ?? '', ch.text));
  let down = false;
  let up = false;
  for (const [c, text] of parts) {
    if (!/^[\u4e00-\u9fff]/.test(text)) continue;
    const b = below.chunks.find((x) => colOf(x) === c)?.text;
    const a = above.chunks.find((x) => colOf(x) === c)?.text;
    if (b && !ITEM_START.test(b) && ((b.length <= 2 && CJK.test(b)) || KNOWN_NAMES.has(text + b))) down = true;
    if (a && !KNOWN_NAMES.has(a) && KNOWN_NAMES.has(a + text)) up = true;
  }
  return down === up ? undefined : down ? 'down' : 'up';
}

const ITEM_START = /^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、]\s?\D|其中[：:]|合计|总计|小计|本年|上年|年初|年末|收入总计|支出总计)/;


/** Whether a line has a text in a column where another line has one. */
function sharesColumn(a: Line, b: Line, cols: Col[]): boolean {
  const ks = new Set(a.chunks.map((c) => nearestCol(cols, c.x0, c.x1, false)));
  return b.chunks.some((c) => ks.has(nearestCol(cols, c.x0, c.x1, false)));
}

/** A text-only line can continue a row when each of its chunks lies in a column where that row has text. */
function fits(row: Line, part: Line, cols: Col[], above: boolean): boolean {
  for (const ch of part.chunks) {
    const c = nearestCol(cols, ch.x0, ch.x1, false);
    const there = row.chunks.find((x) => nearestCol(cols, x.x0, x.x1, false) === c);
    if (there && amountOf(there.text) !== undefined) return false;
    // an item's first line ('八、社会保障和就') starts the text of the row below it, never ends one
    if (ITEM_START.test(ch.text) && (!above || (there && ITEM_START.test(there.text)))) return false;
  }
  return true;
}

/** Maps a segment's columns onto the table's columns: by position when the counts agree, else by overlap (ruled: by left rule). */
function mapColumns(cols: Col[], base: Col[], ruled = false): number[] {
  if (cols === base || cols.length === base.length) return cols.map((_, i) => i);
  // ruled pages both: a column (a cell merged over several on this page) goes where its left rule is
  if (ruled) return cols.map((c) => Math.max(0, base.findIndex((b, i) => c.x0 < b.x1 - 2 || i === base.length - 1)));
  return cols.map((c) => {
    const i = nearestCol(base, c.d0, c.d1, false);
    return i < 0 ? 0 : i;
  });
}
