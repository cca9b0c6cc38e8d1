// Prints workbooks to PDF as a clerk would (LibreOffice, A4 landscape, one page wide): the Hebei examples,
// the seeds (tests/seeds: real disclosures in their published layouts) and examples with one fault each. Run: npx tsx tests/pdf/build.ts (needs soffice). The PDFs are
// committed, so the tests do not need LibreOffice.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { EXAMPLES, examplePath } from '../fixtures/helpers';
import { PRINTED_FAULTS, SEED_FAULTS, applyToExcel } from './printed-faults';

const OUT = __dirname;

/**
 * Print settings a clerk sets before printing: A4 landscape, fit to one page wide, any height; a text too
 * long for its cell wraps (long 科目 names are printed whole, over two lines in a narrow cell) and its row
 * is made high enough; a text alone in its row spills over the empty cells beside it.
 */
export function setPrint(wb: ExcelJS.Workbook): void {
  for (const ws of wb.worksheets) {
    ws.pageSetup = {
      ...ws.pageSetup,
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
    };
    // a merged cell: its columns' width together, its rows' count (a text wraps in them as in one cell)
    const merged = new Map<string, { width: number; rows: number }>();
    for (const m of (ws.model as { merges?: string[] }).merges ?? []) {
      const [a, b] = m.split(':').map((x) => ws.getCell(x));
      let width = 0;
      for (let k = Number(a.col); k <= Number(b.col); k++) width += ws.getColumn(k).width ?? 8.43;
      merged.set(a.address, { width, rows: Number(b.row) - Number(a.row) + 1 });
    }
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      if (r <= 2) return; // title and unit line: never wrapped
      // a text alone in its row (a title, a unit line, a note) spills over the empty cells beside it, as
      // Excel and LibreOffice show it: never wrapped
      let texts = 0;
      row.eachCell({ includeEmpty: false }, (c) => {
        if (c.value !== null && c.value !== '') texts++;
      });
      if (texts <= 1) return;
      let lines = 1;
      row.eachCell({ includeEmpty: false }, (c, n) => {
        if (typeof c.value !== 'string') return;
        const m = merged.get(c.address);
        const width = m?.width ?? ws.getColumn(n).width ?? 8.43;
        let need = 0;
        for (const ch of c.value) need += ch.charCodeAt(0) > 0x2e80 ? 2.1 : 1.1;
        const k = Math.ceil(need / Math.max(1, width - 0.6));
        if (k > 1) {
          c.alignment = { ...c.alignment, wrapText: true };
          lines = Math.max(lines, Math.ceil(k / (m?.rows ?? 1)));
        }
      });
      if (lines > 1) row.height = Math.max(row.height ?? 15, 14.5 * lines);
    });
  }
}

/** Printed without borders, as many clerks print: every cell's border removed. */
export function stripBorders(wb: ExcelJS.Workbook): void {
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: true }, (row) => {
      row.eachCell({ includeEmpty: true }, (c) => {
        if (c.border) c.border = {};
      });
    });
  }
}

/**
 * Printed with borders, as the other half of clerks print: thin lines round every cell of each table,
 * from its first row of two texts or more (the header) to its last (the title, the unit line and a
 * note alone in its row stay outside).
 */
export function addBorders(wb: ExcelJS.Workbook): void {
  const thin = { style: 'thin' as const };
  for (const ws of wb.worksheets) {
    const rows: number[] = [];
    let c0 = Infinity;
    let c1 = 0;
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      let n = 0;
      let info = false;
      row.eachCell({ includeEmpty: false }, (c, k) => {
        if (c.value === null || c.value === '') return;
        // the unit line (编制部门：… 单位：元) stands above the table, outside its borders
        if (typeof c.value === 'string' && /^(编制(部门|单位)|(预算)?(主管)?部门|单位)[：:]/.test(c.value.trim())) info = true;
        n++;
        c0 = Math.min(c0, k);
        c1 = Math.max(c1, k);
      });
      if (n >= 2 && !(info && rows.length === 0)) rows.push(r);
    });
    if (rows.length === 0) continue;
    for (let r = rows[0]; r <= rows[rows.length - 1]; r++) {
      for (let k = c0; k <= c1; k++) ws.getCell(r, k).border = { top: thin, left: thin, bottom: thin, right: thin };
    }
  }
}

