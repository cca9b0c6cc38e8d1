// Rebuilds a published disclosure as the workbook its clerk had before printing, from a transcription of
// its printed tables (one `.tables.txt` per disclosure, see bench/trial/README.md), in its own layout:
// one sheet per table, title and 编制部门 / 单位 rows, header rows merged where the print spans them,
// headers repeated after page breaks, every amount exactly as printed (never corrected).
//
//   node --import tsx bench/trial/build.ts <spec.tables.txt> <out.xlsx>
import * as fs from 'node:fs';
import ExcelJS from 'exceljs';

interface Sheet {
  name: string;
  title: string;
  meta: string[];
  textCols: Set<number>;
  rows: { kind: 'head' | 'row' | 'note'; cells: string[] }[];
}

const AMOUNT = /^-?[\d,]+(\.\d+)?$/;

function parse(spec: string): Sheet[] {
  const sheets: Sheet[] = [];
  let cur: Sheet | undefined;
  let lastHead: string[][] = [];
  let inHead = false;
  for (const [i, raw] of spec.split('\n').entries()) {
    const line = raw.replace(/\r$/, '');
    if (!line.trim() || line.startsWith('#') || line.startsWith('source:')) continue;
    const m = /^(\w+):?\s?(.*)$/.exec(line);
    if (!m) throw new Error(`line ${i + 1}: ${line}`);
    const [, key, rest] = m;
    if (key === 'sheet') {
      cur = { name: rest, title: '', meta: [], textCols: new Set(), rows: [] };
      sheets.push(cur);
      lastHead = [];
      continue;
    }
    if (!cur) throw new Error(`line ${i + 1}: no sheet yet`);
    if (key !== 'head') inHead = false;
    if (key === 'title') cur.title = rest;
    else if (key === 'meta') cur.meta = rest.split('|');
    else if (key === 'text') for (const c of rest.split(',')) cur.textCols.add(Number(c));
    else if (key === 'head') {
      if (!inHead) lastHead = [];
      inHead = true;
      const cells = rest.split('|');
      lastHead.push(cells);
      cur.rows.push({ kind: 'head', cells });
    } else if (key === 'break') for (const h of lastHead) cur.rows.push({ kind: 'head', cells: h });
    else if (key === 'row') cur.rows.push({ kind: 'row', cells: rest.split('|') });
    else if (key === 'note') cur.rows.push({ kind: 'note', cells: [rest] });
    else throw new Error(`line ${i + 1}: unknown key ${key}`);
  }
  return sheets;
}

/** The printed figure as a number and the format that prints it the same way. */
function amount(s: string): { value: number; numFmt: string } {
  const digits = s.replace(/,/g, '');
  const dec = /\.(\d+)$/.exec(digits)?.[1].length ?? 0;
  const grouped = s.includes(',') || Math.abs(Number(digits)) >= 1000;
  const numFmt = (grouped ? '#,##0' : '0') + (dec ? '.' + '0'.repeat(dec) : '');
  return { value: Number(digits), numFmt };
}

async function build(specFile: string, out: string) {
  const sheets = parse(fs.readFileSync(specFile, 'utf8'));
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    const width = Math.max(...s.rows.filter((r) => r.kind !== 'note').map((r) => r.cells.length), 2);
    const merges: string[] = [];
    const addr = (r: number, c: number) => ws.getCell(r, c).address;
    ws.getCell(1, 1).value = s.title;
    merges.push(`A1:${addr(1, width)}`);
    if (s.meta.length) {
      ws.getCell(2, 1).value = s.meta[0];
      if (width > 2) merges.push(`A2:${addr(2, width - 2)}`);
      if (s.meta[1]) ws.getCell(2, width).value = s.meta[1];
    }
    let r = s.meta.length ? 3 : 2;
    s.rows.forEach((row, k) => {
      if (row.kind === 'note') {
        ws.getCell(r, 1).value = row.cells[0];
        merges.push(`A${r}:${addr(r, width)}`);
        r++;
        return;
      }
      row.cells.forEach((v, j) => {
        const c = j + 1;
        if (v === '' || v === '<' || v === '^') return;
        const cell = ws.getCell(r, c);
        if (row.kind === 'row' && !s.textCols.has(c) && AMOUNT.test(v)) {
          const a = amount(v);
          cell.value = a.value;
          cell.numFmt = a.numFmt;
        } else cell.value = v;
      });
      // merges: `<` extends the cell on its left, `^` the cell above (within one header block)
      row.cells.forEach((v, j) => {
        if (v === '' || v === '<' || v === '^') return;
        let c2 = j + 1;
        while (row.cells[c2] === '<') c2++;
        let r2 = r;
        if (row.kind === 'head')
          for (let k2 = k + 1; k2 < s.rows.length && s.rows[k2].kind === 'head' && s.rows[k2].cells[j] === '^'; k2++) r2++;
        if (c2 > j + 1 || r2 > r) merges.push(`${addr(r, j + 1)}:${addr(r2, c2)}`);
      });
      r++;
    });
    for (const m of merges) ws.mergeCells(m);
    // codes narrow, names wide enough for the longest 科目 name (a clipped name would print clipped), amounts 16
    const isName = (c: number) => s.rows.some((r) => r.kind === 'row' && r.cells[c - 1] && !AMOUNT.test(r.cells[c - 1]) && !'<^'.includes(r.cells[c - 1]));
    for (let c = 1; c <= width; c++) ws.getColumn(c).width = s.textCols.has(c) ? 9 : isName(c) ? 34 : 16;
    // printed as published: A4 landscape, every column on the page
    ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  }
  await wb.xlsx.writeFile(out);
  return sheets.length;
}

const [spec, out] = process.argv.slice(2);
if (!spec || !out) {
  console.error('usage: build.ts <spec.tables.txt> <out.xlsx>');
  process.exit(2);
}
build(spec, out).then((n) => console.log(`${out}: ${n} sheets`));
