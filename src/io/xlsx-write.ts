// exceljs writer: SheetSpec[] -> .xlsx (styles, merges, widths, frozen panes, print setup, dropdowns, tables).
import { promises as fs } from 'node:fs';
import type ExcelJS from 'exceljs';
import { address, rangeAddress } from '../core/model/grid';
import type { CellStyle, SheetSpec } from '../core/generate/layout-types';
import { UserError } from './errors';

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const FONT_NAME = '宋体';

function applyStyle(cell: ExcelJS.Cell, s: CellStyle): void {
  if (s.numFmt) cell.numFmt = s.numFmt;
  const font: Partial<ExcelJS.Font> = { name: FONT_NAME, size: s.fontSize ?? 11 };
  if (s.bold) font.bold = true;
  if (s.color) font.color = { argb: 'FF' + s.color };
  cell.font = font;
  if (s.horizontal || s.vertical || s.wrap || s.indent) {
    const al: Partial<ExcelJS.Alignment> = {};
    if (s.horizontal) al.horizontal = s.horizontal;
    if (s.vertical) al.vertical = s.vertical;
    if (s.wrap) al.wrapText = true;
    if (s.indent) al.indent = s.indent;
    cell.alignment = al;
  }
  if (s.border) cell.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
  if (s.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF' + s.fill } };
}

/** exceljs, loaded when something is written (reading and validating never need it: it takes a while to load) */
function exceljs(): typeof ExcelJS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('exceljs') as typeof ExcelJS;
}

/** Builds the exceljs workbook for the specs (no I/O). */
export function workbookFromSpecs(specs: SheetSpec[]): ExcelJS.Workbook {
  const wb = new (exceljs().Workbook)();
  wb.creator = 'budget-disclosure';
  for (const spec of specs) {
    const ws = wb.addWorksheet(spec.name, {
      state: spec.hidden ? 'hidden' : 'visible',
      properties: spec.tabColor ? { tabColor: { argb: 'FF' + spec.tabColor } } : undefined,
    });
    spec.columnWidths.forEach((w, c) => {
      ws.getColumn(c + 1).width = w;
    });
    for (const rs of spec.rangeStyles ?? []) {
      for (let r = rs.range.top; r <= rs.range.bottom; r++) {
        for (let c = rs.range.left; c <= rs.range.right; c++) applyStyle(ws.getCell(r + 1, c + 1), rs);
      }
    }
    for (const cs of spec.cells) {
      const cell = ws.getCell(cs.r + 1, cs.c + 1);
      if (cs.value !== null) cell.value = cs.value;
      applyStyle(cell, cs);
    }
    for (const m of spec.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
    for (const [r, h] of Object.entries(spec.rowHeights ?? {})) ws.getRow(Number(r) + 1).height = h;
    if (spec.frozenRows || spec.frozenCols) {
      ws.views = [{ state: 'frozen', xSplit: spec.frozenCols ?? 0, ySplit: spec.frozenRows ?? 0, activeCell: address(spec.frozenRows ?? 0, 0) }];
    }
    if (spec.print) {
      const p = spec.print;
      ws.pageSetup = {
        ...ws.pageSetup,
        paperSize: 9, // A4
        orientation: p.orientation,
        fitToPage: p.fitToWidth !== undefined,
        fitToWidth: p.fitToWidth ?? 1,
        fitToHeight: p.fitToHeight ?? 0,
        horizontalCentered: p.horizontalCentered ?? false,
        ...(p.margins ? { margins: p.margins } : {}),
        ...(p.titleRows ? { printTitlesRow: `${p.titleRows[0] + 1}:${p.titleRows[1] + 1}` } : {}),
      };
    }
    for (const v of spec.validations ?? []) {
      const formula = `"${v.values.join(',')}"`;
      const dv: ExcelJS.DataValidation = {
        type: 'list',
        allowBlank: v.allowBlank,
        formulae: [formula],
        showErrorMessage: true,
        errorStyle: 'stop',
        ...(v.errorTitle ? { errorTitle: v.errorTitle } : {}),
        ...(v.error ? { error: v.error } : {}),
        ...(v.prompt ? { showInputMessage: true, prompt: v.prompt, promptTitle: v.promptTitle ?? '' } : {}),
      };
      // exceljs keeps one model entry per address; a range key writes a single sqref
      (ws as unknown as { dataValidations: { add(ref: string, dv: ExcelJS.DataValidation): void } }).dataValidations.add(
        rangeAddress(v.range),
        dv,
      );
    }
    for (const t of spec.tables ?? []) {
      const rows: (string | number | null)[][] = [];
      for (let i = 0; i < Math.max(1, t.dataRows); i++) {
        rows.push(
          t.columns.map((_, c) => {
            const cs = spec.cells.find((x) => x.r === t.headerRow + 1 + i && x.c === t.firstCol + c);
            return cs ? cs.value : null;
          }),
        );
      }
      ws.addTable({
        name: t.name,
        ref: address(t.headerRow, t.firstCol),
        headerRow: true,
        totalsRow: false,
        style: { theme: (t.style ?? 'TableStyleLight9') as ExcelJS.TableStyleProperties['theme'], showRowStripes: true },
        columns: t.columns.map((name) => ({ name, filterButton: true })),
        rows,
      });
      // addTable rewrites the cells: restore the spec styles over the table area
      for (const cs of spec.cells) {
        if (cs.r >= t.headerRow && cs.r <= t.headerRow + t.dataRows && cs.c >= t.firstCol && cs.c < t.firstCol + t.columns.length) {
          applyStyle(ws.getCell(cs.r + 1, cs.c + 1), cs);
        }
      }
    }
  }
  return wb;
}

/** Writes the specs to an .xlsx file; filesystem failures become UserErrors with Chinese messages. */
export async function writeSpecsToFile(specs: SheetSpec[], file: string): Promise<void> {
  const wb = workbookFromSpecs(specs);
  let buf: Buffer;
  try {
    buf = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  } catch (e) {
    throw new UserError(`无法生成 Excel 文件：${(e as Error)?.message ?? String(e)}`);
  }
  try {
    await fs.writeFile(file, buf);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code === 'ENOENT') throw new UserError(`无法写入 ${file}：所在文件夹不存在。`);
    if (code === 'EACCES' || code === 'EPERM') throw new UserError(`没有权限写入 ${file}。`);
    if (code === 'EBUSY') throw new UserError(`文件 ${file} 被其他程序占用（请先在 Excel 中关闭它）。`);
    if (code === 'EISDIR') throw new UserError(`“${file}”是文件夹，请给出 .xlsx 文件名。`);
    throw new UserError(`无法写入 ${file}：${(e as Error)?.message ?? String(e)}`);
  }
}
