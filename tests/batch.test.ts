// Batch validation over worker threads (src/cli/pool.ts): same reports as in process, input order,
// broken files reported with their Chinese message while the others go on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateFilesParallel } from '../src/cli/pool';
import { runTask } from '../src/cli/validate-worker';
import { validateWorkbook } from '../src/core/validate/engine';
import { readWorkbookFile } from '../src/io/xlsx-read';
import { EXAMPLE_NAMES, copyExample, tmpDir } from './helpers/workbooks';

const dir = tmpDir('batch');
const chinese = /[\u4e00-\u9fff]/;

/** 3 examples × 2 copies, a broken file in the middle, a missing file and an empty file at the end. */
function folder(): string[] {
  const files: string[] = [];
  for (const copy of [1, 2]) {
    for (const name of EXAMPLE_NAMES) files.push(copyExample(name, dir, `${name}-${copy}.xlsx`));
    if (copy === 1) {
      const broken = path.join(dir, 'broken.xlsx');
      // a truncated copy of a real workbook: zip signature, then nothing usable
      fs.writeFileSync(broken, fs.readFileSync(files[0]).subarray(0, 700));
      files.push(broken);
    }
  }
  files.push(path.join(dir, 'missing.xlsx'));
  const empty = path.join(dir, 'empty.xlsx');
  fs.writeFileSync(empty, '');
  files.push(empty);
  return files;
}

test('worker pool: same reports as in process, in input order; broken files reported, the rest go on', async () => {
  const files = folder();
  const seen: number[] = [];
  const results = await validateFilesParallel(files, { workers: 2, onResult: (_r, i) => seen.push(i) });
  assert.equal(results.length, files.length);
  assert.deepEqual([...seen].sort((a, b) => a - b), files.map((_f, i) => i), 'every file reported once');
  for (const [i, r] of results.entries()) assert.equal(r.file, files[i], 'input order');

  for (const [i, file] of files.entries()) {
    const r = results[i];
    const base = path.basename(file);
    if (/broken|missing|empty/.test(base)) {
      assert.equal(r.report, undefined, base);
      assert.ok(r.error && chinese.test(r.error), `${base}: ${r.error}`);
      assert.doesNotMatch(r.error!, /程序内部错误/, `${base} is a clerk error, not an internal one`);
      continue;
    }
    assert.equal(r.error, undefined, `${base}: ${r.error}`);
    assert.ok(r.report);
    // identical to validating in this process
    const direct = validateWorkbook(await readWorkbookFile(file), { file });
    assert.deepEqual(r.report, direct, base);
    assert.equal(r.report.summary.errors, 0, `${base} is a clean example`);
    assert.equal(r.report.tables.length, 9, base);
  }
  assert.match(results[files.findIndex((f) => f.endsWith('missing.xlsx'))].error!, /找不到文件/);
  assert.match(results[files.findIndex((f) => f.endsWith('empty.xlsx'))].error!, /空的/);
});

test('worker pool: default worker count, marked copies into an out folder', async () => {
  const files = EXAMPLE_NAMES.map((n) => copyExample(n, dir, `out-${n}.xlsx`));
  const out = fs.mkdtempSync(path.join(dir, 'marked-'));
  const results = await validateFilesParallel(files, { out });
  for (const [i, r] of results.entries()) {
    assert.equal(r.file, files[i]);
    assert.ok(r.report, r.error);
    assert.equal(r.markError, undefined);
    assert.equal(r.marked, path.join(out, `out-${EXAMPLE_NAMES[i]}-校验.xlsx`));
    assert.ok(fs.statSync(r.marked!).size > 0);
  }
});

