import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { hasStackTrace, runCli } from './helpers/cli';
import { copyExample, examplePath, tmpDir, writeBigSheet, writeWorkbook } from './helpers/workbooks';

const dir = tmpDir('cli-validate');
const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
const chinese = /[\u4e00-\u9fff]/;

/** exit 2, one Chinese line on stderr, nothing on stdout, no stack */
function assertBadInput(r: { code: number; stdout: string; stderr: string }, re: RegExp): void {
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /^错误：/);
  assert.match(r.stderr, re);
  assert.ok(!hasStackTrace(r.stderr), r.stderr);
}

test('help and usage', async () => {
  const help = await runCli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /用法/);
  assert.match(help.stdout, /validate <文件\.xlsx\|文件\.pdf\|文件夹>/);
  const none = await runCli([]);
  assert.equal(none.code, 2);
  assert.match(none.stdout, /用法/);
  const vh = await runCli(['validate', '--help']);
  assert.equal(vh.code, 0);
  assert.match(vh.stdout, /--json/);
  assert.match(vh.stdout, /--out/);
  assert.match(vh.stdout, /--catalog/);
});

test('bad usage: unknown command, unknown option, missing values, two files', async () => {
  assertBadInput(await runCli(['check', 'a.xlsx']), /未知命令：check/);
  assertBadInput(await runCli(['--frobnicate']), /未知选项：--frobnicate/);
  assertBadInput(await runCli(['validate', examplePath('julu2021'), '--colour']), /未知选项：--colour/);
  assertBadInput(await runCli(['validate', examplePath('julu2021'), '--out']), /--out 后面需要/);
  assertBadInput(await runCli(['validate']), /缺少要校验的文件/);
  assertBadInput(await runCli(['validate', examplePath('julu2021'), examplePath('gaoyi2026')]), /只能指定一个/);
});

test('unreadable inputs: missing, empty, text named .xlsx, old .xls — exit 2 with one Chinese line', async () => {
  assertBadInput(await runCli(['validate', path.join(dir, 'nope.xlsx')]), /找不到/);
  const empty = path.join(dir, 'empty.xlsx');
  fs.writeFileSync(empty, '');
  assertBadInput(await runCli(['validate', empty]), /空/);
  const text = path.join(dir, 'notes.xlsx');
  fs.writeFileSync(text, '这不是表格\n');
  assertBadInput(await runCli(['validate', text]), /不是有效的 Excel/);
  const xls = path.join(dir, 'old.xls');
  const cfb = Buffer.alloc(1024);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb);
  fs.writeFileSync(xls, cfb);
  assertBadInput(await runCli(['validate', xls]), /另存为/);
  assertBadInput(await runCli(['validate', examplePath('julu2021'), '--catalog', path.join(dir, 'nocat.csv')]), /找不到/);
});

test('an example disclosure: text summary, exit 0', async () => {
  const r = await runCli(['validate', examplePath('julu2021')]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.stderr, '');
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0], /julu2021-disclosure\.xlsx/);
  assert.match(lines[1], /识别到 \d\/9 张表/);
  assert.match(lines[lines.length - 1], /^共 0 个错误，\d+ 个警告/);
});

test('--json prints the report with its documented shape', async () => {
  const r = await runCli(['validate', examplePath('laoting2022'), '--json']);
  assert.equal(r.stderr, '');
  const j = JSON.parse(r.stdout);
  assert.equal(j.file, examplePath('laoting2022'));
  assert.ok(Array.isArray(j.tables));
  for (const t of j.tables) assert.deepEqual(Object.keys(t).sort().slice(0, 4), ['range', 'sheet', 'table', 'title']);
  assert.ok(Array.isArray(j.findings));
  for (const f of j.findings) {
    for (const k of ['rule', 'severity', 'table', 'message', 'cells', 'expected', 'actual']) assert.ok(k in f, k);
    for (const c of f.cells) assert.deepEqual(Object.keys(c).sort(), ['address', 'sheet']);
  }
  assert.equal(typeof j.summary.errors, 'number');
  assert.equal(typeof j.summary.warnings, 'number');
  assert.equal(r.code, j.summary.errors > 0 ? 1 : 0);
  assert.equal(r.stdout, JSON.stringify(j, null, 2) + '\n', 'two-space indent');
});

test('a workbook with no tables does not crash', async () => {
  const f = await writeWorkbook(path.join(dir, 'random.xlsx'), (wb) => {
    const ws = wb.addWorksheet('随便');
    ws.addRow(['姓名', '电话']);
    ws.addRow(['张三', 13800000000]);
  });
  const r = await runCli(['validate', f]);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  assert.ok(!hasStackTrace(r.stdout + r.stderr));
  assert.match(r.stdout, /识别到 0\/9 张表/);
  assert.match(r.stdout, /未找到：1 部门预算收支总表/);
  const j = JSON.parse((await runCli(['validate', f, '--json'])).stdout);
  assert.deepEqual(j.tables, []);
});

