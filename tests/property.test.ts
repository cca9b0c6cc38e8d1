// Properties (fast-check, fixed seed, bounded runs): random consistent budgets -> generator -> Grid
// validate with 0 errors; any single changed amount, 科目 code or 科目 name is found by an error
// finding that names the changed cell.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { aggregate } from '../src/core/generate/aggregate';
import { validateWorkbook } from '../src/core/validate/engine';
import type { Finding } from '../src/core/model/findings';
import { address } from '../src/core/model/grid';
import type { Workbook } from '../src/core/model/grid';
import type { BudgetLine, SpendingType } from '../src/core/generate/input';
import { FISCAL_SOURCES, FUND_SOURCES } from '../src/core/generate/input';
import { KUAN_NAMES } from '../src/core/generate/kuan-names';
import { cents, centsOfNumber, fromCents, fromNumber } from '../src/core/model/money';
import { AMOUNT_FORMAT, gridFromLayout, layoutDisclosure } from '../src/core/generate/layout';
import type { CellSpec, SheetSpec } from '../src/core/generate/layout-types';
import { writeSpecsToFile } from '../src/io/xlsx-write';
import { readWorkbookFile } from '../src/io/xlsx-read';
import { tmpDir } from './helpers/workbooks';

const SEED = 20240501;
const KUAN = Object.keys(KUAN_NAMES).sort();
const ECON: [string, string][] = [
  ['30101', '基本工资'],
  ['30102', '津贴补贴'],
  ['30201', '办公费'],
  ['30212', '因公出国（境）费用'],
  ['30217', '公务接待费'],
  ['30231', '公务用车运行维护费'],
  ['30302', '退休费'],
  ['31013', '公务用车购置'],
  ['39999', '其他支出'],
];
const KINDS: SpendingType[] = ['基本支出', '项目支出', '经营支出', '上缴上级支出', '对附属单位补助支出'];

const lineArb = fc.record({
  kuan: fc.nat(KUAN.length - 1),
  xiang: fc.integer({ min: 1, max: 4 }),
  source: fc.nat(FUND_SOURCES.length - 1),
  kind: fc.nat(KINDS.length - 1),
  econ: fc.nat(ECON.length - 1),
  carry: fc.boolean(),
  // up to 99,999,999.99 万元, in cents
  cents: fc.integer({ min: 1, max: 9_999_999_999 }),
});

/** Random consistent budget lines (a few 款 so trees share parents). */
const linesArb = fc
  .tuple(fc.uniqueArray(fc.nat(KUAN.length - 1), { minLength: 1, maxLength: 6 }), fc.array(lineArb, { minLength: 1, maxLength: 40 }))
  .map(([kuans, raw]): BudgetLine[] =>
    raw.map((x, i) => {
      const k = KUAN[kuans[x.kuan % kuans.length]];
      const source = FUND_SOURCES[x.source];
      const fiscal = FISCAL_SOURCES.includes(source);
      const kind = fiscal ? KINDS[x.kind % 2] : KINDS[x.kind];
      const [econCode, econName] = ECON[x.econ];
      const funcCode = k + String(x.xiang).padStart(2, '0');
      return {
        row: i + 2,
        funcCode,
        funcName: `${KUAN_NAMES[k]}事项${x.xiang}`,
        econCode,
        econName,
        kind,
        source,
        carry: x.carry,
        project: kind === '项目支出' ? `项目${i % 3}` : '',
        amount: new Decimal(x.cents).div(100),
      };
    }),
  );

const yearArb = fc.constantFrom(2021, 2022, 2024, 2026);

function specsOf(lines: BudgetLine[], year: number): SheetSpec[] {
  const d = aggregate(lines, { unitCode: '450001', unitName: '测试县财政局本级', year, currency: '万元' }, (c) => KUAN_NAMES[c]);
  return layoutDisclosure(d);
}

const errorsOf = (wb: Workbook) => validateWorkbook(wb).findings.filter((f) => f.severity === 'error');
const show = (fs: Finding[]) => fs.map((f) => `${f.rule}: ${f.message} [${f.cells.map((c) => c.sheet + '!' + c.address).join(',')}]`).join('\n');

/** The table sheets' cells of one kind (the narrative sheet is not a table). */
function cellsOf(specs: SheetSpec[], kind: 'amount' | 'code' | 'name', tables = [0, 1, 2, 3, 4, 5, 6, 7, 8]): { sheet: number; cell: CellSpec }[] {
  const out: { sheet: number; cell: CellSpec }[] = [];
  specs.forEach((s, sheet) => {
    if (!tables.includes(sheet)) return;
    const codeRows = new Set(s.cells.filter((c) => c.c === 1 && typeof c.value === 'string' && /^\d{3,7}$/.test(c.value)).map((c) => c.r));
    for (const c of s.cells) {
      if (kind === 'amount' && c.numFmt === AMOUNT_FORMAT && typeof c.value === 'number') out.push({ sheet, cell: c });
      if (kind === 'code' && c.c === 1 && codeRows.has(c.r)) out.push({ sheet, cell: c });
      if (kind === 'name' && c.c === 2 && codeRows.has(c.r)) out.push({ sheet, cell: c });
    }
  });
  return out;
}

