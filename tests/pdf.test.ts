// The PDF adapter from the user's side: workbooks printed to PDF by LibreOffice (tests/pdf, built by
// tests/pdf/build.ts) validate like the workbooks themselves; the reader's address; the marked copy;
// scanned, encrypted and broken PDFs; folders mixing .xlsx and .pdf; the text layer's layout rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PDFArray, PDFDocument, PDFName } from 'pdf-lib';
import type { Report } from '../src/core/model/findings';
import { validateWorkbook } from '../src/core/validate/engine';
import { readPdfFile, placeReport } from '../src/io/pdf/read';
import { layout, type PageText, type TextRun } from '../src/io/pdf/layout';
import { plainText } from '../src/io/pdf/text';
import { EXAMPLES, SHARED, cloneGrid, loadExampleGrid, loadGridFile } from './fixtures/helpers';
import { PRINTED_FAULTS, SEED_FAULTS, applySeedFault } from './pdf/printed-faults';
import { runCli } from './helpers/cli';

const DIR = path.join(__dirname, 'pdf');

async function pdfReport(file: string): Promise<Report> {
  const doc = await readPdfFile(file);
  const r = validateWorkbook(doc.layout.grid, { file });
  placeReport(r, doc.layout);
  return r;
}

/** What a reader compares: rule, table, severity and message (addresses differ by nature). */
function gist(r: Report): string[] {
  return r.findings.map((f) => `${f.severity} ${f.rule} ${f.table ?? '-'} ${f.message}`).sort();
}

for (const name of EXAMPLES) {
  test(`${name} printed to PDF: the nine tables and the same findings as the workbook`, async () => {
    const wb = validateWorkbook(await loadExampleGrid(name));
    const pdf = await pdfReport(path.join(DIR, `${name}-disclosure.pdf`));
    assert.deepEqual(
      pdf.tables.map((t) => t.table),
      wb.tables.map((t) => t.table),
    );
    assert.deepEqual(gist(pdf), gist(wb));
    for (const t of pdf.tables) assert.match(t.place ?? '', /^第\d+(–\d+)?页 表\d$/);
  });
}

for (const f of PRINTED_FAULTS) {
  test(`fault ${f.id} printed to PDF: found as in the workbook`, async () => {
    const g = cloneGrid(await loadExampleGrid(f.example));
    f.apply(g);
    const wb = validateWorkbook(g);
    const pdf = await pdfReport(path.join(DIR, `fault-${f.id}.pdf`));
    assert.ok(wb.findings.length > 0);
    assert.deepEqual(gist(pdf), gist(wb));
    for (const x of pdf.findings) for (const c of x.cells) assert.match(c.place ?? '', /^第\d+页 表\d+ (第\d+行 第\d+列（.*）|表头.*|表下)$/);
  });
}

// The seeds (tests/seeds: real disclosures in their own layouts: narrow columns, names over three lines,
// zeros blank, 栏次 left-aligned, a sheet holding all nine tables with its heading block repeated) printed
// without ruling lines, read by alignment alone: the same tables and findings as the workbook
for (const seed of ['julu2021', 'gaoyi2026', 'laoting2022']) {
  test(`seed ${seed} printed without borders: the nine tables and the workbook's findings`, async () => {
    const wb = validateWorkbook(await loadGridFile(path.join(__dirname, 'seeds', `${seed}-seed.xlsx`)));
    const pdf = await pdfReport(path.join(DIR, `${seed}-seed.pdf`));
    assert.equal(pdf.tables.length, 9);
    assert.deepEqual(
      pdf.tables.map((t) => t.table),
      wb.tables.map((t) => t.table),
    );
    assert.deepEqual(gist(pdf), gist(wb));
  });
}

for (const f of SEED_FAULTS) {
  test(`seed fault ${f.id} printed without borders: found as in the workbook`, async () => {
    const g = await loadGridFile(path.join(__dirname, 'seeds', f.seed));
    applySeedFault(g, f);
    const wb = validateWorkbook(g);
    const pdf = await pdfReport(path.join(DIR, `seed-fault-${f.id}.pdf`));
    assert.ok(wb.findings.length > 0);
    assert.deepEqual(gist(pdf), gist(wb));
  });
}

