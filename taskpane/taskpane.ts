// The task pane: 一键校验 / 清除标记 / 生成公开表 / 插入录入模板.
// Every text shown comes through textContent / createElement (never innerHTML with data).
import type { Finding, Report, Severity, TableId } from '../src/core/model/findings';
import { isTextFinding } from '../src/core/model/findings';
import { currentText, initTextSection, quoteLine, textGroupTitle, textSummaryText } from './text-section';
import { causesSection, restHeading, unexplained } from './report-view';
import { tableLabel } from '../src/core/profiles';
import { validateWorkbook } from '../src/core/validate/engine';
import { problemText } from '../src/core/generate/input';
import { templateSpecs } from '../src/core/generate/template';
import type { SheetSpec } from '../src/core/generate/layout-types';
import type { Capabilities, XContext } from '../src/io/office/api';
import { detectCapabilities } from '../src/io/office/api';
import { readWorkbook } from '../src/io/office/read';
import { clearMarks, selectCells, writeMarks } from '../src/io/office/marks';
import { existingSheets, writeSheetSpecs } from '../src/io/office/write-sheets';
import { errorText } from '../src/io/office/errors';
import { clearNotices, initNotify, notify } from './notify';
import { generateFromWorkbook } from '../src/core/generate/generate';
import { clearNotices as clearResultNotices, markFailedText, markNotices, NOT_READY_TEXT } from './messages';
import type { OfficeRead } from '../src/io/office/read';

const MIN_API = '1.9';
/** problems listed at most; the rest are counted */
const LIST_MAX = 50;
/** how long office.js may take to start before the pane says it did not */
const READY_TIMEOUT_MS = 6000;
let caps: Capabilities = { rangeAreas: true, comments: false, mergedAreas: false, notes: false };
let busy = false;

function $(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

const buttons = (): HTMLButtonElement[] => ['btn-validate', 'btn-clear', 'btn-generate', 'btn-template', 'btn-text'].map((id) => $(id) as HTMLButtonElement);

function setBusy(on: boolean, text = ''): void {
  busy = on;
  for (const b of buttons()) b.disabled = on;
  $('progress').hidden = !on;
  $('progress-text').textContent = text;
  document.body.setAttribute('aria-busy', on ? 'true' : 'false');
}

function step(text: string): void {
  $('progress-text').textContent = text;
}

/** One Excel.run; writes wait while the clerk is editing a cell (delayForCellEdit) instead of failing. */
function run<T>(fn: (ctx: XContext) => Promise<T>, write = false): Promise<T> {
  const batch = (context: Excel.RequestContext) => fn(context as unknown as XContext);
  return write ? Excel.run({ delayForCellEdit: true }, batch) : Excel.run(batch);
}

/** Runs one pane action: busy state, Excel.run, errors as one Chinese sentence. */
async function action(startText: string, fn: (ctx: XContext) => Promise<void>, write = true): Promise<void> {
  if (busy) return;
  setBusy(true, startText);
  try {
    await run(fn, write);
  } catch (e) {
    notify('error', errorText(e));
  } finally {
    setBusy(false);
  }
}

// ------------------------------------------------------------------------------------------------
// in-pane confirm dialog (window.confirm is not available in add-ins)

function confirmDialog(title: string, text: string, items: string[], okText: string): Promise<boolean> {
  const backdrop = $('dialog-backdrop');
  $('dialog-title').textContent = title;
  $('dialog-text').textContent = text;
  const list = $('dialog-list');
  list.replaceChildren(...items.map((t) => el('li', undefined, t)));
  const ok = $('dialog-ok') as HTMLButtonElement;
  const cancel = $('dialog-cancel') as HTMLButtonElement;
  ok.textContent = okText;
  backdrop.hidden = false;
  cancel.focus();
  return new Promise((resolve) => {
    const done = (v: boolean): void => {
      backdrop.hidden = true;
      ok.removeEventListener('click', onOk);
      cancel.removeEventListener('click', onCancel);
      document.removeEventListener('keydown', onKey);
      resolve(v);
    };
    const onOk = (): void => done(true);
    const onCancel = (): void => done(false);
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') done(false);
    };
    ok.addEventListener('click', onOk);
    cancel.addEventListener('click', onCancel);
    document.addEventListener('keydown', onKey);
  });
}

