// Hostile and broken files through the command line: each ends with a clean exit status and one clear
// Chinese message (or a normal report), never parser internals, never pages of output. Time and memory
// of the heavy cases (a real 450 MB zip bomb, 100,000 lines) are measured by the bench (bench/hostile.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hasStackTrace, runCli, spawnCli } from './helpers/cli';
import { tmpDir } from './helpers/workbooks';
import { hostileFiles, JULU } from './fixtures/hostile';

const dir = tmpDir('hostile');
/** what a parser says in English when it fails: none of it may reach the clerk */
const INTERNALS = /Cannot|undefined|TypeError|RangeError|Invalid|properties|Unexpected|ERR_|\bat \w+ \(/;

test('hostile files: clean exit, one Chinese line or a short report, no internals', async () => {
  for (const h of hostileFiles()) {
    const file = path.join(dir, h.name);
    fs.writeFileSync(file, h.bytes);
    const r = await runCli(['validate', file]);
    const all = r.stdout + r.stderr;
    assert.equal(r.code, h.exit, `${h.name}: ${r.stderr}`);
    assert.match(all, h.expect, h.name);
    assert.ok(all.length < 20_000, `${h.name}: ${all.length} characters of output`);
    assert.ok(!hasStackTrace(all) && !INTERNALS.test(r.stderr), `${h.name}: ${r.stderr}`);
    if (h.exit === 2) {
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, `${h.name}: one line`);
      assert.match(r.stderr, /^错误：.*[\u4e00-\u9fff]/);
    }
  }
});

test('the cell limit and the part limit are adjustable from the environment', async () => {
  const old = process.env.BUDGET_MAX_CELLS;
  process.env.BUDGET_MAX_CELLS = '300';
  try {
    const r = await runCli(['validate', JULU]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /单元格超过 300 个.*BUDGET_MAX_CELLS/);
  } finally {
    if (old === undefined) delete process.env.BUDGET_MAX_CELLS;
    else process.env.BUDGET_MAX_CELLS = old;
  }
  const bomb = hostileFiles().find((h) => h.name === 'bomb-declared.xlsx')!;
  const file = path.join(dir, 'bomb-allowed.xlsx');
  fs.writeFileSync(file, bomb.bytes);
  // with a higher limit the declared size passes, and the inflation itself stops at the real data
  const r = spawnCli(['validate', file], { BUDGET_MAX_PART_MB: '500', BUDGET_MAX_TOTAL_MB: '600' });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /大小与目录不符/);
});

test('--timeout applies to a single file; BUDGET_DEBUG=1 shows what a Chinese message stands for', () => {
  const r = spawnCli(['validate', JULU, '--timeout', '0.001']);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /^错误：校验超时：超过 0\.001 秒仍未完成/);
  const h = hostileFiles().find((x) => x.name === 'damaged.xlsx')!;
  const file = path.join(dir, 'debug.xlsx');
  fs.writeFileSync(file, h.bytes);
  const plain = spawnCli(['validate', file]);
  assert.ok(!hasStackTrace(plain.stderr));
  const debug = spawnCli(['validate', file], { BUDGET_DEBUG: '1' });
  assert.equal(debug.code, 2);
  assert.ok(hasStackTrace(debug.stderr), 'the stack is shown with BUDGET_DEBUG=1');
});

test('an explanatory text of 10 million characters is refused at once with the limit, in Chinese', async () => {
  const file = path.join(dir, 'huge-说明.txt');
  fs.writeFileSync(file, '机关运行经费共计安排 14.97万元' + '九'.repeat(10_000_000));
  const r = await runCli(['validate', JULU, '--text', file]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /^错误：情况说明“.*huge-说明\.txt”有 10,000,018 字，超过上限 100,000 字/);
  assert.equal(r.stderr.trimEnd().split('\n').length, 1);
});
