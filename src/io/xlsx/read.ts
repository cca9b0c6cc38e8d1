// .xlsx package -> Grid, read straight from the package parts (workbook, relationships, shared strings,
// styles, sheets); drawings, comments, charts, images and everything else are never parsed. Reads what
// Excel and LibreOffice open: SpreadsheetML with any namespace prefix (`x:` as the OpenXML SDK writes)
// or the Strict namespaces, rows and cells without `r`, inline strings, absolute part names.
//
// Limits (README "Limits"): every part is refused from its declared size before it is inflated, the
// non-empty cells of the workbook are counted while reading, and a cell's text is cut at Excel's own
// maximum of 32,767 characters; so a hostile file ends in seconds with a clear message.
import type { Cell, Rect, Sheet, Workbook } from '../../core/model/grid';
import { colName } from '../../core/model/grid';
import { UserError } from '../errors';
import { entry, openZip, readEntry, type ZipArchive, type ZipEntry } from './zip';
import { decodeXml, scanXml, type Attrs } from './xml';

export interface ReadLimits {
  /** largest part read (sheet, shared strings, styles, workbook), uncompressed bytes */
  maxPartBytes: number;
  /** all parts read together, uncompressed bytes */
  maxTotalBytes: number;
  /** non-empty cells in the whole workbook */
  maxCells: number;
  /** characters kept of one cell's text (Excel holds at most 32,767) */
  maxCellText: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxPartBytes: 200 * 1024 * 1024,
  maxTotalBytes: 400 * 1024 * 1024,
  maxCells: 3_000_000,
  maxCellText: 32_767,
};

/** The limits, with BUDGET_MAX_CELLS / BUDGET_MAX_PART_MB / BUDGET_MAX_TOTAL_MB from the environment taking over. */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): ReadLimits {
  const num = (v: string | undefined, dflt: number, scale = 1): number => {
    if (v === undefined || v.trim() === '') return dflt;
    const n = Number(v);
    return Number.isFinite(n) && n > 0 ? Math.floor(n * scale) : dflt;
  };
  return {
    maxPartBytes: num(env.BUDGET_MAX_PART_MB, DEFAULT_LIMITS.maxPartBytes, 1024 * 1024),
    maxTotalBytes: num(env.BUDGET_MAX_TOTAL_MB, DEFAULT_LIMITS.maxTotalBytes, 1024 * 1024),
    maxCells: num(env.BUDGET_MAX_CELLS, DEFAULT_LIMITS.maxCells),
    maxCellText: DEFAULT_LIMITS.maxCellText,
  };
}

/** A worksheet of the package: its name and where its part is. */
export interface PackageSheet {
  name: string;
  /** part name, e.g. 'xl/worksheets/sheet1.xml' */
  path: string;
  state: 'visible' | 'hidden' | 'veryHidden';
}

/** What the marked copy needs of the package besides the Grid. */
export interface XlsxPackage {
  zip: ZipArchive;
  /** 'xl/workbook.xml' */
  workbookPath: string;
  sheets: PackageSheet[];
  stylesPath?: string;
  sharedStringsPath?: string;
  date1904: boolean;
}

const MAX_ROW = 1048576;
const MAX_COL = 16384;

// ------------------------------------------------------------------------------------------------
// paths and relationships

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i + 1);
}

/** A relationship target resolved against the source part's folder ('/xl/...' absolute, '../' up). */
export function resolveTarget(source: string, target: string): string {
  const t = target.replace(/\\/g, '/');
  const parts = (t.startsWith('/') ? t.slice(1) : dirOf(source) + t).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** The .rels part of a part: 'xl/workbook.xml' -> 'xl/_rels/workbook.xml.rels'. */
export function relsPath(part: string): string {
  return `${dirOf(part)}_rels/${part.slice(dirOf(part).length)}.rels`;
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export function parseRels(xml: string): Relationship[] {
  const out: Relationship[] = [];
  scanXml(xml, {
    open(name, a) {
      if (name === 'Relationship' && a.Id && a.Target !== undefined) out.push({ id: a.Id, type: a.Type ?? '', target: a.Target, external: a.TargetMode === 'External' });
    },
  });
  return out;
}

/** Relationship types compared by their last segment (transitional and Strict OOXML differ before it). */
export function relKind(type: string): string {
  return type.slice(type.lastIndexOf('/') + 1);
}

// ------------------------------------------------------------------------------------------------
// cells

/** 'AB12' -> [11, 27] (0-based row, col); null when it is not a cell address. */
function parseRef(ref: string): [number, number] | null {
  let i = 0;
  let col = 0;
  const n = ref.length;
  while (i < n) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + c - 64;
    else if (c >= 97 && c <= 122) col = col * 26 + c - 96;
    else if (c !== 36) break;
    i++;
  }
  let row = 0;
  let digits = 0;
  for (; i < n; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      row = row * 10 + c - 48;
      digits++;
    } else if (c !== 36) return null;
  }
  if (col === 0 || digits === 0) return null;
  return [row - 1, col - 1];
}

