// A minimal reader of a PDF's objects: cross-reference tables and streams, object streams, the page tree,
// FlateDecode streams (the inflater is handed in). Enough to read a page's content streams and resources
// without pdfjs; anything it does not know (encryption, other filters, a broken xref) throws `Unsupported`
// and the caller falls back to pdfjs. Pure: no Node API.

export class Unsupported extends Error {}

export class Name {
  constructor(readonly name: string) {}
}
export class Ref {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}
export class Cmd {
  constructor(readonly cmd: string) {}
}
/** A string operand (its bytes are not needed here). */
export class PdfString {}
export type Dict = Map<string, Value>;
export class Stream {
  constructor(
    readonly dict: Dict,
    /** the encoded bytes */
    readonly raw: Uint8Array,
    readonly ref?: Ref,
  ) {}
}
export type Value = number | boolean | null | Name | Ref | Dict | Value[] | PdfString | Stream;

export const EOF = Symbol('EOF');
const OPEN_ARRAY = Symbol('[');
const CLOSE_ARRAY = Symbol(']');
const OPEN_DICT = Symbol('<<');
const CLOSE_DICT = Symbol('>>');
type Token = number | Name | PdfString | Cmd | typeof EOF | typeof OPEN_ARRAY | typeof CLOSE_ARRAY | typeof OPEN_DICT | typeof CLOSE_DICT;

/** 1: white space, 2: delimiter, 0: regular. */
const CLASS = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) CLASS[c] = 1;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = 2;

const cmds = new Map<string, Cmd>();
function cmdOf(s: string): Cmd {
  let c = cmds.get(s);
  if (!c) cmds.set(s, (c = new Cmd(s)));
  return c;
}

/** Tokens of PDF syntax (objects and content streams). */
export class Lexer {
  constructor(
    readonly b: Uint8Array,
    public pos = 0,
    readonly end = b.length,
  ) {}

  skipSpace(): void {
    const b = this.b;
    let p = this.pos;
    while (p < this.end) {
      const c = b[p];
      if (CLASS[c] === 1) p++;
      else if (c === 0x25) {
        // comment to the end of the line
        while (p < this.end && b[p] !== 0x0a && b[p] !== 0x0d) p++;
      } else break;
    }
    this.pos = p;
  }

  next(): Token {
    this.skipSpace();
    const b = this.b;
    let p = this.pos;
    if (p >= this.end) return EOF;
    const c = b[p];
    if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e) return this.number();
    if (c === 0x2f) {
      // name (#xx escapes)
      let s = '';
      p++;
      while (p < this.end && CLASS[b[p]] === 0) {
        if (b[p] === 0x23 && p + 2 < this.end) {
          const h = parseInt(String.fromCharCode(b[p + 1], b[p + 2]), 16);
          if (Number.isNaN(h)) throw new Unsupported('name escape');
          s += String.fromCharCode(h);
          p += 3;
        } else s += String.fromCharCode(b[p++]);
      }
      this.pos = p;
      return new Name(s);
    }
    if (c === 0x28) {
      // literal string: balanced parentheses, backslash escapes
      let depth = 1;
      p++;
      while (p < this.end && depth > 0) {
        const d = b[p++];
        if (d === 0x5c) p++;
        else if (d === 0x28) depth++;
        else if (d === 0x29) depth--;
      }
      if (depth > 0) throw new Unsupported('unterminated string');
      this.pos = p;
      return new PdfString();
    }
    if (c === 0x3c) {
      if (b[p + 1] === 0x3c) {
        this.pos = p + 2;
        return OPEN_DICT;
      }
      while (p < this.end && b[p] !== 0x3e) p++;
      if (p >= this.end) throw new Unsupported('unterminated hex string');
      this.pos = p + 1;
      return new PdfString();
    }
    if (c === 0x3e) {
      if (b[p + 1] !== 0x3e) throw new Unsupported('stray >');
      this.pos = p + 2;
      return CLOSE_DICT;
    }
    if (c === 0x5b) {
      this.pos = p + 1;
      return OPEN_ARRAY;
    }
    if (c === 0x5d) {
      this.pos = p + 1;
      return CLOSE_ARRAY;
    }
    if (CLASS[c] === 2) throw new Unsupported(`delimiter ${String.fromCharCode(c)}`);
    let s = '';
    while (p < this.end && CLASS[b[p]] === 0) s += String.fromCharCode(b[p++]);
    this.pos = p;
    return cmdOf(s);
  }

  /** A number as pdfjs' lexer computes it (digits accumulated, one division); odd forms are unsupported. */
  private number(): number {
    const b = this.b;
    let p = this.pos;
    let sign = 1;
    if (b[p] === 0x2d) {
      sign = -1;
      p++;
    } else if (b[p] === 0x2b) p++;
    let divideBy = 0;
    if (b[p] === 0x2e) {
      divideBy = 10;
      p++;
    }
    let ch = b[p];
    if (!(ch >= 0x30 && ch <= 0x39)) throw new Unsupported('number');
    let value = ch - 0x30;
    p++;
    while (p < this.end) {
      ch = b[p];
      if (ch >= 0x30 && ch <= 0x39) {
        if (divideBy !== 0) divideBy *= 10;
        value = value * 10 + (ch - 0x30);
      } else if (ch === 0x2e) {
        if (divideBy === 0) divideBy = 1;
        else throw new Unsupported('number');
      } else if (ch === 0x2d || ch === 0x2b) throw new Unsupported('number');
      else break;
      p++;
    }
    if (p < this.end && CLASS[b[p]] === 0 && !(b[p] >= 0x41)) throw new Unsupported('number');
    this.pos = p;
    if (divideBy !== 0) value /= divideBy;
    return sign * value;
  }
}

