import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Report } from '../src/core/model/findings';
import { summarize } from '../src/core/model/findings';
import { UserError } from '../src/io/errors';
import { FILL_ERROR, FILL_WARNING, NOTE_PREFIX, RESULT_SHEET, writeMarkedCopy } from '../src/io/xlsx-mark';
import { allValues, copyExample, tmpDir } from './helpers/workbooks';

const dir = tmpDir('io-mark');
const T3 = '3 部门预算支出总表';
const T5 = '5 部门预算一般公共预算财政拨款支出表';

function fakeReport(file: string): Report {
  const findings: Report['findings'] = [
    {
      rule: 'row-sum',
      severity: 'error',
      table: 'T3',
      message: '表3 第 7 行 20805 行政事业单位养老支出：合计应为 15.30，实为 15.00',
      cells: [
        { sheet: T3, address: 'D7' },
        { sheet: T3, address: 'E7' },
        { sheet: T3, address: 'F7' },
      ],
      expected: '15.30',
      actual: '15.00',
    },
    {
      rule: 'cross-t5-t3',
      severity: 'warning',
      table: 'T5',
      message: '表5 与表3 的 20805 基本支出不一致',
      cells: [
        { sheet: T5, address: 'D7' },
        { sheet: T3, address: 'E7' },
      ],
    },
    { rule: 'unit', severity: 'warning', message: '各表的金额单位不一致', cells: [{ sheet: T3, address: 'I2' }] },
    { rule: 'ghost', severity: 'error', message: '不存在的工作表', cells: [{ sheet: '没有这张表', address: 'A1' }] },
  ];
  return { file, tables: [], findings, summary: summarize(findings) };
}

const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

