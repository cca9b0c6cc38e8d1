// The exceljs reading of a workbook as a Grid: the reference the project's own reader (src/io/xlsx/read.ts)
// is compared with (tests/io-xlsx-read.test.ts), and a quick way to turn an in-memory exceljs workbook
// into a Grid in tests.
import type ExcelJS from 'exceljs';
import type { Cell, Rect, Sheet, Workbook } from '../../src/core/model/grid';

// exceljs value types (ExcelJS.ValueType)
const T_NULL = 0;
const T_MERGE = 1;

/** exceljs workbook -> Grid. Merge slaves are empty (exceljs repeats the master's value into them). */
export function gridFromExcelJS(wb: ExcelJS.Workbook): Workbook {
  const sheets: Sheet[] = [];
  for (const ws of wb.worksheets) {
    const rows: (Cell | undefined)[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      let out: (Cell | undefined)[] | undefined;
      row.eachCell({ includeEmpty: false }, (c, colNumber) => {
        const type = c.type as number;
        if (type === T_NULL || type === T_MERGE) return;
        const cell = toCell(c);
        if (!cell) return;
        if (!out) out = rows[rowNumber - 1] = [];
        out[colNumber - 1] = cell;
      });
    });
    // rows is sparse where a sheet has gaps; make every index a real (possibly empty) array
    for (let r = 0; r < rows.length; r++) if (!rows[r]) rows[r] = [];
    const sheet: Sheet = { name: ws.name, rows, merges: mergesOf(ws) };
    if (ws.state === 'hidden' || ws.state === 'veryHidden') sheet.hidden = true;
    sheets.push(sheet);
  }
  return { sheets };
}

function mergesOf(ws: ExcelJS.Worksheet): Rect[] {
  // exceljs keeps merges in a private map master address -> Range {top,left,bottom,right} (1-based)
  const map = (ws as unknown as { _merges?: Record<string, { top: number; left: number; bottom: number; right: number }> })._merges;
  const out: Rect[] = [];
  if (map) {
    for (const k of Object.keys(map)) {
      const m = map[k];
      if (m) out.push({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 });
    }
  } else {
    for (const s of (ws.model as { merges?: string[] }).merges ?? []) {
      const r = parseRange(s);
      if (r) out.push(r);
    }
  }
  out.sort((a, b) => a.top - b.top || a.left - b.left);
  return out;
}

function parseRange(s: string): Rect | undefined {
  const m = /^\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/i.exec(s);
  if (!m) return undefined;
  const col = (t: string) => [...t.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { top: Number(m[2]) - 1, left: col(m[1]), bottom: Number(m[4]) - 1, right: col(m[3]) };
}

function toCell(c: ExcelJS.Cell): Cell | undefined {
  const raw = c.value as unknown;
  const numFmt = c.style?.numFmt;
  let cell: Cell;
  if (raw !== null && typeof raw === 'object' && !(raw instanceof Date) && ('formula' in raw || 'sharedFormula' in raw)) {
    const f = raw as { result?: unknown };
    cell = plain(f.result);
    const text = c.formula;
    if (text) cell.formula = text;
  } else {
    cell = plain(raw);
  }
  if (numFmt && numFmt !== 'General') cell.numFmt = numFmt;
  if ((cell.value === null || cell.value === '') && cell.error === undefined && cell.formula === undefined) return undefined;
  return cell;
}

/** A plain value (number, string, boolean, Date, rich text, hyperlink, error) -> Cell. */
function plain(v: unknown): Cell {
  if (v === null || v === undefined) return { value: null };
  switch (typeof v) {
    case 'number':
      return Number.isFinite(v) ? { value: v } : { value: null, error: '#NUM!' };
    case 'string':
      return { value: v };
    case 'boolean':
      return { value: v };
  }
  if (v instanceof Date) return { value: isoDate(v) };
  const o = v as Record<string, unknown>;
  if (typeof o.error === 'string') return { value: null, error: o.error };
  if (Array.isArray(o.richText)) return { value: richText(o.richText) };
  if ('hyperlink' in o || 'text' in o) {
    const t = o.text;
    if (typeof t === 'string') return { value: t };
    if (t && typeof t === 'object' && Array.isArray((t as { richText?: unknown }).richText)) {
      return { value: richText((t as { richText: unknown[] }).richText) };
    }
    return { value: typeof o.hyperlink === 'string' ? o.hyperlink : null };
  }
  if ('result' in o) return plain(o.result);
  return { value: null };
}

function richText(parts: unknown[]): string {
  let s = '';
  for (const p of parts) if (p && typeof (p as { text?: unknown }).text === 'string') s += (p as { text: string }).text;
  return s;
}

/** exceljs dates are UTC: '2021-01-15', or '2021-01-15T08:30:00' when there is a time of day. */
function isoDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return iso.replace(/\.000Z$/, '').replace(/Z$/, '');
}
