// Workbooks for tests: the shared examples, scratch folders under tests/.tmp, small generated files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { Workbook } from '../../src/core/model/grid';
import { readWorkbookFile } from '../../src/io/xlsx-read';

export const EXAMPLES = '/work/shared/examples';
export const EXAMPLE_NAMES = ['julu2021', 'gaoyi2026', 'laoting2022'] as const;
export type ExampleName = (typeof EXAMPLE_NAMES)[number];

export function examplePath(name: ExampleName, kind: 'disclosure' | 'input' = 'disclosure'): string {
  return path.join(EXAMPLES, `${name}-${kind}.xlsx`);
}

/** An example workbook read through the exceljs adapter. */
export function loadExampleGrid(name: ExampleName, kind: 'disclosure' | 'input' = 'disclosure'): Promise<Workbook> {
  return readWorkbookFile(examplePath(name, kind));
}

const TMP_ROOT = path.resolve(__dirname, '..', '.tmp');

/** A fresh scratch folder under tests/.tmp, removed when the test process ends (kept with KEEP_TMP=1). */
export function tmpDir(prefix: string): string {
  fs.mkdirSync(TMP_ROOT, { recursive: true });
  const dir = fs.mkdtempSync(path.join(TMP_ROOT, `${prefix}-`));
  if (process.env.KEEP_TMP !== '1') {
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  }
  return dir;
}

/** Copies an example into `dir` (writable, unlike /work/shared). */
export function copyExample(name: ExampleName, dir: string, as = `${name}-disclosure.xlsx`): string {
  const target = path.join(dir, as);
  fs.copyFileSync(examplePath(name), target);
  fs.chmodSync(target, 0o644);
  return target;
}

/** Builds a workbook with exceljs and writes it. */
export async function writeWorkbook(file: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  await wb.xlsx.writeFile(file);
  return file;
}

/** A one-sheet workbook of `rows` budget lines, written with the streaming writer. */
export async function writeBigSheet(file: string, rows: number): Promise<string> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const ws = wb.addWorksheet('预算录入');
  ws.addRow(['功能科目编码', '功能科目名称', '经济科目编码', '经济科目名称', '支出类型', '资金来源', '上年结转', '项目名称', '金额']).commit();
  for (let i = 0; i < rows; i++) {
    ws.addRow(['2080501', '行政单位离退休', '30101', '基本工资', '基本支出', '一般公共预算', '', `项目${i}`, (i % 1000) / 100]).commit();
  }
  await wb.commit();
  return file;
}

/** Every cell value of every sheet, keyed 'sheet!A1' (exceljs' own reading, for round-trip comparisons). */
export async function allValues(file: string, skipSheets: string[] = []): Promise<Map<string, string>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out = new Map<string, string>();
  for (const ws of wb.worksheets) {
    if (skipSheets.includes(ws.name)) continue;
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (c) => {
        out.set(`${ws.name}!${c.address}`, JSON.stringify(c.value));
      }),
    );
  }
  return out;
}