/**
 * Validates the grid after one cell change; asserts an error finding names that cell (`row`: or
 * another cell of the same row, e.g. the amounts of a 科目 whose code was changed).
 */
function assertFound(specs: SheetSpec[], sheet: number, cell: CellSpec, value: string | number, what: string, row = false): void {
  const wb = gridFromLayout(specs);
  const target = wb.sheets[sheet].rows[cell.r][cell.c]!;
  target.value = value;
  const errors = errorsOf(wb);
  const name = specs[sheet].name;
  const addr = address(cell.r, cell.c);
  const rowNo = String(cell.r + 1);
  const hit = errors.some((f) =>
    f.cells.some((c) => c.sheet === name && (c.address === addr || (row && c.address.replace(/^[A-Z]+/, '') === rowNo))),
  );
  assert.ok(hit, `${what}: ${name}!${addr} ${JSON.stringify(cell.value)} -> ${JSON.stringify(value)} not named by any error.\nerrors:\n${show(errors)}`);
}

test('random consistent budgets validate with 0 errors', () => {
  fc.assert(
    fc.property(linesArb, yearArb, (lines, year) => {
      const errors = errorsOf(gridFromLayout(specsOf(lines, year)));
      assert.equal(errors.length, 0, show(errors));
    }),
    { seed: SEED, numRuns: 60 },
  );
});

// The 情况说明（草稿） drafted from the same numbers: every figure it writes is read and confirmed, no finding
// of any severity, no item named with a zero amount. A 公用经费 line booked under 39999 其他支出 in 229 其他支出 is always added: the draft then
// names 其他支出 as an item of 机关运行经费, which is T6's 款, not the functional 类 of that name.
test('random consistent budgets: the generated draft text is checked with no finding, every figure confirmed', () => {
  const other: BudgetLine = { row: 999, funcCode: '2299901', funcName: '其他支出', econCode: '39999', econName: '其他支出', kind: '基本支出', source: '一般公共预算', carry: false, project: '', amount: new Decimal('12.34') };
  fc.assert(
    fc.property(linesArb, yearArb, (lines, year) => {
      const grid = gridFromLayout(specsOf([...lines, other], year));
      const rep = validateWorkbook(grid);
      assert.equal(rep.text?.source, '工作表“情况说明（草稿）”');
      // no item named with a zero amount (无… statements say there is none)
      const draft = grid.sheets.find((x) => x.name === '情况说明（草稿）')!.rows.map((r) => String(r?.[0]?.value ?? '')).join('\n');
      assert.doesNotMatch(draft, /[^\d.,]0\.00万元/, draft);
      assert.deepEqual(rep.findings.map((f) => `${f.rule}: ${f.message}`), []);
      assert.equal(rep.text!.checked, rep.text!.claims, JSON.stringify(rep.text));
    }),
    { seed: SEED, numRuns: 60 },
  );
});

test('consistent budgets survive an .xlsx round trip with 0 errors', async () => {
  const dir = tmpDir('property');
  let i = 0;
  await fc.assert(
    fc.asyncProperty(linesArb, yearArb, async (lines, year) => {
      const file = path.join(dir, `p${i++}.xlsx`);
      await writeSpecsToFile(specsOf(lines, year), file);
      const errors = errorsOf(await readWorkbookFile(file));
      assert.equal(errors.length, 0, show(errors));
    }),
    { seed: SEED, numRuns: 6 },
  );
});

/** One amount cell of the specs (the pick-th, cyclically) and its figure moved by delta, up or down (never below zero). */
function changeAmount(specs: ReturnType<typeof specsOf>, pick: number, delta: Decimal, up: boolean) {
  const cells = cellsOf(specs, 'amount');
  const { sheet, cell } = cells[pick % cells.length];
  const old = new Decimal(cell.value as number);
  const changed = !up && old.gte(delta) ? old.minus(delta) : old.plus(delta);
  return { sheet, cell, old, changed };
}

test('any single changed amount is found', () => {
  fc.assert(
    fc.property(linesArb, yearArb, fc.nat(), fc.integer({ min: 1, max: 100_000 }), fc.boolean(), (lines, year, pick, cents, up) => {
      const specs = specsOf(lines, year);
      // at least 1.00 away so it is never within rounding tolerance
      const { sheet, cell, changed } = changeAmount(specs, pick, new Decimal(cents).div(100).plus(1), up);
      assertFound(specs, sheet, cell, changed.toNumber(), 'changed amount');
    }),
    { seed: SEED, numRuns: 150 },
  );
});

const FUNCTIONAL = [1, 2, 4, 6, 7]; // T2 T3 T5 T7 T8 (sheet indexes)
const ECONOMIC = [5]; // T6

