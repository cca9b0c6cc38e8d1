// Real published disclosures (seeds 000 巨鹿 2021, 002 高邑 2026, 004 乐亭 2022) rebuilt as .xlsx in the
// layouts they were published in (tests/seeds/build.ts; the .xlsx files are committed). Every figure is
// as published. A full recomputation of every tree sum, row sum, T1/T4 item sum and the T9/T6 links in
// the three seeds' tables found no arithmetic error in them (their published errors are in the
// explanatory text and in PDF artefacts such as codes wrapped over lines, see build.ts SEED_NOTES), so
// each must be read without a crash, all nine tables found, and no error reported.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { readWorkbookFile } from '../src/io/xlsx-read';
import { TABLE_IDS, describeReport, errorsOf, tablesFound, validate } from './fixtures/helpers';

const DIR = path.join(__dirname, 'seeds');
const SEEDS = [
  { file: 'julu2021-seed.xlsx', what: '000 巨鹿 2021: one-cell header line, headers broken over lines, 7-column T5, zeros 0.00, notes without 注' },
  { file: 'gaoyi2026-seed.xlsx', what: '002 高邑 2026: header on three lines, zeros blank, pages repeating header (one 栏次 misprinted 档次), 上解上级支出' },
  { file: 'laoting2022-seed.xlsx', what: '004 乐亭 2022: all tables on one sheet, one-line header, zeros blank, 政府基金 title, pages repeating header' },
];

describe('real disclosures in their own layouts', () => {
  for (const s of SEEDS) {
    test(`${s.file} (${s.what}): read, nine tables, no error`, async () => {
      const g = await readWorkbookFile(path.join(DIR, s.file));
      const rep = validate(g, { file: s.file });
      assert.deepEqual(tablesFound(rep), TABLE_IDS, describeReport(rep, 40));
      assert.equal(errorsOf(rep).length, 0, describeReport(rep, 40));
      assert.equal(rep.findings.filter((f) => f.rule === 'column-missing').length, 0, describeReport(rep, 40));
    });
  }

  test('laoting2022-seed: T7 found under its 政府基金 title on the one sheet', async () => {
    const g = await readWorkbookFile(path.join(DIR, 'laoting2022-seed.xlsx'));
    const rep = validate(g);
    const t7 = rep.tables.find((t) => t.table === 'T7');
    assert.ok(t7, describeReport(rep));
    assert.match(t7!.title, /政府基金|政府性基金/);
    assert.equal(new Set(rep.tables.map((t) => t.sheet)).size, 1);
  });

  test('seeds with a fault injected are caught (the layouts do not hide errors)', async () => {
    // 高邑 T3 2101501 行政运行 基本支出 198.21 -> 198.12 (digits transposed), nothing else changed
    const g = await readWorkbookFile(path.join(DIR, 'gaoyi2026-seed.xlsx'));
    const sheet = g.sheets[2];
    let hit: { r: number; c: number } | undefined;
    sheet.rows.forEach((row, r) => {
      if (row?.[1]?.value === '2101501' && row[4]?.value === 198.21) hit = { r, c: 4 };
    });
    assert.ok(hit, 'T3 row 2101501 not found in the seed workbook');
    sheet.rows[hit!.r][hit!.c] = { value: 198.12, numFmt: '0.00' };
    const rep = validate(g);
    const addr = `E${hit!.r + 1}`;
    const at = rep.findings.filter((f) => f.severity === 'error' && f.cells.some((c) => c.sheet === sheet.name && c.address === addr));
    assert.ok(at.some((f) => f.rule === 'tree-sum'), `tree-sum naming ${sheet.name}!${addr}\n${describeReport(rep)}`);
    assert.ok(at.some((f) => f.rule === 'row-sum'), `row-sum naming ${sheet.name}!${addr}\n${describeReport(rep)}`);
  });
});
