import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding, Report } from '../src/core/model/findings';
import { summarize } from '../src/core/model/findings';
import { folderLine, formatReport, reportJson } from '../src/cli/format';

const T3 = '3 部门预算支出总表';
const findings: Finding[] = [
  { rule: 'cross', severity: 'warning', table: 'T3', message: '20805 基本支出与表5不一致', cells: [{ sheet: T3, address: 'E7' }] },
  {
    rule: 'row-sum',
    severity: 'error',
    table: 'T3',
    message: '20805 行政事业单位养老支出：合计应为 15.30，实为 15.00',
    cells: ['D', 'E', 'F'].map((c) => ({ sheet: T3, address: `${c}7` })),
    expected: '15.30',
    actual: '15.00',
  },
  { rule: 'unit', severity: 'info', message: '金额单位：万元', cells: [] },
  { rule: 'missing-table', severity: 'error', message: '缺少表7', cells: [] },
];
const report: Report = {
  file: 'a.xlsx',
  tables: [{ table: 'T3', title: '部门预算支出总表', sheet: T3, range: 'A1:I25' }],
  findings,
  summary: summarize(findings),
};

test('text summary: tables found and missing, groups by table, Chinese severities, cell addresses, total line', () => {
  const text = formatReport(report);
  const lines = text.trimEnd().split('\n');
  assert.equal(lines[0], '文件：a.xlsx');
  assert.equal(lines[1], '识别到 1/9 张表：');
  assert.equal(lines[2], `  3 部门预算支出总表：'${T3}'!A1:I25`);
  assert.match(lines[3], /^未找到：1 部门预算收支总表、2 部门预算收入总表、4 /);
  assert.ok(!lines[3].includes('3 部门预算支出总表'));
  const wb = text.indexOf('【整个工作簿】1 个错误，1 个提示');
  const t3 = text.indexOf('【3 部门预算支出总表】1 个错误，1 个警告');
  assert.ok(wb > 0 && t3 > wb, text);
  // errors before warnings within a table
  assert.ok(text.indexOf('错误：20805 行政事业单位养老支出') < text.indexOf('警告：20805 基本支出'), text);
  assert.ok(text.includes(`单元格：'${T3}'!D7、E7、F7`), text);
  assert.ok(text.includes('提示：金额单位：万元'));
  assert.equal(lines[lines.length - 1], '共 2 个错误，1 个警告，1 个提示');
});

test('text summary without findings', () => {
  const text = formatReport({ file: 'b.xlsx', tables: [], findings: [], summary: summarize([]) });
  assert.match(text, /识别到 0\/9 张表。/);
  assert.match(text, /未发现问题。/);
  assert.match(text.trimEnd().split('\n').pop()!, /^共 0 个错误，0 个警告$/);
});

test('folder lines and JSON keys', () => {
  assert.equal(folderLine('a.xlsx', { report }), 'a.xlsx：识别到 1/9 张表，2 个错误，1 个警告');
  assert.equal(folderLine('b.xlsx', { error: '文件是空的' }), 'b.xlsx：无法读取 — 文件是空的');
  const j = JSON.parse(JSON.stringify(reportJson(report))) as { findings: Record<string, unknown>[] };
  assert.deepEqual(j.findings[2], { rule: 'unit', severity: 'info', table: null, message: '金额单位：万元', cells: [], expected: null, actual: null });
});