// Disclosures found outside /work/shared (tests/fixtures/regional-trial, rebuilt from their published
// PDFs' text) printed by LibreOffice with borders and without, as clerks print them: the same tables and
// findings as the workbook. What they exercise: wanli-jiedao's sheet repeats its header block where the
// original print broke its pages, ours breaks elsewhere (with borders the block straddles pages 11–12;
// without, it stands mid-page or at a page's foot), still its header; printed without borders,
// vertically merged header cells print on their lower line (事业收入 of T2 heads its column from the
// middle row, as in the workbook), the 三公 table's header is three lines, a 科目 name wrapped above the
// first row's figures ('文化旅游体育与传媒' / '支出') is the row's, not the header's.
// wanli-jiedao's T1 unit line is printed cut (A2:B2 merged, LibreOffice clips a merged cell: the PDF
// holds `…万里街道办事`, no 处; with borders the rule after 办 cuts 事 too), so the PDF's T1 names
// another unit than its other tables: one finding the print has and the workbook has not.
const cutUnit = (name: string) => `error header-consistency T1 2025年部门财务收支预算总表的单位名称为“${name}”，其他表为“上海市普陀区人民政府万里街道办事处”；各表的单位名称应一致。`;
// Printed with their headers centred (as most templates set them; `centreHeaders` in tests/pdf/build.ts):
// a header over a narrow code column stands centred beside its left-aligned codes ('类' over '208'), a
// group header is centred over its columns (财政拨款收入 over two, 财政拨款支出 over five), a cell merged
// over two rows prints midway between them (jianguanwei's T2 prints its two lower header rows twice:
// seven header lines); there wanli's unit line prints whole (the page's scale differs).
const TRIAL: [string, string, string[]][] = [
  ['shanghai-putuo-2026-chengguan-dept', '-borders', []],
  ['shanghai-putuo-2026-jianguanwei-dept', '-borders', []],
  ['shanghai-putuo-2026-wenlvju-dept', '-borders', []],
  ['shanghai-putuo-2025-wanli-jiedao-dept', '-borders', [cutUnit('上海市普陀区人民政府万里街道办')]],
  ['shanghai-putuo-2026-chengguan-dept', '', []],
  ['shanghai-putuo-2026-jianguanwei-dept', '', []],
  ['shanghai-putuo-2026-wenlvju-dept', '', []],
  ['shanghai-putuo-2025-wanli-jiedao-dept', '', [cutUnit('上海市普陀区人民政府万里街道办事')]],
  ['shanghai-putuo-2026-chengguan-dept', '-borders-centred', []],
  ['shanghai-putuo-2026-jianguanwei-dept', '-borders-centred', []],
  ['shanghai-putuo-2026-wenlvju-dept', '-borders-centred', []],
  ['shanghai-putuo-2025-wanli-jiedao-dept', '-borders-centred', []],
  ['shanghai-putuo-2026-chengguan-dept', '-centred', []],
  ['shanghai-putuo-2026-jianguanwei-dept', '-centred', []],
  ['shanghai-putuo-2026-wenlvju-dept', '-centred', []],
  ['shanghai-putuo-2025-wanli-jiedao-dept', '-centred', []],
];
for (const [name, print, printed] of TRIAL) {
  const how = `${print.includes('borders') ? 'with' : 'without'} borders${print.includes('centred') ? ', headers centred' : ''}`;
  test(`trial ${name} printed ${how}: its nine tables and the workbook's findings`, async () => {
    const wb = validateWorkbook(await loadGridFile(path.join(__dirname, 'fixtures', 'regional-trial', `${name}.xlsx`)));
    const pdf = await pdfReport(path.join(DIR, `trial-${name}${print}.pdf`));
    assert.equal(pdf.profile, wb.profile);
    assert.equal(pdf.tables.length, 9);
    assert.deepEqual(
      pdf.tables.map((t) => t.table).sort(),
      wb.tables.map((t) => t.table).sort(),
    );
    assert.deepEqual(gist(pdf), [...gist(wb), ...printed].sort());
  });
}

test('layout: a header text on the lower line with nothing over it on the line above is merged up to the text over it', () => {
  // 项目 | 收入预算 over 科目编码 (over 类 款 项) and, printed on the lowest line, 科目名称 合计 事业收入
  const p1 = page(1, [
    run('部门收入预算总表', 220, 760, 16),
    run('项目', 40, 720),
    run('收入预算', 330, 720),
    run('功能分类科目编码', 40, 700),
    run('类', 40, 680),
    run('款', 70, 680),
    run('项', 100, 680),
    run('功能分类科目名称', 130, 680),
    run('合计', 330, 680),
    run('事业收入', 420, 680),
    run('208', 40, 660),
    run('社会保障和就业支出', 130, 660),
    run('1,000.00', 330, 660, 10, 40),
    run('1,000.00', 420, 660, 10, 40),
    run('208', 40, 640),
    run('05', 70, 640),
    run('行政事业单位养老支出', 130, 640),
    run('1,000.00', 330, 640, 10, 40),
    run('1,000.00', 420, 640, 10, 40),
  ]);
  const sheet = layout([p1]).grid.sheets[0];
  const row = (r: number) => Array.from({ length: 6 }, (_, i) => sheet.rows[r]?.[i]?.value ?? null);
  assert.deepEqual(row(1), ['项目', null, null, null, '收入预算', null]);
  assert.deepEqual(row(2), ['功能分类科目编码', null, null, '功能分类科目名称', '合计', '事业收入']);
  assert.deepEqual(row(3), ['类', '款', '项', null, null, null]);
  // 科目编码 heads the code columns only; the cells below it on the lowest line are merged over two rows
  assert.ok(sheet.merges.some((m) => m.top === 2 && m.left === 0 && m.right === 2 && m.bottom === 2));
  assert.ok(sheet.merges.some((m) => m.top === 2 && m.bottom === 3 && m.left === 5 && m.right === 5));
});

