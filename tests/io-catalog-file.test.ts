import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../src/io/errors';
import { parseDelimited, readCatalogFile } from '../src/io/catalog-file';
import { tmpDir, writeWorkbook } from './helpers/workbooks';

const dir = tmpDir('io-catalog');
const entries = (m: Map<string, string>) => [...m.entries()];

test('CSV: UTF-8 with BOM, comma separated, header row', async () => {
  const f = path.join(dir, 'bom.csv');
  fs.writeFileSync(f, '\uFEFF科目编码,科目名称\r\n201,一般公共服务支出\r\n20101,"人大事务"\r\n2010101,行政运行\r\n');
  const c = await readCatalogFile(f);
  assert.equal(c.source, 'bom.csv');
  assert.deepEqual(entries(c.names), [
    ['201', '一般公共服务支出'],
    ['20101', '人大事务'],
    ['2010101', '行政运行'],
  ]);
});

test('CSV: tab separated, no header; GBK as saved by Excel on Chinese Windows', async () => {
  const tab = path.join(dir, 'tab.csv');
  fs.writeFileSync(tab, '30110\t职工基本医疗保险缴费\n30231\t公务用车运行维护费\n');
  assert.deepEqual(entries((await readCatalogFile(tab)).names), [
    ['30110', '职工基本医疗保险缴费'],
    ['30231', '公务用车运行维护费'],
  ]);
  // '科目编码,科目名称\n210,卫生健康支出\n' in GBK
  const gbk = Buffer.from('bfc6c4bfb1e0c2eb2cbfc6c4bfc3fbb3c60a3231302ccec0c9fabda1bfb5d6a7b3f60a', 'hex');
  const g = path.join(dir, 'gbk.csv');
  fs.writeFileSync(g, gbk);
  assert.deepEqual(entries((await readCatalogFile(g)).names), [['210', '卫生健康支出']]);
});

test('CSV parsing: quotes with commas and doubled quotes', () => {
  assert.deepEqual(parseDelimited('a,"b,c","d""e"\n\n1,2,3'), [
    ['a', 'b,c', 'd"e'],
    ['1', '2', '3'],
  ]);
});

test('xlsx: the sheet named 科目表, columns found by their header even after a 序号 column', async () => {
  const f = path.join(dir, 'catalog.xlsx');
  await writeWorkbook(f, (wb) => {
    wb.addWorksheet('说明').getCell('A1').value = '本文件为科目表';
    const ws = wb.addWorksheet('科目表');
    ws.addRow(['序号', '科目编码', '科目名称']);
    ws.addRow([101, 208, '社会保障和就业支出']);
    ws.addRow([102, '20805', '行政事业单位养老支出']);
  });
  assert.deepEqual(entries((await readCatalogFile(f)).names), [
    ['208', '社会保障和就业支出'],
    ['20805', '行政事业单位养老支出'],
  ]);
});

test('xlsx: first sheet without header', async () => {
  const f = path.join(dir, 'plain.xlsx');
  await writeWorkbook(f, (wb) => {
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow([302, '商品和服务支出']);
  });
  assert.deepEqual(entries((await readCatalogFile(f)).names), [['302', '商品和服务支出']]);
});

test('bad catalog files: clear Chinese errors', async () => {
  const empty = path.join(dir, 'empty.csv');
  fs.writeFileSync(empty, '');
  const noCodes = path.join(dir, 'nocodes.csv');
  fs.writeFileSync(noCodes, '名称,备注\n甲,乙\n');
  const wrongExt = path.join(dir, 'catalog.docx');
  fs.writeFileSync(wrongExt, 'x');
  for (const [f, re] of [
    [empty, /空/],
    [noCodes, /没有找到/],
    [wrongExt, /\.xlsx 或 \.csv/],
    [path.join(dir, 'missing.csv'), /找不到/],
  ] as const) {
    await assert.rejects(readCatalogFile(f), (e: unknown) => e instanceof UserError && re.test(e.message));
  }
});
