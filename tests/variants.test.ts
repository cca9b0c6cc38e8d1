// Layout variants of the three correct examples: each must validate with T1..T9 found and no error.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { EXAMPLES, TABLE_IDS, describeReport, errorsOf, excelToGrid, loadExampleExcel, tablesFound, validate } from './fixtures/helpers';
import { VARIANTS, applyVariant } from './fixtures/variants';

describe('examples as published (baseline)', () => {
  for (const ex of EXAMPLES) {
    test(`${ex}: nine tables, no error`, async () => {
      const g = await excelToGrid(await loadExampleExcel(ex));
      const rep = validate(g);
      assert.deepEqual(tablesFound(rep), TABLE_IDS, describeReport(rep));
      assert.equal(errorsOf(rep).length, 0, describeReport(rep));
    });
  }
});

describe('layout variants still validate', () => {
  for (const v of VARIANTS) {
    for (const ex of EXAMPLES) {
      test(`${v.id} × ${ex} (${v.describe})`, async () => {
        const wb = applyVariant(v, await loadExampleExcel(ex));
        const g = await excelToGrid(wb);
        const rep = validate(g);
        assert.deepEqual(tablesFound(rep), TABLE_IDS, `tables found\n${describeReport(rep)}`);
        assert.equal(errorsOf(rep).length, 0, `errors\n${describeReport(rep)}`);
      });
    }
  }
});
