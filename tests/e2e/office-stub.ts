// Browser stand-in for office.js: Office.onReady / Office.context.requirements and Excel.run backed by
// the in-memory fake, loaded from window.__E2E_WORKBOOK__ (prepared in Node). Test hooks on __E2E__.
import { FakeExcel, FakeWorkbookData } from '../fakes/excel-fake';

// typed loosely so the Node test tsconfig (no DOM lib) checks this file too
const w = (globalThis as unknown as { window: Record<string, unknown> }).window ?? (globalThis as unknown as Record<string, unknown>);

const excel = new FakeExcel(FakeWorkbookData.fromJSON(w.__E2E_WORKBOOK__));

function supported(name: string, version: string): boolean {
  if (name !== 'ExcelApi') return false;
  const [maj, min] = version.split('.').map(Number);
  return maj === 1 && (min ?? 0) <= 18;
}

w.Excel = { run: <T>(fn: (ctx: unknown) => Promise<T>) => excel.run(fn as never) };
w.Office = {
  HostType: { Excel: 'Excel' },
  context: { requirements: { isSetSupported: supported } },
  actions: { associate: () => undefined },
  onReady: (cb?: (info: { host: string; platform: string }) => void) => {
    const info = { host: 'Excel', platform: 'OfficeOnline' };
    setTimeout(() => cb?.(info), 0);
    return Promise.resolve(info);
  },
};
w.__E2E__ = {
  selection: () => excel.data.selection,
  syncs: () => excel.totalSyncs,
  fill: (sheet: string, address: string) => excel.data.cell(sheet, address)?.fill ?? null,
  sheetNames: () => excel.data.sheets.map((s) => s.name),
  load: (json: unknown) => {
    excel.data = FakeWorkbookData.fromJSON(json);
    excel.totalSyncs = 0;
  },
};
