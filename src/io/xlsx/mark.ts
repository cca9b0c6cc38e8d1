// The marked copy, written into the original package: only the parts the marks need are changed —
// styles (fills and cell formats appended), the marked cells' style ids in their sheets, the notes
// (comments part + VML drawing) of those sheets, the 校验结果 sheet with its relationship and content
// type, the workbook's sheet list — and every other part is copied byte for byte (charts, images,
// external links, data validations, conditional formats, defined names, custom properties, print setup,
// shared strings, themes). Values are never touched.
import type { Report, Severity } from '../../core/model/findings';
import { CAUSE_FILLS, causeSeverity, MARK_FILLS, markFill, markLines, markPlan, resultRows, type CellMark } from '../../core/model/marks';
import { ruleName } from '../../core/validate/rules';
import { colName, parseAddress } from '../../core/model/grid';
import { UserError } from '../errors';
import { parseRels, relKind, relsPath, resolveTarget, type XlsxPackage } from './read';
import { entry, readEntry, writeZip, type OutPart, type ZipEntry } from './zip';
import { decodeXml, scanXml } from './xml';

export const RESULT_SHEET = '校验结果';
/** Same prefix as the add-in's notes (src/io/office/records.ts), so its 清除标记 recognises them too. */
export const NOTE_PREFIX = '【预算公开校验】';
export const NOTE_AUTHOR = '预算公开校验';
/** ARGB fill colours by severity (the plan's, src/core/model/marks.ts). */
export const FILL_ARGB: Record<Severity, string> = { error: 'FF' + MARK_FILLS.error, warning: 'FF' + MARK_FILLS.warning, info: 'FF' + MARK_FILLS.info };
export const SEVERITY_TEXT: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

/** The namespaces and relationship types a package uses: Transitional (as Excel saves by default) or Strict. */
interface Ns {
  main: string;
  r: string;
  /** relationship types: `${rel}/worksheet` */
  rel: string;
}
const TRANSITIONAL: Ns = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
};
const STRICT: Ns = {
  main: 'http://purl.oclc.org/ooxml/spreadsheetml/main',
  r: 'http://purl.oclc.org/ooxml/officeDocument/relationships',
  rel: 'http://purl.oclc.org/ooxml/officeDocument/relationships',
};
const CT_SHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const CT_COMMENTS = 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml';
const CT_VML = 'application/vnd.openxmlformats-officedocument.vmlDrawing';
const CT_STYLES = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export function xmlEscape(s: string): string {
  // characters XML 1.0 cannot carry are dropped; the rest escaped
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function parseRef(ref: string): [number, number] {
  try {
    const { r, c } = parseAddress(ref);
    return [r, c];
  } catch {
    return [-1, -1];
  }
}

/** `'Sheet name'!D19` — always quoted, as Excel accepts in formulas and links. */
export function sheetRef(sheet: string, address: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${address}`;
}

/** Text edits of one XML string, applied back to front. */
class Edits {
  private list: { at: number; del: number; text: string; seq: number }[] = [];
  private seq = 0;
  insert(at: number, text: string): void {
    this.list.push({ at, del: 0, text, seq: this.seq++ });
  }
  replace(at: number, del: number, text: string): void {
    this.list.push({ at, del, text, seq: this.seq++ });
  }
  apply(s: string): string {
    // same position: in the order they were made
    const sorted = [...this.list].sort((a, b) => a.at - b.at || a.seq - b.seq);
    let out = '';
    let pos = 0;
    for (const e of sorted) {
      out += s.slice(pos, e.at) + e.text;
      pos = e.at + e.del;
    }
    return out + s.slice(pos);
  }
}

/** The prefix (with its colon) the document's root element uses for the main namespace: '' or 'x:'. */
function prefixOf(xml: string, root: string): string {
  const m = new RegExp(`<([A-Za-z_][\\w.-]*:)?${root}[\\s>/]`).exec(xml);
  return m?.[1] ?? '';
}

/** Start and end offsets of the first element `name` (any prefix), or undefined. */
function findTag(xml: string, name: string, from = 0): { start: number; end: number; self: boolean } | undefined {
  const re = new RegExp(`<([A-Za-z_][\\w.-]*:)?${name}(?=[\\s>/])[^>]*>`, 'g');
  re.lastIndex = from;
  const m = re.exec(xml);
  if (!m) return undefined;
  return { start: m.index, end: m.index + m[0].length, self: m[0].endsWith('/>') };
}

function findClose(xml: string, name: string, from = 0): number {
  const re = new RegExp(`</([A-Za-z_][\\w.-]*:)?${name}\\s*>`, 'g');
  re.lastIndex = from;
  const m = re.exec(xml);
  return m ? m.index : -1;
}

/** Sets (or adds) an attribute in an element's start tag text. */
function setAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name}\\s*=\\s*)("[^"]*"|'[^']*')`);
  if (re.test(tag)) return tag.replace(re, `$1"${value}"`);
  return tag.replace(/\s*(\/?)>$/, ` ${name}="${value}"$1>`);
}

