// Marked copy of a PDF (pdf-lib): a highlight on every figure a finding names, its note holding the
// findings, and a note on the first page listing them all. The input is only read; the copy is new bytes.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import type { Report, Severity } from '../../core/model/findings';
import { markPlan } from '../../core/model/marks';
import { UserError } from '../errors';

const COLOUR: Record<Severity, [number, number, number]> = {
  error: [1, 0.45, 0.45],
  warning: [1, 0.85, 0.3],
  info: [0.55, 0.75, 1],
};

const SEVERITY_TEXT: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
const AUTHOR = '预算公开校验';

/** The marked copy's bytes. `bytes`: the PDF as read (not changed). */
export async function markPdf(bytes: Uint8Array, report: Report): Promise<Uint8Array> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (e) {
    throw new UserError(`无法生成标记副本：PDF 无法由标注程序读取（${(e as Error).message.split('\n')[0]}）。`);
  }
  const pages = doc.getPages();
  const { marks } = markPlan(report);
  // the box of each marked cell: from the findings' cells (placed by placeReport)
  const boxes = new Map<string, NonNullable<Report['findings'][number]['cells'][number]['box']>>();
  for (const f of report.findings) for (const c of f.cells) if (c.box) boxes.set(`${c.sheet}\u0000${c.address.toUpperCase()}`, c.box);
  for (const [key, m] of marks) {
    const box = boxes.get(key);
    if (!box) continue;
    const page = pages[box.page - 1];
    if (!page) continue;
    const place = m.findings[0]?.cells.find((c) => `${c.sheet}\u0000${c.address.toUpperCase()}` === key)?.place ?? '';
    const lines = m.findings.map((f, i) => `${m.findings.length > 1 ? `${i + 1}. ` : ''}${SEVERITY_TEXT[f.severity]}：${f.message}`);
    addHighlight(doc, page.ref, page.node, box, COLOUR[m.severity], `${place}\n${lines.join('\n')}`);
  }
  // every finding, also those naming no printed cell, on the first page
  if (pages.length > 0) {
    const all = report.findings.map((f, i) => `${i + 1}. ${SEVERITY_TEXT[f.severity]}：${f.message}${f.cells[0]?.place ? `（${f.cells[0].place}）` : ''}`);
    const summary = `校验结果：共 ${report.summary.errors} 个错误，${report.summary.warnings} 个警告。` + (all.length ? '\n' + all.join('\n') : '\n未发现问题。');
    const p = pages[0];
    const { height } = p.getSize();
    addNote(doc, p.node, 8, height - 28, summary);
  }
  return doc.save({ useObjectStreams: false, addDefaultPage: false });
}

function text(s: string): PDFHexString {
  return PDFHexString.fromText(s);
}

function addAnnot(doc: PDFDocument, pageNode: PDFDict, dict: PDFDict): void {
  const ref = doc.context.register(dict);
  let annots = pageNode.lookupMaybe(PDFName.of('Annots'), PDFArray);
  if (!annots) {
    annots = doc.context.obj([]);
    pageNode.set(PDFName.of('Annots'), annots);
  }
  annots.push(ref);
}

function addHighlight(doc: PDFDocument, pageRef: unknown, pageNode: PDFDict, b: { x0: number; y0: number; x1: number; y1: number }, rgb: [number, number, number], note: string): void {
  const x0 = b.x0 - 1;
  const y0 = b.y0 - 1;
  const x1 = b.x1 + 1;
  const y1 = b.y1 + 1;
  const ctx = doc.context;
  // appearance: the rectangle multiplied over the text, so viewers without their own drawing show it too
  const gs = ctx.obj({ Type: 'ExtGState', BM: 'Multiply', ca: 0.6, CA: 0.6 });
  const stream = ctx.stream(`/GS0 gs ${rgb.map((v) => v.toFixed(3)).join(' ')} rg ${x0.toFixed(2)} ${y0.toFixed(2)} ${(x1 - x0).toFixed(2)} ${(y1 - y0).toFixed(2)} re f`, {
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [x0, y0, x1, y1],
    Resources: { ExtGState: { GS0: gs } },
  });
  const ap = ctx.register(stream);
  const dict = ctx.obj({
    Type: 'Annot',
    Subtype: 'Highlight',
    Rect: [x0, y0, x1, y1],
    QuadPoints: [x0, y1, x1, y1, x0, y0, x1, y0],
    C: rgb,
    CA: 0.6,
    F: 4,
    AP: { N: ap },
  });
  dict.set(PDFName.of('Contents'), text(note));
  dict.set(PDFName.of('T'), text(AUTHOR));
  dict.set(PDFName.of('NM'), PDFString.of(`budget-${x0.toFixed(1)}-${y0.toFixed(1)}`));
  dict.set(PDFName.of('P'), pageRef as never);
  addAnnot(doc, pageNode, dict);
}

function addNote(doc: PDFDocument, pageNode: PDFDict, x: number, y: number, note: string): void {
  const dict = doc.context.obj({
    Type: 'Annot',
    Subtype: 'Text',
    Rect: [x, y, x + 20, y + 20],
    Name: 'Comment',
    C: [1, 0.45, 0.45],
    F: 4,
    Open: false,
  });
  dict.set(PDFName.of('Contents'), text(note));
  dict.set(PDFName.of('T'), text(AUTHOR));
  dict.set(PDFName.of('Border'), doc.context.obj([0, 0, PDFNumber.of(0)]));
  addAnnot(doc, pageNode, dict);
}

/** Writes the marked copy; never onto the input, never over an existing file without `force`. */
export async function writeMarkedPdf(bytes: Uint8Array, outPath: string, report: Report, force: boolean): Promise<void> {
  if (!force) {
    const there = await fs.stat(outPath).then(
      () => true,
      () => false,
    );
    if (there) throw new UserError(`标记副本已存在：${outPath}。如确需覆盖，请加 --force。`);
  }
  const out = await markPdf(bytes, report);
  try {
    await fs.mkdir(path.dirname(path.resolve(outPath)), { recursive: true });
    await fs.writeFile(outPath, out);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EBUSY' || code === 'EPERM' || code === 'EACCES') throw new UserError(`无法写入 ${outPath}：文件可能正在被其他程序打开，或没有写入权限。`);
    throw new UserError(`无法写入 ${outPath}：${(e as Error).message}`);
  }
}
