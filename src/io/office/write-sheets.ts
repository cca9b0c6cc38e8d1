// Office.js adapter, generation: SheetSpec[] (core/layout-types.ts) -> new worksheets.
// One sync to learn which names exist (the pane asks before replacing); the writing goes in batches
// sized to stay far below Excel on the web's 5 MB per request (batch.ts): usually one or two syncs.
import type { CellStyle, SheetSpec } from '../../core/generate/layout-types';
import type { Rect } from '../../core/model/grid';
import { rangeAddress, address } from '../../core/model/grid';
import type { XContext, XRangeFormat, XWorksheet } from './api';
import { Batcher, jsonBytes, utf8Length } from './batch';

/** Which of these sheet names already exist in the workbook. One sync. */
export async function existingSheets(context: XContext, names: string[]): Promise<string[]> {
  const probes = names.map((n) => ({ n, ws: context.workbook.worksheets.getItemOrNullObject(n).load('name') }));
  await context.sync();
  return probes.filter((p) => !p.ws.isNullObject).map((p) => p.n);
}

function hex(c: string): string {
  return c.startsWith('#') ? c : '#' + c;
}

/** Excel character units -> points (Calibri 11: 7 px per character + 5 px padding, 0.75 pt per px). */
function widthPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

const EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal'];

function applyStyle(f: XRangeFormat, s: CellStyle, borders: boolean): void {
  if (s.bold !== undefined) f.font.bold = s.bold;
  if (s.fontSize !== undefined) f.font.size = s.fontSize;
  if (s.color) f.font.color = hex(s.color);
  if (s.horizontal) f.horizontalAlignment = s.horizontal === 'left' ? 'Left' : s.horizontal === 'right' ? 'Right' : 'Center';
  if (s.vertical) f.verticalAlignment = s.vertical === 'top' ? 'Top' : s.vertical === 'bottom' ? 'Bottom' : 'Center';
  if (s.wrap !== undefined) f.wrapText = s.wrap;
  if (s.indent) f.indentLevel = s.indent;
  if (s.fill) f.fill.color = hex(s.fill);
  if (s.border && borders) for (const e of EDGES) f.borders.getItem(e).style = 'Continuous';
}

function styleKey(s: CellStyle): string {
  return JSON.stringify([s.bold, s.fontSize, s.horizontal, s.vertical, s.wrap, s.indent, s.border, s.fill, s.color]);
}

function hasStyle(s: CellStyle): boolean {
  return !!(s.bold || s.fontSize || s.horizontal || s.vertical || s.wrap || s.indent || s.border || s.fill || s.color);
}

/** bytes of the actions applyStyle queues */
function styleBytes(s: CellStyle): number {
  return 150 * (1 + (s.border ? EDGES.length : 0) + Object.keys(s).length);
}