function isCmd(t: unknown, s: string): boolean {
  return t instanceof Cmd && t.cmd === s;
}

/** Builds arrays and dictionaries from tokens; `refs` reads `n g R`. */
export function readValue(lx: Lexer, t: Token, refs: boolean): Value {
  if (t === OPEN_ARRAY) {
    const out: Value[] = [];
    for (;;) {
      const u = lx.next();
      if (u === CLOSE_ARRAY) return out;
      if (u === EOF) throw new Unsupported('unterminated array');
      out.push(readValue(lx, u, refs));
    }
  }
  if (t === OPEN_DICT) {
    const out: Dict = new Map();
    for (;;) {
      const k = lx.next();
      if (k === CLOSE_DICT) return out;
      if (!(k instanceof Name)) throw new Unsupported('dictionary key');
      out.set(k.name, readValue(lx, lx.next(), refs));
    }
  }
  if (typeof t === 'number') {
    if (refs && Number.isInteger(t) && t >= 0) {
      const save = lx.pos;
      const g = lx.next();
      if (typeof g === 'number' && Number.isInteger(g)) {
        const r = lx.next();
        if (isCmd(r, 'R')) return new Ref(t, g);
      }
      lx.pos = save;
    }
    return t;
  }
  if (t instanceof Name || t instanceof PdfString) return t;
  if (t instanceof Cmd) {
    if (t.cmd === 'true') return true;
    if (t.cmd === 'false') return false;
    if (t.cmd === 'null') return null;
  }
  throw new Unsupported('unexpected token');
}

export type Inflate = (data: Uint8Array) => Uint8Array;

type Entry = { type: 1; offset: number; gen: number } | { type: 2; stream: number; index: number } | { type: 0 };

const latin1 = (b: Uint8Array, a: number, z: number) => String.fromCharCode(...b.subarray(a, z));

/** The objects of one PDF file. */
export class PdfObjects {
  private readonly entries = new Map<number, Entry>();
  private readonly cache = new Map<number, Value>();
  private readonly objStms = new Map<number, { data: Uint8Array; offsets: Map<number, number> }>();
  readonly trailer: Dict;

  constructor(
    readonly bytes: Uint8Array,
    readonly inflate: Inflate,
  ) {
    this.trailer = this.readXrefs();
    if (this.trailer.has('Encrypt')) throw new Unsupported('encrypted');
  }

  private readXrefs(): Dict {
    const b = this.bytes;
    const tail = latin1(b, Math.max(0, b.length - 1024), b.length);
    const at = tail.lastIndexOf('startxref');
    if (at < 0) throw new Unsupported('no startxref');
    const m = /^startxref\s+(\d+)/.exec(tail.slice(at));
    if (!m) throw new Unsupported('startxref');
    let offset: number | undefined = Number(m[1]);
    let trailer: Dict | undefined;
    const seen = new Set<number>();
    while (offset !== undefined) {
      if (seen.has(offset) || offset >= b.length) throw new Unsupported('xref chain');
      seen.add(offset);
      const lx = new Lexer(b, offset);
      const t = lx.next();
      let dict: Dict;
      if (isCmd(t, 'xref')) {
        dict = this.readTable(lx);
        const stm = dict.get('XRefStm');
        if (typeof stm === 'number') this.readXrefStream(new Lexer(b, stm), stm);
      } else dict = this.readXrefStream(lx, offset, t);
      trailer ??= dict;
      const prev = dict.get('Prev');
      offset = typeof prev === 'number' ? prev : undefined;
    }
    return trailer!;
  }

