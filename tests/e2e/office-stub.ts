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

w.Excel = { run: (a: unknown, b?: unknown) => (b ? excel.run(a as never, b as never) : excel.run(a as never)) };
const actions: Record<string, (event: { completed(): void }) => Promise<void>> = {};
const dialogs: string[] = [];
w.Office = {
  HostType: { Excel: 'Excel' },
  AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
  actions: { associate: (name: string, fn: (event: { completed(): void }) => Promise<void>) => (actions[name] = fn) },
  context: {
    requirements: { isSetSupported: supported },
    // the ribbon command's result dialog: recorded, and closed at once as if the clerk clicked 关闭
    ui: {
      displayDialogAsync: (url: string, _opts: unknown, cb: (r: unknown) => void) => {
        dialogs.push(url);
        const handlers: (() => void)[] = [];
        cb({ status: 'succeeded', value: { close: () => undefined, addEventHandler: (_t: string, h: () => void) => handlers.push(h) } });
        setTimeout(() => handlers[0]?.(), 0);
      },
      messageParent: () => undefined,
    },
  },
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
  protectStructure: (on: boolean) => (excel.data.structureProtected = on),
  failNextWrite: (code: string) => (excel.data.failNextWrite = code),
  /** runs a ribbon command as Office would; resolves when it called event.completed() */
  runAction: async (name: string) => {
    for (let i = 0; i < 100 && !actions[name]; i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise<void>((resolve) => void actions[name]({ completed: resolve }));
  },
  dialogs: () => dialogs,
  state: () => excel.data.toJSON(),
};