async function queueSheet(batch: Batcher, ws: XWorksheet, spec: SheetSpec): Promise<void> {
  let bottom = 0;
  let right = 0;
  for (const c of spec.cells) {
    if (c.r > bottom) bottom = c.r;
    if (c.c > right) right = c.c;
  }
  if (spec.cells.length > 0) {
    const h = bottom + 1;
    const w = right + 1;
    const values: (string | number | null)[][] = Array.from({ length: h }, () => Array<string | number | null>(w).fill(''));
    const formats: string[][] = Array.from({ length: h }, () => Array<string>(w).fill('General'));
    for (const rs of spec.rangeStyles ?? []) if (rs.numFmt) for (let r = rs.range.top; r <= Math.min(rs.range.bottom, bottom); r++) for (let c = rs.range.left; c <= Math.min(rs.range.right, right); c++) formats[r][c] = rs.numFmt;
    for (const c of spec.cells) {
      values[c.r][c.c] = c.value === null ? '' : c.value;
      if (c.numFmt) formats[c.r][c.c] = c.numFmt;
    }
    // number formats first, so codes like '2101501' in '@' cells stay text; in row bands that fit a batch
    for (let top = 0; top < h; ) {
      let end = top;
      let bytes = 0;
      while (end < h && (end === top || bytes + jsonBytes(values[end]) + jsonBytes(formats[end]) < 400_000)) {
        bytes += jsonBytes(values[end]) + jsonBytes(formats[end]);
        end++;
      }
      const band = ws.getRange(`${address(top, 0)}:${address(end - 1, right)}`);
      const v = values.slice(top, end);
      const f = formats.slice(top, end);
      await batch.add(bytes, 0, () => {
        band.numberFormat = f;
        band.values = v;
      });
      top = end;
    }
  }
  // range styles (borders over whole tables, text format on input columns beyond the written cells)
  for (const rs of spec.rangeStyles ?? []) {
    const rg = ws.getRange(rangeAddress(rs.range));
    if (rs.numFmt && (rs.range.bottom > bottom || rs.range.right > right)) {
      const h = rs.range.bottom - rs.range.top + 1;
      const w = rs.range.right - rs.range.left + 1;
      if (h * w <= 20000) {
        const formats = Array.from({ length: h }, () => Array<string>(w).fill(rs.numFmt as string));
        await batch.add(jsonBytes(formats), 0, () => (rg.numberFormat = formats));
      }
    }
    await batch.add(styleBytes(rs), 0, () => applyStyle(rg.format, rs, true));
  }
  // cell styles grouped: one RangeAreas per distinct style
  const groups = new Map<string, { style: CellStyle; cells: string[] }>();
  for (const c of spec.cells) {
    if (!hasStyle(c)) continue;
    const k = styleKey(c);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { style: c, cells: [] }));
    g.cells.push(address(c.r, c.c));
  }
  for (const g of groups.values()) {
    for (let i = 0; i < g.cells.length; i += 150) {
      const part = g.cells.slice(i, i + 150);
      const joined = part.join(',');
      if (ws.getRanges) await batch.add(utf8Length(joined) + styleBytes(g.style), 0, () => applyStyle(ws.getRanges!(joined).format, g.style, true));
      else for (const a of part) await batch.add(styleBytes(g.style), 0, () => applyStyle(ws.getRange(a).format, g.style, true));
    }
  }
  for (const m of spec.merges) await batch.add(60, 0, () => ws.getRange(rangeAddress(m)).merge(false));
  await batch.add(2000 + 100 * spec.columnWidths.length, 0, () => undefined);
  spec.columnWidths.forEach((w, c) => {
    if (w > 0) ws.getRange(`${address(0, c).replace(/\d+$/, '')}:${address(0, c).replace(/\d+$/, '')}`).format.columnWidth = widthPoints(w);
  });
  for (const [r, h] of Object.entries(spec.rowHeights ?? {})) ws.getRange(`${Number(r) + 1}:${Number(r) + 1}`).format.rowHeight = h;
  if (spec.frozenRows && ws.freezePanes) ws.freezePanes.freezeRows(spec.frozenRows);
  for (const v of spec.validations ?? []) {
    const rg = ws.getRange(rangeAddress(v.range));
    if (!rg.dataValidation) continue;
    rg.dataValidation.rule = { list: { inCellDropDown: true, source: v.values.join(',') } };
    if (v.prompt) rg.dataValidation.prompt = { showPrompt: true, title: v.promptTitle ?? '', message: v.prompt };
    if (v.error) rg.dataValidation.errorAlert = { showAlert: true, style: 'Stop', title: v.errorTitle ?? '', message: v.error };
  }
  for (const t of spec.tables ?? []) {
    if (!ws.tables) continue;
    const rect: Rect = { top: t.headerRow, left: t.firstCol, bottom: t.headerRow + Math.max(1, t.dataRows), right: t.firstCol + t.columns.length - 1 };
    const tb = ws.tables.add(rangeAddress(rect), true);
    tb.name = t.name;
    if (t.style) tb.style = t.style;
  }
  if (spec.tabColor) ws.tabColor = hex(spec.tabColor);
  const pl = ws.pageLayout as Record<string, unknown> | undefined;
  if (spec.print && pl) {
    const p = spec.print;
    pl.orientation = p.orientation === 'landscape' ? 'Landscape' : 'Portrait';
    pl.paperSize = 'A4';
    if (p.horizontalCentered) pl.centerHorizontally = true;
    if (p.margins) {
      pl.leftMargin = p.margins.left * 72;
      pl.rightMargin = p.margins.right * 72;
      pl.topMargin = p.margins.top * 72;
      pl.bottomMargin = p.margins.bottom * 72;
      pl.headerMargin = p.margins.header * 72;
      pl.footerMargin = p.margins.footer * 72;
    }
    if (p.titleRows && typeof pl.setPrintTitleRows === 'function') (pl.setPrintTitleRows as (a: string) => void)(`$${p.titleRows[0] + 1}:$${p.titleRows[1] + 1}`);
    if (p.fitToWidth) pl.zoom = { horizontalFitToPages: p.fitToWidth, verticalFitToPages: p.fitToHeight ?? 0 };
  }
  if (spec.hidden) ws.visibility = 'Hidden';
}

/**
 * Writes the sheets, in as few syncs as fit. Existing sheets of the same names are replaced (the new
 * sheet is added under a temporary name first, so the workbook never loses its last sheet).
 */
export async function writeSheetSpecs(context: XContext, specs: SheetSpec[], existing: string[], activate = true): Promise<void> {
  const wb = context.workbook;
  const lower = new Set(existing.map((n) => n.toLowerCase()));
  const batch = new Batcher(context);
  let first: XWorksheet | null = null;
  for (const [i, spec] of specs.entries()) {
    const clash = lower.has(spec.name.toLowerCase());
    await batch.add(200, 0, () => undefined);
    const ws = wb.worksheets.add(clash ? `~预算公开生成${i + 1}` : spec.name);
    await queueSheet(batch, ws, spec);
    if (clash) {
      await batch.add(400, 0, () => {
        const old = wb.worksheets.getItem(spec.name);
        old.visibility = 'Visible';
        old.delete();
        (ws as { name: string }).name = spec.name;
      });
    }
    if (!first && !spec.hidden) first = ws;
  }
  if (activate && first) (first as XWorksheet).activate();
  await batch.flush();
}