function parseArea(ref: string): Rect | null {
  const [a, b] = ref.split(':');
  const p = parseRef(a);
  const q = b ? parseRef(b) : p;
  if (!p || !q) return null;
  return { top: Math.min(p[0], q[0]), left: Math.min(p[1], q[1]), bottom: Math.max(p[0], q[0]), right: Math.max(p[1], q[1]) };
}

/**
 * A shared formula moved from its master cell by (dr, dc): relative references shift, $-anchored parts
 * stay; text in quotes and sheet names are left alone.
 */
export function shiftFormula(f: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return f;
  let out = '';
  let i = 0;
  while (i < f.length) {
    const ch = f[i];
    if (ch === '"' || ch === "'") {
      const end = f.indexOf(ch, i + 1);
      const stop = end < 0 ? f.length : end + 1;
      out += f.slice(i, stop);
      i = stop;
      continue;
    }
    const m = /^(\$?)([A-Z]{1,3})(\$?)(\d{1,7})(?![\w(])/.exec(f.slice(i));
    const prev = i > 0 ? f[i - 1] : '';
    if (m && !/[\w.]/.test(prev)) {
      const col = m[1] ? m[2] : colName(Math.max(0, [...m[2]].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1 + dc));
      const row = m[3] ? m[4] : String(Math.max(1, Number(m[4]) + dr));
      out += `${m[1]}${col}${m[3]}${row}`;
      i += m[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

// exceljs-compatible number formats and dates: built-in ids, custom codes, date detection
const BUILTIN_FMT: Record<number, string> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss', 22: 'm/d/yy "h":mm',
  37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00 ;(#,##0.00)', 40: '#,##0.00 ;[Red](#,##0.00)', 45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};

function isDateFmt(fmt: string | undefined): boolean {
  if (!fmt) return false;
  return /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** exceljs dates are UTC: '2021-01-15', or '2021-01-15T08:30:00' when there is a time of day. */
function isoDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return iso.replace(/\.000Z$/, '').replace(/Z$/, '');
}

function serialToIso(v: number, date1904: boolean): string {
  return isoDate(new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000)));
}

interface Styles {
  /** cellXfs index -> number format code */
  formats: (string | undefined)[];
}

function parseStyles(xml: string): Styles {
  const custom = new Map<number, string>();
  const formats: (string | undefined)[] = [];
  let inXfs = false;
  scanXml(xml, {
    open(name, a) {
      if (name === 'numFmt' && a.numFmtId !== undefined) custom.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inXfs = true;
      else if (name === 'xf' && inXfs) {
        const id = Number(a.numFmtId ?? 0);
        formats.push(custom.get(id) ?? BUILTIN_FMT[id]);
      }
    },
    close(name) {
      if (name === 'cellXfs') inXfs = false;
    },
  });
  return { formats };
}

// ------------------------------------------------------------------------------------------------
// the reader

class Reader {
  private total = 0;
  cells = 0;
  constructor(
    readonly zip: ZipArchive,
    readonly name: string,
    readonly limits: ReadLimits,
  ) {}

  private tooBig = (e: ZipEntry): UserError => {
    const mb = (b: number) => (b / 1024 / 1024).toFixed(0);
    return new UserError(`${this.name} 中的“${e.name}”解压后有 ${mb(e.uncompressedSize)} MB，超过上限 ${mb(this.limits.maxPartBytes)} MB（可能是压缩炸弹或损坏的文件），未读取。如确为正常文件，可设置环境变量 BUDGET_MAX_PART_MB 提高上限。`);
  };

  text(part: string, optional = false): string | undefined {
    const e = entry(this.zip, part);
    if (!e) {
      if (optional) return undefined;
      throw new UserError(`无法读取 ${this.name}：缺少“${part}”部分，文件不完整或不是 Excel 工作簿。`);
    }
    if (e.uncompressedSize > this.limits.maxPartBytes) throw this.tooBig(e);
    this.total += e.uncompressedSize;
    if (this.total > this.limits.maxTotalBytes) {
      throw new UserError(`${this.name} 解压后超过 ${(this.limits.maxTotalBytes / 1024 / 1024).toFixed(0)} MB（可能是压缩炸弹），未读取。如确为正常文件，可设置环境变量 BUDGET_MAX_TOTAL_MB 提高上限。`);
    }
    const buf = readEntry(this.zip, e, this.limits.maxPartBytes, this.name, this.tooBig);
    return decodeXml(buf);
  }

  clip(s: string): string {
    return s.length > this.limits.maxCellText ? s.slice(0, this.limits.maxCellText - 1) + '…' : s;
  }

  count(sheet: string): void {
    if (++this.cells > this.limits.maxCells) {
      throw new UserError(`${this.name} 的单元格超过 ${this.limits.maxCells.toLocaleString('en-US')} 个（读到工作表“${sheet}”时），超出上限，未读取。如确为正常文件，可设置环境变量 BUDGET_MAX_CELLS 提高上限。`);
    }
  }
}

function sharedStrings(xml: string, r: Reader): string[] {
  const out: string[] = [];
  let cur: string[] | null = null;
  let inT = false;
  let phonetic = 0;
  let closed = false;
  scanXml(xml, {
    open(name, _a, self) {
      if (name === 'sst' && self) closed = true;
      if (name === 'si') cur = [];
      else if (name === 't' && !self) inT = true;
      else if (name === 'rPh' && !self) phonetic++;
    },
    close(name) {
      if (name === 'si') {
        out.push(r.clip((cur ?? []).join('')));
        cur = null;
      } else if (name === 't') inT = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'sst') closed = true;
    },
    text(t) {
      if (inT && cur && phonetic === 0) cur.push(t);
    },
  });
  // cut off: the texts after the cut would read as empty cells
  if (!closed && xml.trim() !== '') throw new UserError(`无法读取 ${r.name}：工作簿的共享文本（xl/sharedStrings.xml）不完整，文件已损坏或被截断，未校验。请用 Excel 打开该文件另存后再试。`);
  return out;
}

interface PendingCell {
  r: number;
  c: number;
  t: string;
  s: number;
  v: string | undefined;
  f: string | undefined;
  /** shared formula: index and whether this is its master (has ref) */
  si?: string;
  master?: boolean;
  inline: string[] | undefined;
}

function readSheet(xml: string, name: string, r: Reader, strings: string[], styles: Styles, date1904: boolean): Sheet {
  const rows: (Cell | undefined)[][] = [];
  const merges: Rect[] = [];
  const shared = new Map<string, { r: number; c: number; f: string }>();
  let row = -1;
  let col = -1;
  let cell: PendingCell | null = null;
  let into: 'v' | 'f' | 't' | null = null;
  let buf = '';
  let inIs = false;
  let phonetic = 0;
  let inData = false;

  const finish = (p: PendingCell): void => {
    let formula = p.f;
    if (p.si !== undefined) {
      if (p.master && formula !== undefined) shared.set(p.si, { r: p.r, c: p.c, f: formula });
      else if (formula === undefined || formula === '') {
        const m = shared.get(p.si);
        formula = m ? shiftFormula(m.f, p.r - m.r, p.c - m.c) : undefined;
      }
    }
    if (formula === '') formula = undefined;
    const fmt = p.s >= 0 ? styles.formats[p.s] : undefined;
    let out: Cell | undefined;
    const v = p.v;
    if (formula !== undefined) {
      if (v) {
        if (p.t === 'str') out = { value: r.clip(v) };
        else if (p.t === 'b') out = { value: parseInt(v, 10) !== 0 };
        else if (p.t === 'e') out = { value: null, error: v };
        else {
          const n = parseFloat(v);
          out = !Number.isFinite(n) ? { value: null, error: '#NUM!' } : isDateFmt(fmt) ? { value: serialToIso(n, date1904) } : { value: n };
        }
      } else out = { value: null };
      out.formula = formula;
    } else if (p.t === 'inlineStr') {
      if (p.inline && p.inline.length) out = { value: r.clip(p.inline.join('')) };
    } else if (v !== undefined) {
      switch (p.t) {
        case 's': {
          const s = strings[parseInt(v, 10)];
          out = { value: s === undefined ? '' : s };
          break;
        }
        case 'str':
          out = { value: r.clip(v) };
          break;
        case 'b':
          out = { value: parseInt(v, 10) !== 0 };
          break;
        case 'e':
          out = { value: null, error: v };
          break;
        case 'd':
          out = { value: isoDate(new Date(v.length === 10 ? `${v}T00:00:00Z` : /[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`)) };
          break;
        default: {
          const n = parseFloat(v);
          out = !Number.isFinite(n) ? { value: null, error: '#NUM!' } : isDateFmt(fmt) ? { value: serialToIso(n, date1904) } : { value: n };
        }
      }
    }
    if (!out) return;
    if (fmt && fmt !== 'General') out.numFmt = fmt;
    if ((out.value === null || out.value === '') && out.error === undefined && out.formula === undefined) return;
    r.count(name);
    (rows[p.r] ??= [])[p.c] = out;
  };

  scanXml(xml, {
    open(el, a: Attrs, self) {
      switch (el) {
        case 'sheetData':
          inData = !self;
          return;
        case 'row': {
          if (!inData) return;
          const n = a.r !== undefined ? parseInt(a.r, 10) - 1 : row + 1;
          if (!(n >= 0 && n < MAX_ROW)) throw new UserError(`无法读取 ${r.name}：工作表“${name}”的行号 ${a.r ?? ''} 超出 Excel 的范围，文件已损坏。`);
          row = n;
          col = -1;
          return;
        }
        case 'c': {
          if (!inData) return;
          let rr = row < 0 ? 0 : row;
          let cc = col + 1;
          if (a.r !== undefined) {
            const p = parseRef(a.r);
            if (!p || p[0] >= MAX_ROW || p[1] >= MAX_COL) throw new UserError(`无法读取 ${r.name}：工作表“${name}”的单元格地址“${a.r.slice(0, 20)}”超出 Excel 的范围，文件已损坏。`);
            [rr, cc] = p;
          }
          if (cc >= MAX_COL) throw new UserError(`无法读取 ${r.name}：工作表“${name}”第 ${rr + 1} 行的列数超出 Excel 的范围，文件已损坏。`);
          row = rr;
          col = cc;
          const p: PendingCell = { r: rr, c: cc, t: a.t ?? 'n', s: a.s !== undefined ? parseInt(a.s, 10) : -1, v: undefined, f: undefined, inline: undefined };
          if (self) finish(p);
          else cell = p;
          return;
        }
        case 'v':
          if (cell && !self) {
            into = 'v';
            buf = '';
          }
          return;
        case 'f':
          if (!cell) return;
          if (a.t === 'shared' && a.si !== undefined) {
            cell.si = a.si;
            cell.master = a.ref !== undefined;
          }
          if (self) cell.f = cell.f ?? '';
          else {
            into = 'f';
            buf = '';
          }
          return;
        case 'is':
          if (cell) {
            inIs = !self;
            cell.inline = [];
          }
          return;
        case 'rPh':
          if (inIs && !self) phonetic++;
          return;
        case 't':
          if (inIs && !self && phonetic === 0) {
            into = 't';
            buf = '';
          }
          return;
        case 'mergeCell': {
          const m = a.ref ? parseArea(a.ref) : null;
          if (m && (m.bottom > m.top || m.right > m.left)) merges.push(m);
          return;
        }
      }
    },
    close(el) {
      switch (el) {
        case 'sheetData':
          inData = false;
          return;
        case 'row':
          // an exact copy: the array grown cell by cell holds room for 17 (150 bytes a row on a 1-million-row sheet)
          if (inData && rows[row]) rows[row] = rows[row].slice();
          return;
        case 'c':
          if (cell) finish(cell);
          cell = null;
          inIs = false;
          return;
        case 'v':
          if (into === 'v' && cell) cell.v = buf;
          into = null;
          return;
        case 'f':
          if (into === 'f' && cell) cell.f = buf;
          into = null;
          return;
        case 't':
          if (into === 't' && cell?.inline) cell.inline.push(buf);
          into = null;
          return;
        case 'is':
          inIs = false;
          return;
        case 'rPh':
          if (inIs) phonetic--;
          return;
      }
    },
    text(t) {
      if (into) buf += t;
    },
  });
  // sheetData opened and never closed: the part ends mid-sheet (cut off, or written by a broken program);
  // its rows after the cut would read as rows the clerk left out
  if (inData) throw new UserError(`无法读取 ${r.name}：工作表“${name}”的内容不完整（在第 ${row + 1} 行处中断），文件已损坏或被截断，未校验。请用 Excel 打开该文件另存后再试。`);

  // a merged area's value is its top-left cell's: whatever other cells of it hold is not shown by Excel
  for (const m of merges) {
    for (let rr = m.top; rr <= m.bottom; rr++) {
      const rowCells = rows[rr];
      if (!rowCells) continue;
      for (let cc = m.left; cc <= m.right; cc++) if ((rr !== m.top || cc !== m.left) && rowCells[cc]) delete rowCells[cc];
    }
  }
  for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = [];
  merges.sort((x, y) => x.top - y.top || x.left - y.left);
  return { name, rows, merges };
}

/** Reads an .xlsx held in memory into the Grid and the package (kept for a marked copy). */
/** Excel allows 31 characters in a sheet name; a longer one (a hostile file) is cut so that no message echoes megabytes. */
const MAX_SHEET_NAME = 100;
function clipSheetName(s: string): string {
  return s.length > MAX_SHEET_NAME ? s.slice(0, MAX_SHEET_NAME - 1) + '…' : s;
}

export function readXlsx(buf: Buffer, name: string, limits: ReadLimits = DEFAULT_LIMITS): { grid: Workbook; pkg: XlsxPackage } {
  const zip = openZip(buf, name);
  const r = new Reader(zip, name, limits);
  // the workbook part: from the package relationships, else the usual place
  const rootRels = r.text('_rels/.rels', true);
  const officeDoc = rootRels ? parseRels(rootRels).find((x) => relKind(x.type) === 'officeDocument' && !x.external) : undefined;
  const workbookPath = officeDoc ? resolveTarget('', officeDoc.target) : 'xl/workbook.xml';
  if (!entry(zip, workbookPath)) {
    if (entry(zip, 'content.xml') && entry(zip, 'mimetype')) throw new UserError(`${name} 是 OpenDocument 表格（.ods），不是 .xlsx。请另存为 .xlsx 后再试。`);
    if (entry(zip, 'word/document.xml')) throw new UserError(`${name} 是 Word 文档，不是 Excel 工作簿。`);
    throw new UserError(`无法读取 ${name}：其中没有工作簿（缺少 ${workbookPath}），不是 Excel 工作簿。`);
  }
  const wbXml = r.text(workbookPath) as string;
  const wbRels = parseRels(r.text(relsPath(workbookPath), true) ?? '');
  const relById = new Map(wbRels.map((x) => [x.id, x]));
  const sheets: PackageSheet[] = [];
  let date1904 = false;
  scanXml(wbXml, {
    open(el, a) {
      if (el === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      if (el !== 'sheet') return;
      const id = Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1] ?? a.id;
      const rel = id !== undefined ? relById.get(id) : undefined;
      if (!rel || rel.external || relKind(rel.type) !== 'worksheet') return; // chart sheets, dialog sheets: no cells
      sheets.push({ name: clipSheetName(a.name ?? ''), path: resolveTarget(workbookPath, rel.target), state: a.state === 'hidden' ? 'hidden' : a.state === 'veryHidden' ? 'veryHidden' : 'visible' });
    },
  });
  if (sheets.length === 0) throw new UserError(`${name} 中没有任何工作表，可能不是 Excel 工作簿。`);
  const ssRel = wbRels.find((x) => relKind(x.type) === 'sharedStrings' && !x.external);
  const stRel = wbRels.find((x) => relKind(x.type) === 'styles' && !x.external);
  const sharedStringsPath = ssRel ? resolveTarget(workbookPath, ssRel.target) : undefined;
  const stylesPath = stRel ? resolveTarget(workbookPath, stRel.target) : undefined;
  const ssXml = sharedStringsPath ? r.text(sharedStringsPath, true) : undefined;
  const strings = ssXml ? sharedStrings(ssXml, r) : [];
  const stXml = stylesPath ? r.text(stylesPath, true) : undefined;
  const styles = stXml ? parseStyles(stXml) : { formats: [] };
  const grid: Workbook = { sheets: [] };
  for (const s of sheets) {
    const xml = r.text(s.path, true);
    if (xml === undefined) throw new UserError(`无法读取 ${name}：工作表“${s.name}”的内容（${s.path}）不在文件中，文件不完整或已损坏。可在 Excel 中打开（Excel 会提示修复）后另存为 .xlsx 再试。`);
    const sheet = readSheet(xml, s.name, r, strings, styles, date1904);
    if (s.state !== 'visible') sheet.hidden = true;
    grid.sheets.push(sheet);
  }
  return { grid, pkg: { zip, workbookPath, sheets, stylesPath, sharedStringsPath, date1904 } };
}