test('a 50,000-row sheet completes with a clear summary', async () => {
  const f = await writeBigSheet(path.join(dir, 'big.xlsx'), 50_000);
  const r = await runCli(['validate', f]);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  assert.ok(!hasStackTrace(r.stdout + r.stderr));
  assert.match(r.stdout, /^共 \d+ 个错误，\d+ 个警告/m);
});

test('--out writes a marked copy and leaves the input alone; --out onto the input is refused', async () => {
  const input = copyExample('gaoyi2026', dir);
  const before = sha(input);
  const out = path.join(dir, 'gaoyi-marked.xlsx');
  const r = await runCli(['validate', input, '--out', out]);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  assert.match(r.stdout, /已写入标记副本/);
  assert.equal(sha(input), before);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  assert.ok(wb.getWorksheet('校验结果'));

  // the copy goes into a folder given as --out
  const outDir = fs.mkdtempSync(path.join(dir, 'outdir-'));
  const r2 = await runCli(['validate', input, `--out=${outDir}`, '--json']);
  assert.ok(r2.code === 0 || r2.code === 1, r2.stderr);
  JSON.parse(r2.stdout); // stdout stays pure JSON; the notice goes to stderr
  assert.match(r2.stderr, /已写入标记副本/);
  assert.ok(fs.existsSync(path.join(outDir, 'gaoyi2026-disclosure-校验.xlsx')));

  for (const target of [input, path.join(path.dirname(input), '.', path.basename(input))]) {
    assertBadInput(await runCli(['validate', input, '--out', target]), /不能是输入文件/);
  }
  assertBadInput(await runCli(['validate', input, '--out', path.join(dir, 'x.csv')]), /\.xlsx 结尾/);
  assert.equal(sha(input), before);
});

test('folder: one line per file, continues after a broken file, exit 1; --json gives an array', async () => {
  const folder = fs.mkdtempSync(path.join(dir, 'folder-'));
  copyExample('julu2021', folder);
  copyExample('laoting2022', folder);
  fs.writeFileSync(path.join(folder, 'broken.xlsx'), 'plain text, not a workbook');
  fs.writeFileSync(path.join(folder, '~$julu2021-disclosure.xlsx'), 'lock file');
  copyExample('gaoyi2026', folder, 'julu2021-disclosure-校验.xlsx'); // a marked copy of ours: skipped
  fs.writeFileSync(path.join(folder, 'readme.txt'), 'not a workbook, not looked at');

  const r = await runCli(['validate', folder]);
  assert.equal(r.code, 1, 'a file could not be read');
  assert.ok(!hasStackTrace(r.stdout + r.stderr));
  const lines = r.stdout.trimEnd().split('\n');
  assert.match(lines[0], /^broken\.xlsx：无法读取 — .*不是有效的 Excel/);
  assert.match(lines[1], /^julu2021-disclosure\.xlsx：识别到 \d\/9 张表，\d+ 个错误，\d+ 个警告$/);
  assert.match(lines[2], /^laoting2022-disclosure\.xlsx：/);
  // then what was skipped, and the total
  assert.match(r.stdout, /跳过 3 项：\n {2}~\$julu2021-disclosure\.xlsx：.*临时文件\n {2}julu2021-disclosure-校验\.xlsx：.*标记副本\n {2}readme\.txt：/);
  assert.match(lines[lines.length - 1], /共 3 个文件/);

  const j = await runCli(['validate', folder, '--json']);
  assert.equal(j.code, 1);
  const arr = JSON.parse(j.stdout);
  assert.equal(arr.length, 3);
  assert.deepEqual(Object.keys(arr[0]).sort(), ['error', 'file']);
  assert.match(arr[0].error, chinese);
  assert.ok(Array.isArray(arr[1].findings) && Array.isArray(arr[2].tables));

  // without the broken file the folder is clean (the examples validate without errors)
  fs.unlinkSync(path.join(folder, 'broken.xlsx'));
  const ok = await runCli(['validate', folder]);
  assert.equal(ok.code, 0, ok.stdout);

  const emptyFolder = fs.mkdtempSync(path.join(dir, 'empty-'));
  assertBadInput(await runCli(['validate', emptyFolder]), /没有 \.xlsx 或 \.pdf 文件/);
});

test('--catalog is read (csv) and bad catalogs are refused', async () => {
  const cat = path.join(dir, 'catalog.csv');
  fs.writeFileSync(cat, '科目编码,科目名称\n208,社会保障和就业支出\n');
  const r = await runCli(['validate', examplePath('julu2021'), '--catalog', cat]);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  const bad = path.join(dir, 'bad-catalog.csv');
  fs.writeFileSync(bad, '无,效\n');
  assertBadInput(await runCli(['validate', examplePath('julu2021'), '--catalog', bad]), /科目表/);
});
