// pdfjs-dist (Mozilla's PDF.js) behind one function: PDF bytes -> the text runs of every page. The legacy
// build runs under Node without a worker, fonts, network or canvas; every failure becomes a Chinese message.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as vm from 'node:vm';
import { inflateSync } from 'node:zlib';
import { UserError } from '../errors';
import { pageOps, type OpList } from './content';
import type { PageText, TextRun } from './layout';
import { mayHoldTable } from './layout';
import { PdfObjects, type Dict } from './objects';
import { pageRules, type Rule } from './rules';

/** Pages beyond this are not read (a disclosure has 10–60; a 2,000-page file is not one). */
export const MAX_PAGES = 1000;

type PdfjsLib = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let lib: Promise<PdfjsLib> | undefined;

/**
 * pdfjs-dist is an ES module: loaded by a real dynamic import (TypeScript would turn import() into require).
 * Its worker module is loaded here too and handed over as `globalThis.pdfjsWorker` (pdfjs' own hook for
 * running without a worker thread), so both are in before the built-ins are put back (below).
 */
function pdfjs(): Promise<PdfjsLib> {
  if (!lib) {
    const load = new Function('u', 'return import(u)') as (u: string) => Promise<unknown>;
    const url = (m: string) => pathToFileURL(require.resolve(`pdfjs-dist/legacy/build/${m}`)).href;
    const restore = keepBuiltins();
    lib = (async () => {
      try {
        const main = (loadCached('pdf.mjs') ?? (await load(url('pdf.mjs')))) as PdfjsLib;
        const g = globalThis as { pdfjsWorker?: unknown };
        g.pdfjsWorker ??= loadCached('pdf.worker.mjs') ?? (await load(url('pdf.worker.mjs')));
        return main;
      } finally {
        restore();
      }
    })();
  }
  return lib;
}

/** pdfjs' modules compiled with V8's code cache, written once the first file has been read. */
const compiled: { script: vm.Script; file: string; write: boolean }[] = [];

/**
 * One of pdfjs' two modules (3.3 MB) loaded as a script with V8's code cache (Node 20 has no compile cache
 * for modules): parsing and compiling it, and later the functions it runs, is most of what loading costs.
 * The module's text is wrapped as a function (its one `export { … }` becomes the function's result,
 * `import.meta.url` its argument); the cache lives in node_modules/.cache/budget-disclosure, keyed by
 * pdfjs' version, the file's size and date, node's version and architecture, or in
 * BUDGET_PDF_CACHE_DIR. Undefined when that cannot be done (the module is then imported as usual);
 * BUDGET_PDF_CODE_CACHE=0 turns it off.
 */
function loadCached(name: string): unknown {
  if (process.env.BUDGET_PDF_CODE_CACHE === '0') return undefined;
  try {
    const file = require.resolve(`pdfjs-dist/legacy/build/${name}`);
    const src = fs.readFileSync(file, 'utf8');
    const at = src.lastIndexOf('\nexport {');
    const end = src.indexOf('}', at);
    const names = src.slice(at + 9, end);
    if (at < 0 || !/^[\s\w$,]+$/.test(names) || /\bimport\.meta(?!\.url)/.test(src)) return undefined;
    const wrapped = `(function (__meta) {"use strict";\n${src.slice(0, at).replace(/\bimport\.meta\.url\b/g, '__meta.url')}\nreturn {${names}};\n})`;
    const st = fs.statSync(file);
    const dir = process.env.BUDGET_PDF_CACHE_DIR || path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), '..', '.cache', 'budget-disclosure');
    // V8 checks a cache against the source's length only: the key names the very file
    const version = (require('pdfjs-dist/package.json') as { version: string }).version;
    const cache = path.join(dir, `${name}-${version}-${st.size}-${Math.round(st.mtimeMs)}-${process.version}-${process.arch}.v8cache`);
    let data: Buffer | undefined;
    try {
      data = fs.readFileSync(cache);
    } catch {
      // none yet
    }
    const script = new vm.Script(wrapped, { filename: file, cachedData: data });
    const out = (script.runInThisContext() as (meta: { url: string }) => unknown)({ url: pathToFileURL(file).href });
    compiled.push({ script, file: cache, write: !data || script.cachedDataRejected === true });
    return out;
  } catch {
    return undefined;
  }
}

