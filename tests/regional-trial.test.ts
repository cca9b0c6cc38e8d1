// Tried as a new user would: real Shanghai disclosures of other departments and years than shared/regional,
// rebuilt in their own published layout (tests/fixtures/regional-trial/SOURCE.md names each source, and
// bench/trial/ holds the transcriptions and the script that builds the workbooks). Each is read with the
// Shanghai profile, all nine tables found, every inconsistency its printed figures really hold reported at
// one of its cells, and nothing else; then with its explanatory text (<name>.text.txt: the 编制说明 and
// 其他相关情况说明 as printed), every text finding checked by hand against the text and the tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../src/core/model/findings';
import type { Sheet, Workbook } from '../src/core/model/grid';
import { cellText } from '../src/core/model/grid';
import { validateWorkbook } from '../src/core/validate/engine';
import { loadGridFile } from './fixtures/helpers';

const DIR = path.join(__dirname, 'fixtures', 'regional-trial');

const SHEETS = [
  '1 部门财务收支预算总表',
  '2 部门收入预算总表',
  '3 部门支出预算总表',
  '4 部门财政拨款收支预算总表',
  '5 部门一般公共预算支出功能分类预算表',
  '6 部门政府性基金预算支出功能分类预算表',
  '7 部门国有资本经营预算支出功能分类预算表',
  '8 部门一般公共预算基本支出部门预算经济分类预算表',
  '9 部门“三公”经费和机关运行经费预算表',
];
const TABLE_OF_SHEET = ['T1', 'T2', 'T3', 'T4', 'T5', 'T7', 'T8', 'T6', 'T9'];

/** What the print holds, checked against the source figures: each entry must be reported at its cell. */
interface Printed {
  rule: string;
  /** sheet number and cell of the wrong figure (or of the slip) */
  at: string[];
  why: string;
}

const TRIALS: Record<string, Printed[]> = {
  // the empty 政府性基金 / 国有资本经营 tables say “注：本年度无…预算支出，故本表无数据”
  'shanghai-putuo-2026-chengguan-dept': [],
  // the income table prints its two lower header rows twice; a 政府性基金 table with figures
  'shanghai-putuo-2026-jianguanwei-dept': [],
  'shanghai-putuo-2026-wenlvju-dept': [
    { rule: 'header-missing', at: ['7!A1'], why: '“编制部门：” printed with no name on the 国有资本经营 table' },
    { rule: 't6-split', at: ['8!F37'], why: '303 对个人和家庭的补助: 452,720 in 公用经费' },
    { rule: 't6-split', at: ['8!F38'], why: '30302 退休费: 305,200 in 公用经费' },
    { rule: 't6-split', at: ['8!F39'], why: '30399 其他对个人和家庭的补助: 147,520 in 公用经费' },
  ],
  // 212 01 城乡社区管理事务 is printed 94,995,790 where its 项 (and its 基本 + 项目) make 94,995,789,
  // in the income, expense and 一般公共预算 tables; so 212's 款 add up to 1 元 more than 212
  'shanghai-putuo-2025-wanli-jiedao-dept': [
    { rule: 'tree-sum', at: ['2!E55'], why: 'T2 212 01 合计 (its 项)' },
    { rule: 'tree-sum', at: ['2!F55'], why: 'T2 212 01 财政拨款收入 (its 项)' },
    { rule: 'tree-sum', at: ['3!E55'], why: 'T3 212 01 合计 (its 项)' },
    { rule: 'row-sum', at: ['3!E55'], why: 'T3 212 01 合计 ≠ 基本 + 项目' },
    { rule: 'tree-sum', at: ['5!E64'], why: 'T5 212 01 合计 (its 项)' },
    { rule: 'row-sum', at: ['5!E64'], why: 'T5 212 01 合计 ≠ 基本 + 项目' },
  ],
};

