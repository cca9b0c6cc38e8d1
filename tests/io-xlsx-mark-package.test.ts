// The marked copy is written into the original package: a workbook with a chart, an image, an external
// link, data validations, conditional formats, defined names, custom properties, print titles and the
// clerk's own comment comes back with all of them as they were, byte for byte, plus our marks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type { Finding, Report } from '../src/core/model/findings';
import { summarize } from '../src/core/model/findings';
import { writeMarkedCopy, FILL_ERROR, FILL_WARNING, NOTE_PREFIX, RESULT_SHEET } from '../src/io/xlsx-mark';
import { readWorkbookFile } from '../src/io/xlsx-read';
import { openZip, writeZip, type OutPart } from '../src/io/xlsx/zip';
import { tmpDir } from './helpers/workbooks';

const FOREIGN = path.join(__dirname, 'fixtures', 'foreign');
const dir = tmpDir('mark-pkg');
const T1 = '1 部门预算收支总表';
const T3 = '3 部门预算支出总表';

/** Every part of a zip, inflated. */
function parts(file: string): Map<string, Buffer> {
  const zip = openZip(fs.readFileSync(file), file);
  const out = new Map<string, Buffer>();
  for (const e of zip.entries) {
    const h = e.localOffset;
    const start = h + 30 + zip.buf.readUInt16LE(h + 26) + zip.buf.readUInt16LE(h + 28);
    const raw = zip.buf.subarray(start, start + e.compressedSize);
    out.set(e.name, e.method === 0 ? Buffer.from(raw) : zlib.inflateRawSync(raw));
  }
  return out;
}

/** The fill colour (ARGB) of a cell in a marked package: its s -> cellXfs -> fills. */
function fillOf(p: Map<string, Buffer>, sheetPath: string, ref: string): string | undefined {
  const sheet = p.get(sheetPath)!.toString('utf8');
  const c = new RegExp(`<(?:\\w+:)?c [^>]*r="${ref}"[^>]*>`).exec(sheet)?.[0];
  const s = Number(/\ss="(\d+)"/.exec(c ?? '')?.[1] ?? 0);
  const styles = p.get('xl/styles.xml')!.toString('utf8');
  const xfs = [...(/<(?:\w+:)?cellXfs[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(styles)?.[1] ?? '').matchAll(/<(?:\w+:)?xf [^>]*>/g)].map((m) => m[0]);
  const fillId = Number(/fillId="(\d+)"/.exec(xfs[s] ?? '')?.[1] ?? 0);
  const fills = [...(/<(?:\w+:)?fills[^>]*>([\s\S]*?)<\/(?:\w+:)?fills>/.exec(styles)?.[1] ?? '').matchAll(/<(?:\w+:)?fill>([\s\S]*?)<\/(?:\w+:)?fill>/g)].map((m) => m[1]);
  return /fgColor rgb="([0-9A-F]{8})"/.exec(fills[fillId] ?? '')?.[1];
}

function sheetPaths(p: Map<string, Buffer>): Map<string, string> {
  const wb = p.get('xl/workbook.xml')!.toString('utf8');
  const rels = p.get('xl/_rels/workbook.xml.rels')!.toString('utf8');
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<(?:\w+:)?sheet [^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(m[0])![1];
    const id = /r:id="([^"]+)"/.exec(m[0])![1];
    const target = new RegExp(`<(?:\\w+:)?Relationship [^>]*Id="${id}"[^>]*>`).exec(rels)![0];
    const t = /Target="([^"]+)"/.exec(target)![1];
    out.set(name, t.startsWith('/') ? t.slice(1) : 'xl/' + t);
  }
  return out;
}

function report(findings: Finding[]): Report {
  return { tables: [], findings, summary: summarize(findings) };
}

const FINDINGS: Finding[] = [
  { rule: 'row-sum', severity: 'error', table: 'T3', message: '表3 合计应为 15.30，实为 15.00', cells: [{ sheet: T3, address: 'D6' }, { sheet: T3, address: 'B2' }, { sheet: T3, address: 'M60' }] },
  { rule: 'cross-t1-class', severity: 'warning', table: 'T1', message: '表1 与表3 不一致', cells: [{ sheet: T1, address: 'E6' }] },
];

