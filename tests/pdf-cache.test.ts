// pdfjs' modules loaded with V8's code cache (src/io/pdf/pdfjs.ts): the first run writes the cache, the
// next ones read it, a damaged cache is rejected and written again, and the program's answer is the same
// whichever way pdfjs was loaded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, spawnCli } from './helpers/cli';
import { tmpDir } from './helpers/workbooks';

test('bin: validate x.pdf writes pdfjs code cache once, reads it after, and answers the same as without', () => {
  const dir = path.join(tmpDir('pdf-cache'), 'cache');
  const pdf = path.join(ROOT, 'tests', 'pdf', 'gaoyi2026-disclosure.pdf');
  const args = ['validate', pdf, '--json'];
  const plain = spawnCli(args, { BUDGET_PDF_CODE_CACHE: '0', BUDGET_PDF_CACHE_DIR: dir });
  assert.equal(plain.code, 0, plain.stderr);
  assert.ok(!fs.existsSync(dir), 'no cache when turned off');
  const first = spawnCli(args, { BUDGET_PDF_CACHE_DIR: dir });
  const files = fs.readdirSync(dir).sort();
  assert.deepEqual(files.map((f) => f.replace(/-.*/, '')), ['pdf.mjs', 'pdf.worker.mjs']);
  const stamp = files.map((f) => fs.statSync(path.join(dir, f)).mtimeMs);
  const second = spawnCli(args, { BUDGET_PDF_CACHE_DIR: dir });
  assert.deepEqual(files.map((f) => fs.statSync(path.join(dir, f)).mtimeMs), stamp, 'a good cache is not written again');
  // a damaged cache: rejected by V8, written again
  fs.writeFileSync(path.join(dir, files[1]), Buffer.alloc(4096, 7));
  const third = spawnCli(args, { BUDGET_PDF_CACHE_DIR: dir });
  assert.ok(fs.statSync(path.join(dir, files[1])).size > 100_000, 'rewritten');
  for (const r of [first, second, third]) {
    assert.equal(r.code, plain.code, r.stderr);
    assert.equal(r.stdout, plain.stdout);
    assert.equal(r.stderr, plain.stderr);
  }
});
