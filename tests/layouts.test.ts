// Layouts of real published disclosures (tests/fixtures/layouts.ts): each, applied to each correct
// example, must validate with T1..T9 found and no error; injected faults in some layouts must be
// reported at the faulty cell.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { ref } from '../src/core/model/grid';
import type { Workbook } from '../src/core/model/grid';
import { EXAMPLES, TABLE_IDS, brief, describeReport, errorsOf, hasCell, loadExampleGrid, tablesFound, validate } from './fixtures/helpers';
import { LAYOUTS, numericCellOfRow } from './fixtures/layouts';

async function laidOut(ex: (typeof EXAMPLES)[number], ...ids: string[]): Promise<Workbook> {
  const g = await loadExampleGrid(ex);
  for (const id of ids) {
    const l = LAYOUTS.find((x) => x.id === id);
    if (!l) throw new Error(`no layout ${id}`);
    l.apply(g);
  }
  return g;
}

describe('published layouts validate without false errors', () => {
  for (const l of LAYOUTS) {
    for (const ex of EXAMPLES) {
      test(`${l.id} × ${ex} (${l.describe})`, async () => {
        const g = await laidOut(ex, l.id);
        const rep = validate(g);
        assert.deepEqual(tablesFound(rep), TABLE_IDS, `tables found\n${describeReport(rep)}`);
        assert.equal(errorsOf(rep).length, 0, `errors\n${describeReport(rep)}`);
      });
    }
  }
});

/** Adds `delta` to the n-th amount of the row holding `needle` on sheet `sheet` and expects `rule` there. */
async function faultAt(layout: string, sheet: number, needle: string, n: number, delta: number, rule: string) {
  const g = await laidOut('julu2021', layout);
  const { r, c } = numericCellOfRow(g, sheet, needle, n);
  const cell = g.sheets[sheet].rows[r][c]!;
  g.sheets[sheet].rows[r][c] = { ...cell, value: Math.round(((cell.value as number) + delta) * 100) / 100 };
  const rep = validate(g);
  const at = ref(g.sheets[sheet], r, c);
  const hits = errorsOf(rep).filter((f) => f.rule === rule && hasCell(f, at));
  assert.ok(hits.length > 0, `expected error ${rule} at ${at.sheet}!${at.address}\n${describeReport(rep, 40)}`);
  return rep;
}

describe('faults in published layouts are reported at their cell', () => {
  test('code-split-sparse: T3 项 2080505 基本支出 changed -> row-sum at the cell', async () => {
    await faultAt('code-split-sparse', 2, '机关事业单位基本养老保险缴费支出', 1, 1, 'row-sum');
  });
  test('code-split-sparse: T3 项 2080505 合计 and 基本支出 changed -> tree-sum at the cell', async () => {
    const g = await laidOut('julu2021', 'code-split-sparse');
    const s = g.sheets[2];
    const a = numericCellOfRow(g, 2, '机关事业单位基本养老保险缴费支出', 0);
    const b = numericCellOfRow(g, 2, '机关事业单位基本养老保险缴费支出', 1);
    for (const p of [a, b]) s.rows[p.r][p.c] = { ...s.rows[p.r][p.c]!, value: (s.rows[p.r][p.c]!.value as number) + 1 };
    const rep = validate(g);
    const at = ref(s, a.r, a.c);
    const hits = errorsOf(rep).filter((f) => f.rule === 'tree-sum' && hasCell(f, at));
    assert.ok(hits.length > 0, `expected tree-sum at ${at.address}\n${describeReport(rep, 40)}`);
  });
  test('code-in-name: T5 行政运行 基本支出 changed -> row-sum at the cell', async () => {
    await faultAt('code-in-name', 4, '机关事业单位基本养老保险缴费支出', 1, 0.5, 'row-sum');
  });
  test('yuan: T6 基本工资 人员经费 changed by 100 元 -> row-sum at the cell', async () => {
    await faultAt('yuan', 5, '基本工资', 1, 100, 'row-sum');
  });
  test('no-lanci-no-seq: T2 2080505 财政拨款收入 changed -> row-sum at the cell', async () => {
    await faultAt('no-lanci-no-seq', 1, '机关事业单位基本养老保险缴费支出', 2, 1, 'row-sum');
  });
  test('combined layout: T3 class 208 合计 changed -> an error at the cell', async () => {
    const g = await laidOut('julu2021', 'combined');
    const { r, c } = numericCellOfRow(g, 2, '社会保障和就业支出', 0);
    const s = g.sheets[2];
    s.rows[r][c] = { ...s.rows[r][c]!, value: (s.rows[r][c]!.value as number) + 10000 };
    const rep = validate(g);
    const at = ref(s, r, c);
    assert.ok(errorsOf(rep).some((f) => hasCell(f, at)), `expected an error at ${at.address}\n${errorsOf(rep).map(brief).join('\n')}`);
  });
});