test('single file runs in process; a bad catalog path is a UserError for the whole batch', async () => {
  const file = copyExample('julu2021', dir, 'single.xlsx');
  const [r] = await validateFilesParallel([file]);
  assert.equal(r.file, file);
  assert.equal(r.report?.summary.errors, 0);
  assert.deepEqual(await validateFilesParallel([]), []);
  await assert.rejects(validateFilesParallel([file, file], { catalogPath: path.join(dir, 'no-such-catalog.csv') }), (e: Error) => {
    assert.equal(e.name, 'UserError');
    assert.match(e.message, chinese);
    return true;
  });
});

test('runTask: an unwritable marked copy keeps the report', async () => {
  const file = copyExample('gaoyi2026', dir, 'mark-fail.xlsx');
  const notDir = path.join(dir, 'plain-file');
  fs.writeFileSync(notDir, 'x');
  const r = await runTask({ file, outFile: path.join(notDir, 'x.xlsx') });
  assert.ok(r.report);
  assert.ok(r.markError && chinese.test(r.markError), r.markError);
});

test('compiled pool (lib/, as bin uses it) runs lib/cli/validate-worker.js', async () => {
  const { ensureBuilt, ROOT } = await import('./helpers/cli');
  ensureBuilt();
  const { spawnSync } = await import('node:child_process');
  const files = [...EXAMPLE_NAMES.map((n) => copyExample(n, dir, `lib-${n}.xlsx`)), path.join(dir, 'lib-missing.xlsx')];
  const script = `require('./lib/cli/pool.js').validateFilesParallel(${JSON.stringify(files)}, { workers: 2 })
    .then((r) => process.stdout.write(JSON.stringify(r.map((x) => ({ file: x.file, errors: x.report && x.report.summary.errors, error: x.error })))));`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { file: string; errors?: number; error?: string }[];
  assert.deepEqual(out.map((x) => x.file), files);
  assert.deepEqual(out.slice(0, 3).map((x) => x.errors), [0, 0, 0]);
  assert.match(out[3].error!, /找不到文件/);
});

test('validate <folder> and the pool name marked copies alike', async () => {
  const { MARKED_SUFFIX } = await import('../src/cli/validate');
  const { POOL_MARKED_SUFFIX } = await import('../src/cli/pool');
  assert.equal(POOL_MARKED_SUFFIX, MARKED_SUFFIX);
});

test('a file over the time limit is reported as timed out, its worker replaced, and the rest go on', async () => {
  const files = EXAMPLE_NAMES.map((n) => copyExample(n, dir, `slow-${n}.xlsx`));
  // 1 ms: no workbook is read, unzipped and validated that fast; the limit runs from the task's start,
  // not from the worker's start-up, so every file must fail the same way and none may hang the batch
  const timedOut = await validateFilesParallel(files, { workers: 2, timeoutMs: 1 });
  assert.deepEqual(timedOut.map((r) => r.file), files);
  for (const r of timedOut) {
    assert.equal(r.report, undefined);
    assert.match(r.error ?? '', /^校验超时：超过 0\.001 秒仍未完成，已跳过.*--timeout/);
  }
  // a generous limit: the same files validate
  const ok = await validateFilesParallel(files, { workers: 2, timeoutMs: 120_000 });
  assert.deepEqual(ok.map((r) => r.report?.summary.errors), [0, 0, 0]);
});

test('validate <folder> --timeout: timed-out files in the summary, exit 1; a bad --timeout is a usage error', async () => {
  const { spawnCli, hasStackTrace } = await import('./helpers/cli');
  const sub = fs.mkdtempSync(path.join(dir, 'timeout-'));
  for (const n of EXAMPLE_NAMES) copyExample(n, sub, `${n}.xlsx`);
  const r = spawnCli(['validate', sub, '--timeout', '0.001']);
  assert.equal(r.code, 2, 'no file could be validated: exit 2'); // (exit 1 when some could)
  assert.equal((r.stdout.match(/校验超时/g) ?? []).length, 3, r.stdout);
  assert.ok(!hasStackTrace(r.stdout + r.stderr));
  const bad = spawnCli(['validate', sub, '--timeout', 'abc']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--timeout 须为正的秒数/);
});
