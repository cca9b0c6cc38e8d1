// A page's drawing operators read from its content streams (and the Form XObjects they paint) without
// pdfjs: the operators `pageRules` reads (q/Q, cm, colours, paths, forms), in the very shape pdfjs' operator
// list has them (path coordinates as Float32Array, colours as '#rrggbb' converted as pdfjs converts them,
// a form's unclosed q closed at its end). Whatever this does not follow as pdfjs does (inline images, soft
// masks, ICC or other colour spaces, annotations with appearances, malformed operators) throws
// `Unsupported`, and the caller reads that page's operator list from pdfjs. Pure: no Node API.
import type { OpCodes } from './rules';
import { Name, PdfObjects, PdfString, Stream, Unsupported, type Dict, type Value } from './objects';

/** The operator codes used besides those of `pageRules`. */
export interface ContentOpCodes extends OpCodes {
  endPath: number;
}

export interface OpList {
  fnArray: number[];
  argsArray: unknown[];
}

/** The operators pdfjs knows and the operands each takes (its table; -1: a variable number). */
const OP_ARGS: [string, number][] = [
  ['w', 1], ['J', 1], ['j', 1], ['M', 1], ['d', 2], ['ri', 1], ['i', 1], ['gs', 1], ['q', 0], ['Q', 0], ['cm', 6],
  ['m', 2], ['l', 2], ['c', 6], ['v', 4], ['y', 4], ['h', 0], ['re', 4], ['S', 0], ['s', 0], ['f', 0], ['F', 0],
  ['f*', 0], ['B', 0], ['B*', 0], ['b', 0], ['b*', 0], ['n', 0], ['W', 0], ['W*', 0], ['BT', 0], ['ET', 0],
  ['Tc', 1], ['Tw', 1], ['Tz', 1], ['TL', 1], ['Tf', 2], ['Tr', 1], ['Ts', 1], ['Td', 2], ['TD', 2], ['Tm', 6],
  ['T*', 0], ['Tj', 1], ['TJ', 1], ["'", 1], ['"', 3], ['d0', 2], ['d1', 6], ['CS', 1], ['cs', 1], ['SC', -1],
  ['SCN', -1], ['sc', -1], ['scn', -1], ['G', 1], ['g', 1], ['RG', 3], ['rg', 3], ['K', 4], ['k', 4], ['sh', 1],
  ['Do', 1], ['MP', 1], ['DP', 2], ['BMC', 1], ['BDC', 2], ['EMC', 0], ['BX', 0], ['EX', 0],
];
/** An operator of one to three bytes, packed: its index in OP_ARGS. */
const OP_CODE = new Map<number, number>(OP_ARGS.map(([op], i) => [pack(op), i]));
/** The same for one- and two-byte operators, by array (-1: none). */
const OP1 = new Int16Array(256).fill(-1);
const OP2 = new Int16Array(65536).fill(-1);
OP_ARGS.forEach(([op], i) => {
  if (op.length === 1) OP1[op.charCodeAt(0)] = i;
  else if (op.length === 2) OP2[op.charCodeAt(0) | (op.charCodeAt(1) << 8)] = i;
});
const ARGC = OP_ARGS.map(([, n]) => n);
const OP = Object.fromEntries(OP_ARGS.map(([op], i) => [op, i])) as Record<string, number>;
/** 1: an operator read here; the others (text, marked content, line styles) are passed over. */
const READ = new Uint8Array(OP_ARGS.length);
for (const op of ['q', 'Q', 'cm', 'm', 'l', 'c', 'v', 'y', 'h', 're', 'S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'n', 'g', 'rg', 'k', 'G', 'RG', 'K', 'cs', 'CS', 'sc', 'SC', 'scn', 'SCN', 'gs', 'Do'])
  READ[OP[op]] = 1;

function pack(op: string): number {
  let v = 0;
  for (let k = op.length - 1; k >= 0; k--) v = v * 256 + op.charCodeAt(k);
  return v;
}

/** Operands that are never read here (strings, arrays, dictionaries) stand as these. */
const STRING = new PdfString();
const ARRAY = new PdfString();
const DICT = new PdfString();
const NAME = new PdfString();

/** 1: white space, 2: delimiter, 0: regular. */
const CLASS = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) CLASS[c] = 1;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = 2;

type CS = 'gray' | 'rgb' | 'cmyk' | 'pattern';
const COMPS: Record<CS, number> = { gray: 1, rgb: 3, cmyk: 4, pattern: 0 };

interface State {
  fill: CS;
  stroke: CS;
  /** pdfjs' `patternFillColorSpace`: null until a colour space is set */
  patFill: CS | null;
  patStroke: CS | null;
  cx: number;
  cy: number;
}

const MOVE = 0;
const LINE = 1;
const CURVE = 2;
const CLOSE = 4;

const HEX = Array.from({ length: 256 }, (_, n) => n.toString(16).padStart(2, '0'));
const rgbBuf = new Uint8ClampedArray(3);

/** A colour as pdfjs' device colour spaces give it. */
function hexOf(cs: CS, a: ArrayLike<number>): string {
  const d = rgbBuf;
  if (cs === 'gray') d[0] = d[1] = d[2] = a[0] * 255;
  else if (cs === 'rgb') {
    d[0] = a[0] * 255;
    d[1] = a[1] * 255;
    d[2] = a[2] * 255;
  } else if (cs === 'cmyk') {
    const c = a[0];
    const m = a[1];
    const y = a[2];
    const k = a[3];
    d[0] = 255 + c * (-4.387332384609988 * c + 54.48615194189176 * m + 18.82290502165302 * y + 212.25662451639585 * k + -285.2331026137004) + m * (1.7149763477362134 * m - 5.6096736904047315 * y + -17.873870861415444 * k - 5.497006427196366) + y * (-2.5217340131683033 * y - 21.248923337353073 * k + 17.5119270841813) + k * (-21.86122147463605 * k - 189.48180835922747);
    d[1] = 255 + c * (8.841041422036149 * c + 60.118027045597366 * m + 6.871425592049007 * y + 31.159100130055922 * k + -79.2970844816548) + m * (-15.310361306967817 * m + 17.575251261109482 * y + 131.35250912493976 * k - 190.9453302588951) + y * (4.444339102852739 * y + 9.8632861493405 * k - 24.86741582555878) + k * (-20.737325471181034 * k - 187.80453709719578);
    d[2] = 255 + c * (0.8842522430003296 * c + 8.078677503112928 * m + 30.89978309703729 * y - 0.23883238689178934 * k + -14.183576799673286) + m * (10.49593273432072 * m + 63.02378494754052 * y + 50.606957656360734 * k - 112.23884253719248) + y * (0.03296041114873217 * y + 115.60384449646641 * k + -193.58209356861505) + k * (-22.33816807309886 * k - 180.12613974708367);
  } else throw new Unsupported('pattern colour');
  return `#${HEX[d[0]]}${HEX[d[1]]}${HEX[d[2]]}`;
}

/** Operands an operator may take at most here (scn takes up to 33). */
const MAX_ARGS = 40;

/** The page's operators for `pageRules`. `page` is a page dictionary of `objs` with its inherited resources. */
export function pageOps(objs: PdfObjects, page: { dict: Dict; resources: Dict }, ops: ContentOpCodes): OpList {
  // annotations with an appearance are painted into pdfjs' operator list (links without one are not)
  const annots = objs.get(page.dict, 'Annots');
  if (Array.isArray(annots)) {
    for (const a of annots) {
      const d = objs.resolve(a);
      if (!(d instanceof Map)) continue;
      const sub = objs.get(d, 'Subtype');
      if (!(sub instanceof Name) || sub.name !== 'Link' || d.has('AP')) throw new Unsupported('annotation');
    }
  } else if (annots !== null) throw new Unsupported('annotations');
  const contents = objs.get(page.dict, 'Contents');
  const streams = Array.isArray(contents) ? contents.map((c) => objs.resolve(c)) : contents === null ? [] : [contents];
  const parts: Uint8Array[] = [];
  for (const s of streams) {
    // resources in a content stream's dictionary are merged in by pdfjs
    if (!(s instanceof Stream) || s.dict.has('Resources')) throw new Unsupported('contents');
    parts.push(objs.decode(s));
  }
  const out: OpList = { fnArray: [], argsArray: [] };
  const state: State = { fill: 'gray', stroke: 'gray', patFill: null, patStroke: null, cx: 0, cy: 0 };
  run(objs, join(parts), page.resources, ops, out, state, new Set());
  return out;
}

/** pdfjs reads a page's content streams as one byte sequence. */
function join(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function run(objs: PdfObjects, data: Uint8Array, resources: Dict, ops: ContentOpCodes, out: OpList, initial: State, forms: Set<number>): void {
  const stack: State[] = [];
  let st: State = { ...initial };
  // the path under construction (one per content stream: q and Q keep it)
  const path: number[] = [];
  // the operands: numbers in `nums`, others in `vals`
  const nums = new Float64Array(MAX_ARGS);
  const isNum = new Uint8Array(MAX_ARGS);
  const vals: Value[] = new Array<Value>(MAX_ARGS).fill(null);
  let argc = 0;
  const push = (v: Value) => {
    if (argc === MAX_ARGS) throw new Unsupported('operands');
    isNum[argc] = 0;
    vals[argc++] = v;
  };
  /** The first n operands, numbers all. */
  const numbers = (k: number): Float64Array => {
    if (argc < k) throw new Unsupported('operands');
    for (let i = 0; i < k; i++) if (isNum[i] === 0) throw new Unsupported('operands');
    return nums;
  };
  // a name operand is kept as its bytes until it is read
  let nameAt = -1;
  let nameEnd = -1;
  const first = (): Value => {
    if (argc === 0) return null;
    if (isNum[0]) return nums[0];
    if (vals[0] === NAME) return new Name(String.fromCharCode.apply(null, b.subarray(nameAt, nameEnd) as unknown as number[]));
    return vals[0];
  };
  const emit = (fn: number, a: unknown) => {
    out.fnArray.push(fn);
    out.argsArray.push(a);
  };
  const colourSpace = (v: Value): CS => {
    if (!(v instanceof Name)) throw new Unsupported('colour space');
    switch (v.name) {
      case 'G':
      case 'DeviceGray':
        return 'gray';
      case 'RGB':
      case 'DeviceRGB':
        return 'rgb';
      case 'CMYK':
      case 'DeviceCMYK':
        return 'cmyk';
      case 'Pattern':
        return 'pattern';
    }
    const named = objs.get(resources, 'ColorSpace');
    const cs = named instanceof Map ? objs.get(named, v.name) : null;
    if (cs instanceof Name) return colourSpace(cs);
    if (Array.isArray(cs) && cs.length > 0) {
      const head = objs.resolve(cs[0]);
      if (head instanceof Name && ['G', 'DeviceGray', 'RGB', 'DeviceRGB', 'CMYK', 'DeviceCMYK'].includes(head.name)) return colourSpace(head);
    }
    throw new Unsupported('colour space');
  };
  const b = data;
  const n = b.length;
  let p = 0;
  for (;;) {
    // white space and comments
    while (p < n) {
      const c = b[p];
      if (CLASS[c] === 1) p++;
      else if (c === 0x25) while (p < n && b[p] !== 0x0a && b[p] !== 0x0d) p++;
      else break;
    }
    if (p >= n) break;
    const c = b[p];
    if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e) {
      // a number as pdfjs' lexer computes it (digits accumulated, one division); odd forms unsupported
      let sign = 1;
      if (c === 0x2d) {
        sign = -1;
        p++;
      } else if (c === 0x2b) p++;
      let divideBy = 0;
      if (b[p] === 0x2e) {
        divideBy = 10;
        p++;
      }
      let d = b[p];
      if (!(d >= 0x30 && d <= 0x39)) throw new Unsupported('number');
      let value = d - 0x30;
      for (p++; p < n; p++) {
        d = b[p];
        if (d >= 0x30 && d <= 0x39) {
          if (divideBy !== 0) divideBy *= 10;
          value = value * 10 + (d - 0x30);
        } else if (d === 0x2e) {
          if (divideBy === 0) divideBy = 1;
          else throw new Unsupported('number');
        } else if (d === 0x2d || d === 0x2b) throw new Unsupported('number');
        else break;
      }
      if (divideBy !== 0) value /= divideBy;
      if (argc === MAX_ARGS) throw new Unsupported('operands');
      isNum[argc] = 1;
      nums[argc++] = sign * value;
      continue;
    }
    if (c === 0x2f) {
      let q = p + 1;
      while (q < n && CLASS[b[q]] === 0) {
        if (b[q] === 0x23) throw new Unsupported('name escape');
        q++;
      }
      if (argc === 0) {
        nameAt = p + 1;
        nameEnd = q;
      }
      push(NAME);
      p = q;
      continue;
    }
    if (c === 0x28 || c === 0x5b || c === 0x3c) {
      const dict = c === 0x3c && b[p + 1] === 0x3c;
      p = skipOperand(b, p);
      push(c === 0x5b ? ARRAY : dict ? DICT : STRING);
      continue;
    }
    if (CLASS[c] === 2) throw new Unsupported('delimiter');
    // an operator (or true, false, null)
    let q = p;
    while (q < n && CLASS[b[q]] === 0) q++;
    const len = q - p;
    const code = len === 1 ? OP1[b[p]] : len === 2 ? OP2[b[p] | (b[p + 1] << 8)] : len === 3 ? (OP_CODE.get(b[p] | (b[p + 1] << 8) | (b[p + 2] << 16)) ?? -1) : -1;
    const id = code < 0 ? undefined : code;
    if (id === undefined) {
      const word = String.fromCharCode.apply(null, b.subarray(p, q) as unknown as number[]);
      p = q;
      if (word === 'true' || word === 'false' || word === 'null') {
        push(word === 'true' ? true : word === 'false' ? false : null);
        continue;
      }
      throw new Unsupported(`operator ${word}`);
    }
    p = q;
    const want = ARGC[id];
    if (want >= 0 && argc !== want) throw new Unsupported('operands');
    if (READ[id] === 0) {
      argc = 0;
      continue;
    }
    switch (id) {
      case OP.q:
        stack.push(st);
        st = { fill: st.fill, stroke: st.stroke, patFill: st.patFill, patStroke: st.patStroke, cx: st.cx, cy: st.cy };
        emit(ops.save, []);
        break;
      case OP.Q:
        st = stack.pop() ?? st;
        emit(ops.restore, []);
        break;
      case OP.cm:
        numbers(6);
        emit(ops.transform, [nums[0], nums[1], nums[2], nums[3], nums[4], nums[5]]);
        break;
      case OP.m:
      case OP.l: {
        numbers(2);
        const x = nums[0];
        const y = nums[1];
        st.cx = x;
        st.cy = y;
        path.push(id === OP.m ? MOVE : LINE, x, y);
        break;
      }
      case OP.re: {
        numbers(4);
        const x = nums[0];
        const y = nums[1];
        const w = nums[2];
        const h = nums[3];
        st.cx = x;
        st.cy = y;
        const xw = x + w;
        const yh = y + h;
        if (w === 0 || h === 0) path.push(MOVE, x, y, LINE, xw, yh, CLOSE);
        else path.push(MOVE, x, y, LINE, xw, y, LINE, xw, yh, LINE, x, yh, CLOSE);
        break;
      }
      case OP.c: {
        numbers(6);
        const x = nums[4];
        const y = nums[5];
        path.push(CURVE, nums[0], nums[1], nums[2], nums[3], x, y);
        st.cx = x;
        st.cy = y;
        break;
      }
      case OP.v: {
        numbers(4);
        const x = nums[2];
        const y = nums[3];
        path.push(CURVE, st.cx, st.cy, nums[0], nums[1], x, y);
        st.cx = x;
        st.cy = y;
        break;
      }
      case OP.y: {
        numbers(4);
        const x = nums[2];
        const y = nums[3];
        path.push(CURVE, nums[0], nums[1], x, y, x, y);
        st.cx = x;
        st.cy = y;
        break;
      }
      case OP.h:
        path.push(CLOSE);
        break;
      case OP.S:
      case OP.s:
      case OP.f:
      case OP.F:
      case OP['f*']:
      case OP.B:
      case OP['B*']:
      case OP.b:
      case OP['b*']:
      case OP.n: {
        const fn = paintOp(id, ops);
        if (id === OP.s || id === OP.b || id === OP['b*']) path.push(CLOSE);
        if (path.length === 0) emit(ops.constructPath, [fn, [null], null]);
        else {
          emit(ops.constructPath, [fn, [new Float32Array(path)], null]);
          path.length = 0;
        }
        break;
      }
      case OP.g:
      case OP.rg:
      case OP.k: {
        const cs: CS = id === OP.g ? 'gray' : id === OP.rg ? 'rgb' : 'cmyk';
        st.fill = st.patFill = cs;
        emit(ops.setFillRGBColor, [hexOf(cs, numbers(COMPS[cs]))]);
        break;
      }
      case OP.G:
      case OP.RG:
      case OP.K: {
        const cs: CS = id === OP.G ? 'gray' : id === OP.RG ? 'rgb' : 'cmyk';
        st.stroke = st.patStroke = cs;
        emit(ops.setStrokeRGBColor, [hexOf(cs, numbers(COMPS[cs]))]);
        break;
      }
      case OP.cs:
        st.fill = st.patFill = colourSpace(first());
        break;
      case OP.CS:
        st.stroke = st.patStroke = colourSpace(first());
        break;
      case OP.sc:
        emit(ops.setFillRGBColor, [hexOf(st.fill, numbers(COMPS[st.fill]))]);
        break;
      case OP.SC:
        emit(ops.setStrokeRGBColor, [hexOf(st.stroke, numbers(COMPS[st.stroke]))]);
        break;
      case OP.scn:
      case OP.SCN: {
        const cs = id === OP.scn ? st.patFill : st.patStroke;
        // a pattern paints no colour the rules keep; no colour space set yet: gray (as pdfjs)
        if (cs === 'pattern') break;
        if (cs === null && argc === 0) throw new Unsupported('operands');
        const hex = hexOf(cs ?? 'gray', numbers(cs ? COMPS[cs] : argc));
        emit(id === OP.scn ? ops.setFillRGBColor : ops.setStrokeRGBColor, [hex]);
        break;
      }
      case OP.gs: {
        // a soft mask's group is drawn into pdfjs' operator list
        const name = first();
        const all = objs.get(resources, 'ExtGState');
        const gs = name instanceof Name && all instanceof Map ? objs.get(all, name.name) : null;
        if (!(gs instanceof Map)) throw new Unsupported('ExtGState');
        const mask = objs.get(gs, 'SMask');
        if (mask !== null && !(mask instanceof Name && mask.name === 'None')) throw new Unsupported('soft mask');
        break;
      }
      case OP.Do:
        xobject(first());
        break;
      default:
        // text, marked content, line styles …: nothing the rules read (BI … ID … EI is not in the table)
        break;
    }
    argc = 0;
  }
  // pdfjs closes what a stream left open
  for (let k = 0; k < stack.length; k++) emit(ops.restore, []);

  function xobject(name: Value): void {
    const all = objs.get(resources, 'XObject');
    const raw = name instanceof Name && all instanceof Map ? all.get(name.name) : undefined;
    if (raw === undefined) throw new Unsupported('XObject');
    const x = objs.resolve(raw);
    if (!(x instanceof Stream)) throw new Unsupported('XObject');
    const sub = objs.get(x.dict, 'Subtype');
    if (!(sub instanceof Name)) throw new Unsupported('XObject');
    if (sub.name === 'Image' || sub.name === 'PS') return;
    if (sub.name !== 'Form') throw new Unsupported('XObject');
    // optional content: pdfjs may drop the form when its properties do not parse (a group changes nothing here)
    if (x.dict.has('OC')) throw new Unsupported('optional content');
    const num = x.ref?.num ?? -1;
    if (forms.has(num)) throw new Unsupported('form loop');
    const m = objs.get(x.dict, 'Matrix');
    let matrix: Float32Array | null = null;
    if (m !== null) {
      const ms = Array.isArray(m) ? m.map((v) => objs.resolve(v)) : [];
      if (ms.length !== 6 || !ms.every((v) => typeof v === 'number')) throw new Unsupported('form matrix');
      matrix = new Float32Array(ms as number[]);
    }
    emit(ops.paintFormXObjectBegin, [matrix, null]);
    const local = objs.get(x.dict, 'Resources');
    forms.add(num);
    run(objs, objs.decode(x), local instanceof Map ? local : resources, ops, out, { ...st }, forms);
    forms.delete(num);
    emit(ops.paintFormXObjectEnd, []);
  }
}

function paintOp(id: number, ops: ContentOpCodes): number {
  switch (id) {
    case OP.S:
      return ops.stroke;
    case OP.s:
      return ops.closeStroke;
    case OP.f:
    case OP.F:
      return ops.fill;
    case OP['f*']:
      return ops.eoFill;
    case OP.B:
      return ops.fillStroke;
    case OP['B*']:
      return ops.eoFillStroke;
    case OP.b:
      return ops.closeFillStroke;
    case OP['b*']:
      return ops.closeEOFillStroke;
    default:
      return ops.endPath;
  }
}

/**
 * Past a string, hex string, array or dictionary operand (nested, strings with escapes). What pdfjs' lexer
 * would not read alike (a sign without digits, braces, unbalanced brackets) is unsupported.
 */
function skipOperand(b: Uint8Array, p: number): number {
  const n = b.length;
  const open: number[] = [];
  do {
    const c = b[p];
    if (CLASS[c] === 0 && c !== 0x2b && c !== 0x2d && c !== 0x2e) {
      // digits, letters: nothing to follow
      p++;
    } else if (CLASS[c] === 1) p++;
    else if (c === 0x28) {
      let depth = 1;
      p++;
      while (p < n && depth > 0) {
        const d = b[p++];
        if (d === 0x5c) p++;
        else if (d === 0x28) depth++;
        else if (d === 0x29) depth--;
      }
      if (depth > 0) throw new Unsupported('string');
    } else if (c === 0x3c && b[p + 1] === 0x3c) {
      open.push(0x3e);
      p += 2;
    } else if (c === 0x3c) {
      // most of a text's bytes (glyph codes): found natively
      const e = b.indexOf(0x3e, p);
      if (e < 0) throw new Unsupported('hex string');
      p = e + 1;
    } else if (c === 0x3e) {
      if (b[p + 1] !== 0x3e || open.pop() !== 0x3e) throw new Unsupported('dictionary');
      p += 2;
    } else if (c === 0x5b) {
      open.push(0x5d);
      p++;
    } else if (c === 0x5d) {
      if (open.pop() !== 0x5d) throw new Unsupported('array');
      p++;
    } else if (c === 0x25) {
      while (p < n && b[p] !== 0x0a && b[p] !== 0x0d) p++;
    } else if (c === 0x2f) {
      // a name (its characters may be signs)
      p++;
      while (p < n && CLASS[b[p]] === 0) p++;
    } else if ((c === 0x2b || c === 0x2d || c === 0x2e) && !(b[p - 1] >= 0x30 && b[p - 1] <= 0x39)) {
      // a number's start: digits or a point must follow
      const d = b[p + 1];
      if (!((d >= 0x30 && d <= 0x39) || d === 0x2e)) throw new Unsupported('number');
      p++;
    } else if (c === 0x7b || c === 0x7d || c === 0x29) throw new Unsupported('delimiter');
    else p++;
    if (p > n) throw new Unsupported('operand');
  } while (open.length > 0 && p < n);
  if (open.length > 0) throw new Unsupported('operand');
  return p;
}