// ------------------------------------------------------------------------------------------------
// results

const SEV_LABEL: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
const TABLE_ORDER: TableId[] = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9'];

function pill(cls: string, text: string): HTMLElement {
  return el('span', `pill ${cls}`, text);
}

/** '3 部门预算支出总表：D6、E6、F6' per sheet, at most 8 cells in all. */
function cellLines(f: Finding): string[] {
  const bySheet = new Map<string, string[]>();
  for (const c of f.cells.slice(0, 8)) {
    const a = c.address.replace(/\$/g, '');
    const list = bySheet.get(c.sheet);
    if (list) list.push(a);
    else bySheet.set(c.sheet, [a]);
  }
  const lines = [...bySheet].map(([sheet, cells]) => `${sheet}：${cells.join('、')}`);
  if (f.cells.length > 8) lines.push(`等共 ${f.cells.length} 个单元格`);
  return lines;
}

function findingItem(f: Finding): HTMLElement {
  const li = el('li');
  const b = el('button', `finding sev-${f.severity}`);
  b.type = 'button';
  const msg = el('span', 'msg');
  msg.append(el('span', `sev sev-tag-${f.severity}`, SEV_LABEL[f.severity]), document.createTextNode(f.message));
  b.append(msg);
  const quote = quoteLine(f);
  if (quote) b.append(el('span', 'quote', quote));
  if (f.expected !== undefined && f.actual !== undefined) b.append(el('span', 'meta', `应为 ${f.expected}，实为 ${f.actual}`));
  for (const line of cellLines(f)) b.append(el('span', 'where', line));
  if (f.cells.length) {
    b.title = '点击跳到对应单元格';
    b.addEventListener('click', () => {
      void action('正在定位单元格…', (ctx) => selectCells(ctx, f.cells));
    });
  } else b.disabled = true;
  li.append(b);
  return li;
}

function showReport(report: Report, sheetNames: string[]): void {
  const summary = $('summary');
  const s = report.summary;
  summary.replaceChildren();
  if (report.findings.length === 0) summary.append(pill('pill-ok', '未发现问题'));
  else {
    if (s.errors) summary.append(pill('pill-error', `错误 ${s.errors}`));
    if (s.warnings) summary.append(pill('pill-warning', `警告 ${s.warnings}`));
    if (s.infos) summary.append(pill('pill-info', `提示 ${s.infos}`));
  }
  summary.append(pill('', `识别公开表 ${report.tables.length} 张`));
  const textPill = textSummaryText(report);
  if (textPill) summary.append(pill('', textPill));
  summary.hidden = false;

  const results = $('results');
  results.replaceChildren();
  // the causes first, the findings each explains folded under it; then the findings no cause explains
  const causes = causesSection(report, findingItem, (cells) => void action('正在选中单元格…', (ctx) => selectCells(ctx, cells, caps)));
  const rest = unexplained(report);
  if (causes) results.append(causes);
  if (causes && rest.length) results.append(restHeading(rest.length));
  const groups = new Map<string, Finding[]>();
  for (const f of rest) {
    const k = isTextFinding(f) ? 'text' : (f.table ?? 'all');
    const g = groups.get(k);
    if (g) g.push(f);
    else groups.set(k, [f]);
  }
  // tables in the order found (the nine first), then workbook-wide findings
  const order = [...TABLE_ORDER, ...report.tables.map((t) => t.table), ...groups.keys()].filter((k, i, a) => k !== 'all' && k !== 'text' && a.indexOf(k) === i);
  // the explanatory text's findings under their own heading, after the tables'
  const keys = [...order.filter((t) => groups.has(t)), ...(groups.has('all') ? ['all'] : []), ...(groups.has('text') ? ['text'] : [])];
  for (const k of keys) {
    const list = groups.get(k) as Finding[];
    const det = el('details', 'group');
    det.open = true;
    const sum = el('summary');
    const label = k === 'text' ? textGroupTitle(report) : tableLabel(k === 'all' ? undefined : (k as TableId), report);
    const title = /^\d/.test(label) ? '表' + label : label;
    sum.append(el('span', 'group-title', title), el('span', 'count', `${list.length} 处`));
    const ul = el('ul', 'findings');
    for (const f of list) ul.append(findingItem(f));
    det.append(sum, ul);
    results.append(det);
  }
  // what was read: sheet names as text (a clerk's sheet names are data, shown literally)
  const sheets = el('details', 'sheets');
  sheets.append(el('summary', undefined, `已读取 ${sheetNames.length} 张工作表`));
  const ul = el('ul');
  for (const n of sheetNames) ul.append(el('li', undefined, n));
  sheets.append(ul);
  results.append(sheets);
  $('hint').hidden = true;
}

