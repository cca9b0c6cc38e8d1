// The 18 real Shanghai and Jiangsu disclosures of shared/regional (known.json lists their tables and the
// inconsistencies really printed in them): each is read with its region's profile, every table found,
// every printed inconsistency reported at one of its cells, and nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Cell, Workbook } from '../src/core/model/grid';
import { parseAddress } from '../src/core/model/grid';
import type { Finding, Report } from '../src/core/model/findings';
import { validateWorkbook } from '../src/core/validate/engine';
import { formatReport } from '../src/cli/format';
import { SHARED, cloneGrid, loadGridFile } from './fixtures/helpers';

const DIR = path.join(SHARED, 'regional');

interface Known {
  region: string;
  year: number;
  kind: string;
  tables: { id: string; sheet: string; title: string }[];
  inconsistencies: { sheet: string; cell: string; description: string }[];
}
const KNOWN: Record<string, Known> = JSON.parse(fs.readFileSync(path.join(DIR, 'known.json'), 'utf8'));

/**
 * Findings beyond known.json that the printed figures bear out (checked against each .source.txt):
 * real inconsistencies its scripts did not look for, and printed order slips (warnings).
 */
const ALSO_PRINTED: Record<string, { rule: string; sheet: string; cell: string; why: string }[]> = {
  'shanghai-putuo-2024-shehui-fuliyuan-unit': [
    { rule: 'economic-code', sheet: '8 预算单位一般公共预算基本支出部门预算经济分类预算表', cell: 'B26', why: '“302 10 车辆运行费”: 30210 is no 款 of the national economic list' },
    { rule: 'economic-name', sheet: '8 预算单位一般公共预算基本支出部门预算经济分类预算表', cell: 'C10', why: '“301 08 机关事业单位基本养老保险费”: the 款 is 机关事业单位基本养老保险缴费' },
  ],
  'jiangsu-2017-jianchayuan': [
    { rule: 'tree-order', sheet: '6 财政拨款基本支出预算表', cell: 'A24', why: '30211 差旅费 printed after 30299' },
    { rule: 'tree-order', sheet: '9 一般公共预算基本支出预算表', cell: 'A24', why: '30211 差旅费 printed after 30299' },
  ],
  'jiangsu-2018-jianchayuan': [
    { rule: 'tree-order', sheet: '6 财政拨款基本支出预算表', cell: 'A29', why: '30211 差旅费 printed after 30299' },
    { rule: 'tree-order', sheet: '8 一般公共预算基本支出预算表', cell: 'A29', why: '30211 差旅费 printed after 30299' },
    { rule: 'tree-order', sheet: '11 一般公共预算机关运行经费支出预算表', cell: 'A19', why: '30211 差旅费 printed after 30299' },
  ],
};

const names = Object.keys(KNOWN);
const grids = new Map<string, Promise<Workbook>>();
const gridOf = (name: string) => {
  if (!grids.has(name)) grids.set(name, loadGridFile(path.join(DIR, name, `${name}.xlsx`)));
  return grids.get(name)!.then(cloneGrid);
};

const at = (f: Finding, sheet: string, cell: string) => f.cells.some((c) => c.sheet === sheet && c.address === cell);

test('18 regional disclosures are in shared/regional', () => {
  assert.equal(names.length, 18);
});

for (const name of names) {
  const k = KNOWN[name];
  test(`${name} (${k.region} ${k.year} ${k.kind}): all ${k.tables.length} tables, ${k.inconsistencies.length} printed inconsistencies, nothing else`, async () => {
    const report = validateWorkbook(await gridOf(name), { file: name });
    assert.equal(report.profile, k.region.startsWith('上海') ? 'shanghai' : 'jiangsu');
    // every table, on its sheet, named as printed
    assert.equal(report.tables.length, k.tables.length, report.tables.map((t) => t.sheet).join(' | '));
    for (const t of k.tables) {
      const found = report.tables.find((x) => x.sheet === t.sheet);
      assert.ok(found, `${t.id} “${t.title}” not recognised`);
      assert.ok(t.title.replace(/\s/g, '').includes(found.title.replace(/\s/g, '')), `${found.title} ≠ ${t.title}`);
    }
    // every printed inconsistency at one of its cells
    for (const inc of k.inconsistencies)
      assert.ok(
        report.findings.some((f) => at(f, inc.sheet, inc.cell)),
        `not reported: ${inc.sheet}!${inc.cell} ${inc.description}\n${report.findings.map((f) => f.message).join('\n')}`,
      );
    // and nothing else
    const also = ALSO_PRINTED[name] ?? [];
    const other = report.findings.filter(
      (f) => !k.inconsistencies.some((inc) => at(f, inc.sheet, inc.cell)) && !also.some((a) => a.rule === f.rule && at(f, a.sheet, a.cell)),
    );
    assert.deepEqual(other.map((f) => `${f.rule} ${f.message}`), []);
    for (const a of also) assert.ok(report.findings.some((f) => f.rule === a.rule && at(f, a.sheet, a.cell)), `${a.rule} ${a.sheet}!${a.cell} (${a.why})`);
  });
}

/** The first number in each recognised table's data rows, to change. */
function firstFigures(wb: Workbook, report: Report): { sheet: string; r: number; c: number; cell: Cell }[] {
  const out: { sheet: string; r: number; c: number; cell: Cell }[] = [];
  for (const t of report.tables) {
    const sheet = wb.sheets.find((s) => s.name === t.sheet)!;
    const top = parseAddress(t.range.split(':')[0]).r;
    let done = false;
    for (let r = top; r < sheet.rows.length && !done; r++)
      sheet.rows[r]?.forEach((cell, c) => {
        if (!done && cell && typeof cell.value === 'number' && cell.value > 100) {
          out.push({ sheet: t.sheet, r, c, cell });
          done = true;
        }
      });
  }
  return out;
}

