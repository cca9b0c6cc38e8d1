// A page's drawing operators read from its content streams (and the Form XObjects they paint) without
// pdfjs: the operators `pageRules` reads (q/Q, cm, colours, paths, forms), in the very shape pdfjs' operator
// list has them (path coordinates as Float32Array, colours as '#rrggbb' converted as pdfjs converts them,
// a form's unclosed q closed at its end). Whatever this does not follow as pdfjs does (inline images, soft
// masks, ICC or other colour spaces, annotations with appearances, malformed operators) throws
// `Unsupported`, and the caller reads that page's operator list from pdfjs. Pure: no Node API.
import type { OpCodes } from './rules';
import { Cmd, EOF, Lexer, Name, PdfObjects, Stream, Unsupported, readValue, type Dict, type Value } from './objects';

/** The operator codes used besides those of `pageRules`. */
export interface ContentOpCodes extends OpCodes {
  endPath: number;
}

export interface OpList {
  fnArray: number[];
  argsArray: unknown[];
}

/** Operands each operator takes (pdfjs' table); `true`: a variable number. */
const ARGS: Record<string, number | true> = {
  w: 1, J: 1, j: 1, M: 1, d: 2, ri: 1, i: 1, gs: 1, q: 0, Q: 0, cm: 6, m: 2, l: 2, c: 6, v: 4, y: 4, h: 0, re: 4,
  S: 0, s: 0, f: 0, F: 0, 'f*': 0, B: 0, 'B*': 0, b: 0, 'b*': 0, n: 0, W: 0, 'W*': 0, BT: 0, ET: 0, Tc: 1, Tw: 1,
  Tz: 1, TL: 1, Tf: 2, Tr: 1, Ts: 1, Td: 2, TD: 2, Tm: 6, 'T*': 0, Tj: 1, TJ: 1, "'": 1, '"': 3, d0: 2, d1: 6,
  CS: 1, cs: 1, SC: true, SCN: true, sc: true, scn: true, G: 1, g: 1, RG: 3, rg: 3, K: 4, k: 4, sh: 1, Do: 1,
  MP: 1, DP: 2, BMC: 1, BDC: 2, EMC: 0, BX: 0, EX: 0,
};

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
function hexOf(cs: CS, a: number[]): string {
  const d = rgbBuf;
  if (cs === 'gray') d[0] = d[1] = d[2] = a[0] * 255;
  else if (cs === 'rgb') {
    d[0] = a[0] * 255;
    d[1] = a[1] * 255;
    d[2] = a[2] * 255;
  } else if (cs === 'cmyk') {
    const [c, m, y, k] = a;
    d[0] = 255 + c * (-4.387332384609988 * c + 54.48615194189176 * m + 18.82290502165302 * y + 212.25662451639585 * k + -285.2331026137004) + m * (1.7149763477362134 * m - 5.6096736904047315 * y + -17.873870861415444 * k - 5.497006427196366) + y * (-2.5217340131683033 * y - 21.248923337353073 * k + 17.5119270841813) + k * (-21.86122147463605 * k - 189.48180835922747);
    d[1] = 255 + c * (8.841041422036149 * c + 60.118027045597366 * m + 6.871425592049007 * y + 31.159100130055922 * k + -79.2970844816548) + m * (-15.310361306967817 * m + 17.575251261109482 * y + 131.35250912493976 * k - 190.9453302588951) + y * (4.444339102852739 * y + 9.8632861493405 * k - 24.86741582555878) + k * (-20.737325471181034 * k - 187.80453709719578);
    d[2] = 255 + c * (0.8842522430003296 * c + 8.078677503112928 * m + 30.89978309703729 * y - 0.23883238689178934 * k + -14.183576799673286) + m * (10.49593273432072 * m + 63.02378494754052 * y + 50.606957656360734 * k - 112.23884253719248) + y * (0.03296041114873217 * y + 115.60384449646641 * k + -193.58209356861505) + k * (-22.33816807309886 * k - 180.12613974708367);
  } else throw new Unsupported('pattern colour');
  return `#${HEX[d[0]]}${HEX[d[1]]}${HEX[d[2]]}`;
}