function countUp(xml: string, el: string, added: number): string {
  const t = findTag(xml, el);
  if (!t) return xml;
  const tag = xml.slice(t.start, t.end);
  const m = /\scount\s*=\s*"(\d+)"/.exec(tag);
  if (!m) return xml;
  return xml.slice(0, t.start) + setAttr(tag, 'count', String(Number(m[1]) + added)) + xml.slice(t.end);
}

// ------------------------------------------------------------------------------------------------
// styles: fills and cell formats appended, nothing existing changed

class Styles {
  private xml: string;
  private p: string;
  private fills = 0;
  private fonts = 0;
  private xfs: string[] = [];
  private newFills: string[] = [];
  private newFonts: string[] = [];
  private newXfs: string[] = [];
  private fillIds = new Map<string, number>();
  private fontIds = new Map<string, number>();
  private xfIds = new Map<string, number>();
  readonly created: boolean;

  constructor(xml: string | undefined, ns: Ns) {
    this.created = xml === undefined;
    this.xml =
      xml ??
      `${XML_HEAD}<styleSheet xmlns="${ns.main}"><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
    this.p = prefixOf(this.xml, 'styleSheet');
    const self = this;
    let inFills = false;
    let inFonts = false;
    // the existing cell formats, as their start tags and bodies (to clone with another fill)
    const xfsStart = findTag(this.xml, 'cellXfs');
    const xfsEnd = xfsStart && !xfsStart.self ? findClose(this.xml, 'cellXfs', xfsStart.end) : -1;
    if (xfsStart && xfsEnd > 0) {
      const body = this.xml.slice(xfsStart.end, xfsEnd);
      const re = /<([A-Za-z_][\w.-]*:)?xf(?=[\s>/])[^>]*?(\/>|>[\s\S]*?<\/([A-Za-z_][\w.-]*:)?xf\s*>)/g;
      for (let m = re.exec(body); m; m = re.exec(body)) this.xfs.push(m[0]);
    }
    scanXml(this.xml, {
      open(name, _a, selfClosing) {
        if (name === 'fills') inFills = !selfClosing;
        else if (name === 'fonts') inFonts = !selfClosing;
        else if (name === 'fill' && inFills) self.fills++;
        else if (name === 'font' && inFonts) self.fonts++;
      },
      close(name) {
        if (name === 'fills') inFills = false;
        else if (name === 'fonts') inFonts = false;
      },
    });
  }

  private el(name: string): string {
    return this.p + name;
  }

  fill(argb: string): number {
    let id = this.fillIds.get(argb);
    if (id === undefined) {
      id = this.fills + this.newFills.length;
      this.newFills.push(`<${this.el('fill')}><${this.el('patternFill')} patternType="solid"><${this.el('fgColor')} rgb="${argb}"/><${this.el('bgColor')} indexed="64"/></${this.el('patternFill')}></${this.el('fill')}>`);
      this.fillIds.set(argb, id);
    }
    return id;
  }

  font(key: string, body: string): number {
    let id = this.fontIds.get(key);
    if (id === undefined) {
      id = this.fonts + this.newFonts.length;
      this.newFonts.push(`<${this.el('font')}>${body}</${this.el('font')}>`);
      this.fontIds.set(key, id);
    }
    return id;
  }

  /** A cell format like `base` (an existing cellXfs index) with this fill. */
  withFill(base: number, argb: string): number {
    const k = `${base}|${argb}`;
    let id = this.xfIds.get(k);
    if (id === undefined) {
      const fillId = this.fill(argb);
      let xf = this.xfs[base] ?? this.xfs[0] ?? `<${this.el('xf')} numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
      const tagEnd = xf.indexOf('>') + 1;
      let tag = xf.slice(0, tagEnd);
      tag = setAttr(setAttr(tag, 'fillId', String(fillId)), 'applyFill', '1');
      xf = tag + xf.slice(tagEnd);
      id = this.xfs.length + this.newXfs.length;
      this.newXfs.push(xf);
      this.xfIds.set(k, id);
    }
    return id;
  }

  /** A new cell format from scratch (the 校验结果 sheet). */
  format(key: string, o: { font?: number; fill?: string; wrap?: boolean; vertical?: 'top' | 'center' }): number {
    const k = 'fmt:' + key;
    let id = this.xfIds.get(k);
    if (id === undefined) {
      const fillId = o.fill ? this.fill(o.fill) : 0;
      const align = o.wrap || o.vertical ? `<${this.el('alignment')}${o.vertical ? ` vertical="${o.vertical}"` : ''}${o.wrap ? ' wrapText="1"' : ''}/>` : '';
      const attrs = `numFmtId="0" fontId="${o.font ?? 0}" fillId="${fillId}" borderId="0" xfId="0"${o.font ? ' applyFont="1"' : ''}${o.fill ? ' applyFill="1"' : ''}${align ? ' applyAlignment="1"' : ''}`;
      id = this.xfs.length + this.newXfs.length;
      this.newXfs.push(align ? `<${this.el('xf')} ${attrs}>${align}</${this.el('xf')}>` : `<${this.el('xf')} ${attrs}/>`);
      this.xfIds.set(k, id);
    }
    return id;
  }

  get changed(): boolean {
    return this.newFills.length + this.newFonts.length + this.newXfs.length > 0 || this.created;
  }

  /** The styles part with the new fills, fonts and formats appended to their lists. */
  toString(): string {
    let xml = this.xml;
    const append = (el: string, items: string[]): void => {
      if (items.length === 0) return;
      const open = findTag(xml, el);
      if (!open) return;
      if (open.self) {
        const tag = xml.slice(open.start, open.end).replace(/\s*\/>$/, '>');
        xml = xml.slice(0, open.start) + tag + items.join('') + `</${this.p}${el}>` + xml.slice(open.end);
      } else {
        const close = findClose(xml, el, open.end);
        xml = xml.slice(0, close) + items.join('') + xml.slice(close);
      }
      xml = countUp(xml, el, items.length);
    };
    append('fonts', this.newFonts);
    append('fills', this.newFills);
    append('cellXfs', this.newXfs);
    return xml;
  }
}