test('marked copy of a workbook full of things: every part we do not need is byte-identical, ours added', async () => {
  const input = path.join(FOREIGN, 'openpyxl-full.xlsx');
  const out = path.join(dir, 'full-marked.xlsx');
  await writeMarkedCopy(input, out, report(FINDINGS));
  const a = parts(input);
  const b = parts(out);
  const paths = sheetPaths(a);
  const t1 = paths.get(T1)!;
  const t3 = paths.get(T3)!;
  const rels = (p: string) => p.replace(/([^/]+)$/, '_rels/$1.rels');
  const mayChange = new Set(['xl/styles.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml', t1, t3, rels(t1), rels(t3)]);
  // the comments and drawings of the two marked sheets
  for (const s of [t1, t3]) {
    const r = a.get(rels(s))?.toString('utf8') ?? '';
    for (const m of r.matchAll(/Type="[^"]*\/(comments|vmlDrawing)"[^>]*Target="([^"]+)"/g)) mayChange.add(m[2].startsWith('/') ? m[2].slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(s), m[2])));
  }
  const kept: string[] = [];
  for (const [name, data] of a) {
    assert.ok(b.has(name), `part kept: ${name}`);
    if (mayChange.has(name)) continue;
    assert.ok(data.equals(b.get(name)!), `part byte-identical: ${name}`);
    kept.push(name);
  }
  for (const want of [/chart/, /media\/image/, /externalLinks\/externalLink1\.xml$/, /docProps\/custom\.xml$/, /drawings\/drawing/]) {
    assert.ok(kept.some((n) => want.test(n)), `kept byte-identical: ${want}`);
  }
  // the marked sheets: same data validations, conditional formats, print setup; cells' values unchanged
  const x3a = a.get(t3)!.toString('utf8');
  const x3b = b.get(t3)!.toString('utf8');
  const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;
  assert.equal(count(x3b, /<(\w+:)?dataValidation /g), count(x3a, /<(\w+:)?dataValidation /g), 'data validations not doubled');
  assert.equal(count(x3b, /<(\w+:)?conditionalFormatting /g), count(x3a, /<(\w+:)?conditionalFormatting /g));
  assert.equal(/<(?:\w+:)?drawing [^>]*>/.exec(x3b)?.[0], /<(?:\w+:)?drawing [^>]*>/.exec(x3a)?.[0], 'the chart drawing stays linked');
  const wbB = b.get('xl/workbook.xml')!.toString('utf8');
  assert.match(wbB, /<definedName name="支出合计">/);
  assert.match(wbB, /_xlnm\.Print_Titles/);
  assert.match(wbB, /<externalReferences><externalReference r:id="rIdExt1"\/><\/externalReferences>/);
  const before = await readWorkbookFile(input);
  const after = await readWorkbookFile(out);
  assert.deepEqual(after.sheets.slice(0, before.sheets.length), before.sheets, 'every value, formula and merge as before');
  assert.equal(after.sheets[after.sheets.length - 1].name, RESULT_SHEET);
  // our marks
  const pb = sheetPaths(b);
  assert.equal(fillOf(b, pb.get(T3)!, 'D6'), FILL_ERROR);
  assert.equal(fillOf(b, pb.get(T3)!, 'M60'), FILL_ERROR, 'a cell that was not in the file');
  assert.equal(fillOf(b, pb.get(T1)!, 'E6'), FILL_WARNING);
  assert.equal(fillOf(b, pb.get(T3)!, 'D7'), fillOf(a, t3, 'D7'), 'neighbours keep their own format');
  const comments3 = [...b.entries()].filter(([n]) => /comments/.test(n)).map(([, d]) => d.toString('utf8')).join('');
  assert.match(comments3, /ref="D6"[^>]*>[\s\S]*?【预算公开校验】错误：表3 合计应为 15\.30/);
  assert.match(comments3, /请核对本表合计/, 'the clerk\'s comment on B2 is kept');
  assert.doesNotMatch(comments3, /ref="B2"[^>]*>(?:(?!<\/comment>)[\s\S])*【预算公开校验】/, 'no note of ours added to the clerk\'s comment');
  assert.ok(comments3.includes(NOTE_PREFIX));
});

test('marked copies of foreign-written workbooks (no r, x: prefix, inline strings, LibreOffice, xlsxwriter, Strict, UTF-16, GBK): read back the same, cells marked', async () => {
  for (const f of ['no-r.xlsx', 'x-prefix.xlsx', 'inline-strings.xlsx', 'libreoffice.xlsx', 'xlsxwriter-extras.xlsx', 'strict.xlsx', 'utf16.xlsx', 'gbk-strings.xlsx']) {
    const input = path.join(FOREIGN, f);
    const out = path.join(dir, f.replace('.xlsx', '-marked.xlsx'));
    await writeMarkedCopy(input, out, report(FINDINGS));
    const before = await readWorkbookFile(input);
    const after = await readWorkbookFile(out);
    assert.deepEqual(after.sheets.slice(0, before.sheets.length), before.sheets, f);
    const b = parts(out);
    const pb = sheetPaths(b);
    assert.equal(fillOf(b, pb.get(T3)!, 'D6'), FILL_ERROR, f);
    assert.equal(fillOf(b, pb.get(T3)!, 'M60'), FILL_ERROR, f);
    assert.equal(fillOf(b, pb.get(T1)!, 'E6'), FILL_WARNING, f);
    // what we add speaks the package's own dialect (Strict parts in a Strict package)
    const strict = /purl\.oclc\.org/.test(b.get('xl/workbook.xml')!.toString('utf8'));
    for (const [name, data] of b) {
      if (!/\.(xml|rels)$/.test(name)) continue;
      const text = data.toString('utf8');
      if (strict) assert.doesNotMatch(text, /schemas\.openxmlformats\.org\/(spreadsheetml|officeDocument\/2006\/relationships)/, `${f} ${name}`);
    }
  }
});

test('a package of more than 65,535 parts: the marked copy carries its count in a ZIP64 end record, every part kept', async () => {
  const src = path.join(FOREIGN, 'no-r.xlsx');
  const zip = openZip(fs.readFileSync(src), src);
  const empty = zlib.deflateRawSync(Buffer.alloc(0));
  const junk: OutPart[] = Array.from({ length: 70_000 }, (_, i) => ({ name: `customXml/junk${i}.bin`, deflated: empty, size: 0, crc: 0 }));
  const input = path.join(dir, 'many-parts.xlsx');
  fs.writeFileSync(input, writeZip(zip, [...zip.entries.map((e): OutPart => ({ name: e.name, copy: e })), ...junk], src));
  const out = path.join(dir, 'many-parts-marked.xlsx');
  await writeMarkedCopy(input, out, report(FINDINGS));
  const b = openZip(fs.readFileSync(out), out);
  const names = new Set(b.entries.map((e) => e.name));
  assert.ok(b.entries.length > 70_000 && [...zip.entries, ...junk].every((e) => names.has(e.name)), 'every part kept');
  const pb = parts(out);
  assert.equal(fillOf(pb, sheetPaths(pb).get(T3)!, 'D6'), FILL_ERROR);
});
