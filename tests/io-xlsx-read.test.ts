import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cellAt, cellText } from '../src/core/model/grid';
import { UserError } from '../src/io/errors';
import { readWorkbookBuffer, readWorkbookFile } from '../src/io/xlsx-read';
import { EXAMPLE_NAMES, loadExampleGrid, tmpDir, writeWorkbook } from './helpers/workbooks';

const dir = tmpDir('io-read');

test('reads every example disclosure: nine sheets, merged title kept only in its top-left cell', async () => {
  for (const name of EXAMPLE_NAMES) {
    const wb = await loadExampleGrid(name);
    assert.equal(wb.sheets.length, 9, name);
    for (const s of wb.sheets) {
      assert.ok(s.merges.length > 0, `${name} ${s.name} has merges`);
      for (const m of s.merges) {
        assert.ok(m.top <= m.bottom && m.left <= m.right);
        for (let r = m.top; r <= m.bottom; r++) {
          for (let c = m.left; c <= m.right; c++) {
            if (r === m.top && c === m.left) continue;
            assert.equal(cellText(cellAt(s, r, c)), '', `${name} ${s.name} merged part r${r}c${c} is empty`);
          }
        }
      }
    }
  }
});

test('cell values: numbers, text, booleans, rich text, hyperlinks, formulas, errors, dates, formats, hidden sheets', async () => {
  const file = path.join(dir, 'values.xlsx');
  await writeWorkbook(file, (wb) => {
    const ws = wb.addWorksheet('数据');
    ws.getCell('A1').value = 12.5;
    ws.getCell('A1').numFmt = '#,##0.00';
    ws.getCell('B1').value = '合计';
    ws.getCell('C1').value = true;
    ws.getCell('D1').value = { richText: [{ text: '部门预算', font: { bold: true } }, { text: '收支总表' }] };
    ws.getCell('E1').value = { text: '链接', hyperlink: 'https://example.org' };
    ws.getCell('A2').value = { formula: 'A1*2', result: 25 };
    ws.getCell('B2').value = { formula: 'A1/0', result: { error: '#DIV/0!' } };
    ws.getCell('C2').value = { error: '#REF!' };
    ws.getCell('D2').value = new Date(Date.UTC(2021, 0, 15));
    ws.getCell('E2').value = { formula: 'B1&"x"' };
    ws.getCell('A4').value = '标题';
    ws.mergeCells('A4:C5');
    const hidden = wb.addWorksheet('隐藏');
    hidden.state = 'hidden';
    hidden.getCell('A1').value = 1;
    const very = wb.addWorksheet('很隐藏');
    very.state = 'veryHidden';
  });
  const wb = await readWorkbookFile(file);
  const s = wb.sheets[0];
  assert.equal(s.name, '数据');
  assert.deepEqual(cellAt(s, 0, 0), { value: 12.5, numFmt: '#,##0.00' });
  assert.equal(cellAt(s, 0, 1)?.value, '合计');
  assert.equal(cellAt(s, 0, 2)?.value, true);
  assert.equal(cellAt(s, 0, 3)?.value, '部门预算收支总表');
  assert.equal(cellAt(s, 0, 4)?.value, '链接');
  assert.deepEqual({ v: cellAt(s, 1, 0)?.value, f: cellAt(s, 1, 0)?.formula }, { v: 25, f: 'A1*2' });
  assert.deepEqual({ v: cellAt(s, 1, 1)?.value, e: cellAt(s, 1, 1)?.error, f: cellAt(s, 1, 1)?.formula }, { v: null, e: '#DIV/0!', f: 'A1/0' });
  assert.deepEqual({ v: cellAt(s, 1, 2)?.value, e: cellAt(s, 1, 2)?.error }, { v: null, e: '#REF!' });
  assert.equal(cellAt(s, 1, 3)?.value, '2021-01-15');
  assert.deepEqual({ v: cellAt(s, 1, 4)?.value, f: cellAt(s, 1, 4)?.formula }, { v: null, f: 'B1&"x"' });
  assert.equal(cellAt(s, 3, 0)?.value, '标题');
  for (const [r, c] of [[3, 1], [3, 2], [4, 0], [4, 1], [4, 2]]) assert.equal(cellAt(s, r, c), undefined);
  assert.deepEqual(s.merges, [{ top: 3, left: 0, bottom: 4, right: 2 }]);
  assert.equal(s.rows[2]?.length ?? 0, 0, 'an empty row is an empty array');
  assert.equal(s.hidden, undefined);
  assert.equal(wb.sheets[1].hidden, true);
  assert.equal(wb.sheets[2].hidden, true);
});

