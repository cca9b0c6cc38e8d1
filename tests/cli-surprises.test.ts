// No silent surprises: validate --out never overwrites without --force; a folder run says what it
// skipped and why, and exits 2 when nothing in it could be read; generate warns about a line pasted
// twice and lists at most 50 problems.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { captureStd as capture, runCli } from './helpers/cli';
import { examplePath, tmpDir } from './helpers/workbooks';
import { runGenerate } from '../src/cli/generate';

const dir = tmpDir('surprises');

test('validate --out refuses to overwrite an existing file without --force', async () => {
  const out = path.join(dir, 'marked.xlsx');
  fs.writeFileSync(out, 'the clerk\'s own file');
  const r = await runCli(['validate', examplePath('julu2021'), '--out', out]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /标记副本已存在.*--force/);
  assert.equal(fs.readFileSync(out, 'utf8'), 'the clerk\'s own file');
  const f = await runCli(['validate', examplePath('julu2021'), '--out', out, '--force']);
  assert.equal(f.code, 0, f.stderr);
  assert.equal(fs.readFileSync(out).subarray(0, 2).toString(), 'PK');
});

test('folder: what was skipped is listed with the reason; existing marked copies need --force', async () => {
  const d = path.join(dir, 'mixed');
  fs.mkdirSync(path.join(d, '子文件夹'), { recursive: true });
  fs.copyFileSync(examplePath('julu2021'), path.join(d, '巨鹿.xlsx'));
  const cfb = Buffer.alloc(1024);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb);
  fs.writeFileSync(path.join(d, '旧表.xls'), cfb);
  for (const n of ['表.ods', '表.csv', 'WPS表.et', '说明.txt', '备注.bin', '~$巨鹿.xlsx', '巨鹿-校验.xlsx']) fs.writeFileSync(path.join(d, n), 'x');
  fs.writeFileSync(path.join(d, '.DS_Store'), 'x');
  const r = await runCli(['validate', d]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /巨鹿\.xlsx：识别到 9\/9 张表/);
  const reasons: [string, RegExp][] = [
    ['旧表.xls', /97-2003/],
    ['表.ods', /OpenDocument/],
    ['表.csv', /CSV/],
    ['WPS表.et', /WPS/],
    ['说明.txt', /没有同名的工作簿/],
    ['~$巨鹿.xlsx', /临时文件/],
    ['巨鹿-校验.xlsx', /标记副本/],
    ['子文件夹', /子文件夹/],
    ['备注.bin', /不是 Excel 工作簿或 PDF/],
  ];
  assert.match(r.stdout, /跳过 9 项/);
  for (const [name, why] of reasons) assert.match(r.stdout, new RegExp(`  ${name.replace(/[.$~]/g, '\\$&')}：.*${why.source}`), name);
  assert.doesNotMatch(r.stdout, /DS_Store/);
  // marked copies into a folder that already holds one
  const outDir = path.join(dir, 'out');
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, '巨鹿-校验.xlsx'), 'old');
  const again = await runCli(['validate', d, '--out', outDir]);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /已有 1 个标记副本.*--force/);
  assert.equal((await runCli(['validate', d, '--out', outDir, '--force'])).code, 0);
});

test('a folder whose every workbook is unreadable exits 2', async () => {
  const d = path.join(dir, 'broken');
  fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(d, 'a.xlsx'), 'not a workbook');
  fs.writeFileSync(path.join(d, 'b.xlsx'), '');
  const r = await runCli(['validate', d]);
  assert.equal(r.code, 2);
  assert.match(r.stdout, /2 个无法读取/);
});

test('generate: a line pasted twice is reported (and still counted); more than 50 problems are listed as 50 and a count', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(examplePath('julu2021', 'input'));
  const ws = wb.getWorksheet('预算录入') ?? wb.worksheets[0];
  let last = ws.rowCount;
  while (last > 0 && !ws.getRow(last).getCell(1).value) last--;
  const src = ws.getRow(last);
  const copy = ws.getRow(last + 1);
  src.eachCell({ includeEmpty: false }, (c, n) => (copy.getCell(n).value = c.value));
  const dup = path.join(dir, 'dup-input.xlsx');
  await wb.xlsx.writeFile(dup);
  const out = path.join(dir, 'dup-out.xlsx');
  fs.rmSync(out, { force: true });
  const g = await capture(() => runGenerate([dup, '-o', out]));
  assert.equal(g.code, 0, g.err);
  assert.match(g.err, new RegExp(`提示：第 ${last + 1} 行：与第 ${last} 行完全相同（可能重复粘贴）`));
  // 60 wrong lines
  for (let i = 0; i < 60; i++) ws.getRow(last + 2 + i).values = ['99', '错误科目', '', '', '基本支出', '一般公共预算', '', '', 1];
  const bad = path.join(dir, 'bad-input.xlsx');
  await wb.xlsx.writeFile(bad);
  const b = await capture(() => runGenerate([bad, '-o', path.join(dir, 'bad-out.xlsx')]));
  assert.equal(b.code, 1);
  const listed = b.err.split('\n').filter((l) => /^ {2}第 \d+ 行/.test(l)).length;
  assert.equal(listed, 50);
  assert.match(b.err, /……另有 \d+ 处问题未列出/);
});
