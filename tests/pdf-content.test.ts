// The ruling lines read from the content streams themselves (src/io/pdf/objects.ts, content.ts) are those
// read from pdfjs' operator list, page by page: on real published PDFs, a PDF printed by LibreOffice, and
// a PDF written here with what the reader must follow (forms, object streams, CMYK and gray, white fills)
// and what it must leave to pdfjs (an inline image, a soft mask).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PDFDocument, PDFName, StandardFonts, cmyk, grayscale, rgb } from 'pdf-lib';
import { readPdfText, type PdfText } from '../src/io/pdf/pdfjs';
import { SHARED } from './fixtures/helpers';

const rulesOf = (t: PdfText) => t.pages.map((p) => p.rules);
const tablePages = (t: PdfText) => t.pages.filter((p) => p.rules).length;

async function both(bytes: Uint8Array): Promise<{ own: PdfText; pdfjs: PdfText }> {
  const own = await readPdfText(bytes, 'x.pdf');
  const pdfjs = await readPdfText(bytes, 'x.pdf', { pdfjsOps: true });
  assert.equal(pdfjs.ownOps, 0);
  return { own, pdfjs };
}

const FILES = [
  path.join(SHARED, 'regional', 'pdf', 'jiangsu-2017-renda-bangongting.pdf'),
  path.join(SHARED, 'regional', 'pdf', 'shanghai-putuo-2024-shehui-fuliyuan-unit.pdf'),
  path.join(__dirname, 'pdf', 'trial-shanghai-putuo-2026-chengguan-dept-borders.pdf'),
];

for (const file of FILES) {
  test(`${path.basename(file)}: every table page's ruling lines read from its content streams, the same as from pdfjs`, async () => {
    const { own, pdfjs } = await both(new Uint8Array(fs.readFileSync(file)));
    assert.ok(tablePages(own) > 3);
    assert.equal(own.ownOps, tablePages(own), 'every page read without pdfjs');
    assert.ok(rulesOf(own).some((r) => r && r.length > 20), 'ruled tables found');
    assert.deepEqual(rulesOf(own), rulesOf(pdfjs));
  });
}

/** A page with three figures (so its rules are read) drawn in Helvetica. */
async function figurePage(doc: PDFDocument) {
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  ['1.00', '2.00', '3.00'].forEach((t, i) => page.drawText(t, { x: 60 + 100 * i, y: 780, size: 10, font }));
  return page;
}

test('a written PDF: lines, thin fills, a white fill, CMYK and gray, a scaled form, object streams', async () => {
  const doc = await PDFDocument.create();
  const page = await figurePage(doc);
  page.drawRectangle({ x: 50, y: 700, width: 400, height: 0.8, color: rgb(0, 0, 0) });
  page.drawRectangle({ x: 50, y: 650, width: 400, height: 1, color: rgb(1, 1, 1) });
  page.drawRectangle({ x: 50, y: 640, width: 0.6, height: 60, color: cmyk(0, 0, 0, 1) });
  page.drawLine({ start: { x: 50, y: 600 }, end: { x: 450, y: 600 }, thickness: 0.5, color: grayscale(0.2) });
  page.drawLine({ start: { x: 450, y: 600 }, end: { x: 450, y: 700 }, thickness: 0.5, color: cmyk(0.1, 0.2, 0.3, 0.4) });
  // 0.94 is 239.7 of 255: white enough (pdfjs rounds it to #f0f0f0), no rule
  page.drawLine({ start: { x: 60, y: 560 }, end: { x: 440, y: 560 }, thickness: 0.5, color: grayscale(0.94) });
  const src = await PDFDocument.create();
  const sp = src.addPage([300, 200]);
  sp.drawRectangle({ x: 10, y: 10, width: 280, height: 180, borderWidth: 0.75, borderColor: rgb(0, 0, 0) });
  sp.drawLine({ start: { x: 10, y: 100 }, end: { x: 290, y: 100 }, thickness: 0.5 });
  const form = await doc.embedPage(sp);
  page.drawPage(form, { x: 100, y: 100, xScale: 0.75, yScale: 0.5 });
  // a form of its own with a matrix, painted in a nested q … cm
  const fx = doc.context.flateStream('0 0 0 RG 0.5 w 0 0 m 200 0 l S 0 0 m 0 100 l S q 0 0 1 rg 10 10 180 1 re f Q', {
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [0, 0, 300, 200],
    Matrix: [0.5, 0, 0, 0.75, 20, 30],
  });
  page.node.setXObject(PDFName.of('Fx9'), doc.context.register(fx));
  page.node.addContentStream(doc.context.register(doc.context.flateStream('\nq 1 0 0 1 300 150 cm q /Fx9 Do Q Q\n')));
  // a colour space set within q … Q is gone after it (gray again: nearly white); a box closed by `s`
  page.node.addContentStream(doc.context.register(doc.context.flateStream('\nq /DeviceRGB cs Q 0.95 sc 60 520 380 0.5 re f 0 G 100 100 m 100 200 l 200 200 l 200 100 l s\n')));
  const bytes = await doc.save({ useObjectStreams: true });
  const { own, pdfjs } = await both(bytes);
  assert.equal(own.ownOps, 1);
  const rules = own.pages[0].rules!;
  // the black and CMYK lines, the forms' lines: no white or nearly white one
  assert.ok(rules.length >= 10, `${rules.length} rules`);
  assert.ok(rules.some((r) => r.x0 === 320 && r.x1 === 320), 'the second form (its matrix applied)');
  assert.ok(!rules.some((r) => [650, 560, 520].some((y) => Math.abs(r.y0 - y) < 2)));
  assert.deepEqual(rulesOf(own), rulesOf(pdfjs));
});

test('a page with an inline image or a soft mask is left to pdfjs, with the same rules', async () => {
  const doc = await PDFDocument.create();
  const raw = (page: Awaited<ReturnType<typeof figurePage>>, ops: string) => {
    page.node.addContentStream(doc.context.register(doc.context.flateStream(ops)));
  };
  const p1 = await figurePage(doc);
  raw(p1, '\nq 0 0 0 RG 1 w 50 500 m 500 500 l S Q BI /W 1 /H 1 /BPC 8 /CS /G ID \x80 EI 50 400 450 0.5 re f\n');
  const p2 = await figurePage(doc);
  const gs = doc.context.obj({ Type: 'ExtGState', SMask: { Type: 'Mask', S: 'Luminosity' } });
  p2.node.setExtGState(PDFName.of('GS9'), doc.context.register(gs));
  raw(p2, '\n/GS9 gs 50 400 450 0.5 re f\n');
  const p3 = await figurePage(doc);
  raw(p3, '\n0 0 1 rg 50 300 450 0.5 re f 0 0 0 RG 300 100 m 300 700 l S\n');
  const { own, pdfjs } = await both(await doc.save({ useObjectStreams: false }));
  assert.equal(own.ownOps, 1);
  assert.ok(own.pages.every((p) => p.rules && p.rules.length > 0));
  assert.deepEqual(rulesOf(own), rulesOf(pdfjs));
});