function codeProperty(tables: number[], row: boolean) {
  return fc.property(linesArb, yearArb, fc.nat(), fc.integer({ min: 1, max: 9 }), (lines, year, pick, step) => {
    const specs = specsOf(lines, year);
    const cells = cellsOf(specs, 'code', tables);
    fc.pre(cells.length > 0); // e.g. no 一般公共预算 basic spending: T6 is empty
    const { sheet, cell } = cells[pick % cells.length];
    const old = String(cell.value);
    // another last digit: the code may then clash with a neighbour, be orphaned, or be unknown
    const changed = old.slice(0, -1) + String((Number(old.slice(-1)) + step) % 10);
    assertFound(specs, sheet, cell, changed, 'changed code', row);
  });
}

function nameProperty(tables: number[], row: boolean) {
  return fc.property(linesArb, yearArb, fc.nat(), fc.constantFrom('（调整）', '其他', 'X'), (lines, year, pick, suffix) => {
    const specs = specsOf(lines, year);
    const cells = cellsOf(specs, 'name', tables);
    fc.pre(cells.length > 0);
    const { sheet, cell } = cells[pick % cells.length];
    assertFound(specs, sheet, cell, String(cell.value) + suffix, 'changed name', row);
  });
}

test('any single changed functional 科目 code is found (an error names the cell or its row)', () => {
  fc.assert(codeProperty(FUNCTIONAL, true), { seed: SEED, numRuns: 120 });
});

test('any single changed functional 科目 name is found (an error names the cell)', () => {
  fc.assert(nameProperty(FUNCTIONAL, false), { seed: SEED, numRuns: 120 });
});

test('strict: a changed 项 code is named itself (not only its row amounts)', () => {
  fc.assert(codeProperty(FUNCTIONAL, false), { seed: SEED, numRuns: 120 });
});

test('T6: a changed economic 科目 code is found (national 款 list, economic-kuan.ts)', () => {
  fc.assert(codeProperty(ECONOMIC, true), { seed: SEED, numRuns: 60 });
});

test('T6: a changed economic 科目 name is found', () => {
  fc.assert(nameProperty(ECONOMIC, false), { seed: SEED, numRuns: 60 });
});

test('integer cents of a cell number are exactly those of its decimal (the engine sums cents)', () => {
  const same = (a: number, b: number) => (Number.isNaN(a) ? Number.isNaN(b) : a === b);
  // amounts as typed: whole cents, any size a budget can have
  fc.assert(
    fc.property(fc.integer({ min: -(10 ** 13), max: 10 ** 13 }), (c) => {
      const n = c / 100;
      assert.equal(centsOfNumber(n), c);
      assert.ok(fromCents(c).eq(fromNumber(n)));
    }),
    { seed: SEED, numRuns: 2000 },
  );
  // any double, SUM noise (307.96999999999997), more decimals, huge and tiny: the fast path agrees with decimal.js
  fc.assert(
    fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
      assert.ok(same(centsOfNumber(n), n === 0 ? 0 : cents(fromNumber(n))), String(n));
    }),
    { seed: SEED, numRuns: 5000 },
  );
  assert.equal(centsOfNumber(307.96999999999997), 30797);
  assert.ok(Number.isNaN(centsOfNumber(0.125)));
});

test('causes: a single changed amount is the first cause, with its original figure (or the data cannot decide and it is an alternative)', () => {
  const stats = { first: 0, ambiguous: 0 };
  fc.assert(
    fc.property(linesArb, yearArb, fc.nat(), fc.integer({ min: 1, max: 100_000 }), fc.boolean(), (lines, year, pick, cents, up) => {
      const specs = specsOf(lines, year);
      const { sheet, cell, old, changed } = changeAmount(specs, pick, new Decimal(cents).div(100), up);
      const wb = gridFromLayout(specs);
      wb.sheets[sheet].rows[cell.r][cell.c]!.value = changed.toNumber();
      const rep = validateWorkbook(wb);
      const name = specs[sheet].name;
      const addr = address(cell.r, cell.c);
      const names = (cs: { sheet: string; address: string; proposed?: string }[]) =>
        cs.length === 1 && cs[0].sheet === name && cs[0].address === addr && cs[0].proposed === old.toFixed(2);
      const first = rep.causes![0];
      const show = () => `${name}!${addr} ${old.toFixed(2)} -> ${changed.toFixed(2)}\n${rep.causes!.map((c) => c.message).join('\n')}`;
      assert.ok(first, `no cause\n${show()}`);
      if (first.ambiguous) {
        stats.ambiguous++;
        assert.ok(names(first.cells) || first.alternatives.some((a) => names(a.cells)), `not among the alternatives\n${show()}`);
      } else {
        stats.first++;
        assert.ok(names(first.cells), `first cause is not the changed cell\n${show()}`);
      }
    }),
    { seed: SEED, numRuns: 150 },
  );
  // most changes are decided by the data
  assert.ok(stats.first > stats.ambiguous, JSON.stringify(stats));
});
