// Reading the explanatory text from files (.docx, .txt in UTF-8 / GB18030 / UTF-16, a text sheet) and
// the command line around it: --text, folder pairing by base name, --json fields, the marked copy, and
// one Chinese line with exit 2 for anything unreadable.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { documentParagraphs } from '../src/io/docx';
import { readTextBytes } from '../src/io/text-read';
import { runCli, hasStackTrace } from './helpers/cli';
import { examplePath, loadExampleGrid } from './fixtures/helpers';
import { validateWorkbook } from '../src/core/validate/engine';
import type { Report } from '../src/core/model/findings';
import { folderLine } from '../src/cli/format';
import { isTextFinding } from '../src/core/model/findings';

const DIR = path.join(__dirname, 'text');
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

const w = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>${body}</w:body></w:document>`;

describe('Word paragraphs as Word shows them', () => {
  test('runs joined, tabs, line breaks, entities; deleted, hidden and field-code text left out', () => {
    const xml = w(
      '<w:p><w:r><w:t>基本支出</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"> 158.7</w:t></w:r><w:r><w:t>万元&amp;</w:t></w:r></w:p>' +
        '<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t></w:r></w:p>' +
        '<w:p><w:del><w:r><w:delText>旧数 220.19万元</w:delText></w:r></w:del><w:ins><w:r><w:t>新数 201.45万元</w:t></w:r></w:ins></w:p>' +
        '<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t>可见</w:t></w:r></w:p>' +
        '<w:p/>' +
        '<w:p><mc:AlternateContent><mc:Choice><w:r><w:t>框中文字</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>框中文字</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>',
    );
    assert.deepEqual(documentParagraphs(xml), ['基本支出 158.7万元&', '甲\t乙\n丙', '新数 201.45万元', '可见', '', '框中文字']);
  });

  test('a table row is one line, its cells separated by tabs', () => {
    const xml = w('<w:tbl><w:tr><w:tc><w:p><w:r><w:t>资产总额</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>131.06</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>后文</w:t></w:r></w:p>');
    assert.deepEqual(documentParagraphs(xml), ['资产总额\t131.06', '后文']);
  });
});

/** A compound (OLE) file as Word writes an encrypted .docx: streams EncryptionInfo and EncryptedPackage. */
function encryptedDocx(): Uint8Array {
  const b = new Uint8Array(2048);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  let at = 1024;
  for (const name of ['Root Entry', 'EncryptionInfo', 'EncryptedPackage']) {
    for (let i = 0; i < name.length; i++) b[at + i * 2] = name.charCodeAt(i);
    at += 128;
  }
  return b;
}

describe('unreadable texts: one clear Chinese sentence', () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ['空.docx', new Uint8Array(0), /是空文件/],
    ['坏.docx', bytes('这不是一个 Word 文件'), /已损坏或不是 Word 文档/],
    ['截断.docx', fs.readFileSync(path.join(DIR, 'julu2021-说明.docx')).subarray(0, 3000), /已损坏或不是 Word 文档/],
    ['加密.docx', encryptedDocx(), /设置了打开密码（已加密）/],
    ['旧版.doc', fs.readFileSync(path.join(DIR, 'gaoyi2026-说明.doc')), /旧版 Word 97-2003 文档（\.doc）/],
    ['空白.txt', bytes(' \n\n  \n'), /没有文字/],
    ['图片.png', bytes('x'), /须为 Word 文档（\.docx）或纯文本（\.txt）/],
  ];
  for (const [name, b, re] of cases) {
    test(name, async () => {
      await assert.rejects(readTextBytes(b, name), (e: Error) => e.name === 'UserError' && re.test(e.message) && !e.message.includes('\n'));
    });
  }

  test('encodings: UTF-8 with BOM, GB18030 (Notepad on Chinese Windows), UTF-16 with BOM', async () => {
    const utf8 = await readTextBytes(fs.readFileSync(path.join(DIR, 'julu2021-说明.txt')), 'u.txt');
    const gb = await readTextBytes(fs.readFileSync(path.join(DIR, 'julu2021-说明-gb18030.txt')), 'g.txt');
    assert.equal(gb.text, utf8.text);
    assert.ok(gb.text.includes('机关运行经费共计安排 14.97万元'));
    const bom = await readTextBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('基本支出 1万元')]), 'b.txt');
    assert.equal(bom.text, '基本支出 1万元');
    const u16 = new Uint8Array([0xff, 0xfe, ...Array.from('基本支出').flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    assert.equal((await readTextBytes(u16, 'c.txt')).text, '基本支出');
  });
});

describe('a text sheet in the workbook is checked without any option', () => {
  test('情况说明 sheet: read row by row, findings quote the sheet’s text', async () => {
    const g = await loadExampleGrid('julu2021');
    const lines = fs.readFileSync(path.join(DIR, 'julu2021-说明.txt'), 'utf8').split('\n').filter((l) => l.trim());
    const sheet = { name: '情况说明', rows: lines.map((l) => [{ value: l }]), merges: [] };
    g.sheets.push(sheet);
    const clean = validateWorkbook(g, {});
    assert.equal(clean.text?.source, '工作表“情况说明”');
    assert.equal(clean.text?.claims, 28);
    assert.equal(clean.findings.filter((f) => f.rule.startsWith('text-')).length, 0);
    const i = lines.findIndex((l) => l.includes('机关运行经费共计安排'));
    sheet.rows[i] = [{ value: lines[i].replace('14.97', '14.79') }];
    const rep = validateWorkbook(g, {});
    const f = rep.findings.find((x) => x.rule === 'text-figure');
    assert.ok(f);
    assert.equal(f!.quote, '机关运行经费共计安排 14.79万元');
    // the table cell compared, then the sheet's cell of the sentence
    assert.deepEqual(f!.cells, [
      { sheet: '6 部门预算一般公共预算财政拨款基本支出表', address: 'F6' },
      { sheet: '情况说明', address: `A${i + 1}` },
    ]);
  });
});

describe('command line', () => {
  test('validate <book> --text <说明.docx> --json: text findings carry quote, cells, expected, actual; report.text', async () => {
    const r = await runCli(['validate', examplePath('gaoyi2026'), '--text', path.join(DIR, 'gaoyi2026-说明.docx'), '--json']);
    assert.equal(r.code, 1, r.stderr);
    const rep = JSON.parse(r.stdout);
    assert.deepEqual(rep.text, { source: path.join(DIR, 'gaoyi2026-说明.docx'), claims: 27, checked: 21, unchecked: rep.text.unchecked });
    const sum = rep.findings.find((f: { rule: string }) => f.rule === 'text-sum');
    assert.ok(sum.quote.includes('减少165.01万元'));
    assert.equal(sum.expected, '-165.01 万元');
    assert.equal(sum.actual, '-74.51 万元');
    assert.deepEqual(sum.cells, []);
  });

  test('the text report: findings under their own heading', async () => {
    const r = await runCli(['validate', examplePath('laoting2022'), '--text', path.join(DIR, 'laoting2022-说明.txt')]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /情况说明：.*laoting2022-说明\.txt，读到 54 个数字，核对了 50 个/);
    assert.match(r.stdout, /【情况说明】1 个警告\n  警告：情况说明“办公取暖费1\.87”没有写金额单位/);
  });

  test('bad texts and usage: exit 2, one Chinese line, no stack', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'text-cli-'));
    fs.writeFileSync(path.join(tmp, '加密.docx'), encryptedDocx());
    fs.writeFileSync(path.join(tmp, '坏.docx'), fs.readFileSync(path.join(DIR, 'julu2021-说明.docx')).subarray(0, 3000));
    fs.writeFileSync(path.join(tmp, '空白.txt'), ' \n\n  \n');
    for (const [args, re] of [
      [['validate', examplePath('julu2021'), '--text', path.join(DIR, 'gaoyi2026-说明.doc')], /旧版 Word 97-2003/],
      [['validate', examplePath('julu2021'), '--text', path.join(tmp, '加密.docx')], /已加密/],
      [['validate', examplePath('julu2021'), '--text', path.join(tmp, '坏.docx')], /已损坏或不是 Word 文档/],
      [['validate', examplePath('julu2021'), '--text', path.join(tmp, '空白.txt')], /没有文字/],
      [['validate', examplePath('julu2021'), '--text', path.join(tmp, '没有.docx')], /找不到情况说明文件/],
      [['validate', examplePath('julu2021'), '--text'], /--text 后面需要一个情况说明文件/],
      [['validate', tmp, '--text', path.join(DIR, 'julu2021-说明.txt')], /校验文件夹时不用 --text/],
    ] as [string[], RegExp][]) {
      const r = await runCli(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}`);
      assert.match(r.stderr, re);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.ok(!hasStackTrace(r.stderr));
    }
  });

  test('folder mode pairs each workbook with the .docx / .txt of the same base name', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'text-folder-'));
    fs.copyFileSync(examplePath('julu2021'), path.join(tmp, '巨鹿.xlsx'));
    fs.copyFileSync(path.join(DIR, 'julu2021-说明.txt'), path.join(tmp, '巨鹿.txt'));
    fs.copyFileSync(examplePath('gaoyi2026'), path.join(tmp, '高邑.xlsx'));
    fs.copyFileSync(path.join(DIR, 'gaoyi2026-说明.docx'), path.join(tmp, '高邑.docx'));
    fs.writeFileSync(path.join(tmp, '其他.txt'), '与任何工作簿都不同名');
    const r = await runCli(['validate', tmp, '--json']);
    const reps = JSON.parse(r.stdout) as Report[];
    const by = (n: string) => reps.find((x) => x.file!.endsWith(n))!;
    assert.equal(by('巨鹿.xlsx').text!.source, path.join(tmp, '巨鹿.txt'));
    assert.equal(by('巨鹿.xlsx').findings.filter(isTextFinding).length, 0);
    assert.equal(by('高邑.xlsx').text!.claims, 27);
    assert.equal(folderLine('高邑.xlsx', { report: by('高邑.xlsx') }), '高邑.xlsx：识别到 9/9 张表，1 个错误，1 个警告（含情况说明 2 个问题）');
  });

  test('the marked copy marks the table cell a text finding names', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'text-mark-'));
    const txt = path.join(tmp, 's.txt');
    fs.writeFileSync(txt, fs.readFileSync(path.join(DIR, 'gaoyi2026-说明.txt'), 'utf8').replace('基本支出243.88万元', '基本支出220.19万元'));
    const out = path.join(tmp, 'marked.xlsx');
    const r = await runCli(['validate', examplePath('gaoyi2026'), '--text', txt, '--out', out]);
    assert.equal(r.code, 1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const cell = wb.getWorksheet('3 部门预算支出总表')!.getCell('E6');
    assert.equal((cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb, 'FFFFC7CE');
    assert.match(String(cell.note && typeof cell.note === 'object' ? JSON.stringify(cell.note) : cell.note), /基本支出220\.19万元/);
  });
});