/**
 * Headers centred, as most templates set them (horizontally and vertically: a cell merged over two rows
 * prints between them): every cell from a sheet's first row of two texts or more below its unit line to
 * the row before its first figure.
 */
export function centreHeaders(wb: ExcelJS.Workbook): void {
  for (const ws of wb.worksheets) {
    let first = 0;
    let data = 0;
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      let n = 0;
      let figure = false;
      row.eachCell({ includeEmpty: false }, (c) => {
        if (c.value !== null && c.value !== '') n++;
        if (typeof c.value === 'number') figure = true;
      });
      if (!first && n >= 2 && r > 2) first = r;
      if (!data && figure) data = r;
    });
    if (!first || !data) continue;
    for (let r = first; r < data; r++) {
      ws.getRow(r).eachCell({ includeEmpty: true }, (c) => {
        c.alignment = { ...c.alignment, horizontal: 'center', vertical: 'middle' };
      });
    }
  }
}

export function print(xlsx: string, pdf: string): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'print-'));
  // one soffice at a time on a shared machine
  execFileSync('flock', [fs.existsSync('/work') ? '/work/soffice.lock' : path.join(os.tmpdir(), 'soffice.lock'), 'soffice', '--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, xlsx], { stdio: 'ignore', timeout: 300_000 });
  fs.copyFileSync(path.join(dir, path.basename(xlsx, '.xlsx') + '.pdf'), pdf);
  fs.rmSync(dir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'printed-'));
  const only = process.argv[2];
  for (const name of EXAMPLES) {
    if (only && !name.includes(only)) continue;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(examplePath(name));
    setPrint(wb);
    const x = path.join(tmp, `${name}-disclosure.xlsx`);
    await wb.xlsx.writeFile(x);
    print(x, path.join(OUT, `${name}-disclosure.pdf`));
    console.log('printed', name);
  }
  // the seeds: real published disclosures rebuilt as workbooks in their own layouts (tests/seeds)
  const seeds = path.join(__dirname, '..', 'seeds');
  for (const file of fs.readdirSync(seeds).filter((f) => f.endsWith('-seed.xlsx'))) {
    if (only && !file.includes(only)) continue;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(seeds, file));
    setPrint(wb);
    const x = path.join(tmp, file);
    await wb.xlsx.writeFile(x);
    print(x, path.join(OUT, file.replace(/\.xlsx$/, '.pdf')));
    console.log('printed seed', file);
  }
  // disclosures found outside /work/shared (tests/fixtures/regional-trial), printed without and with
  // borders, headers as the workbook leaves them (left, bottom) and centred
  const trial = path.join(__dirname, '..', 'fixtures', 'regional-trial');
  for (const file of fs.readdirSync(trial).filter((f) => f.endsWith('.xlsx'))) {
    for (const [borders, centred] of [[false, false], [true, false], [false, true], [true, true]]) {
      const name = `trial-${file.replace(/\.xlsx$/, '')}${borders ? '-borders' : ''}${centred ? '-centred' : ''}`;
      if (only && !name.includes(only)) continue;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(trial, file));
      if (borders) addBorders(wb);
      else stripBorders(wb);
      if (centred) centreHeaders(wb);
      setPrint(wb);
      const x = path.join(tmp, `${name}.xlsx`);
      await wb.xlsx.writeFile(x);
      print(x, path.join(OUT, `${name}.pdf`));
      console.log('printed trial', name);
    }
  }
  for (const f of SEED_FAULTS) {
    if (only && !f.id.includes(only)) continue;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(seeds, f.seed));
    wb.worksheets[f.sheet].getCell(f.r + 1, f.c + 1).value = f.value;
    setPrint(wb);
    const x = path.join(tmp, `seed-fault-${f.id}.xlsx`);
    await wb.xlsx.writeFile(x);
    print(x, path.join(OUT, `seed-fault-${f.id}.pdf`));
    console.log('printed seed fault', f.id);
  }
  for (const f of PRINTED_FAULTS) {
    if (only && !f.id.includes(only)) continue;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(examplePath(f.example));
    await applyToExcel(wb, f);
    setPrint(wb);
    const x = path.join(tmp, `fault-${f.id}.xlsx`);
    await wb.xlsx.writeFile(x);
    print(x, path.join(OUT, `fault-${f.id}.pdf`));
    console.log('printed fault', f.id);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

if (require.main === module) void main();