test('a cell is named as a reader finds it: page, table, row, column and the figure', async () => {
  const r = await pdfReport(path.join(DIR, 'fault-leaf-cent-T3.pdf'));
  const sum = r.findings.find((f) => f.rule === 'row-sum' && f.table === 'T3');
  assert.ok(sum);
  // T3 2101501 行政运行 is body row 15 of the table on page 5; 合计 is the 4th column (序号, 编码, 名称, 合计)
  assert.equal(sum.cells[0].place, '第5页 表3 第15行 第4列（142.96）');
  assert.ok(sum.cells[0].box && sum.cells[0].box.page === 5 && sum.cells[0].box.x1 > sum.cells[0].box.x0);
});

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-test-'));
}

const sha = (p: string) => crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');

test('CLI: validate file.pdf --json --out marked.pdf: highlights on the named figures, input unchanged, no overwrite without --force', async () => {
  const input = path.join(DIR, 'fault-leaf-cent-T3.pdf');
  const before = sha(input);
  const out = path.join(tmpDir(), 'marked.pdf');
  const r = await runCli(['validate', input, '--json', '--out', out]);
  assert.equal(r.code, 1);
  const json = JSON.parse(r.stdout) as Report;
  const cell = json.findings.flatMap((f) => f.cells).find((c) => c.place?.startsWith('第5页 表3 第15行 第4列'));
  assert.ok(cell && cell.box, 'JSON cells carry the reader address and the box');
  assert.equal(sha(input), before);
  const doc = await PDFDocument.load(fs.readFileSync(out));
  const annots = (n: number) => doc.getPages()[n].node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.size() ?? 0;
  assert.ok(annots(4) >= 6, 'page 5 (表3) carries a highlight per named cell');
  assert.ok(annots(0) >= 1, 'page 1 carries the summary note');
  const again = await runCli(['validate', input, '--out', out]);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /已存在.*--force/);
  const forced = await runCli(['validate', input, '--out', out, '--force']);
  assert.equal(forced.code, 1);
  const wrongExt = await runCli(['validate', input, '--out', path.join(tmpDir(), 'x.xlsx')]);
  assert.equal(wrongExt.code, 2);
  assert.match(wrongExt.stderr, /\.pdf 结尾/);
});

test('CLI: scanned, encrypted, truncated and fake PDFs: one Chinese line, exit 2', async () => {
  const fake = path.join(tmpDir(), 'fake.pdf');
  fs.writeFileSync(fake, 'not a pdf at all');
  const cases: [string, RegExp][] = [
    [path.join(DIR, 'hostile', 'scanned.pdf'), /没有文字层.*OCR/],
    [path.join(DIR, 'hostile', 'encrypted.pdf'), /加密/],
    [path.join(DIR, 'hostile', 'truncated.pdf'), /损坏|不完整/],
    [fake, /不是有效的 PDF/],
  ];
  for (const [file, re] of cases) {
    const r = await runCli(['validate', file]);
    assert.equal(r.code, 2, file);
    assert.match(r.stderr, re);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.doesNotMatch(r.stderr, /at .*\.js|Error:/);
  }
});

test('CLI: a folder mixing .xlsx and .pdf validates both', async () => {
  const dir = tmpDir();
  fs.copyFileSync(path.join(DIR, 'julu2021-disclosure.pdf'), path.join(dir, 'a.pdf'));
  fs.copyFileSync(path.join(DIR, 'fault-unbalanced.pdf'), path.join(dir, 'b.pdf'));
  fs.copyFileSync(path.join(__dirname, 'seeds', 'julu2021-seed.xlsx'), path.join(dir, 'c.xlsx'));
  const r = await runCli(['validate', dir]);
  assert.match(r.stdout, /a\.pdf：识别到 9\/9 张表，0 个错误/);
  assert.match(r.stdout, /b\.pdf：识别到 9\/9 张表，[1-9]\d* 个错误/);
  assert.match(r.stdout, /c\.xlsx：识别到 9\/9 张表/);
  assert.match(r.stdout, /共 3 个文件/);
});

// ---------------------------------------------------------------------------------------------------
// Layout rules on text runs as a PDF draws them