// ------------------------------------------------------------------------------------------------
// a sheet: the marked cells' style ids, and its legacy drawing for the notes

interface CellPos {
  /** start/end of the cell's start tag */
  start: number;
  end: number;
  s: number;
}

interface RowPos {
  row: number;
  /** start/end of the row's start tag; close: offset of its end tag (or -1 when self-closing) */
  start: number;
  end: number;
  close: number;
  cells: { col: number; pos: CellPos }[];
}

/** Where the rows and cells of sheetData are (rows and cells without `r` counted as the reader does). */
function locateCells(xml: string): { rows: RowPos[]; dataStart: number; dataEnd: number; dataSelf: boolean } | undefined {
  const sd = findTag(xml, 'sheetData');
  if (!sd) return undefined;
  if (sd.self) return { rows: [], dataStart: sd.start, dataEnd: sd.end, dataSelf: true };
  const end = findClose(xml, 'sheetData', sd.end);
  const rows: RowPos[] = [];
  const re = /<(\/?)([A-Za-z_][\w.-]*:)?(row|c)(?=[\s>/])([^>]*)>/g;
  re.lastIndex = sd.end;
  let row = -1;
  let col = -1;
  let cur: RowPos | undefined;
  for (let m = re.exec(xml); m && m.index < end; m = re.exec(xml)) {
    const [whole, closing, , name, attrs] = m;
    if (name === 'row') {
      if (closing) {
        if (cur) cur.close = m.index;
        continue;
      }
      const r = /\sr\s*=\s*"(\d+)"/.exec(attrs);
      row = r ? Number(r[1]) - 1 : row + 1;
      col = -1;
      cur = { row, start: m.index, end: m.index + whole.length, close: -1, cells: [] };
      rows.push(cur);
      continue;
    }
    if (closing || !cur) continue;
    const r = /\sr\s*=\s*"([A-Za-z]+)(\d+)"/.exec(attrs);
    col = r ? parseRef(r[1] + r[2])[1] : col + 1;
    const s = /\ss\s*=\s*"(\d+)"/.exec(attrs);
    cur.cells.push({ col, pos: { start: m.index, end: m.index + whole.length, s: s ? Number(s[1]) : 0 } });
  }
  return { rows, dataStart: sd.start, dataEnd: end, dataSelf: false };
}

