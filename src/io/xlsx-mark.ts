// Marked copy: the clerk's workbook with every finding's cells filled and noted, plus a 校验结果 sheet.
// The input file is only read; values are never changed.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { Report, Severity } from '../core/model/findings';
import { tableLabel } from '../core/profiles';
import { CAUSE_FILLS, causeSeverity, markFill, markLines, markPlan, resultRows } from '../core/model/marks';
import type { CellRef } from '../core/model/grid';
import { UserError } from './errors';
import { applyExcelJSFixes } from './exceljs-fixes';
import { readInputFile } from './xlsx-read';

export const RESULT_SHEET = '校验结果';
export const FILL_ERROR = 'FFFFC7CE';
export const FILL_WARNING = 'FFFFEB9C';
export const FILL_INFO = 'FFDDEBF7';

/** Same prefix as the add-in's notes (src/io/office/records.ts), so its 清除标记 recognises them too. */
export const NOTE_PREFIX = '【预算公开校验】';

export const SEVERITY_TEXT: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

/** `'Sheet name'!D19` — always quoted, as Excel accepts in formulas and links. */
export function sheetRef(sheet: string, address: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${address}`;
}

/** Whether two paths name the same file (after resolving; case-insensitive on Windows and macOS). */
export async function samePath(a: string, b: string): Promise<boolean> {
  const real = async (p: string) => {
    const abs = path.resolve(p);
    try {
      return await fs.realpath(abs);
    } catch {
      // not there yet: resolve its folder
      try {
        return path.join(await fs.realpath(path.dirname(abs)), path.basename(abs));
      } catch {
        return abs;
      }
    }
  };
  const [ra, rb] = await Promise.all([real(a), real(b)]);
  if (process.platform === 'win32' || process.platform === 'darwin') return ra.toLowerCase() === rb.toLowerCase();
  return ra === rb;
}

/**
 * Writes a marked copy of `inputPath` to `outPath`. Refuses to write onto the input. `loaded`: the input
 * as already loaded by readWorkbookFileKeep (it is marked in place; the file is not read again).
 */
export async function writeMarkedCopy(inputPath: string, outPath: string, report: Report, loaded?: ExcelJS.Workbook): Promise<void> {
  if (await samePath(inputPath, outPath)) {
    throw new UserError(`标记副本不能覆盖原文件（--out 与输入文件相同：${outPath}），请另取一个文件名。`);
  }
  if (path.extname(outPath).toLowerCase() !== '.xlsx') {
    throw new UserError(`标记副本的文件名须以 .xlsx 结尾：${outPath}`);
  }
  applyExcelJSFixes();
  let wb = loaded;
  if (!wb) {
    const buf = await readInputFile(inputPath);
    wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    } catch (e) {
      throw new UserError(`无法读取 ${path.basename(inputPath)}，不能生成标记副本：${(e as Error).message}`);
    }
  }
  markWorkbook(wb, report);
  let out: ExcelJS.Buffer;
  try {
    out = await wb.xlsx.writeBuffer();
  } catch (e) {
    throw new UserError(`生成标记副本失败：${(e as Error).message}`);
  }
  try {
    await fs.mkdir(path.dirname(path.resolve(outPath)), { recursive: true });
    await fs.writeFile(outPath, Buffer.from(out as ArrayBuffer));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') {
      throw new UserError(`无法写入 ${outPath}：文件可能正在 Excel 中打开，或没有写入权限。请关闭后重试。`);
    }
    throw new UserError(`无法写入 ${outPath}：${(e as Error).message}`);
  }
}

/** Fills, notes and the 校验结果 sheet, in an already loaded exceljs workbook. */
export function markWorkbook(wb: ExcelJS.Workbook, report: Report): void {
  const old = wb.worksheets.find((w) => w.name === RESULT_SHEET);
  if (old) wb.removeWorksheet(old.id);

  const { marks } = markPlan(report, (sheet) => sheet !== RESULT_SHEET);
  for (const e of marks.values()) {
    const ws = wb.getWorksheet(e.sheet);
    if (!ws) continue;
    let cell: ExcelJS.Cell;
    try {
      cell = ws.getCell(e.address);
    } catch {
      continue;
    }
    const argb = 'FF' + markFill(e);
    // exceljs shares style objects between cells: give this cell its own
    cell.style = { ...cell.style, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb }, bgColor: { argb } } };
    const lines = markLines(e, (f) => `${SEVERITY_TEXT[f.severity]}：${f.message}`);
    const text = NOTE_PREFIX + (lines.length > 1 ? '\n' + lines.map((l, i) => `${i + 1}. ${l}`).join('\n') : lines[0]);
    const existing = noteText(cell.note);
    cell.note = existing ? `${existing}\n\n${text}` : text;
  }
  addResultSheet(wb, report);
}

function noteText(note: unknown): string {
  if (!note) return '';
  if (typeof note === 'string') return note;
  const texts = (note as { texts?: { text?: string }[] }).texts;
  return Array.isArray(texts) ? texts.map((t) => t.text ?? '').join('') : '';
}

function addResultSheet(wb: ExcelJS.Workbook, report: Report): void {
  const ws = wb.addWorksheet(RESULT_SHEET, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  ws.columns = [
    { header: '序号', key: 'no', width: 6 },
    { header: '严重程度', key: 'severity', width: 10 },
    { header: '表', key: 'table', width: 34 },
    { header: '规则', key: 'rule', width: 16 },
    { header: '说明', key: 'message', width: 70 },
    { header: '单元格', key: 'cell', width: 34 },
    { header: '应为', key: 'expected', width: 14 },
    { header: '实为', key: 'actual', width: 14 },
    { header: '其他相关单元格', key: 'more', width: 40 },
  ];
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle' };
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
  });
  if (report.findings.length === 0) {
    ws.addRow({ no: '', message: '未发现问题。' });
  }
  const fillOf = (sev: Severity) => (sev === 'error' ? FILL_ERROR : sev === 'warning' ? FILL_WARNING : FILL_INFO);
  const link = (row: ExcelJS.Row, c: CellRef | undefined) => {
    if (!c || !wb.getWorksheet(c.sheet)) return;
    const cell = row.getCell('cell');
    const text = sheetRef(c.sheet, c.address);
    cell.value = { text, hyperlink: `#${text}` };
    cell.font = { color: { argb: 'FF0563C1' }, underline: true };
  };
  // causes first, the findings each explains folded under it (outline level 1), then the findings no cause explains
  ws.properties.outlineProperties = { summaryBelow: false, summaryRight: false };
  for (const x of resultRows(report)) {
    if (x.kind === 'cause') {
      const c = x.cause;
      const [first, ...rest] = c.cells;
      const sev = causeSeverity(report, c);
      const row = ws.addRow({
        no: `原因 ${x.no}`,
        severity: SEVERITY_TEXT[sev],
        table: first ? tableLabel(report.tables.find((t) => t.sheet === first.sheet)?.table, report) : '',
        rule: c.ambiguous ? '原因（无法确定）' : '原因',
        message: c.message,
        cell: first ? sheetRef(first.sheet, first.address) : '',
        expected: first?.proposed ?? '',
        actual: first?.value ?? '',
        more: rest.map((r) => `${sheetRef(r.sheet, r.address)}${r.proposed !== undefined ? ` 应为 ${r.proposed}` : ''}`).join('，'),
      });
      row.font = { bold: true };
      row.getCell('message').alignment = { wrapText: true, vertical: 'top' };
      row.getCell('more').alignment = { wrapText: true, vertical: 'top' };
      row.getCell('severity').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF' + CAUSE_FILLS[sev] } };
      link(row, first);
      continue;
    }
    const f = x.finding;
    const [first, ...rest] = f.cells;
    const row = ws.addRow({
      no: x.no,
      severity: SEVERITY_TEXT[f.severity],
      table: tableLabel(f.table, report),
      rule: f.rule,
      message: f.message,
      cell: first ? sheetRef(first.sheet, first.address) : '',
      expected: f.expected ?? '',
      actual: f.actual ?? '',
      more: rest.map((c) => sheetRef(c.sheet, c.address)).join('，'),
    });
    if (x.under !== undefined) row.outlineLevel = 1;
    row.getCell('message').alignment = { wrapText: true, vertical: 'top' };
    row.getCell('more').alignment = { wrapText: true, vertical: 'top' };
    row.getCell('severity').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fillOf(f.severity) } };
    link(row, first);
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 9 } };
}
