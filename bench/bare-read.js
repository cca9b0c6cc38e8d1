'use strict';
// Baseline for the whole-process comparison: node + exceljs reading the same file, nothing else.
const ExcelJS = require('exceljs');
const wb = new ExcelJS.Workbook();
wb.xlsx.readFile(process.argv[2]).then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(String(e && e.message) + '\n');
    process.exit(2);
  },
);