test('marked copy: fills, notes, 校验结果 sheet with links; values and the input untouched', async () => {
  const input = copyExample('julu2021', dir);
  const before = sha(input);
  const out = path.join(dir, 'out', 'julu-marked.xlsx');
  await writeMarkedCopy(input, out, fakeReport(input));
  assert.equal(sha(input), before, 'input file unchanged');

  // every original value identical
  const orig = await allValues(input);
  const marked = await allValues(out, [RESULT_SHEET]);
  assert.deepEqual([...marked.entries()].sort(), [...orig.entries()].sort());

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const t3 = wb.getWorksheet(T3)!;
  const t5 = wb.getWorksheet(T5)!;
  const fillOf = (c: ExcelJS.Cell) => (c.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
  assert.equal(fillOf(t3.getCell('D7')), FILL_ERROR);
  assert.equal(fillOf(t3.getCell('F7')), FILL_ERROR);
  assert.equal(fillOf(t3.getCell('E7')), FILL_ERROR, 'a cell in an error and a warning is red');
  assert.equal(fillOf(t5.getCell('D7')), FILL_WARNING);
  assert.equal(fillOf(t3.getCell('I2')), FILL_WARNING);
  assert.notEqual(fillOf(t3.getCell('D8')), FILL_ERROR, 'neighbours are not filled (no shared style leak)');
  assert.notEqual(fillOf(t3.getCell('G7')), FILL_ERROR);

  const note = (c: ExcelJS.Cell) => {
    const n = c.note as unknown;
    return typeof n === 'string' ? n : ((n as { texts?: { text: string }[] })?.texts ?? []).map((t) => t.text).join('');
  };
  assert.ok(note(t3.getCell('D7')).startsWith(NOTE_PREFIX));
  assert.match(note(t3.getCell('D7')), /错误：.*合计应为 15\.30/);
  assert.match(note(t3.getCell('E7')), /合计应为 15\.30/);
  assert.match(note(t3.getCell('E7')), /警告.*基本支出不一致/);
  assert.equal(note(t3.getCell('D8')), '');

  const res = wb.getWorksheet(RESULT_SHEET)!;
  assert.ok(res, '校验结果 sheet appended');
  assert.equal(wb.worksheets[wb.worksheets.length - 1].name, RESULT_SHEET);
  const header = (res.getRow(1).values as unknown[]).slice(1);
  assert.deepEqual(header.slice(0, 8), ['序号', '严重程度', '表', '规则', '说明', '单元格', '应为', '实为']);
  assert.equal(res.getRow(1).getCell(1).font?.bold, true);
  assert.equal((res.views[0] as { state?: string; ySplit?: number }).state, 'frozen');
  assert.equal((res.views[0] as { ySplit?: number }).ySplit, 1);
  assert.ok((res.getColumn(5).width ?? 0) >= 40, 'message column is wide');
  assert.equal(res.rowCount, 5);
  const row2 = res.getRow(2);
  assert.deepEqual(
    [row2.getCell(1).value, row2.getCell(2).value, row2.getCell(3).value, row2.getCell(4).value, row2.getCell(7).value, row2.getCell(8).value],
    [1, '错误', '3 部门预算支出总表', '行合计', '15.30', '15.00'],
  );
  assert.equal(row2.getCell(10).value, 'row-sum', 'the rule id in the last column');
  assert.equal(res.getRow(4).getCell(3).value, '整个工作簿');
  assert.equal(res.getRow(3).getCell(6).text, `'${T5}'!D7`);

  // the links are in-workbook locations (checked in the sheet XML: exceljs does not read them back)
  const zip = await JSZip.loadAsync(fs.readFileSync(out));
  const wbXml = await zip.file('xl/workbook.xml')!.async('string');
  const sheets = [...wbXml.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="(rId\w+)"/g)];
  const idx = sheets.findIndex((m) => m[1] === RESULT_SHEET);
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const target = new RegExp(`Id="${sheets[idx][2]}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${sheets[idx][2]}"`).exec(rels)!;
  const sheetPath = 'xl/' + (target[1] ?? target[2]).replace(/^\/?xl\//, '');
  const xml = await zip.file(sheetPath)!.async('string');
  const links = [...xml.matchAll(/<hyperlink ([^>]*)\/>/g)].map((m) => m[1]);
  const loc = (ref: string) => links.find((l) => l.includes(`ref="${ref}"`));
  assert.match(loc('F2') ?? '', /location="&apos;3 部门预算支出总表&apos;!D7"|location="'3 部门预算支出总表'!D7"/);
  assert.match(loc('F3') ?? '', /部门预算一般公共预算财政拨款支出表.*!D7/);
  assert.doesNotMatch(loc('F2') ?? '', /r:id/, 'no external relationship');
  assert.equal(loc('F5'), undefined, 'no link to a sheet that does not exist');
});

test('marked copy: our earlier 校验结果 sheet is rewritten in place, a clerk\'s sheet of that name is kept; no findings still gives a result sheet', async () => {
  const input = path.join(dir, 'with-result.xlsx');
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('数据').getCell('A1').value = 1;
  wb.addWorksheet(RESULT_SHEET).getCell('A1').value = '办事员自己的校验结果';
  await wb.xlsx.writeFile(input);
  const out = path.join(dir, 'with-result-marked.xlsx');
  const report: Report = { file: input, tables: [], findings: [], summary: summarize([]) };
  await writeMarkedCopy(input, out, report);
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(out);
  assert.deepEqual(back.worksheets.map((w) => w.name), ['数据', RESULT_SHEET, `${RESULT_SHEET}2`]);
  assert.equal(back.getWorksheet(RESULT_SHEET)!.getCell('A1').value, '办事员自己的校验结果', 'the clerk\'s sheet is not overwritten');
  const res = back.getWorksheet(`${RESULT_SHEET}2`)!;
  assert.equal(res.getCell('A1').value, '序号');
  assert.equal(res.getCell('E2').value, '未发现问题。');
  assert.equal(back.getWorksheet('数据')!.getCell('A1').value, 1);
  // validating the marked copy again: our sheet is rewritten, not added again
  const again = path.join(dir, 'with-result-marked-again.xlsx');
  await writeMarkedCopy(out, again, report);
  const back2 = new ExcelJS.Workbook();
  await back2.xlsx.readFile(again);
  assert.deepEqual(back2.worksheets.map((w) => w.name), ['数据', RESULT_SHEET, `${RESULT_SHEET}2`]);
});

test('marked copy refuses to overwrite its input', async () => {
  const input = copyExample('gaoyi2026', dir);
  const before = sha(input);
  const report: Report = { file: input, tables: [], findings: [], summary: summarize([]) };
  for (const target of [input, path.join(dir, '.', path.basename(input)), path.relative(process.cwd(), input)]) {
    await assert.rejects(writeMarkedCopy(input, target, report), (e: unknown) => e instanceof UserError && /覆盖原文件/.test(e.message));
  }
  assert.equal(sha(input), before);
});