function showProblems(title: string, lines: string[]): void {
  const results = $('results');
  results.replaceChildren();
  const det = el('details', 'group');
  det.open = true;
  const sum = el('summary');
  sum.append(el('span', 'group-title', title), el('span', 'count', `${lines.length} 处`));
  const ul = el('ul', 'findings');
  const shown = lines.length > LIST_MAX ? [...lines.slice(0, LIST_MAX), `……另有 ${lines.length - LIST_MAX} 处未列出（先改正以上 ${LIST_MAX} 处）`] : lines;
  for (const t of shown) {
    const li = el('li');
    const b = el('button', 'finding sev-error');
    b.type = 'button';
    b.disabled = true;
    b.append(el('span', 'msg', t));
    li.append(b);
    ul.append(li);
  }
  det.append(sum, ul);
  results.append(det);
  $('summary').hidden = true;
}

// ------------------------------------------------------------------------------------------------
// actions

/** 一键校验: read and validate, show the report, then mark (a failing mark leaves the report on screen). */
async function onValidate(): Promise<void> {
  if (busy) return;
  clearNotices();
  setBusy(true, '正在读取工作簿…');
  try {
    let read: OfficeRead;
    try {
      read = await run((ctx) => readWorkbook(ctx, caps));
    } catch (e) {
      notify('error', errorText(e));
      return;
    }
    step('正在校验九张表…');
    await new Promise((r) => setTimeout(r, 0)); // let the pane paint the step
    const report = validateWorkbook(read.workbook, { text: currentText() });
    showReport(report, read.workbook.sheets.filter((s) => !s.hidden).map((s) => s.name));
    if (read.mergesIncomplete.length) notify('info', `工作表${read.mergesIncomplete.map((n) => `“${n}”`).join('、')}的合并单元格过多（一行超过 512 个），未能全部读出，金额栏合并单元格的检查可能不完整。`);
    step('正在标记有问题的单元格…（如正在编辑单元格，请先按 Enter 结束编辑）');
    try {
      const res = await run((ctx) => writeMarks(ctx, report, read), true);
      for (const n of markNotices(report, res)) notify(n.kind, n.text);
    } catch (e) {
      notify('error', markFailedText(errorText(e)));
    }
  } finally {
    setBusy(false);
  }
}

async function onClear(): Promise<void> {
  clearNotices();
  await action('正在清除标记…', async (ctx) => {
    const r = await clearMarks(ctx, caps);
    for (const n of clearResultNotices(r)) notify(n.kind, n.text);
    $('results').replaceChildren();
    $('summary').hidden = true;
    $('hint').hidden = false;
  });
}

