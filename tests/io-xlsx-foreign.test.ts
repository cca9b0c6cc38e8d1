// Workbooks written by other programs, and XML spellings Excel accepts, are read like Excel reads them
// (tests/fixtures/foreign/build.py made them from the julu example; exceljs refused three of them).
// And the reader agrees with exceljs on every workbook exceljs can read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { Workbook } from '../src/core/model/grid';
import type { Report } from '../src/core/model/findings';
import { validateWorkbook } from '../src/core/validate/engine';
import { readWorkbookFile } from '../src/io/xlsx-read';
import { gridFromExcelJS } from './helpers/exceljs-grid';
import { runCli } from './helpers/cli';

const FOREIGN = path.join(__dirname, 'fixtures', 'foreign');
const SHARED = process.env.BUDGET_SHARED_DIR ?? '/work/shared';
const JULU = path.join(SHARED, 'examples', 'julu2021-disclosure.xlsx');

/** values, errors, formulas and merges (number formats differ between writers) */
function content(wb: Workbook): unknown {
  return wb.sheets.map((s) => ({ name: s.name, hidden: !!s.hidden, merges: s.merges, rows: s.rows.map((r) => r.map((c) => c && [c.value, c.error ?? null, c.formula ?? null])) }));
}

const key = (r: Report) => r.findings.map((f) => `${f.rule}|${f.message}|${f.cells.map((c) => `${c.sheet}!${c.address}`).join(',')}`).sort();

test('foreign-written workbooks read as the original: openpyxl with a comment, chart and image; xlsxwriter; LibreOffice; rows and cells without r; x: prefix; inline strings; UTF-16 (both byte orders) and GBK parts', async () => {
  const original = await readWorkbookFile(JULU);
  const want = validateWorkbook(original);
  const files = fs.readdirSync(FOREIGN).filter((f) => f.endsWith('.xlsx'));
  assert.ok(files.length >= 6);
  for (const f of files) {
    const wb = await readWorkbookFile(path.join(FOREIGN, f));
    assert.deepEqual(content(wb), content(original), f);
    assert.deepEqual(key(validateWorkbook(wb)), key(want), f);
    const cli = await runCli(['validate', path.join(FOREIGN, f)]);
    assert.equal(cli.code, want.summary.errors > 0 ? 1 : 0, `${f}: ${cli.stderr}`);
    assert.match(cli.stdout, /识别到 9\/9 张表/, f);
  }
});

test('the reader agrees with exceljs on every workbook exceljs reads (examples, regional, seeds, sample)', async () => {
  const files = [
    ...['examples', 'regional'].flatMap((d) => walk(path.join(SHARED, d))),
    ...walk(path.join(__dirname, 'seeds')),
    path.join(__dirname, '..', 'samples', 'sample-disclosure.xlsx'),
  ].filter((f) => f.endsWith('.xlsx'));
  assert.ok(files.length >= 20, `${files.length} files`);
  for (const f of files) {
    const ref = new ExcelJS.Workbook();
    await ref.xlsx.readFile(f);
    assert.deepEqual(await readWorkbookFile(f), gridFromExcelJS(ref), f);
  }
});

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