  private setEntry(num: number, e: Entry): void {
    // a free entry is not kept (a hybrid file's table lists as free what its XRefStm holds)
    if (e.type !== 0 && !this.entries.has(num)) this.entries.set(num, e);
  }

  private readTable(lx: Lexer): Dict {
    for (;;) {
      const t = lx.next();
      if (isCmd(t, 'trailer')) {
        const d = readValue(lx, lx.next(), true);
        if (!(d instanceof Map)) throw new Unsupported('trailer');
        return d;
      }
      const count = lx.next();
      if (typeof t !== 'number' || typeof count !== 'number') throw new Unsupported('xref table');
      for (let i = 0; i < count; i++) {
        const off = lx.next();
        const gen = lx.next();
        const kind = lx.next();
        if (typeof off !== 'number' || typeof gen !== 'number' || !(kind instanceof Cmd)) throw new Unsupported('xref entry');
        if (kind.cmd === 'n') this.setEntry(t + i, { type: 1, offset: off, gen });
        else if (kind.cmd === 'f') this.setEntry(t + i, { type: 0 });
        else throw new Unsupported('xref entry');
      }
    }
  }

  private readXrefStream(lx: Lexer, offset: number, first?: Token): Dict {
    const s = this.readIndirect(lx, offset, first).value;
    if (!(s instanceof Stream) || !(s.dict.get('Type') instanceof Name) || (s.dict.get('Type') as Name).name !== 'XRef') throw new Unsupported('xref stream');
    const w = s.dict.get('W');
    if (!Array.isArray(w) || w.length !== 3 || !w.every((x) => typeof x === 'number')) throw new Unsupported('xref W');
    const [w0, w1, w2] = w as number[];
    const size = s.dict.get('Size');
    const index = (s.dict.get('Index') ?? [0, size]) as Value[];
    const data = this.decode(s);
    const row = w0 + w1 + w2;
    let p = 0;
    const field = (n: number, dflt: number) => {
      if (n === 0) return dflt;
      let v = 0;
      for (let k = 0; k < n; k++) v = v * 256 + data[p++];
      return v;
    };
    for (let k = 0; k + 1 < index.length; k += 2) {
      const start = index[k];
      const count = index[k + 1];
      if (typeof start !== 'number' || typeof count !== 'number') throw new Unsupported('xref Index');
      for (let i = 0; i < count; i++) {
        if (p + row > data.length) throw new Unsupported('xref stream short');
        const type = field(w0, 1);
        const a = field(w1, 0);
        const c = field(w2, 0);
        if (type === 0) this.setEntry(start + i, { type: 0 });
        else if (type === 1) this.setEntry(start + i, { type: 1, offset: a, gen: c });
        else if (type === 2) this.setEntry(start + i, { type: 2, stream: a, index: c });
      }
    }
    return s.dict;
  }

  /** `n g obj … endobj` at the lexer's position (a stream's bytes located by its /Length). */
  private readIndirect(lx: Lexer, offset: number, first?: Token): { num: number; value: Value } {
    const num = first ?? lx.next();
    const gen = lx.next();
    const obj = lx.next();
    if (typeof num !== 'number' || typeof gen !== 'number' || !isCmd(obj, 'obj')) throw new Unsupported(`object at ${offset}`);
    const value = readValue(lx, lx.next(), true);
    const save = lx.pos;
    const t = lx.next();
    if (isCmd(t, 'stream') && value instanceof Map) {
      const b = this.bytes;
      let p = lx.pos;
      if (b[p] === 0x0d) p++;
      if (b[p] === 0x0a) p++;
      let len = value.get('Length');
      if (len instanceof Ref) len = this.resolve(len);
      if (typeof len !== 'number' || !Number.isInteger(len) || len < 0 || p + len > b.length) throw new Unsupported('stream length');
      // the length must be right: `endstream` follows
      const after = new Lexer(b, p + len);
      if (!isCmd(after.next(), 'endstream')) throw new Unsupported('stream length');
      return { num, value: new Stream(value, b.subarray(p, p + len), new Ref(num, gen)) };
    }
    lx.pos = save;
    return { num, value };
  }

  resolve(v: Value): Value {
    if (!(v instanceof Ref)) return v;
    const hit = this.cache.get(v.num);
    if (hit !== undefined) return hit;
    const e = this.entries.get(v.num);
    let value: Value;
    if (!e || e.type === 0) value = null;
    else if (e.type === 1) {
      const r = this.readIndirect(new Lexer(this.bytes, e.offset), e.offset);
      if (r.num !== v.num) throw new Unsupported('xref offset');
      value = r.value;
    } else {
      const stm = this.objStm(e.stream);
      const off = stm.offsets.get(v.num);
      if (off === undefined) throw new Unsupported('object stream');
      const lx = new Lexer(stm.data, off);
      value = readValue(lx, lx.next(), true);
    }
    this.cache.set(v.num, value);
    return value;
  }

