// Causes (diagnosis): for every single fault the fixtures inject, the first cause names exactly the changed
// cells and proposes their original figures (or says the data cannot decide, listing the alternative); two
// faults in different tables are the first two causes; a clean workbook has none; the README sample's three
// clerk errors are three causes.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { CellRef, Workbook } from '../src/core/model/grid';
import type { Cause, Report } from '../src/core/model/findings';
import { fmt, fromNumber } from '../src/core/model/money';
import { EXAMPLES, ROOT, SHARED, at, getCell, loadExampleGrid, loadGridFile, sameCell, setCell, sheetOf, validate } from './fixtures/helpers';
import { FAULTS, type Fault } from './fixtures/faults';
import type { TableId } from '../src/core/model/findings';

/** The figure a cell holds before the fault, as a cause proposes it. */
function original(g: Workbook, spec: string): string {
  const [t, a] = spec.split('!');
  const v = getCell(sheetOf(g, t as TableId), a)?.value;
  // a blank amount cell's figure is 0.00
  return typeof v === 'number' ? fmt(fromNumber(v)) : v === undefined || v === null ? '0.00' : String(v);
}

const show = (c: Cause | undefined) => (c ? `${c.message} [${c.cells.map((x) => `${x.sheet}!${x.address}=${x.value}→${x.proposed ?? '∅'}`).join(', ')}]${c.ambiguous ? ' (ambiguous)' : ''}` : '(no cause)');
const showAll = (rep: Report) => (rep.causes ?? []).map((c, i) => `  ${i + 1}. ${show(c)}`).join('\n');

function sameCells(got: CellRef[], want: CellRef[]): boolean {
  return got.length === want.length && want.every((w) => got.some((x) => sameCell(x, w)));
}

/** Every finding is explained at most once, and the indexes are findings. */
function assertExplains(rep: Report): void {
  const seen = new Set<number>();
  for (const c of rep.causes ?? [])
    for (const i of c.explains) {
      assert.ok(i >= 0 && i < rep.findings.length, `explains ${i} out of range`);
      assert.ok(!seen.has(i), `finding ${i} explained twice\n${showAll(rep)}`);
      seen.add(i);
    }
}

async function run(f: Fault): Promise<{ rep: Report; g0: Workbook }> {
  const g = await loadExampleGrid(f.example);
  const g0 = await loadExampleGrid(f.example);
  const opts = f.opts ? f.opts(g) : {};
  f.apply(g);
  return { rep: validate(g, opts), g0 };
}

describe('the first cause of each injected fault', () => {
  for (const f of FAULTS) {
    if (!f.cause) continue;
    const want = f.cause;
    test(`${f.id}: ${f.describe}`, async () => {
      const { rep, g0 } = await run(f);
      assertExplains(rep);
      if (want === 'none') {
        assert.deepEqual(rep.causes, [], showAll(rep));
        return;
      }
      const first = rep.causes?.[0];
      assert.ok(first, `no cause\n${showAll(rep)}`);
      // every finding is explained by some cause
      const explained = new Set(rep.causes!.flatMap((c) => c.explains));
      assert.deepEqual(
        rep.findings.map((_, i) => i).filter((i) => !explained.has(i)),
        [],
        `unexplained findings\n${rep.findings.map((x, i) => `${i} ${x.rule} ${x.message}`).join('\n')}\n${showAll(rep)}`,
      );
      if (want.cells) {
        const cells = want.cells.map((s) => at(g0, s));
        assert.ok(sameCells(first.cells, cells), `first cause names ${first.cells.map((c) => c.address).join(',')}, want ${want.cells.join(',')}\n${showAll(rep)}`);
        want.cells.forEach((spec, j) => {
          const c = first.cells.find((x) => sameCell(x, cells[j]))!;
          const proposed = want.proposed === null ? undefined : want.proposed ? (want.proposed[j] ?? undefined) : original(g0, spec);
          assert.equal(c.proposed, proposed, `${spec} proposes ${c.proposed}, want ${proposed}\n${show(first)}`);
        });
      }
      assert.equal(first.ambiguous, want.ambiguous ?? false, show(first));
      if (want.alternative) {
        const alt = want.alternative.map((s) => at(g0, s));
        assert.ok(first.alternatives.some((a) => sameCells(a.cells, alt)), `alternative ${want.alternative.join(',')} not listed\n${show(first)}`);
        assert.match(first.message, /^无法区分：/);
      } else assert.deepEqual(first.alternatives, [], show(first));
      if (want.message) assert.match(first.message, want.message);
      assert.match(first.message, new RegExp(`可解释 ${first.explains.length} 个问题。$`));
    });
  }
});

const byId = (id: string) => FAULTS.find((f) => f.id === id)!;

describe('two faults in different tables are the first two causes', () => {
  const pairs: [string, string][] = [
    ['leaf-cent-T3', 'year-changed'],
    ['digits-transposed', 'leaf-cent-T6'],
    ['T2-changed-twin-not', 'name-consistency'],
    ['row-deleted', 'T9-funds-off'],
    ['malformed-code', 'T4-fund-column-off'],
    ['subtotal-shifted', 'income-total-off'],
  ];
  for (const [a, b] of pairs) {
    const fa = byId(a);
    const fb = byId(b);
    if (fa.example !== fb.example) continue;
    test(`${a} + ${b}`, async () => {
      const g = await loadExampleGrid(fa.example);
      const g0 = await loadExampleGrid(fa.example);
      fa.apply(g);
      fb.apply(g);
      const rep = validate(g);
      assertExplains(rep);
      const firstTwo = rep.causes!.slice(0, 2);
      for (const f of [fa, fb]) {
        const want = (f.cause as { cells: string[] }).cells.map((s) => at(g0, s));
        assert.ok(firstTwo.some((c) => sameCells(c.cells, want)), `${f.id} not among the first two causes\n${showAll(rep)}`);
      }
    });
  }
});