test('every table of both templates is checked: a figure changed in any of them is reported at its cell', async () => {
  for (const name of ['shanghai-putuo-2025-zhengfu-bangongshi-unit', 'jiangsu-2018-gaoji-fayuan']) {
    const wb = await gridOf(name);
    const base = validateWorkbook(wb);
    const figures = firstFigures(wb, base);
    // every table with figures (Shanghai's T7 and T8 and this Jiangsu 政府性基金 table are empty)
    assert.equal(figures.length, base.tables.length - (name.startsWith('shanghai') ? 2 : 1));
    for (const x of figures) {
      const v = x.cell.value as number;
      x.cell.value = v + 10;
      const r = validateWorkbook(wb);
      x.cell.value = v;
      const addr = (f: Finding) => f.cells.some((c) => c.sheet === x.sheet && parseAddress(c.address).r === x.r && parseAddress(c.address).c === x.c);
      assert.ok(r.findings.some((f) => f.severity === 'error' && addr(f)), `${name} ${x.sheet} r${x.r + 1}c${x.c + 1}`);
    }
  }
});

test('元 tables: a 1-元 difference is an error whose message says it is probably rounding', async () => {
  const wb = await gridOf('shanghai-putuo-2025-caizhengju-dept');
  const t3 = wb.sheets.find((s) => s.name.startsWith('3 '))!;
  // 合计 row, 合计 column of the 支出预算总表
  const total = t3.rows.findIndex((row) => row?.[0]?.value === '合计');
  const cell = t3.rows[total]![4]!;
  cell.value = (cell.value as number) + 1;
  const r = validateWorkbook(wb);
  const f = r.findings.find((x) => x.rule === 'tree-sum' && x.cells[0].sheet === t3.name);
  assert.ok(f, r.findings.map((x) => x.message).join('\n'));
  assert.equal(f.severity, 'error');
  assert.match(f.message, /相差 1\.00 元，在舍入误差范围内，可能是四舍五入造成的尾差，仍须更正/);
  assert.match(f.message, /^2025年部门支出预算总表 合计行/); // the table as printed
});

test('the 三公 table in 万元 against the economic table in 元: compared as printed in 万元', async () => {
  const wb = await gridOf('shanghai-putuo-2024-wanli-jiedao-dept');
  const t9 = wb.sheets.find((s) => s.name.startsWith('9 '))!;
  // 公务接待费 1.35 万元 = 30217 13,500 元; print 1.34
  const cell = t9.rows[5]![2]!;
  assert.equal(cell.value, 1.35);
  cell.value = 1.34;
  const r = validateWorkbook(wb);
  const f = r.findings.find((x) => x.rule === 'cross-t9-t6');
  assert.ok(f, r.findings.map((x) => x.message).join('\n'));
  assert.match(f.message, /公务接待费 1\.34 万元 小于.*30217 公务接待费 13500\.00 元/);
});

test('--profile overrides recognition; the text report names the template', async () => {
  const wb = await gridOf('shanghai-putuo-2025-shangwu-weiyuanhui-dept');
  const auto = validateWorkbook(wb, { file: 'a.xlsx' });
  assert.equal(auto.profile, 'shanghai');
  const text = formatReport(auto);
  assert.match(text.split('\n')[1], /^识别到 9\/9 张表（模板：上海市）：/);
  assert.match(text, /2025年部门财务收支预算总表：/);
  const forced = validateWorkbook(wb, { profile: 'hebei' });
  assert.equal(forced.profile, 'hebei');
  assert.ok(forced.findings.some((f) => f.rule === 'table-missing'));
  const js = validateWorkbook(await gridOf('jiangsu-2017-renda-bangongting'), { file: 'b.xlsx' });
  assert.match(formatReport(js).split('\n')[1], /^识别到 12\/12 张表（模板：江苏省）：/);
});

test('a table the template does not know is named, not reported missing', async () => {
  const wb = await gridOf('shanghai-putuo-2025-caizhengju-dept');
  const sheet = wb.sheets[0];
  const extra = { ...sheet, name: '10 项目支出预算表', rows: [[{ value: '2025年部门项目支出预算表' } as Cell]], merges: [] };
  wb.sheets.push(extra);
  const r = validateWorkbook(wb);
  const f = r.findings.filter((x) => x.rule === 'table-unknown');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'info');
  assert.match(f[0].message, /“2025年部门项目支出预算表”不是上海市模板的表格，未校验/);
  assert.equal(r.summary.errors, 0);
});

test('a title several templates print (收支预算总表) goes to the template whose header fits', async () => {
  for (const name of ['jiangsu-2017-renda-bangongting', 'shanghai-putuo-2025-caizhengju-dept']) {
    const wb = await gridOf(name);
    wb.sheets = wb.sheets.slice(0, 1);
    const r = validateWorkbook(wb);
    assert.equal(r.profile, name.startsWith('jiangsu') ? 'jiangsu' : 'shanghai');
    assert.equal(r.tables.length, 1);
    // only the tables not given are reported
    assert.deepEqual([...new Set(r.findings.map((f) => f.rule))], ['table-missing']);
  }
});