  private objStm(num: number): { data: Uint8Array; offsets: Map<number, number> } {
    let o = this.objStms.get(num);
    if (o) return o;
    const s = this.resolve(new Ref(num, 0));
    if (!(s instanceof Stream)) throw new Unsupported('object stream');
    const data = this.decode(s);
    const n = s.dict.get('N');
    const first = s.dict.get('First');
    if (typeof n !== 'number' || typeof first !== 'number') throw new Unsupported('object stream');
    const lx = new Lexer(data);
    const offsets = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const a = lx.next();
      const b = lx.next();
      if (typeof a !== 'number' || typeof b !== 'number') throw new Unsupported('object stream');
      offsets.set(a, first + b);
    }
    this.objStms.set(num, (o = { data, offsets }));
    return o;
  }

  get(d: Dict, key: string): Value {
    return this.resolve(d.get(key) ?? null);
  }

  /** A stream's decoded bytes: no filter or FlateDecode (PNG predictors too). */
  decode(s: Stream): Uint8Array {
    let filter = this.get(s.dict, 'Filter');
    let parms = this.get(s.dict, 'DecodeParms');
    if (Array.isArray(filter)) {
      if (filter.length > 1) throw new Unsupported('filters');
      filter = this.resolve(filter[0] ?? null);
      parms = Array.isArray(parms) ? this.resolve(parms[0] ?? null) : parms;
    }
    if (filter === null) return s.raw;
    if (!(filter instanceof Name) || (filter.name !== 'FlateDecode' && filter.name !== 'Fl')) throw new Unsupported('filter');
    let out: Uint8Array;
    try {
      out = this.inflate(s.raw);
    } catch {
      throw new Unsupported('inflate');
    }
    if (parms instanceof Map) {
      const pred = this.get(parms, 'Predictor');
      if (typeof pred === 'number' && pred > 1) {
        if (pred < 10) throw new Unsupported('predictor');
        const colors = (this.get(parms, 'Colors') as number | null) ?? 1;
        const bpc = (this.get(parms, 'BitsPerComponent') as number | null) ?? 8;
        const columns = (this.get(parms, 'Columns') as number | null) ?? 1;
        out = unpredictPng(out, Math.ceil((colors * bpc) / 8), Math.ceil((colors * bpc * columns) / 8));
      }
    }
    return out;
  }

  /** The pages in order: their dictionaries with the inherited resources. */
  pages(): { dict: Dict; resources: Dict }[] {
    const root = this.get(this.trailer, 'Root');
    if (!(root instanceof Map)) throw new Unsupported('catalog');
    const out: { dict: Dict; resources: Dict }[] = [];
    const seen = new Set<number>();
    const walk = (ref: Value, inherited: Dict) => {
      if (ref instanceof Ref) {
        if (seen.has(ref.num)) throw new Unsupported('page tree loop');
        seen.add(ref.num);
      }
      const node = this.resolve(ref);
      if (!(node instanceof Map)) throw new Unsupported('page tree');
      const res = this.get(node, 'Resources');
      const resources = res instanceof Map ? res : inherited;
      const type = this.get(node, 'Type');
      const kids = this.get(node, 'Kids');
      if (type instanceof Name && type.name === 'Page') out.push({ dict: node, resources });
      else if (Array.isArray(kids)) for (const k of kids) walk(k, resources);
      else throw new Unsupported('page tree node');
    };
    walk(root.get('Pages') ?? null, new Map());
    return out;
  }
}

/** Undoes PNG row predictors (the xref streams' usual /Predictor 12). */
function unpredictPng(data: Uint8Array, bpp: number, rowLen: number): Uint8Array {
  const rows = Math.floor(data.length / (rowLen + 1));
  const out = new Uint8Array(rows * rowLen);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLen + 1)];
    const src = r * (rowLen + 1) + 1;
    const at = r * rowLen;
    for (let i = 0; i < rowLen; i++) {
      const x = data[src + i];
      const a = i >= bpp ? out[at + i - bpp] : 0;
      const b = r > 0 ? out[at - rowLen + i] : 0;
      const c = r > 0 && i >= bpp ? out[at - rowLen + i - bpp] : 0;
      let v: number;
      if (type === 0) v = x;
      else if (type === 1) v = x + a;
      else if (type === 2) v = x + b;
      else if (type === 3) v = x + ((a + b) >> 1);
      else if (type === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      } else throw new Unsupported('png predictor');
      out[at + i] = v & 0xff;
    }
  }
  return out;
}
