// Builds samples/sample-disclosure.xlsx: the 巨鹿县 2021 example with three typical clerk errors injected
// (a 项 changed without its 款 and twin tables, one header with the wrong year, a number stored as text).
// Run: node --import tsx scripts/make-sample.ts
import ExcelJS from 'exceljs';
import * as path from 'node:path';

async function main(): Promise<void> {
  const src = path.join(__dirname, '..', '..', 'shared', 'examples', 'julu2021-disclosure.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(process.argv[2] ?? src);
  wb.getWorksheet('3 部门预算支出总表')!.getCell('D20').value = 142.98;
  wb.getWorksheet('3 部门预算支出总表')!.getCell('E20').value = 117.98;
  wb.getWorksheet('2 部门预算收入总表')!.getCell('C2').value = '预算年度：2020';
  wb.getWorksheet('6 部门预算一般公共预算财政拨款基本支出表')!.getCell('D18').value = '0.50';
  await wb.xlsx.writeFile(path.join(__dirname, '..', 'samples', 'sample-disclosure.xlsx'));
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
