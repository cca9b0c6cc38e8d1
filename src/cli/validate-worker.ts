// One validation task (read, validate, optionally write the marked copy), usable in process or in a
// worker thread started by pool.ts. In a worker it answers { id, result } for every { id, task }.
import * as v8 from 'node:v8';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Catalog } from '../core/model/catalog';
import { validateWorkbook } from '../core/validate/engine';
import type { Report } from '../core/model/findings';
import { isUserError } from '../io/errors';
import { writeMarkedCopy } from '../io/xlsx-mark';
import type { XlsxPackage } from '../io/xlsx/read';
import { readWorkbookFile, readWorkbookFileKeep } from '../io/xlsx-read';
import type { PdfDocument } from '../io/pdf/read';
import { isPdfName, placeReport, readPdfFile } from '../io/pdf/read';
import { docFromParagraphs } from '../core/validate/text/doc';
import { checkTextAlone } from '../core/validate/text/index';
import { profileOfText } from '../core/profiles';
import { summarize } from '../core/model/findings';
import type { TextDoc } from '../core/validate/text/doc';
import { UserError } from '../io/errors';
import * as path from 'node:path';

import { lazyText } from './lazy';

export interface Task {
  file: string;
  /** where to write the marked copy, if wanted */
  outFile?: string;
  /** --profile: the template profile to read the file with */
  profile?: string;
  /** overwrite an existing marked copy (PDF) */
  force?: boolean;
  /** the explanatory text (.docx / .txt) to check with the tables */
  textFile?: string;
}

export interface TaskResult {
  file: string;
  report?: Report;
  /** the clerk-facing Chinese message when the file could not be validated */
  error?: string;
  /** the marked copy written */
  marked?: string;
  /** why the marked copy could not be written (the report is still valid) */
  markError?: string;
}

export interface WorkerInit {
  budgetPool: true;
  catalog?: Catalog;
}

export type ToWorker = { id: number; task: Task };
/** a result, or (once, when loaded) ready: tasks are timed from then on, not from the worker's start-up */
/** heavy: the worker's heap is still large after the file (replace the worker, so that its memory goes back) */
export type FromWorker = { id: number; result: TaskResult; heavy?: boolean } | { ready: true };

/** A worker whose heap (with its buffers) stays above this after a file is replaced. */
const HEAVY_HEAP_BYTES = 256 * 1024 * 1024;

function heavy(): boolean {
  const h = v8.getHeapStatistics();
  return h.total_heap_size + h.external_memory > HEAVY_HEAP_BYTES;
}

/** Chinese one-line text of any thrown value: a UserError as is, anything else as an internal error (its detail with BUDGET_DEBUG=1). */
export function errorText(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const one = msg.replace(/\s*\r?\n\s*/g, ' ').trim();
  if (isUserError(e)) return one;
  return process.env.BUDGET_DEBUG === '1' ? `程序内部错误：${one}` : INTERNAL_ERROR;
}

export const INTERNAL_ERROR = '程序内部错误，未能完成校验：请把该文件发给维护人员（设置环境变量 BUDGET_DEBUG=1 可查看详细信息）。';

/**
 * One file: read and validate. `keep`: the file is to be marked too, so the package of the one read
 * comes back for writeMarkedCopy (the file is read once).
 */
export async function readAndValidate(
  file: string,
  catalog: Catalog | undefined,
  keep: boolean,
  textFile?: string,
  profile?: string,
): Promise<{ report: Report; pkg?: XlsxPackage; pdf?: PdfDocument }> {
  const text = textFile ? await (isPdfName(textFile) ? pdfTextDoc(textFile) : lazyText().readTextFile(textFile)) : undefined;
  if (isPdfName(file)) {
    // a published PDF: its tables as a Grid, the same engine; cells named as a reader finds them
    const pdf = await readPdfFile(file);
    // the explanatory text printed in the same PDF, unless another is given
    const own = pdf.text.paragraphs.length > 0 ? docFromParagraphs(path.basename(file), pdf.text.paragraphs.map((p) => p.text)) : undefined;
    const report = validateWorkbook(pdf.layout.grid, { file, catalog, text: text ?? own, profile });
    // no table recognised, only text (Jiangsu's text PDF, published apart from its tables): the text on its own
    if (report.tables.length === 0 && own && !text) {
      const id = profile ?? profileOfText(own.text).id;
      const alone = checkTextAlone(own, id);
      return { report: { file, profile: id, tables: [], findings: alone.findings, causes: [], text: { ...alone.text, alone: true }, summary: summarize(alone.findings) }, pdf };
    }
    placeReport(report, pdf.layout);
    return { report, pdf };
  }
  const { grid, pkg } = keep ? await readWorkbookFileKeep(file) : { grid: await readWorkbookFile(file), pkg: undefined };
  return { report: validateWorkbook(grid, { file, catalog, text, profile }), pkg };
}

/** The explanatory text of a PDF given with --text (Jiangsu publishes text and tables as two PDFs). */
async function pdfTextDoc(file: string): Promise<TextDoc> {
  const pdf = await readPdfFile(file);
  const doc = docFromParagraphs(path.basename(file), pdf.text.paragraphs.map((p) => p.text));
  if (doc.text.trim() === '') throw new UserError(`情况说明“${path.basename(file)}”中没有表格以外的文字，无法核对。`);
  return doc;
}

/** Writes the marked copy of a file read by readAndValidate (the same parse: the file is read once). */
export async function writeMarked(
  file: string,
  outFile: string,
  read: { report: Report; pkg?: XlsxPackage; pdf?: PdfDocument },
  force: boolean,
): Promise<void> {
  if (read.pdf) {
    // pdf-lib is loaded only to write a marked copy
    const { writeMarkedPdf } = await import('../io/pdf/mark');
    await writeMarkedPdf(read.pdf.bytes, outFile, read.report, force);
  }
  else await writeMarkedCopy(file, outFile, read.report, read.pkg, force);
}

export async function runTask(task: Task, catalog?: Catalog): Promise<TaskResult> {
  const { file } = task;
  let read: Awaited<ReturnType<typeof readAndValidate>>;
  try {
    read = await readAndValidate(file, catalog, !!task.outFile, task.textFile, task.profile);
  } catch (e) {
    return { file, error: errorText(e) };
  }
  const result: TaskResult = { file, report: read.report };
  if (task.outFile) {
    try {
      await writeMarked(file, task.outFile, read, !!task.force);
      result.marked = task.outFile;
    } catch (e) {
      result.markError = errorText(e);
    }
  }
  return result;
}

if (!isMainThread && parentPort && (workerData as WorkerInit | undefined)?.budgetPool) {
  const port = parentPort;
  const { catalog } = workerData as WorkerInit;
  port.on('message', (msg: ToWorker) => {
    runTask(msg.task, catalog).then(
      (result) => port.postMessage({ id: msg.id, result, heavy: heavy() } satisfies FromWorker),
      (e) => port.postMessage({ id: msg.id, result: { file: msg.task.file, error: errorText(e) }, heavy: heavy() } satisfies FromWorker),
    );
  });
  port.postMessage({ ready: true } satisfies FromWorker);
}
