// Real published Shanghai and Jiangsu PDFs (shared/regional/pdf) read with their region's profile give the
// tables and findings of the workbooks rebuilt from them (regional.test.ts shows those are exactly the
// known.json inconsistencies and nothing else). A representative few: all 18 are read by `npm run bench:pdf`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Sheet } from '../src/core/model/grid';
import type { Report } from '../src/core/model/findings';
import { validateWorkbook } from '../src/core/validate/engine';
import { readPdfFile } from '../src/io/pdf/read';
import { SHARED, loadGridFile } from './fixtures/helpers';

const DIR = path.join(SHARED, 'regional');
const KNOWN: Record<string, { inconsistencies: unknown[] }> = JSON.parse(fs.readFileSync(path.join(DIR, 'known.json'), 'utf8'));

/** Rule, table, severity and message of the table findings (the text check is the text engineer's). */
const gist = (r: Report) =>
  r.findings
    .filter((f) => !f.rule.startsWith('text-'))
    .map((f) => `${f.severity} ${f.rule} ${f.table ?? '-'} ${f.message}`)
    .sort();

const CASES: { name: string; why: string }[] = [
  { name: 'shanghai-putuo-2024-shehui-fuliyuan-unit', why: '16 printed inconsistencies, codes split over 类/款/项' },
  { name: 'jiangsu-2018-jianchayuan', why: 'a title over two lines, an empty table with its note, tables over pages' },
  { name: 'jiangsu-2017-jianchayuan', why: 'a ruled column holding no text' },
  { name: 'jiangsu-2017-shengwei-bangongting', why: 'the tables in a second PDF, the department name wrapped in the unit line' },
  { name: 'jiangsu-2017-renda-bangongting', why: 'the last rows of 收支预算总表 on a page ruled with fewer columns, a rule left undrawn' },
];

for (const { name, why } of CASES) {
  test(`${name} published PDF (${why}): its workbook's tables and findings`, async () => {
    const sheets: Sheet[] = [];
    for (const f of [`${name}.pdf`, `${name}-2.pdf`]) {
      const file = path.join(DIR, 'pdf', f);
      if (fs.existsSync(file)) sheets.push(...(await readPdfFile(file)).layout.grid.sheets);
    }
    const pdf = validateWorkbook({ sheets }, { file: `${name}.pdf` });
    const wb = validateWorkbook(await loadGridFile(path.join(DIR, name, `${name}.xlsx`)), { file: `${name}.xlsx` });
    assert.equal(pdf.profile, wb.profile);
    assert.deepEqual(
      pdf.tables.map((t) => t.table),
      wb.tables.map((t) => t.table),
    );
    assert.deepEqual(gist(pdf), gist(wb));
    assert.ok(pdf.findings.filter((f) => f.severity === 'error').length >= KNOWN[name].inconsistencies.length);
  });
}