function numbers(args: Value[], n: number): number[] {
  if (args.length < n) throw new Unsupported('operands');
  for (let k = 0; k < n; k++) if (typeof args[k] !== 'number') throw new Unsupported('operands');
  return args as number[];
}

/** The page's operators for `pageRules`. `page` is a page dictionary of `objs` with its inherited resources. */
export function pageOps(objs: PdfObjects, page: { dict: Dict; resources: Dict }, ops: ContentOpCodes): OpList {
  // annotations with an appearance are painted into pdfjs' operator list (links without one are not)
  const annots = objs.get(page.dict, 'Annots');
  if (Array.isArray(annots)) {
    for (const a of annots) {
      const d = objs.fetch(a);
      if (!(d instanceof Map)) continue;
      const sub = objs.get(d, 'Subtype');
      if (!(sub instanceof Name) || sub.name !== 'Link' || d.has('AP')) throw new Unsupported('annotation');
    }
  } else if (annots !== null) throw new Unsupported('annotations');
  const contents = objs.get(page.dict, 'Contents');
  const streams = Array.isArray(contents) ? contents.map((c) => objs.fetch(c)) : contents === null ? [] : [contents];
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
  const lx = new Lexer(data);
  const stack: State[] = [];
  let st: State = { ...initial };
  // the path under construction (one per content stream: q and Q keep it)
  const path: number[] = [];
  const args: Value[] = [];
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
      const head = objs.fetch(cs[0]);
      if (head instanceof Name && ['G', 'DeviceGray', 'RGB', 'DeviceRGB', 'CMYK', 'DeviceCMYK'].includes(head.name)) return colourSpace(head);
    }
    throw new Unsupported('colour space');
  };
  for (;;) {
    const t = lx.next();
    if (t === EOF) break;
    if (!(t instanceof Cmd)) {
      args.push(readValue(lx, t, false));
      continue;
    }
    const op = t.cmd;
    if (op === 'true' || op === 'false' || op === 'null') {
      args.push(op === 'true' ? true : op === 'false' ? false : null);
      continue;
    }
    const n = ARGS[op];
    if (n === undefined) throw new Unsupported(`operator ${op}`);
    if (n !== true && args.length !== n) throw new Unsupported(`operands of ${op}`);
    switch (op) {
      case 'q':
        stack.push(st);
        st = { ...st };
        emit(ops.save, []);
        break;
      case 'Q':
        st = stack.pop() ?? st;
        emit(ops.restore, []);
        break;
      case 'cm':
        emit(ops.transform, numbers(args, 6).slice());
        break;
      case 'm':
      case 'l': {
        const [x, y] = numbers(args, 2);
        st.cx = x;
        st.cy = y;
        path.push(op === 'm' ? MOVE : LINE, x, y);
        break;
      }
      case 're': {
        const [x, y, w, h] = numbers(args, 4);
        st.cx = x;
        st.cy = y;
        const xw = x + w;
        const yh = y + h;
        if (w === 0 || h === 0) path.push(MOVE, x, y, LINE, xw, yh, CLOSE);
        else path.push(MOVE, x, y, LINE, xw, y, LINE, xw, yh, LINE, x, yh, CLOSE);
        break;
      }
      case 'c': {
        const [x1, y1, x2, y2, x, y] = numbers(args, 6);
        path.push(CURVE, x1, y1, x2, y2, x, y);
        st.cx = x;
        st.cy = y;
        break;
      }
      case 'v': {
        const [x1, y1, x, y] = numbers(args, 4);
        path.push(CURVE, st.cx, st.cy, x1, y1, x, y);
        st.cx = x;
        st.cy = y;
        break;
      }
      case 'y': {
        const [x1, y1, x, y] = numbers(args, 4);
        path.push(CURVE, x1, y1, x, y, x, y);
        st.cx = x;
        st.cy = y;
        break;
      }
      case 'h':
        path.push(CLOSE);
        break;
      case 'S':
      case 's':
      case 'f':
      case 'F':
      case 'f*':
      case 'B':
      case 'B*':
      case 'b':
      case 'b*':
      case 'n': {
        const fn = paintOp(op, ops);
        if (op === 's' || op === 'b' || op === 'b*') path.push(CLOSE);
        if (path.length === 0) emit(ops.constructPath, [fn, [null], null]);
        else {
          emit(ops.constructPath, [fn, [new Float32Array(path)], null]);
          path.length = 0;
        }
        break;
      }
      case 'g':
      case 'rg':
      case 'k': {
        const cs: CS = op === 'g' ? 'gray' : op === 'rg' ? 'rgb' : 'cmyk';
        st.fill = st.patFill = cs;
        emit(ops.setFillRGBColor, [hexOf(cs, numbers(args, COMPS[cs]))]);
        break;
      }
      case 'G':
      case 'RG':
      case 'K': {
        const cs: CS = op === 'G' ? 'gray' : op === 'RG' ? 'rgb' : 'cmyk';
        st.stroke = st.patStroke = cs;
        emit(ops.setStrokeRGBColor, [hexOf(cs, numbers(args, COMPS[cs]))]);
        break;
      }
      case 'cs':
        st.fill = st.patFill = colourSpace(args[0]);
        break;
      case 'CS':
        st.stroke = st.patStroke = colourSpace(args[0]);
        break;
      case 'sc':
        emit(ops.setFillRGBColor, [hexOf(st.fill, numbers(args, COMPS[st.fill]))]);
        break;
      case 'SC':
        emit(ops.setStrokeRGBColor, [hexOf(st.stroke, numbers(args, COMPS[st.stroke]))]);
        break;
      case 'scn':
      case 'SCN': {
        const cs = op === 'scn' ? st.patFill : st.patStroke;
        // a pattern paints no colour the rules keep; no colour space set yet: gray (as pdfjs)
        if (cs === 'pattern') break;
        const hex = hexOf(cs ?? 'gray', numbers(args, cs ? COMPS[cs] : args.length));
        if (cs === null && args.length === 0) throw new Unsupported('operands');
        emit(op === 'scn' ? ops.setFillRGBColor : ops.setStrokeRGBColor, [hex]);
        break;
      }
      case 'gs': {
        // a soft mask's group is drawn into pdfjs' operator list
        const name = args[0];
        const all = objs.get(resources, 'ExtGState');
        const gs = name instanceof Name && all instanceof Map ? objs.get(all, name.name) : null;
        if (!(gs instanceof Map)) throw new Unsupported('ExtGState');
        const mask = objs.get(gs, 'SMask');
        if (mask !== null && !(mask instanceof Name && mask.name === 'None')) throw new Unsupported('soft mask');
        break;
      }
      case 'Do':
        xobject(args[0]);
        break;
      default:
        // text, marked content, line styles …: nothing the rules read (BI … ID … EI is not in the table)
        break;
    }
    args.length = 0;
  }
  // pdfjs closes what a stream left open
  for (let k = 0; k < stack.length; k++) emit(ops.restore, []);

  function xobject(name: Value): void {
    const all = objs.get(resources, 'XObject');
    const raw = name instanceof Name && all instanceof Map ? all.get(name.name) : undefined;
    if (raw === undefined) throw new Unsupported('XObject');
    const x = objs.fetch(raw);
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
      const ms = Array.isArray(m) ? m.map((v) => objs.fetch(v)) : [];
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

function paintOp(op: string, ops: ContentOpCodes): number {
  switch (op) {
    case 'S':
      return ops.stroke;
    case 's':
      return ops.closeStroke;
    case 'f':
    case 'F':
      return ops.fill;
    case 'f*':
      return ops.eoFill;
    case 'B':
      return ops.fillStroke;
    case 'B*':
      return ops.eoFillStroke;
    case 'b':
      return ops.closeFillStroke;
    case 'b*':
      return ops.closeEOFillStroke;
    default:
      return ops.endPath;
  }
}