const cellsOf = (f: Finding) => f.cells.map((c) => `${c.sheet.split(' ')[0]}!${c.address}`);

for (const [name, printed] of Object.entries(TRIALS)) {
  test(`${name}: the nine tables, ${printed.length} printed slips reported, nothing else`, async () => {
    const report = validateWorkbook(await loadGridFile(path.join(DIR, `${name}.xlsx`)), { file: name });
    assert.equal(report.profile, 'shanghai');
    assert.deepEqual(
      report.tables.map((t) => [t.sheet, t.table]),
      SHEETS.map((s, i) => [s, TABLE_OF_SHEET[i]]),
    );
    for (const p of printed)
      assert.ok(
        report.findings.some((f) => f.rule === p.rule && p.at.some((a) => cellsOf(f).includes(a))),
        `not reported: ${p.rule} ${p.at.join(',')} (${p.why})`,
      );
    // every finding is at a figure the print gets wrong (a sum whose parts include it counts)
    const wrong = new Set(printed.flatMap((p) => p.at));
    const other = report.findings.filter((f) => !cellsOf(f).some((c) => wrong.has(c)));
    assert.deepEqual(other.map((f) => `${f.rule} ${cellsOf(f).join(',')} ${f.message}`), []);
  });
}

/** Text findings: rule, the finding's actual figure (or undefined), whether the message says rounding. */
const TEXTS: Record<string, [string, string | undefined, boolean][]> = {
  // the nine 项 as printed (each rounded from T5) add up to 4748.34, the total (rounded) is 4748.35
  'shanghai-putuo-2026-chengguan-dept': [['text-sum', '4748.34 万元', true]],
  'shanghai-putuo-2026-jianguanwei-dept': [
    // 3,286,618,082.20 元 is 328,661.81 万元: the text cuts it to 328,661, four times
    ['text-figure', '328661.00 万元', false],
    ['text-figure', '328661.00 万元', false],
    ['text-figure', '328661.00 万元', false],
    ['text-figure', '328661.00 万元', false],
    ['text-precision', '49376.00 万元', true], // 49,376.11 written 49,376: a warning
    ['text-sum', '328661.70 万元', false], // 49,376 + 279,285.70 + 0 ≠ 328,661
    ['text-sum', '113649.00 万元', false], // −5,965 + 119,614 + 0 = 113,649, not the 115,649 it states
  ],
  'shanghai-putuo-2026-wenlvju-dept': [
    ['text-change', undefined, false], // “与2025年预算增加持平”
    ['text-leftover', undefined, false], // “比2025年预算增加增加27.45万元”
    // 20799 is 其他文化旅游体育与传媒支出 in the 2026 tree (and in the table); the text keeps the old name
    ['text-subject', '文化旅游体育与传媒支出（类）其他文化体育与传媒支出（款）文化产业发展专项支出（项）', false],
    ['text-subject', '文化旅游体育与传媒支出（类）其他文化体育与传媒支出（款）其他文化旅游体育与传媒支出（项）', false],
  ],
  // the 33 项 as printed add up to 18976.74, the total is 18976.76
  'shanghai-putuo-2025-wanli-jiedao-dept': [
    ['text-sum', '18976.74 万元', true],
    // the 20.00 万元 of 2100717 计划生育服务 written one level up: “卫生健康支出（款）计划生育事务（项）”
    ['text-subject', '卫生健康支出（类）卫生健康支出（款）计划生育事务（项）', false],
  ],
};

