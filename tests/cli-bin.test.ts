// The real program as a clerk runs it: `node bin/budget-disclosure.js ...` (lib/ built by tsc when stale).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hasStackTrace, spawnCli } from './helpers/cli';
import { examplePath, tmpDir } from './helpers/workbooks';

const dir = tmpDir('cli-bin');

test('bin: a text file named .xlsx gives one Chinese line and exit 2, no stack trace', () => {
  const f = path.join(dir, 'fake.xlsx');
  fs.writeFileSync(f, 'hello');
  const r = spawnCli(['validate', f]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.trimEnd().split('\n').length, 1);
  assert.match(r.stderr, /^错误：.*不是有效的 Excel/);
  assert.ok(!hasStackTrace(r.stderr), r.stderr);
});

test('bin: missing file, unknown option, empty file', () => {
  for (const args of [['validate', path.join(dir, 'missing.xlsx')], ['validate', '--nope'], ['frob']]) {
    const r = spawnCli(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /^错误：/);
    assert.ok(!hasStackTrace(r.stderr), r.stderr);
  }
  const empty = path.join(dir, 'empty.xlsx');
  fs.writeFileSync(empty, '');
  const r = spawnCli(['validate', empty, '--json']);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.ok(!hasStackTrace(r.stderr));
});

test('bin: an example validates, whole JSON arrives on a pipe', () => {
  const r = spawnCli(['validate', examplePath('julu2021'), '--json']);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.summary.errors, 0);
});