/** Order of the worksheet's elements after sheetData that come after legacyDrawing (CT_Worksheet). */
const AFTER_LEGACY = ['legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];

function insertBeforeFirst(xml: string, names: string[], fallbackClose: string, text: string, edits: Edits): void {
  let at = -1;
  for (const n of names) {
    const t = findTag(xml, n);
    if (t && (at < 0 || t.start < at)) at = t.start;
  }
  if (at < 0) at = findClose(xml, fallbackClose);
  edits.insert(at, text);
}

// ------------------------------------------------------------------------------------------------
// notes: the legacy comments part and its VML shapes

function vmlShape(id: number, r: number, c: number): string {
  return (
    // the namespaces declared on the shape itself: a VML part written by another program may bind other prefixes
    `<v:shape xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel" id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:220pt;height:90pt;z-index:${id % 1024};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${c + 1}, 15, ${r}, 2, ${c + 5}, 15, ${r + 6}, 2</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${r}</x:Row><x:Column>${c}</x:Column></x:ClientData></v:shape>`
  );
}

const VML_HEAD =
  '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">';
const VML_TYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

function noteText(m: CellMark): string {
  const lines = markLines(m, (f) => `${SEVERITY_TEXT[f.severity]}：${f.message}`);
  return NOTE_PREFIX + (lines.length > 1 ? '\n' + lines.map((l, i) => `${i + 1}. ${l}`).join('\n') : lines[0] ?? '');
}

// ------------------------------------------------------------------------------------------------
// the package as a whole

class PackageWriter {
  /** part name (lower case) -> new content */
  readonly changed = new Map<string, { name: string; data: string }>();
  private readonly names: Set<string>;
  private ctXml: string;
  private ctEdits: string[] = [];
  constructor(readonly pkg: XlsxPackage, private readonly file: string) {
    this.names = new Set(pkg.zip.entries.map((e) => e.name.toLowerCase()));
    this.ctXml = this.text('[Content_Types].xml') ?? `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>`;
  }

  text(part: string): string | undefined {
    const key = part.toLowerCase();
    const c = this.changed.get(key);
    if (c) return c.data;
    const e: ZipEntry | undefined = entry(this.pkg.zip, part);
    if (!e) return undefined;
    const buf = readEntry(this.pkg.zip, e, 512 * 1024 * 1024, this.file, () => new UserError(`${this.file} 的“${part}”太大，无法写入标记副本。`));
    return decodeXml(buf);
  }

  set(part: string, data: string): void {
    this.changed.set(part.toLowerCase(), { name: part, data });
    this.names.add(part.toLowerCase());
  }

  exists(part: string): boolean {
    return this.names.has(part.toLowerCase());
  }

  /** A part name not in the package: `${stem}${n}${ext}`. */
  freeName(stem: string, ext: string): string {
    for (let n = 1; ; n++) if (!this.exists(`${stem}${n}${ext}`)) return `${stem}${n}${ext}`;
  }

  override(part: string, type: string): void {
    if (!new RegExp(`PartName="/${part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`, 'i').test(this.ctXml)) this.ctEdits.push(`<Override PartName="/${xmlEscape(part)}" ContentType="${type}"/>`);
  }

  defaultExt(ext: string, type: string): void {
    if (!new RegExp(`Extension="${ext}"`, 'i').test(this.ctXml)) this.ctEdits.push(`<Default Extension="${ext}" ContentType="${type}"/>`);
  }

  /** Adds a relationship to a part's .rels (created when missing); returns its id. */
  addRel(source: string, type: string, target: string, extra = ''): string {
    const path = relsPath(source);
    let xml = this.text(path) ?? `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
    const ids = new Set(parseRels(xml).map((r) => r.id));
    let n = 1;
    while (ids.has(`rIdBudget${n}`)) n++;
    const id = `rIdBudget${n}`;
    const close = findClose(xml, 'Relationships');
    const p = prefixOf(xml, 'Relationships');
    xml = xml.slice(0, close) + `<${p}Relationship Id="${id}" Type="${type}" Target="${xmlEscape(target)}"${extra}/>` + xml.slice(close);
    this.set(path, xml);
    return id;
  }

  /** The relative target from a source part's folder to a part. */
  relTarget(source: string, part: string): string {
    const from = source.split('/').slice(0, -1);
    const to = part.split('/');
    let i = 0;
    while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
    return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
  }

  finish(): Buffer {
    if (this.ctEdits.length) {
      const close = findClose(this.ctXml, 'Types');
      this.set('[Content_Types].xml', this.ctXml.slice(0, close) + this.ctEdits.join('') + this.ctXml.slice(close));
    }
    const parts: OutPart[] = [];
    const done = new Set<string>();
    for (const e of this.pkg.zip.entries) {
      const key = e.name.toLowerCase();
      const c = this.changed.get(key);
      parts.push(c ? { name: e.name, data: Buffer.from(c.data, 'utf8') } : { name: e.name, copy: e });
      done.add(key);
    }
    for (const [key, c] of this.changed) if (!done.has(key)) parts.push({ name: c.name, data: Buffer.from(c.data, 'utf8') });
    return writeZip(this.pkg.zip, parts, this.file);
  }
}

/** Is this sheet a 校验结果 sheet we wrote (its header row is ours)? */
function isOurResultSheet(w: PackageWriter, path: string): boolean {
  const xml = w.text(path) ?? '';
  return /<(\w+:)?c [^>]*r="A1"[^>]*>\s*<(\w+:)?is>\s*<(\w+:)?t[^>]*>序号</.test(xml) && xml.includes('严重程度');
}

type TableTitles = (t: NonNullable<Report['findings'][number]['table']>) => string;

/** Lines a text takes in a wrapped column of this width (CJK characters two units wide and a margin). */
function linesOf(text: string, width: number): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f“”]/.test(ch) ? 2.3 : 1.1;
  return Math.max(1, Math.ceil(w / (width - 1)));
}

/** The 校验结果 sheet: the causes with the findings each explains under it, then the other findings, each linked to its cell; A4 landscape, one page wide, header repeated. */
function resultSheetXml(report: Report, styles: Styles, existing: Set<string>, titles: TableTitles, ns: Ns): string {
  const bold = styles.font('bold', '<b/><sz val="11"/><name val="宋体"/>');
  const link = styles.font('link', '<u/><sz val="11"/><color rgb="FF0563C1"/><name val="宋体"/>');
  const fHeader = styles.format('header', { font: bold, fill: 'FFD9D9D9', vertical: 'center' });
  const fWrap = styles.format('wrap', { wrap: true, vertical: 'top' });
  const fTop = styles.format('top', { vertical: 'top' });
  const fLink = styles.format('link', { font: link, vertical: 'top' });
  const fSev: Record<Severity, number> = {
    error: styles.format('sev-error', { fill: FILL_ARGB.error, vertical: 'top' }),
    warning: styles.format('sev-warning', { fill: FILL_ARGB.warning, vertical: 'top' }),
    info: styles.format('sev-info', { fill: FILL_ARGB.info, vertical: 'top' }),
  };
  const header = ['序号', '严重程度', '表', '规则', '说明', '单元格', '应为', '实为', '其他相关单元格', '规则编号'];
  const widths = [6, 9, 26, 16, 60, 30, 12, 12, 34, 16];
  const str = (ref: string, s: number, text: string) => (text === '' ? `<c r="${ref}" s="${s}"/>` : `<c r="${ref}" s="${s}" t="inlineStr"><is><t xml:space="preserve">${xmlEscape(text)}</t></is></c>`);
  const rows: string[] = [`<row r="1">${header.map((h, i) => str(`${colName(i)}1`, fHeader, h)).join('')}</row>`];
  const links: string[] = [];
  const findings = report.findings;
  if (findings.length === 0) rows.push(`<row r="2">${str('E2', fWrap, '未发现问题。')}</row>`);
  const fCauseSev: Record<Severity, number> = {
    error: styles.format('cause-error', { font: bold, fill: 'FF' + CAUSE_FILLS.error, vertical: 'top' }),
    warning: styles.format('cause-warning', { font: bold, fill: 'FF' + CAUSE_FILLS.warning, vertical: 'top' }),
    info: styles.format('cause-info', { font: bold, fill: 'FF' + CAUSE_FILLS.info, vertical: 'top' }),
  };
  const fBoldWrap = styles.format('bold-wrap', { font: bold, wrap: true, vertical: 'top' });
  const fBoldTop = styles.format('bold-top', { font: bold, vertical: 'top' });
  const tableOf = (t: Report['findings'][number]['table']) => (t ? `${t.slice(1)} ${titles(t)}` : '整个工作簿');
  // causes first, the findings each explains folded under it (outline level 1), then the findings no cause explains
  let r = 1;
  for (const x of resultRows(report)) {
    r++;
    if (x.kind === 'cause') {
      const c = x.cause;
      const [first, ...rest] = c.cells;
      const firstRef = first ? sheetRef(first.sheet, first.address.replace(/\$/g, '')) : '';
      const linked = first && existing.has(first.sheet);
      if (linked) links.push(`<hyperlink ref="F${r}" location="${xmlEscape(firstRef)}" display="${xmlEscape(firstRef)}"/>`);
      const table = first ? tableOf(report.tables.find((t) => t.sheet === first.sheet)?.table) : '';
      const more = rest.map((y) => `${sheetRef(y.sheet, y.address.replace(/\$/g, ''))}${y.proposed !== undefined ? ` 应为 ${y.proposed}` : ''}`).join('，');
      const lines = Math.max(linesOf(table, widths[2]), linesOf(c.message, widths[4]), linesOf(more, widths[8]));
      const sev = causeSeverity(report, c);
      rows.push(
        `<row r="${r}"${lines > 1 ? ` ht="${lines * 14 + 3}" customHeight="1"` : ''}>` +
          str(`A${r}`, fBoldTop, `原因 ${x.no}`) +
          str(`B${r}`, fCauseSev[sev], SEVERITY_TEXT[sev]) +
          str(`C${r}`, fBoldWrap, table) +
          str(`D${r}`, fBoldTop, c.ambiguous ? '原因（无法确定）' : '原因') +
          str(`E${r}`, fBoldWrap, c.message) +
          str(`F${r}`, linked ? fLink : fBoldTop, firstRef) +
          str(`G${r}`, fBoldTop, first?.proposed ?? '') +
          str(`H${r}`, fBoldTop, first?.value ?? '') +
          str(`I${r}`, fBoldWrap, more) +
          str(`J${r}`, fTop, '') +
          `</row>`,
      );
      continue;
    }
    const f = x.finding;
    const [first, ...rest] = f.cells;
    const firstRef = first ? sheetRef(first.sheet, first.address.replace(/\$/g, '')) : '';
    const linked = first && existing.has(first.sheet);
    if (linked) links.push(`<hyperlink ref="F${r}" location="${xmlEscape(firstRef)}" display="${xmlEscape(firstRef)}"/>`);
    // rows tall enough for the wrapped texts (not every program sizes rows to wrapped text)
    const table = tableOf(f.table);
    const lines = Math.max(linesOf(table, widths[2]), linesOf(f.message, widths[4]), linesOf(rest.map((c) => sheetRef(c.sheet, c.address)).join('，'), widths[8]));
    const attrs = (lines > 1 ? ` ht="${lines * 14 + 3}" customHeight="1"` : '') + (x.under !== undefined ? ' outlineLevel="1"' : '');
    rows.push(
      `<row r="${r}"${attrs}>` +
        `<c r="A${r}" s="${fTop}"><v>${x.no}</v></c>` +
        str(`B${r}`, fSev[f.severity], SEVERITY_TEXT[f.severity]) +
        str(`C${r}`, fWrap, table) +
        str(`D${r}`, fTop, ruleName(f.rule)) +
        str(`E${r}`, fWrap, f.message) +
        str(`F${r}`, linked ? fLink : fTop, firstRef) +
        str(`G${r}`, fTop, f.expected ?? '') +
        str(`H${r}`, fTop, f.actual ?? '') +
        str(`I${r}`, fWrap, rest.map((c) => sheetRef(c.sheet, c.address.replace(/\$/g, ''))).join('，')) +
        str(`J${r}`, fTop, f.rule) +
        `</row>`,
    );
  }
  const last = Math.max(2, r);
  return (
    XML_HEAD +
    `<worksheet xmlns="${ns.main}" xmlns:r="${ns.r}">` +
    // folded rows sit under the cause above them
    '<sheetPr><outlinePr summaryBelow="0"/><pageSetUpPr fitToPage="1"/></sheetPr>' +
    `<dimension ref="A1:J${last}"/>` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
    `<sheetFormatPr defaultRowHeight="15"${report.causes?.length ? ' outlineLevelRow="1"' : ''}/>` +
    `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>` +
    `<sheetData>${rows.join('')}</sheetData>` +
    `<autoFilter ref="A1:J${last}"/>` +
    (links.length ? `<hyperlinks>${links.join('')}</hyperlinks>` : '') +
    '<printOptions horizontalCentered="1"/>' +
    '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>' +
    '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>' +
    '<headerFooter><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>' +
    '</worksheet>'
  );
}

/**
 * The marked copy's bytes: the input package with the marks written in. `titles` names a table
 * (T3 -> 部门预算支出总表) for the 校验结果 sheet.
 */
export function markPackage(pkg: XlsxPackage, report: Report, file: string, titles: TableTitles): Buffer {
  const w = new PackageWriter(pkg, file);
  const byName = new Map(pkg.sheets.map((s) => [s.name, s]));
  // our earlier 校验结果 sheet is rewritten in place; a sheet of that name of the clerk's is kept, ours is named apart
  const replace = pkg.sheets.find((s) => new RegExp(`^${RESULT_SHEET}\\d*$`).test(s.name) && isOurResultSheet(w, s.path));
  let resultName = replace?.name ?? RESULT_SHEET;
  if (!replace) for (let n = 2; byName.has(resultName); n++) resultName = `${RESULT_SHEET}${n}`;
  const { marks } = markPlan(report, (sheet) => byName.has(sheet) && sheet !== replace?.name);

  const ns = /purl\.oclc\.org\/ooxml\/spreadsheetml\/main/.test(w.text(pkg.workbookPath) ?? '') ? STRICT : TRANSITIONAL;
  const stylesPath = pkg.stylesPath ?? 'xl/styles.xml';
  const styles = new Styles(w.text(stylesPath), ns);

  // marks by sheet
  const bySheet = new Map<string, CellMark[]>();
  for (const m of marks.values()) {
    const list = bySheet.get(m.sheet);
    if (list) list.push(m);
    else bySheet.set(m.sheet, [m]);
  }
  // VML shape id blocks already taken in the package (o:idmap data)
  const usedMaps = new Set<number>();
  for (const e of pkg.zip.entries) {
    if (!/\.vml$/i.test(e.name)) continue;
    for (const m of (w.text(e.name) ?? '').matchAll(/<o:idmap[^>]*data="([\d,\s]+)"/g)) for (const n of m[1].split(',')) usedMaps.add(Number(n));
  }
  let nextMap = 1;

  for (const [sheetName, list] of bySheet) {
    const sheet = byName.get(sheetName)!;
    let xml = w.text(sheet.path);
    if (xml === undefined) continue;
    const p = prefixOf(xml, 'worksheet');
    const loc = locateCells(xml);
    if (!loc) continue;
    const edits = new Edits();
    const rowsByIndex = new Map(loc.rows.map((r) => [r.row, r]));
    // 1. style ids: each marked cell gets a copy of its own format with our fill
    const missing = new Map<number, { col: number; s: number }[]>();
    for (const m of list) {
      const [r, c] = parseRef(m.address);
      if (r < 0) continue;
      // a cause's cell (the one to fix) more strongly than where a consequence shows
      const argb = 'FF' + markFill(m);
      const row = rowsByIndex.get(r);
      const cell = row?.cells.find((x) => x.col === c);
      if (cell) {
        // its own position written out too (the same as the implicit one, so later cells stay where they are)
        const tag = setAttr(xml.slice(cell.pos.start, cell.pos.end), 's', String(styles.withFill(cell.pos.s, argb)));
        edits.replace(cell.pos.start, cell.pos.end - cell.pos.start, /\sr\s*=/.test(tag) ? tag : setAttr(tag, 'r', m.address));
      } else {
        const l = missing.get(r) ?? [];
        l.push({ col: c, s: styles.withFill(0, argb) });
        missing.set(r, l);
      }
    }
    // cells that are not in the file yet: into their row, in column order (or a new row, in row order).
    // Written with r; inserted before the first later cell, which then has an r of its own (cells and
    // rows without r follow their predecessor, so no free position lies between two of them)
    const newRows: { row: number; text: string }[] = [];
    for (const [r, cells] of missing) {
      cells.sort((a, b) => a.col - b.col);
      const row = rowsByIndex.get(r);
      const cellXml = (x: { col: number; s: number }) => `<${p}c r="${colName(x.col)}${r + 1}" s="${x.s}"/>`;
      if (row) {
        const rowTag = xml.slice(row.start, row.end);
        const selfClosing = rowTag.endsWith('/>');
        for (const x of cells) {
          const after = row.cells.find((y) => y.col > x.col);
          if (after) edits.insert(after.pos.start, cellXml(x));
          else if (!selfClosing) edits.insert(row.close, cellXml(x));
        }
        if (selfClosing) edits.replace(row.start, row.end - row.start, rowTag.replace(/\s*\/>$/, '>') + cells.map(cellXml).join('') + `</${p}row>`);
      } else newRows.push({ row: r, text: `<${p}row r="${r + 1}">${cells.map(cellXml).join('')}</${p}row>` });
    }
    if (newRows.length) {
      newRows.sort((a, b) => a.row - b.row);
      if (loc.dataSelf) {
        edits.replace(loc.dataStart, loc.dataEnd - loc.dataStart, `<${p}sheetData>${newRows.map((x) => x.text).join('')}</${p}sheetData>`);
      } else {
        for (const nr of newRows) {
          const after = loc.rows.find((x) => x.row > nr.row);
          edits.insert(after ? after.start : loc.dataEnd, nr.text);
        }
      }
    }
    xml = edits.apply(xml);

    // 2. notes: into the sheet's comments part (created with its VML drawing when there is none)
    const rels = parseRels(w.text(relsPath(sheet.path)) ?? '');
    const commentsRel = rels.find((x) => relKind(x.type) === 'comments' && !x.external);
    const vmlRel = rels.find((x) => relKind(x.type) === 'vmlDrawing' && !x.external);
    let commentsPath = commentsRel ? resolveTarget(sheet.path, commentsRel.target) : undefined;
    let vmlPath = vmlRel ? resolveTarget(sheet.path, vmlRel.target) : undefined;
    let commentsXml = commentsPath ? w.text(commentsPath) : undefined;
    let vmlXml = vmlPath ? w.text(vmlPath) : undefined;
    const taken = new Set<string>();
    if (commentsXml) for (const m of commentsXml.matchAll(/<(?:\w+:)?comment\s[^>]*ref="([A-Za-z]+\d+)"/g)) taken.add(m[1].toUpperCase());
    const noted = list.filter((m) => !taken.has(m.address));
    if (noted.length > 0) {
      const cp = commentsXml ? prefixOf(commentsXml, 'comments') : '';
      if (!commentsXml) commentsXml = `${XML_HEAD}<comments xmlns="${ns.main}"><authors></authors><commentList></commentList></comments>`;
      // our author
      const authors = [...commentsXml.matchAll(/<(?:\w+:)?author(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?author>/g)].map((m) => m[1]);
      let authorId = authors.indexOf(NOTE_AUTHOR);
      if (authorId < 0) {
        authorId = authors.length;
        const a = findTag(commentsXml, 'authors');
        if (a?.self) commentsXml = commentsXml.slice(0, a.start) + `<${cp}authors><${cp}author>${NOTE_AUTHOR}</${cp}author></${cp}authors>` + commentsXml.slice(a.end);
        else if (a) {
          const close = findClose(commentsXml, 'authors', a.end);
          commentsXml = commentsXml.slice(0, close) + `<${cp}author>${NOTE_AUTHOR}</${cp}author>` + commentsXml.slice(close);
        }
      }
      const items = noted
        .map((m) => `<${cp}comment ref="${m.address}" authorId="${authorId}"><${cp}text><${cp}r><${cp}t xml:space="preserve">${xmlEscape(noteText(m))}</${cp}t></${cp}r></${cp}text></${cp}comment>`)
        .join('');
      const cl = findTag(commentsXml, 'commentList');
      if (cl?.self) commentsXml = commentsXml.slice(0, cl.start) + `<${cp}commentList>${items}</${cp}commentList>` + commentsXml.slice(cl.end);
      else if (cl) {
        const close = findClose(commentsXml, 'commentList', cl.end);
        commentsXml = commentsXml.slice(0, close) + items + commentsXml.slice(close);
      }
      // the shapes that show them
      let map: number;
      if (vmlXml) {
        const m = /<o:idmap[^>]*data="(\d+)/.exec(vmlXml);
        map = m ? Number(m[1]) : 1;
      } else {
        while (usedMaps.has(nextMap)) nextMap++;
        map = nextMap;
        usedMaps.add(map);
        vmlXml = `${VML_HEAD}<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${map}"/></o:shapelayout>${VML_TYPE}</xml>`;
      }
      const ids = new Set([...vmlXml.matchAll(/_x0000_s(\d+)/g)].map((m) => Number(m[1])));
      let next = map * 1024 + 1;
      const shapes = noted
        .map((m) => {
          while (ids.has(next)) next++;
          ids.add(next);
          const [r, c] = parseRef(m.address);
          return vmlShape(next, r, c);
        })
        .join('');
      if (!/_x0000_t202/.test(vmlXml)) vmlXml = vmlXml.replace(/<\/xml>\s*$/, `${VML_TYPE.replace('<v:shapetype ', '<v:shapetype xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" ')}</xml>`);
      vmlXml = vmlXml.replace(/<\/xml>\s*$/, `${shapes}</xml>`);
      if (!commentsPath) {
        commentsPath = w.freeName('xl/comments', '.xml');
        w.addRel(sheet.path, `${ns.rel}/comments`, w.relTarget(sheet.path, commentsPath));
        w.override(commentsPath, CT_COMMENTS);
      }
      if (!vmlPath) {
        vmlPath = w.freeName('xl/drawings/vmlDrawing', '.vml');
        const id = w.addRel(sheet.path, `${ns.rel}/vmlDrawing`, w.relTarget(sheet.path, vmlPath));
        w.defaultExt('vml', CT_VML);
        const ld = findTag(xml, 'legacyDrawing');
        const tag = `<${p}legacyDrawing xmlns:r="${ns.r}" r:id="${id}"/>`;
        const e2 = new Edits();
        if (ld) e2.replace(ld.start, ld.end - ld.start, tag);
        else insertBeforeFirst(xml, AFTER_LEGACY, 'worksheet', tag, e2);
        xml = e2.apply(xml);
      }
      w.set(commentsPath, commentsXml);
      w.set(vmlPath, vmlXml);
    }
    w.set(sheet.path, xml);
  }

  // 3. the 校验结果 sheet
  const result = resultSheetXml(report, styles, new Set(pkg.sheets.map((s) => s.name)), titles, ns);
  if (replace) w.set(replace.path, result);
  else {
    const path = w.freeName('xl/worksheets/sheet', '.xml');
    w.set(path, result);
    w.override(path, CT_SHEET);
    const id = w.addRel(pkg.workbookPath, `${ns.rel}/worksheet`, w.relTarget(pkg.workbookPath, path));
    let wb = w.text(pkg.workbookPath) as string;
    const wp = prefixOf(wb, 'workbook');
    const ids = [...wb.matchAll(/<(?:\w+:)?sheet\s[^>]*sheetId="(\d+)"/g)].map((m) => Number(m[1]));
    const sheetId = Math.max(0, ...ids) + 1;
    const close = findClose(wb, 'sheets');
    // its position among all sheets, chart sheets included: the localSheetId of its print titles
    const index = [...wb.matchAll(/<(?:\w+:)?sheet\s/g)].length;
    wb = wb.slice(0, close) + `<${wp}sheet xmlns:r="${ns.r}" name="${xmlEscape(resultName)}" sheetId="${sheetId}" r:id="${id}"/>` + wb.slice(close);
    // print titles: the header row on every page
    const titlesName = `<${wp}definedName name="_xlnm.Print_Titles" localSheetId="${index}">${xmlEscape(sheetRef(resultName, '$1:$1'))}</${wp}definedName>`;
    const dn = findTag(wb, 'definedNames');
    if (dn && !dn.self) {
      const dclose = findClose(wb, 'definedNames', dn.end);
      wb = wb.slice(0, dclose) + titlesName + wb.slice(dclose);
    } else if (dn?.self) wb = wb.slice(0, dn.start) + `<${wp}definedNames>${titlesName}</${wp}definedNames>` + wb.slice(dn.end);
    else {
      const after = findTag(wb, 'externalReferences') ? findClose(wb, 'externalReferences') : -1;
      const sheetsEnd = findClose(wb, 'sheets');
      const fg = findTag(wb, 'functionGroups');
      let at: number;
      if (after >= 0) at = wb.indexOf('>', after) + 1;
      else if (fg) at = fg.self ? fg.end : wb.indexOf('>', findClose(wb, 'functionGroups')) + 1;
      else at = wb.indexOf('>', sheetsEnd) + 1;
      wb = wb.slice(0, at) + `<${wp}definedNames>${titlesName}</${wp}definedNames>` + wb.slice(at);
    }
    w.set(pkg.workbookPath, wb);
  }

  // 4. styles last: everything above may have added formats
  if (styles.changed) {
    w.set(stylesPath, styles.toString());
    if (styles.created) {
      w.override(stylesPath, CT_STYLES);
      w.addRel(pkg.workbookPath, `${ns.rel}/styles`, w.relTarget(pkg.workbookPath, stylesPath));
    }
  }
  return w.finish();
}

