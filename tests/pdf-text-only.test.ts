// A PDF holding only the explanatory text (Jiangsu publishes its 部门预算 text and its tables as two PDFs):
// validated alone it is checked as a text on its own, in the region's words, with no “table missing” errors
// and a hint to give it with --text beside the tables; page numbers printed between the halves of a sentence
// broken over a page are no part of the sentence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli } from './helpers/cli';
import { SHARED } from './fixtures/helpers';
import { profileOfText } from '../src/core/profiles';

const PDF = path.join(SHARED, 'regional', 'pdf');

test('a text-only Jiangsu PDF alone: the text checked on its own, Jiangsu words, no missing tables, a hint for --text', async () => {
  const r = await runCli(['validate', path.join(PDF, 'jiangsu-2017-shengwei-bangongting.pdf')]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /此文件中没有表格，只有情况说明（按江苏省模板的用语读）/);
  assert.match(r.stdout, /validate <表格\.pdf> --text <本文件>/);
  assert.doesNotMatch(r.stdout, /未找到|识别到 0/);
  // the one inconsistency the text prints (101.48 / 6005.51 = 1.69 %), as with its tables (text-regional.test.ts)
  assert.match(r.stdout, /按增减额 101\.48 万元与上年 6005\.51 万元计算，应为增长 1\.69%，文中写增长 1\.66%/);
  assert.match(r.stdout, /共 1 个错误，0 个警告/);
  // “增加65.88万—8—元”: the footer of page 8 no longer cuts the figure from its unit
  assert.doesNotMatch(r.stdout, /—\s*\d+/);
});

test('--json of a text-only PDF: no tables, text.alone, the profile the text names', async () => {
  const r = await runCli(['validate', path.join(PDF, 'jiangsu-2018-zhengxie-bangongting.pdf'), '--json']);
  const rep = JSON.parse(r.stdout);
  assert.equal(rep.profile, 'jiangsu');
  assert.deepEqual(rep.tables, []);
  assert.equal(rep.text.alone, true);
  assert.deepEqual(rep.causes, []);
  assert.deepEqual(
    rep.findings.map((f: { rule: string; actual: string }) => `${f.rule} ${f.actual}`),
    ['text-change -66.69%'], // 2233.13 / 3348.98 = 66.68 %
  );
});

test('with its tables (--text) the same text is checked against them, not alone', async () => {
  const r = await runCli(['validate', path.join(PDF, 'jiangsu-2017-shengwei-bangongting-2.pdf'), '--text', path.join(PDF, 'jiangsu-2017-shengwei-bangongting.pdf'), '--json']);
  const rep = JSON.parse(r.stdout);
  assert.equal(rep.tables.length, 12);
  assert.equal(rep.text.alone, undefined);
  assert.deepEqual(rep.findings.map((f: { rule: string }) => f.rule), ['text-change']);
});

test('a folder line says a file has only text', async () => {
  const { folderLine } = await import('../src/cli/format');
  const line = folderLine('x.pdf', { report: { tables: [], findings: [], causes: [], text: { source: 'x.pdf', claims: 3, checked: 3, alone: true }, summary: { errors: 0, warnings: 0, infos: 0 }, profile: 'jiangsu' } });
  assert.match(line, /^x\.pdf：只有情况说明、没有表格/);
});

test('the region a text names most decides its template', () => {
  assert.equal(profileOfText('中共江苏省委办公厅2017年部门预算……江苏省').id, 'jiangsu');
  assert.equal(profileOfText('上海市普陀区万里街道办事处2025年部门预算').id, 'shanghai');
  assert.equal(profileOfText('某某局2026年部门预算').id, 'hebei');
});