async function userError(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof UserError, `expected a UserError, got ${String(e)}`);
    assert.ok(/[\u4e00-\u9fff]/.test(e.message), 'message is Chinese');
    assert.ok(!e.message.includes('\n'), 'message is one line');
    return e.message;
  }
  assert.fail('expected an error');
}

test('unreadable inputs become one-line Chinese UserErrors', async () => {
  const empty = path.join(dir, 'empty.xlsx');
  fs.writeFileSync(empty, '');
  assert.match(await userError(readWorkbookFile(empty)), /空/);

  const text = path.join(dir, 'text.xlsx');
  fs.writeFileSync(text, '科目编码,科目名称\n201,一般公共服务支出\n');
  assert.match(await userError(readWorkbookFile(text)), /不是有效的 Excel/);

  assert.match(await userError(readWorkbookFile(path.join(dir, 'missing.xlsx'))), /找不到文件/);
  assert.match(await userError(readWorkbookFile(dir)), /文件夹/);

  // a named pipe would block the read forever: refused up front
  if (process.platform !== 'win32') {
    const fifo = path.join(dir, 'pipe.xlsx');
    fs.rmSync(fifo, { force: true });
    (await import('node:child_process')).execFileSync('mkfifo', [fifo]);
    assert.match(await userError(readWorkbookFile(fifo)), /不是普通文件/);
  }

  const cfb = Buffer.alloc(2048);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb);
  const xls = path.join(dir, 'old.xls');
  fs.writeFileSync(xls, cfb);
  assert.match(await userError(readWorkbookFile(xls)), /97-2003/);

  const enc = Buffer.from(cfb);
  Buffer.from('EncryptionInfo', 'utf16le').copy(enc, 1024);
  const encrypted = path.join(dir, 'encrypted.xlsx');
  fs.writeFileSync(encrypted, enc);
  assert.match(await userError(readWorkbookFile(encrypted)), /密码/);

  const html = path.join(dir, 'export.xlsx');
  fs.writeFileSync(html, '<html><body><table><tr><td>1</td></tr></table></body></html>');
  assert.match(await userError(readWorkbookFile(html)), /网页/);

  // a zip that is not a workbook
  const zip = path.join(dir, 'broken.xlsx');
  fs.writeFileSync(zip, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]));
  assert.match(await userError(readWorkbookFile(zip)), /损坏|不是 Excel/);

  assert.match(await userError(readWorkbookBuffer(Buffer.alloc(0), 'x.xlsx')), /空/);
});

test('a workbook whose sheet or shared texts are cut off is refused as damaged, not read as rows left out', async () => {
  const JSZip = (await import('jszip')).default;
  const sample = fs.readFileSync(path.join(__dirname, '..', 'samples', 'sample-disclosure.xlsx'));
  const cut = async (part: string, keep: number) => {
    const zip = await JSZip.loadAsync(sample);
    const xml = await zip.file(part)!.async('string');
    zip.file(part, xml.slice(0, Math.floor(xml.length * keep)));
    const file = path.join(dir, `cut-${path.basename(part)}`);
    fs.writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
    return file;
  };
  // the sheet of 表3 ends in the middle of its rows: not “表3 lacks 221 住房保障支出”
  assert.match(await userError(readWorkbookFile(await cut('xl/worksheets/sheet3.xml', 0.5))), /工作表“3 部门预算支出总表”的内容不完整（在第 \d+ 行处中断），文件已损坏或被截断/);
  assert.match(await userError(readWorkbookFile(await cut('xl/sharedStrings.xml', 0.6))), /共享文本（xl\/sharedStrings\.xml）不完整/);
  // whole parts still read
  assert.equal((await readWorkbookFile(await cut('xl/worksheets/sheet3.xml', 1))).sheets.length, 9);
});
