// Malformed workbooks (tests/fixtures/fuzz/corpus.ts) through validateWorkbook and the real CLI:
// never a throw or a stack trace, well-formed findings, Chinese messages, bounded time (hang detector).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { validateWorkbook } from '../src/core/validate/engine';
import { isUserError } from '../src/io/errors';
import { readWorkbookFile } from '../src/io/xlsx-read';
import { buildCorpus } from './fixtures/fuzz/corpus';
import type { FuzzCase } from './fixtures/fuzz/corpus';
import { ensureBuilt, ROOT } from './helpers/cli';
import { tmpDir } from './helpers/workbooks';
import { at, brief, describeReport, errorsOf, loadExampleGrid, setCell, sheetOf, validate } from './fixtures/helpers';

const chinese = /[\u4e00-\u9fff]/;
const STACK = /^\s+at .+\(.+:\d+:\d+\)/m;
const A1 = /^[A-Z]{1,3}[1-9]\d{0,6}$/;
/** generous: a hang detector, not a timing assertion */
const CHILD_TIMEOUT_MS = 180_000;

let corpus: Promise<FuzzCase[]> | undefined;
const getCorpus = () => (corpus ??= buildCorpus(path.join(tmpDir('fuzz'), 'corpus')));

test('engine: every malformed workbook gives a well-formed Report, corrupt files a Chinese UserError', async () => {
  for (const c of await getCorpus()) {
    let wb;
    try {
      wb = await readWorkbookFile(c.file);
    } catch (e) {
      assert.ok(isUserError(e), `${c.name}: reader threw a non-UserError: ${(e as Error)?.stack}`);
      assert.match((e as Error).message, chinese, c.name);
      continue;
    }
    assert.ok(!c.corrupt, `${c.name}: a corrupt file was read as a workbook`);
    const report = validateWorkbook(wb, { file: c.file });
    assert.ok(Array.isArray(report.findings) && Array.isArray(report.tables), c.name);
    const { errors, warnings, infos } = report.summary;
    assert.equal(errors + warnings + infos, report.findings.length, c.name);
    const sheets = new Set(wb.sheets.map((s) => s.name));
    for (const f of report.findings) {
      assert.ok(typeof f.message === 'string' && f.message.trim() !== '' && chinese.test(f.message), `${c.name}: ${JSON.stringify(f)}`);
      assert.ok(['error', 'warning', 'info'].includes(f.severity), c.name);
      assert.ok(typeof f.rule === 'string' && f.rule !== '', c.name);
      for (const cell of f.cells) {
        assert.match(cell.address, A1, `${c.name}: ${f.rule} ${JSON.stringify(cell)}`);
        assert.ok(sheets.has(cell.sheet), `${c.name}: ${f.rule} names unknown sheet ${cell.sheet}`);
      }
    }
    for (const t of report.tables) assert.match(t.range, /^[A-Z]+\d+:[A-Z]+\d+$/, c.name);
    // a workbook with no table at all must say so with errors, not pass silently
    if (report.tables.length === 0) assert.ok(errors > 0, `${c.name}: no table found but no error`);
  }
});

test('CLI: every malformed file exits 0/1/2 with Chinese output, no stack trace, no hang', async () => {
  ensureBuilt();
  const cases = await getCorpus();
  for (const c of cases) {
    for (const args of [['validate', c.file], ['validate', c.file, '--json']]) {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'budget-disclosure.js'), ...args], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: CHILD_TIMEOUT_MS,
        maxBuffer: 512 * 1024 * 1024,
        env: { ...process.env, BUDGET_DEBUG: '' },
      });
      const label = `${c.name} ${args.slice(2).join(' ')}`;
      assert.equal(r.error, undefined, `${label}: ${r.error?.message} (hang or crash)`);
      assert.ok(r.status === 0 || r.status === 1 || r.status === 2, `${label}: exit ${r.status} signal ${r.signal}\n${r.stderr}`);
      assert.doesNotMatch(r.stdout, STACK, `${label}: stack trace on stdout`);
      assert.doesNotMatch(r.stderr, STACK, `${label}: stack trace on stderr\n${r.stderr}`);
      assert.match(r.stdout + r.stderr, chinese, label);
      if (c.corrupt) {
        assert.equal(r.status, 2, `${label}: ${r.stderr}`);
        assert.match(r.stderr, /^错误：/, label);
        assert.doesNotMatch(r.stderr, /程序内部错误/, label);
      } else {
        assert.notEqual(r.status, 2, `${label}: a readable workbook was refused: ${r.stderr}`);
        if (args.includes('--json')) assert.doesNotThrow(() => JSON.parse(r.stdout), `${label}: stdout is not JSON`);
      }
    }
  }
});

test('formulas without cached results are reported once per table, and no sum is judged on them', async () => {
  const c = (await getCorpus()).find((x) => x.name === 'formulas-without-results')!;
  const report = validateWorkbook(await readWorkbookFile(c.file));
  const formulas = report.findings.filter((f) => f.rule === 'value-formula');
  // every table with amounts (julu's T7 and T8 are empty) gets one finding naming all its formula cells
  assert.deepEqual(formulas.map((f) => f.table), ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T9'], describeReport(report));
  for (const f of formulas) {
    assert.equal(f.severity, 'error');
    assert.ok(f.cells.length > 1, brief(f));
    assert.match(f.message, /没有保存公式的计算结果.*请用 Excel 打开此文件、保存后再校验/);
  }
  // unknown figures: no total, tree, item or cross-table comparison may be made on them
  const judged = report.findings.filter((f) => /sum|cross|balance|t6-split/.test(f.rule));
  assert.deepEqual(judged.map(brief), []);
});

test('one amount saved as a formula without its result: reported at its cell, its sums not judged', async () => {
  const g = await loadExampleGrid('julu2021');
  setCell(sheetOf(g, 'T3'), 'D20', { value: null, formula: 'SUM(E20:F20)' });
  const rep = validate(g);
  const errs = errorsOf(rep);
  assert.deepEqual(errs.map((f) => f.rule), ['value-formula'], describeReport(rep));
  assert.deepEqual(errs[0].cells, [at(g, 'T3!D20')]);
  assert.match(errs[0].message, /一般公共预算支出表|支出总表/);
  assert.match(errs[0].message, /（D20）是公式 =SUM\(E20:F20\)/);
});
