// Batch validation: files spread over worker threads (one per core), results in input order.
// A file that cannot be read is reported with its Chinese message and the others go on; a worker
// that dies (out of memory, crash) costs only the file it was working on.
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Catalog } from '../core/model/catalog';
import type { FromWorker, Task, TaskResult, WorkerInit } from './validate-worker';
import { runTask } from './validate-worker';

import { lazyCatalog } from './lazy';

/** Suffix of marked copies written for a folder (same as validate.ts' MARKED_SUFFIX). */
export const POOL_MARKED_SUFFIX = '-校验.xlsx'; // keep equal to validate.ts' MARKED_SUFFIX (checked by a test)

export interface PoolOptions {
  /** --catalog file, read once here and handed to every worker */
  catalogPath?: string;
  /** an already-read catalog (takes precedence over catalogPath) */
  catalog?: Catalog;
  /** --profile: every file is read with this template profile */
  profile?: string;
  /**
   * marked copies: a folder (each copy named "<name>-校验.xlsx" there) or a function giving each
   * file's copy path (undefined: no copy for that file)
   */
  out?: string | ((file: string) => string | undefined);
  /** number of workers (default os.availableParallelism(), never more than the files) */
  workers?: number;
  /**
   * per-file limit (ms, default 5 minutes): a file still unfinished then (a zip bomb, a pathological
   * sheet) is reported as timed out, its worker replaced, and the rest go on
   */
  timeoutMs?: number;
  /** overwrite existing marked copies (PDF) */
  force?: boolean;
  /** the explanatory text to check with each workbook (folder mode: the .docx/.txt of the same name) */
  texts?: (file: string) => string | undefined;
  /** called as each file finishes (any order) */
  onResult?: (result: TaskResult, index: number) => void;
  /** a single file in a worker too (so that timeoutMs applies to it); otherwise one file runs in process */
  inWorker?: boolean;
}

export type PoolResult = TaskResult;

export const DEFAULT_TIMEOUT_MS = 5 * 60_000;

/** '超过 300 秒' */
function timeoutText(ms: number): string {
  const s = ms / 1000;
  return `校验超时：超过 ${s >= 1 ? String(Math.round(s * 10) / 10) : s.toFixed(3).replace(/0+$/, '')} 秒仍未完成，已跳过（文件可能过大或已损坏；可用 --timeout 调整时限）`;
}

function outFileFor(file: string, out: PoolOptions['out']): string | undefined {
  if (!out) return undefined;
  if (typeof out === 'function') return out(file);
  const pdf = path.extname(file).toLowerCase() === '.pdf';
  return path.join(out, path.basename(file, path.extname(file)) + (pdf ? '-校验.pdf' : POOL_MARKED_SUFFIX));
}

/**
 * Heap all workers running at once may use together, split evenly (at most 1,024 MB each): a file that
 * needs more than its worker's share ends that worker (reported), and the process stays under ~1.5 GB.
 */
export const WORKERS_HEAP_MB = 1280;

export function workerHeapMb(workers: number): number {
  return Math.min(1024, Math.floor(WORKERS_HEAP_MB / Math.max(1, workers)));
}

/**
 * The worker next to this module, with this module's extension: lib/cli/validate-worker.js in
 * production; under tsx (tests, bench) the .ts file, loaded through tsx's require hook (a worker does
 * not inherit tsx's loader, and `--import tsx` in execArgv does not cover the worker's entry file).
 */
function newWorker(init: WorkerInit, heapMb: number): Worker {
  const ext = path.extname(__filename);
  const file = path.join(__dirname, `validate-worker${ext}`);
  const common = { workerData: init, stdout: false, stderr: false, resourceLimits: { maxOldGenerationSizeMb: heapMb } };
  if (ext === '.ts') {
    return new Worker(`require('tsx/cjs'); require(${JSON.stringify(file)});`, { ...common, eval: true });
  }
  return new Worker(file, common);
}

export async function validateFilesParallel(files: string[], opts: PoolOptions = {}): Promise<PoolResult[]> {
  const catalog = opts.catalog ?? (opts.catalogPath ? await lazyCatalog().readCatalogFile(opts.catalogPath) : undefined);
  const tasks: Task[] = files.map((file) => ({ file, outFile: outFileFor(file, opts.out), force: opts.force, textFile: opts.texts?.(file), ...(opts.profile ? { profile: opts.profile } : {}) }));
  const results: PoolResult[] = new Array(tasks.length);
  const want = Math.max(1, Math.floor(opts.workers ?? os.availableParallelism()));
  const n = Math.min(want, tasks.length);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const heapMb = workerHeapMb(n);
  // in process only for a single file (nothing else to go on with); otherwise workers, which can be timed out
  if (tasks.length === 0 || (tasks.length === 1 && !opts.inWorker)) {
    for (const [i, t] of tasks.entries()) {
      results[i] = await runTask(t, catalog);
      opts.onResult?.(results[i], i);
    }
    return results;
  }
  await new Promise<void>((resolve) => {
    let next = 0;
    let done = 0;
    const finish = (i: number, r: TaskResult) => {
      if (results[i]) return;
      results[i] = r;
      done++;
      opts.onResult?.(r, i);
      if (done === tasks.length) resolve();
    };
    const start = () => {
      const init: WorkerInit = { budgetPool: true, catalog };
      const w = newWorker(init, heapMb);
      let current = -1;
      let gone = false;
      let timer: NodeJS.Timeout | undefined;
      const feed = () => {
        if (next >= tasks.length) {
          current = -1;
          gone = true;
          void w.terminate();
          return;
        }
        current = next++;
        w.postMessage({ id: current, task: tasks[current] });
        timer = setTimeout(() => {
          if (gone || current < 0) return;
          const i = current;
          current = -1;
          gone = true;
          void w.terminate();
          finish(i, { file: tasks[i].file, error: timeoutText(timeoutMs) });
          if (next < tasks.length) start();
        }, timeoutMs);
      };
      w.on('message', (m: FromWorker) => {
        if ('ready' in m) return feed();
        clearTimeout(timer);
        finish(m.id, m.result);
        if (!m.heavy) return feed();
        // its memory goes back to the system with it; a fresh worker takes the rest
        current = -1;
        gone = true;
        void w.terminate();
        if (next < tasks.length) start();
      });
      const died = (why: string) => {
        clearTimeout(timer);
        if (gone) return;
        gone = true;
        if (current >= 0) finish(current, { file: tasks[current].file, error: why });
        current = -1;
        // replace the worker while work remains
        if (next < tasks.length) start();
      };
      w.on('error', (e) =>
        died(
          (e as NodeJS.ErrnoException)?.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `内存不足：校验该文件需要的内存超过 ${heapMb} MB 上限，已跳过（文件可能过大或已损坏）`
            : '程序内部错误：校验进程意外中止（设置环境变量 BUDGET_DEBUG=1 可查看详细信息）',
        ),
      );
      w.on('exit', () => died('程序内部错误：校验进程意外中止'));
    };
    for (let i = 0; i < n; i++) start();
  });
  return results;
}