/** Writes the code cache of pdfjs' modules (after a first read: the functions it ran are compiled by then). */
function writeCodeCache(): void {
  for (const c of compiled) {
    if (!c.write) continue;
    c.write = false;
    try {
      fs.mkdirSync(path.dirname(c.file), { recursive: true });
      const tmp = `${c.file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, c.script.createCachedData());
      fs.renameSync(tmp, c.file);
    } catch {
      // a read-only install: no cache
    }
  }
}

/**
 * The legacy build's core-js polyfills replace built-ins that Node already has (Array.prototype.push,
 * JSON.parse, JSON.stringify: slower, and for the whole process) besides adding missing ones that pdfjs
 * needs (Promise.withResolvers, Set methods …). Returns a function putting back every built-in that was
 * there before and was replaced; additions stay.
 */
function keepBuiltins(): () => void {
  const typed = Object.getPrototypeOf(Uint8Array) as object;
  const owners: object[] = [
    globalThis, Object, Object.prototype, Function.prototype, Array, Array.prototype, JSON, Math, Number, Number.prototype,
    String, String.prototype, RegExp.prototype, Promise, Promise.prototype, Map, Map.prototype, Set, Set.prototype,
    WeakMap.prototype, WeakSet.prototype, Symbol, Reflect, ArrayBuffer, ArrayBuffer.prototype, typed,
    (typed as { prototype: object }).prototype, Uint8Array, Uint8Array.prototype, Date.prototype, Error,
  ];
  const saved = owners.flatMap((o) => Reflect.ownKeys(o).map((k) => [o, k, Object.getOwnPropertyDescriptor(o, k)!] as const));
  return () => {
    for (const [o, k, d] of saved) {
      const now = Object.getOwnPropertyDescriptor(o, k);
      if (!now || (Object.is(now.value, d.value) && now.get === d.get && now.set === d.set)) continue;
      try {
        Object.defineProperty(o, k, d);
      } catch {
        // not configurable: left as it is
      }
    }
  };
}

function assetDir(sub: string): string {
  return path.join(path.dirname(require.resolve('pdfjs-dist/package.json')), sub) + path.sep;
}

export interface PdfText {
  pages: PageText[];
  /** pages whose text layer holds next to nothing (scanned images) */
  emptyPages: number;
  /** pages whose drawing operators were read without pdfjs (the others: pdfjs' operator list) */
  ownOps: number;
}

export interface ReadOptions {
  /** every page's drawing operators from pdfjs' operator list (the tests compare the two readers) */
  pdfjsOps?: boolean;
}

const PDF_MAGIC = '%PDF-';

/** Reads the text runs of every page. `name` is only used in messages. */
export async function readPdfText(data: Uint8Array, name: string, opts: ReadOptions = {}): Promise<PdfText> {
  checkSignature(data, name);
  const { getDocument, Util, OPS } = await pdfjs();
  const task = getDocument({
    // pdfjs takes ownership of (and detaches) the buffer it is given: hand it a copy
    data: new Uint8Array(data),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    stopAtErrors: false,
    verbosity: 0,
    cMapUrl: assetDir('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: assetDir('standard_fonts'),
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    if ((e as Error)?.name === 'PasswordException') {
      throw new UserError(`${name} 设有打开密码（已加密），无法读取。请取得未加密的 PDF 后再试。`);
    }
    if ((e as Error)?.name === 'InvalidPDFException') {
      throw new UserError(`无法读取 ${name}：PDF 文件已损坏或不完整。`);
    }
    throw new UserError(`无法读取 ${name}：PDF 文件已损坏或格式不受支持（${oneLine(e)}）。`);
  }
  try {
    if (doc.numPages > MAX_PAGES) {
      throw new UserError(`${name} 有 ${doc.numPages} 页，超过 ${MAX_PAGES} 页的上限，不像是一份部门预算公开文件，未读取。`);
    }
    // the drawing operators are read from the content streams (src/io/pdf/content.ts); pdfjs' operator
    // list (which also builds every glyph's outline) only for a page that reader does not follow
    const own = opts.pdfjsOps ? undefined : ownPages(data, doc.numPages);
    let ownOps = 0;
    // pages are asked for together (pdfjs answers them in turn; no waiting between one and the next)
    const texts = await Promise.all(
      Array.from({ length: doc.numPages }, async (_, i) => {
        const page = await doc.getPage(i + 1);
        const content = await page.getTextContent({ disableNormalization: false });
        // the page as displayed (a /Rotate 90 page turned upright): user space -> device space (y down)
        const vp = page.getViewport({ scale: 1 });
        const m = vp.transform as number[];
        // the ruling lines of a page with figures on it (drawing operators are read only there)
        let rules: Rule[] | undefined;
        if (mayHoldTable(content.items.map((it) => ('str' in it ? it.str : '')))) {
          const read = own && opsOf(own, i, OPS);
          if (read) ownOps++;
          const ops = read || (await page.getOperatorList());
          rules = pageRules(ops.fnArray, ops.argsArray, OPS, m, vp.height);
        }
        const out = { vp: { m, width: vp.width, height: vp.height }, items: content.items, rules };
        page.cleanup();
        return out;
      }),
    );
    const pages: PageText[] = [];
    let emptyPages = 0;
    texts.forEach(({ vp, items, rules }, i) => {
      const runs: TextRun[] = [];
      let chars = 0;
      for (const it of items) {
        if (!('str' in it) || !it.str) continue;
        const [a, b, c, d, e, f] = Util.transform(vp.m, it.transform as number[]) as number[];
        // horizontal text as displayed only (a rotated stamp or a vertical label is no table cell)
        if (Math.abs(b) > 1e-3 * Math.abs(a) || Math.abs(c) > 1e-3 * Math.abs(d) || a <= 0 || d >= 0) continue;
        const size = Math.hypot(c, d) || it.height;
        const width = it.width;
        if (!Number.isFinite(e) || !Number.isFinite(f) || !Number.isFinite(width)) continue;
        // layout works upright with y growing upwards
        runs.push({ str: it.str, x0: e, x1: e + width, y: vp.height - f, size });
        chars += it.str.trim().length;
      }
      if (chars < 5) emptyPages++;
      pages.push({ page: i + 1, width: vp.width, height: vp.height, runs, rules, toUser: toUser(vp.m, vp.height) });
    });
    writeCodeCache();
    return { pages, emptyPages, ownOps };
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`无法读取 ${name}：PDF 内容无法解析（${oneLine(e)}）。`);
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

interface OwnPages {
  objs: PdfObjects;
  pages: { dict: Dict; resources: Dict }[];
}

/** The file's objects and pages as read without pdfjs; undefined when that reader cannot follow the file. */
function ownPages(data: Uint8Array, numPages: number): OwnPages | undefined {
  try {
    // a stream inflating beyond 64 MB (no page's drawing is that large: a bomb) is left to pdfjs
    const objs = new PdfObjects(data, (d) => inflateSync(d, { maxOutputLength: 64 * 1024 * 1024 }));
    const pages = objs.pages();
    // the same pages as pdfjs found, or none
    return pages.length === numPages ? { objs, pages } : undefined;
  } catch {
    return undefined;
  }
}

/** A page's drawing operators read without pdfjs; undefined where that reader does not follow the page. */
function opsOf(own: OwnPages, i: number, ops: Parameters<typeof pageOps>[2]): OpList | undefined {
  try {
    return pageOps(own.objs, own.pages[i], ops);
  } catch {
    return undefined;
  }
}

/** Upright page coordinates (y up) -> PDF user space: the inverse of the viewport's transform. */
function toUser(m: number[], height: number): [number, number, number, number, number, number] {
  const [a, b, c, d, e, f] = m;
  const det = a * d - b * c;
  const inv = [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det];
  // (x, yUp) -> device (x, height - yUp) -> user
  return [inv[0], inv[1], -inv[2], -inv[3], inv[2] * height + inv[4], inv[3] * height + inv[5]];
}

function checkSignature(data: Uint8Array, name: string): void {
  if (data.length === 0) throw new UserError(`文件是空的（0 字节）：${name}`);
  // the header may follow some junk bytes (allowed within the first 1024)
  const head = Buffer.from(data.buffer, data.byteOffset, Math.min(data.byteLength, 1024)).toString('latin1');
  if (head.indexOf(PDF_MAGIC) < 0) throw new UserError(`${name} 不是有效的 PDF 文件（可能已损坏，或是改了扩展名的其他文件）。`);
}

function oneLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.replace(/\s*\r?\n\s*/g, ' ').trim().slice(0, 200);
}