function run(str: string, x0: number, y: number, size = 10, w?: number): TextRun {
  let n = 0;
  for (const ch of str) n += /[\u4e00-\u9fff]/.test(ch) ? 1 : 0.5;
  return { str, x0, x1: x0 + (w ?? n * size), y, size };
}

function page(n: number, runs: TextRun[]): PageText {
  return { page: n, width: 600, height: 800, runs };
}

test('layout: thousands separators, blank cells, distributed CJK, wrapped names, a table continued under its repeated header', () => {
  const header = (y: number) => [run('科目编码', 40, y), run('科目名称', 120, y), run('合计', 330, y), run('基本支出', 420, y), run('项目支出', 510, y)];
  const p1 = page(1, [
    run('部门预算支出总表', 220, 760, 16),
    run('单位：万元', 500, 740),
    ...header(720),
    run('合   计', 120, 700, 10, 40),
    run('1,234.50', 330, 700, 10, 40),
    run('1,000.00', 420, 700, 10, 40),
    run('234.50', 510, 700, 10, 30),
    run('201', 40, 680),
    run('一般公共服务支出', 120, 680),
    run('1,234.50', 330, 680, 10, 40),
    run('1,000.00', 420, 680, 10, 40),
    run('234.50', 510, 680, 10, 30),
    run('20101', 40, 660),
    run('人大事务及其他一般', 120, 665),
    run('公共服务', 120, 655),
    run('1,000.00', 330, 660, 10, 40),
    run('1,000.00', 420, 660, 10, 40),
  ]);
  const p2 = page(2, [...header(760), run('2010101', 40, 740), run('行政运行', 120, 740), run('234.50', 340, 740, 10, 30), run('234.50', 520, 740, 10, 30)]);
  const lay = layout([p1, p2]);
  assert.equal(lay.tables.length, 1);
  const t = lay.tables[0];
  assert.deepEqual(t.pages, [1, 2]);
  const rows = lay.grid.sheets[0].rows.map((r) => Array.from({ length: 5 }, (_, i) => r?.[i]?.value ?? null));
  const find = (v: unknown) => rows.find((r) => r.includes(v as never));
  assert.deepEqual(rows.find((r) => r[1] === '合计')?.slice(1, 5), ['合计', 1234.5, 1000, 234.5]);
  assert.deepEqual(find('人大事务及其他一般公共服务')?.slice(0, 5), ['20101', '人大事务及其他一般公共服务', 1000, 1000, null]);
  const last = find('行政运行')!;
  assert.deepEqual(last.slice(0, 5), ['2010101', '行政运行', 234.5, null, 234.5]);
  // the repeated header on page 2 is a header row, not data
  assert.equal(rows.filter((r) => r.includes('科目编码' as never)).length, 2);
});

test('text: the explanatory text outside the tables comes as paragraphs', async () => {
  const doc = await readPdfFile(path.join(SHARED, 'regional', 'pdf', 'shanghai-putuo-2025-caizhengju-dept.pdf')).catch(() => undefined);
  if (!doc) return; // the shared material is not on this machine
  const text = plainText(doc.text);
  assert.match(text, /收入预算3,121\.42万元，其中：财政拨款收入3,121\.42万元/);
  assert.ok(doc.text.paragraphs.every((p) => !/^\s*$/.test(p.text)));
  assert.ok(doc.layout.tables.length >= 9);
});

test('CLI: the explanatory text printed in the PDF is checked with its tables; --text takes a second PDF', async () => {
  const regional = path.join(SHARED, 'regional', 'pdf');
  const one = path.join(regional, 'shanghai-putuo-2025-caizhengju-dept.pdf');
  if (!fs.existsSync(one)) return; // the shared material is not on this machine
  const r = await runCli(['validate', one, '--json']);
  const json = JSON.parse(r.stdout) as Report;
  assert.equal(json.text?.source, 'shanghai-putuo-2025-caizhengju-dept.pdf');
  assert.ok((json.text?.claims ?? 0) > 20);
  // the published text prints items 7–11 of its list twice: a real fault of that PDF
  assert.ok(json.findings.some((f) => f.rule === 'text-duplicate' && /职业年金缴费支出/.test(f.quote ?? f.message)));
  // Jiangsu publishes the text and the tables as two PDFs
  const tables = path.join(regional, 'jiangsu-2017-zhengxie-bangongting-2.pdf');
  const text = path.join(regional, 'jiangsu-2017-zhengxie-bangongting.pdf');
  const two = JSON.parse((await runCli(['validate', tables, '--json', '--text', text])).stdout) as Report;
  assert.equal(two.text?.source, 'jiangsu-2017-zhengxie-bangongting.pdf');
  assert.ok((two.text?.claims ?? 0) > 20);
});