test('a clean workbook has no causes', async () => {
  for (const name of EXAMPLES) {
    const rep = validate(await loadExampleGrid(name));
    assert.deepEqual(rep.findings, []);
    assert.deepEqual(rep.causes, [], `${name}\n${showAll(rep)}`);
  }
});

test('the README sample: its three clerk errors are three causes', async () => {
  const rep = validate(await loadGridFile(path.join(ROOT, 'samples', 'sample-disclosure.xlsx')));
  assertExplains(rep);
  const causes = rep.causes!;
  assert.equal(causes.length, 3, showAll(rep));
  const T2 = '2 部门预算收入总表';
  const T3 = '3 部门预算支出总表';
  const T6 = '6 部门预算一般公共预算财政拨款基本支出表';
  assert.deepEqual(causes[0].cells, [
    { sheet: T3, address: 'D20', value: '142.98', proposed: '142.97' },
    { sheet: T3, address: 'E20', value: '117.98', proposed: '117.97' },
  ]);
  assert.equal(causes[0].message, '表3 部门预算支出总表 2101501 行政运行 合计（D20）为 142.98，应为 142.97；基本支出（E20）为 117.98，应为 117.97；可解释 3 个问题。');
  const rest = causes.slice(1).map((c) => c.cells);
  assert.ok(rest.some((c) => c.length === 1 && c[0].sheet === T6 && c[0].address === 'D18' && c[0].value === '0.50' && c[0].proposed === '0.50'), showAll(rep));
  assert.ok(rest.some((c) => c.length === 1 && c[0].sheet === T2 && c[0].address === 'C2' && c[0].value === '2020' && c[0].proposed === '2021'), showAll(rep));
  assert.equal(causes.flatMap((c) => c.explains).length, rep.findings.length);
});

describe('a sum with nothing else to compare it with (Jiangsu: a table without a twin)', () => {
  const file = path.join(SHARED, 'regional', 'jiangsu-2017-gaoji-fayuan', 'jiangsu-2017-gaoji-fayuan.xlsx');
  const T10 = '10 部门一般公共预算机关运行经费支出预算表';
  const edit = async (address: string, value: number) => {
    const g = await loadGridFile(file);
    const s = g.sheets.find((x) => x.name === T10)!;
    const before = getCell(s, address)!.value;
    setCell(s, address, { ...getCell(s, address)!, value });
    return { rep: validate(g), before };
  };
  test('two digits swapped in one of its parts: that part, exactly', async () => {
    const { rep, before } = await edit('C12', 407);
    assert.equal(before, 470);
    const first = rep.causes![0];
    assert.deepEqual(first.cells, [{ sheet: T10, address: 'C12', value: '407.00', proposed: '470.00' }], showAll(rep));
    assert.equal(first.ambiguous, false);
  });
  test('a cent off in one of its parts: the data cannot decide, the part is among the alternatives', async () => {
    const { rep } = await edit('C8', 43.59);
    const first = rep.causes![0];
    assert.equal(first.ambiguous, true, showAll(rep));
    assert.match(first.message, /^无法区分：.*，或另外 \d+ 处之一（见各备选）；可解释 1 个问题。$/);
    const all = [first, ...first.alternatives];
    assert.ok(all.some((c) => c.cells.length === 1 && c.cells[0].sheet === T10 && c.cells[0].address === 'C8' && c.cells[0].proposed === '43.60'), show(first));
  });
});

describe('a fault next to an inconsistency the disclosure itself prints (普陀 万里街道 2025, found outside ../shared)', () => {
  // 212 01 城乡社区管理事务 is printed 1 元 more than its 项 in 表2, 表3 and 表5 (tests/fixtures/regional-trial/SOURCE.md)
  const file = path.join(ROOT, 'tests', 'fixtures', 'regional-trial', 'shanghai-putuo-2025-wanli-jiedao-dept.xlsx');
  const T5 = '5 部门一般公共预算支出功能分类预算表';
  const printed = (rep: Report) => rep.causes!.find((c) => c.cells.some((x) => x.address === 'E55' && x.proposed === '94995789.00'));
  test('the printed slip is one cause, naming each table of the cells it also changes', async () => {
    const rep = validate(await loadGridFile(file));
    assert.equal(rep.causes!.length, 1, showAll(rep));
    assert.match(rep.causes![0].message, /同一改动还涉及F55、表3 2025年部门支出预算总表 E55、表5 2025年部门一般公共预算支出功能分类预算表 E64（各应减 1\.00）/);
  });
  for (const [address, value, was] of [
    ['E66', 17464242.99, '17464243.00'],
    ['E65', 12887739, '17887739.00'],
    ['E67', 6526281, '6522681.00'],
  ] as const)
    test(`a 项 of the same 款 changed too (${T5}!${address} ${was} → ${value}): two causes, not one of both`, async () => {
      const g = await loadGridFile(file);
      const s = g.sheets.find((x) => x.name === T5)!;
      setCell(s, address, { ...getCell(s, address)!, value });
      const rep = validate(g);
      assertExplains(rep);
      const slip = printed(rep);
      assert.ok(slip, showAll(rep));
      assert.ok(!slip.cells.some((x) => x.sheet === T5 && x.address === address), showAll(rep));
      const fault = rep.causes!.filter((c) => c !== slip);
      assert.deepEqual(fault[0]?.cells, [{ sheet: T5, address, value: fmt(fromNumber(value)), proposed: was }], showAll(rep));
      assert.equal(fault[0].ambiguous, false);
    });
});