test('a 科目 written with its levels shifted names the row of its figure and the path the tables give it (万里街道 2025)', async () => {
  const name = 'shanghai-putuo-2025-wanli-jiedao-dept';
  const text = fs.readFileSync(path.join(DIR, `${name}.text.txt`), 'utf8');
  const report = validateWorkbook(await loadGridFile(path.join(DIR, `${name}.xlsx`)), { file: name, text: { source: name, text } });
  const f = report.findings.find((x) => x.rule === 'text-subject');
  assert.ok(f);
  assert.equal(f.severity, 'warning');
  assert.equal(f.expected, '卫生健康支出（类）计划生育事务（款）计划生育服务（项）');
  assert.deepEqual(f.cells.map((c) => `${c.sheet}!${c.address}`), ['5 部门一般公共预算支出功能分类预算表!E56']);
  assert.match(f.message, /表中“卫生健康支出”（210）下没有名为“卫生健康支出”的款，“计划生育事务”是表中的款级科目（21007）/);
  assert.match(f.message, /2100717 计划生育服务/);
  assert.ok(f.quote && text.includes(f.quote), f.quote);
});

for (const [name, want] of Object.entries(TEXTS)) {
  test(`${name} with its text: ${want.length} text findings, as read by hand`, async () => {
    const text = fs.readFileSync(path.join(DIR, `${name}.text.txt`), 'utf8');
    const report = validateWorkbook(await loadGridFile(path.join(DIR, `${name}.xlsx`)), { file: name, text: { source: name, text } });
    const got = report.findings.filter((f) => f.rule.startsWith('text-'));
    const list = got.map((f) => `${f.rule} ${f.actual ?? ''} ${f.message.slice(0, 100)}`).join('\n');
    assert.equal(got.length, want.length, list);
    const left = [...got];
    for (const [rule, actual, rounding] of want) {
      const k = left.findIndex((f) => f.rule === rule && f.actual === actual);
      assert.ok(k >= 0, `${rule} ${actual}\n${list}`);
      assert.equal(/四舍五入/.test(left.splice(k, 1)[0].message), rounding);
    }
  });
}

// The same disclosures as clerks also have them: all nine tables on one sheet (a PDF converted to Excel), and the
// 科目 codes in one column (201 / 20105 / 2010506, as the 石泉路街道 2026 单位 print has them).
function oneSheet(wb: Workbook): Workbook {
  const one: Sheet = { ...wb.sheets[0], name: '预算公开表', rows: [], merges: [] };
  for (const s of wb.sheets) {
    const off = one.rows.length;
    for (const row of s.rows) one.rows.push(row ? [...row] : []);
    one.rows.push([], []);
    for (const m of s.merges) one.merges.push({ ...m, top: m.top + off, bottom: m.bottom + off });
  }
  return { ...wb, sheets: [one] };
}

function oneCodeColumn(wb: Workbook): Workbook {
  for (const s of wb.sheets) {
    const parts = /^[23567] /.test(s.name) ? 3 : /^8 /.test(s.name) ? 2 : 0;
    if (!parts) continue;
    for (const row of s.rows) {
      if (!row) continue;
      const ps = row.slice(0, parts).map((c) => cellText(c));
      if (/^\d{3}$/.test(ps[0]) || ps[0] === '类') row[0] = { value: ps.join('') };
      row.splice(1, parts - 1);
    }
    s.merges = s.merges
      .map((m) => ({ ...m, left: m.left >= parts ? m.left - parts + 1 : m.left, right: m.right >= parts ? m.right - parts + 1 : 0 }))
      .filter((m) => m.right > m.left || m.bottom > m.top);
  }
  return wb;
}

for (const name of Object.keys(TRIALS)) {
  test(`${name}: on one sheet, and with codes in one column, the same nine tables and findings`, async () => {
    const file = path.join(DIR, `${name}.xlsx`);
    const said = (wb: Workbook) => {
      const r = validateWorkbook(wb);
      return { tables: r.tables.map((t) => t.table), findings: r.findings.map((f) => `${f.rule} ${f.message}`).sort() };
    };
    const base = said(await loadGridFile(file));
    assert.equal(base.tables.length, 9);
    assert.deepEqual(said(oneSheet(await loadGridFile(file))), base);
    assert.deepEqual(said(oneCodeColumn(await loadGridFile(file))), base);
  });
}
