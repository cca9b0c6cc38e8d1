// Node-only: loads an .xlsx file (exceljs) into the Excel fake's workbook state.
import ExcelJS from 'exceljs';
import { FakeWorkbookData, SOLID_FILL, parseRangeAddress, type FakeCellData } from './excel-fake';

function argbToHex(argb: string | undefined): string | undefined {
  if (!argb) return undefined;
  const s = argb.length === 8 ? argb.slice(2) : argb;
  return '#' + s.toUpperCase();
}

export async function loadXlsxIntoFake(file: string): Promise<FakeWorkbookData> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const data = new FakeWorkbookData();
  for (const ws of wb.worksheets) {
    const sheet = data.addSheet(ws.name);
    sheet.visibility = ws.state === 'veryHidden' ? 'VeryHidden' : ws.state === 'hidden' ? 'Hidden' : 'Visible';
    const merges: string[] = ((ws.model as unknown as { merges?: string[] }).merges ?? []) as string[];
    for (const m of merges) sheet.merges.push(parseRangeAddress(m).rect);
    const isSlave = (r: number, c: number): boolean =>
      sheet.merges.some((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right && !(r === m.top && c === m.left));
    ws.eachRow({ includeEmpty: false }, (row, rn) => {
      row.eachCell({ includeEmpty: true }, (cell, cn) => {
        const r = rn - 1;
        const c = cn - 1;
        const out: FakeCellData = { value: '' };
        if (!isSlave(r, c)) {
          const v = cell.value as unknown;
          if (v === null || v === undefined) out.value = '';
          else if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') out.value = v;
          else if (v instanceof Date) out.value = v.getTime() / 86400000 + 25569;
          else if (typeof v === 'object') {
            const o = v as { formula?: string; sharedFormula?: string; result?: unknown; richText?: { text: string }[]; error?: string; text?: string };
            if (o.richText) out.value = o.richText.map((t) => t.text).join('');
            else if (o.error) { out.value = o.error; out.error = true; }
            else if (o.formula !== undefined || o.sharedFormula !== undefined) {
              out.formula = o.formula ?? o.sharedFormula;
              const res = o.result as unknown;
              if (res && typeof res === 'object' && (res as { error?: string }).error) { out.value = (res as { error: string }).error; out.error = true; }
              else out.value = (res as string | number | boolean | undefined) ?? '';
            } else if (o.text !== undefined) out.value = String(o.text);
          }
        }
        if (cell.numFmt) out.numberFormat = cell.numFmt;
        const fill = cell.fill as { type?: string; pattern?: string; fgColor?: { argb?: string } } | undefined;
        if (fill && fill.type === 'pattern' && fill.pattern && fill.pattern !== 'none') {
          out.fill = { ...SOLID_FILL, pattern: 'Solid', color: argbToHex(fill.fgColor?.argb) ?? '#FFFFFF' };
        }
        if (out.value !== '' || out.formula !== undefined || out.fill || out.numberFormat) sheet.cells.set(r * 16384 + c, out);
      });
    });
  }
  return data;
}