/** Writes specs; asks first when sheets of those names exist. Returns false when the clerk cancelled. */
async function writeWithConfirm(ctx: XContext, specs: SheetSpec[], what: string): Promise<boolean> {
  step('正在检查同名工作表…');
  const existing = await existingSheets(ctx, specs.map((s) => s.name));
  if (existing.length > 0) {
    $('progress').hidden = true;
    const ok = await confirmDialog(
      `替换已有的${what}？`,
      '工作簿中已有以下同名工作表。替换后，这些工作表的现有内容将被新生成的内容取代，且无法撤消；建议先保存一份副本。',
      existing,
      '替换',
    );
    $('progress').hidden = false;
    if (!ok) {
      notify('info', `已取消，未改动工作簿。`);
      return false;
    }
  }
  step(`正在写入${what}…`);
  await writeSheetSpecs(ctx, specs, existing);
  return true;
}

async function onGenerate(): Promise<void> {
  clearNotices();
  await action('正在读取录入表…', async (ctx) => {
    const read = await readWorkbook(ctx, caps);
    step('正在汇总生成九张表…');
    const g = generateFromWorkbook(read.workbook);
    if (!g.specs || !g.grid) {
      const lines = g.problems.map(problemText);
      showProblems('录入表问题（未生成）', lines);
      notify('error', `录入表有 ${lines.length} 处问题，未生成公开表。请按列表逐行修改后重试。`);
      return;
    }
    const report = validateWorkbook(g.grid, {});
    const errors = report.findings.filter((f) => f.severity === 'error');
    if (errors.length > 0) {
      showProblems('生成结果未通过校验（未写入）', errors.map((f) => f.message));
      notify('error', `生成的公开表未通过校验（${errors.length} 个错误），未写入工作簿。`);
      return;
    }
    if (await writeWithConfirm(ctx, g.specs, '公开表')) {
      notify('success', `已生成 ${g.year} 年部门预算公开表九张及“情况说明（草稿）”，校验通过。`);
      if (g.warnings.length) notify('warning', `录入表有 ${g.warnings.length} 行与前面某行完全相同（可能重复粘贴），金额都已计入：${g.warnings.slice(0, 3).map(problemText).join('；')}${g.warnings.length > 3 ? '……' : ''}`);
    }
  });
}

async function onTemplate(): Promise<void> {
  clearNotices();
  await action('正在准备录入模板…', async (ctx) => {
    const year = new Date().getFullYear() + 1;
    const specs = templateSpecs({ year });
    if (await writeWithConfirm(ctx, specs, '录入模板')) notify('success', `已插入录入模板（${specs.map((s) => s.name).join('、')}），预算年度预填 ${year}，可在表头修改。`);
  });
}

function start(): void {
  const req = Office.context.requirements;
  if (!req.isSetSupported('ExcelApi', MIN_API)) {
    notify('error', '当前 Excel 版本不支持本加载项所需的功能（ExcelApi 1.9）。请使用 Microsoft 365、Excel 2021 或更新版本，或网页版 Excel。');
    return;
  }
  caps = detectCapabilities((n, v) => req.isSetSupported(n, v));
  $('btn-validate').addEventListener('click', () => void onValidate());
  $('btn-clear').addEventListener('click', () => void onClear());
  $('btn-generate').addEventListener('click', () => void onGenerate());
  $('btn-template').addEventListener('click', () => void onTemplate());
  initTextSection(() => void onValidate());
  for (const b of buttons()) b.disabled = false;
}

/** Waits for office.js; if it never starts (no Office host, script blocked), says so instead of staying disabled. */
function boot(): void {
  initNotify($('notices'));
  const office = (globalThis as { Office?: typeof Office }).Office;
  if (!office || typeof office.onReady !== 'function') {
    notify('error', NOT_READY_TEXT);
    return;
  }
  const timer = window.setTimeout(() => notify('error', NOT_READY_TEXT), READY_TIMEOUT_MS);
  void office.onReady((info) => {
    window.clearTimeout(timer);
    clearNotices();
    if (info.host !== office.HostType.Excel) {
      notify('error', '本加载项只能在 Excel 中使用。');
      return;
    }
    start();
  });
}

boot();
