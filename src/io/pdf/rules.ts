// A page's ruling lines (table borders) from its pdfjs operator list: the thin filled rectangles and the
// stroked horizontal or vertical lines it draws, in the page's upright coordinates (y up, as the text
// runs), collinear pieces joined. Pure: the operator codes are handed in.

/** A horizontal (y0 = y1) or vertical (x0 = x1) ruling line. */
export interface Rule {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The operator codes used (pdfjs' `OPS`). */
export interface OpCodes {
  save: number;
  restore: number;
  transform: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  setFillRGBColor: number;
  setStrokeRGBColor: number;
  constructPath: number;
  stroke: number;
  closeStroke: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
}

type M = [number, number, number, number, number, number];

const MOVE = 0;
const LINE = 1;
const CURVE = 2;
const QUAD = 3;
const CLOSE = 4;

/** Thicker than this, a filled rectangle is a cell's background, not a line. */
const MAX_THICK = 2.5;

function mul(m: M, n: M): M {
  return [m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1], m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3], m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5]];
}

let lastHex: unknown;
let lastBlank = false;

/** White or nearly: drawn to hide, not to rule. */
function blank(hex: unknown): boolean {
  if (hex === lastHex) return lastBlank;
  lastHex = hex;
  if (typeof hex !== 'string' || !/^#[0-9a-f]{6}$/i.test(hex)) return (lastBlank = false);
  return (lastBlank = [1, 3, 5].every((i) => parseInt(hex.slice(i, i + 2), 16) >= 0xf0));
}

/**
 * The ruling lines of one page. `view` maps user space to the displayed page (y down, pdfjs' viewport
 * transform); `height` is the displayed height (results are y up).
 */
export function pageRules(fnArray: ArrayLike<number>, argsArray: ArrayLike<unknown>, ops: OpCodes, view: number[], height: number): Rule[] {
  let ctm: M = [1, 0, 0, 1, 0, 0];
  let fill: unknown = '#000000';
  let stroke: unknown = '#000000';
  const stack: [M, unknown, unknown][] = [];
  const out: Rule[] = [];
  const v = view as M;
  // the transform to the page, computed again only when the ctm changes
  let tFor: M | undefined;
  let tView: M = v;
  const toPage = (m: M): M => (m === tFor ? tView : ((tFor = m), (tView = mul(v, m))));
  const emit = (ax: number, ay: number, bx: number, by: number, t: M) => {
    const x0 = t[0] * ax + t[2] * ay + t[4];
    const y0 = height - (t[1] * ax + t[3] * ay + t[5]);
    const x1 = t[0] * bx + t[2] * by + t[4];
    const y1 = height - (t[1] * bx + t[3] * by + t[5]);
    if (Math.abs(y0 - y1) < 0.5 && Math.abs(x0 - x1) >= 2) {
      const y = (y0 + y1) / 2;
      out.push({ x0: Math.min(x0, x1), x1: Math.max(x0, x1), y0: y, y1: y });
    } else if (Math.abs(x0 - x1) < 0.5 && Math.abs(y0 - y1) >= 2) {
      const x = (x0 + x1) / 2;
      out.push({ x0: x, x1: x, y0: Math.min(y0, y1), y1: Math.max(y0, y1) });
    }
  };
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[];
    if (fn === ops.save) stack.push([ctm, fill, stroke]);
    else if (fn === ops.restore) [ctm, fill, stroke] = stack.pop() ?? [ctm, fill, stroke];
    else if (fn === ops.transform) ctm = mul(ctm, args as M);
    else if (fn === ops.paintFormXObjectBegin) {
      stack.push([ctm, fill, stroke]);
      const m = args?.[0] as ArrayLike<number> | null | undefined;
      if (m && m.length === 6) ctm = mul(ctm, Array.from(m) as M);
    } else if (fn === ops.paintFormXObjectEnd) [ctm, fill, stroke] = stack.pop() ?? [ctm, fill, stroke];
    else if (fn === ops.setFillRGBColor) fill = args?.[0];
    else if (fn === ops.setStrokeRGBColor) stroke = args?.[0];
    else if (fn === ops.constructPath) {
      const op = args?.[0] as number;
      const buf = (args?.[1] as (ArrayLike<number> | null)[] | undefined)?.[0];
      if (!buf) continue;
      const strokes = op === ops.stroke || op === ops.closeStroke || op === ops.fillStroke || op === ops.eoFillStroke || op === ops.closeFillStroke || op === ops.closeEOFillStroke;
      const fills = op === ops.fill || op === ops.eoFill || op === ops.fillStroke || op === ops.eoFillStroke || op === ops.closeFillStroke || op === ops.closeEOFillStroke;
      if (!strokes && !fills) continue;
      const stroked = strokes && !blank(stroke);
      const filled = fills && !blank(fill);
      if (!stroked && !filled) continue;
      const t = toPage(ctm);
      const n = subpaths(buf);
      for (let q = 0; q < n; q++) {
        if (subCurved[q] || subCount[q] === 0) continue;
        const s0 = subStart[q];
        const cnt = subCount[q];
        if (stroked) {
          for (let k = s0; k + 1 < s0 + cnt; k++) emit(px[k], py[k], px[k + 1], py[k + 1], t);
          if (subClosed[q] && cnt > 2) emit(px[s0 + cnt - 1], py[s0 + cnt - 1], px[s0], py[s0], t);
        }
        if (filled) {
          // a thin axis-aligned rectangle: the line along its middle
          const r = rectOf(s0, cnt, t);
          if (!r) continue;
          const w = r[2] - r[0];
          const h = r[3] - r[1];
          if (h <= MAX_THICK && w > h && w >= 2) out.push({ x0: r[0], x1: r[2], y0: height - (r[1] + r[3]) / 2, y1: height - (r[1] + r[3]) / 2 });
          else if (w <= MAX_THICK && h > w && h >= 2) out.push({ x0: (r[0] + r[2]) / 2, x1: (r[0] + r[2]) / 2, y0: height - r[3], y1: height - r[1] });
        }
      }
    }
  }
  return joinRules(out);
}

// The subpaths of the path read last (reused from one path to the next): their points, flat, and for
// each its first point, its number of points, whether it is closed or holds a curve.
const px: number[] = [];
const py: number[] = [];
const subStart: number[] = [];
const subCount: number[] = [];
const subClosed: boolean[] = [];
const subCurved: boolean[] = [];

/** Splits pdfjs' path buffer (DrawOPS codes and coordinates) into subpaths; returns their number. */
function subpaths(buf: ArrayLike<number>): number {
  let n = 0;
  let pts = 0;
  // the subpath points are added to (-1: none since a close)
  let cur = -1;
  const open = () => {
    subStart[n] = pts;
    subCount[n] = 0;
    subClosed[n] = false;
    subCurved[n] = false;
    return n++;
  };
  for (let k = 0; k < buf.length; ) {
    const op = buf[k++];
    if (op === MOVE || op === LINE) {
      if (op === MOVE || cur < 0) cur = open();
      px[pts] = buf[k];
      py[pts++] = buf[k + 1];
      subCount[cur]++;
      k += 2;
    } else if (op === CURVE) {
      if (cur >= 0) subCurved[cur] = true;
      k += 6;
    } else if (op === QUAD) {
      if (cur >= 0) subCurved[cur] = true;
      k += 4;
    } else if (op === CLOSE) {
      if (cur >= 0) subClosed[cur] = true;
      cur = -1;
    } else break;
  }
  return n;
}

/** An axis-aligned rectangle's device box [x0, y0, x1, y1] (y down), if the subpath's points make one (`t`: to the page). */
function rectOf(s0: number, count: number, t: M): [number, number, number, number] | undefined {
  const cnt = count === 5 && px[s0 + 4] === px[s0] && py[s0 + 4] === py[s0] ? 4 : count;
  if (cnt !== 4 && cnt !== 2) return undefined;
  const dx = (k: number) => t[0] * px[s0 + k] + t[2] * py[s0 + k] + t[4];
  const dy = (k: number) => t[1] * px[s0 + k] + t[3] * py[s0 + k] + t[5];
  if (cnt === 2) {
    const [x0, y0, x1, y1] = [dx(0), dy(0), dx(1), dy(1)];
    return [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)];
  }
  const xs = [dx(0), dx(1), dx(2), dx(3)];
  const ys = [dy(0), dy(1), dy(2), dy(3)];
  // each side horizontal or vertical
  for (let k = 0; k < 4; k++) {
    const j = (k + 1) % 4;
    if (Math.abs(xs[k] - xs[j]) > 0.5 && Math.abs(ys[k] - ys[j]) > 0.5) return undefined;
  }
  return [Math.min(xs[0], xs[1], xs[2], xs[3]), Math.min(ys[0], ys[1], ys[2], ys[3]), Math.max(xs[0], xs[1], xs[2], xs[3]), Math.max(ys[0], ys[1], ys[2], ys[3])];
}

/** Joins collinear rules that touch or overlap (a border drawn cell by cell becomes one line). */
export function joinRules(rules: Rule[]): Rule[] {
  const hs = rules.filter((r) => r.y0 === r.y1).sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  const vs = rules.filter((r) => r.x0 === r.x1 && r.y0 !== r.y1).sort((a, b) => a.x0 - b.x0 || a.y0 - b.y0);
  const join = (list: Rule[], horizontal: boolean): Rule[] => {
    // by position (within 1 pt), then along
    const rows: Rule[][] = [];
    for (const r of list) {
      const p = horizontal ? r.y0 : r.x0;
      const last = rows[rows.length - 1];
      if (last && Math.abs((horizontal ? last[0].y0 : last[0].x0) - p) <= 1) last.push(r);
      else rows.push([r]);
    }
    const out: Rule[] = [];
    for (const row of rows) {
      const pos = row.reduce((s, r) => s + (horizontal ? r.y0 : r.x0), 0) / row.length;
      const spans = row.map((r) => (horizontal ? [r.x0, r.x1] : [r.y0, r.y1])).sort((a, b) => a[0] - b[0]);
      let [a, b] = spans[0];
      const push = () => out.push(horizontal ? { x0: a, x1: b, y0: pos, y1: pos } : { x0: pos, x1: pos, y0: a, y1: b });
      for (const [c, d] of spans.slice(1)) {
        if (c <= b + 1.5) b = Math.max(b, d);
        else {
          push();
          [a, b] = [c, d];
        }
      }
      push();
    }
    return out;
  };
  return [...join(hs, true), ...join(vs, false)];
}

// ---------------------------------------------------------------------------------------------------
// The grid the rules of one table draw

/** A table's ruled grid: column boundaries left to right, row boundaries top to bottom (y descending). */
export interface RuledGrid {
  xs: number[];
  ys: number[];
  hs: Rule[];
  vs: Rule[];
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** A cell of the grid: its columns c0..c1 and bands r0..r1 (a merged cell spans several). */
export interface RuledCell {
  c0: number;
  c1: number;
  r0: number;
  r1: number;
}

const TOL = 1.5;

function crosses(h: Rule, v: Rule): boolean {
  return v.x0 >= h.x0 - 2 && v.x0 <= h.x1 + 2 && h.y0 >= v.y0 - 2 && h.y0 <= v.y1 + 2;
}

/** Distinct positions (within TOL), ascending. */
function positions(ps: number[]): number[] {
  const s = [...ps].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const p of s) {
    const last = out[out.length - 1];
    if (last && p - last[last.length - 1] <= TOL) last.push(p);
    else out.push([p]);
  }
  return out.map((g) => g.reduce((a, b) => a + b, 0) / g.length);
}

/** The grids on a page: sets of crossing rules with two lines at least each way. */
export function gridsOf(rules: Rule[]): RuledGrid[] {
  const hs = rules.filter((r) => r.y0 === r.y1);
  const vs = rules.filter((r) => r.x0 === r.x1 && r.y0 !== r.y1);
  const all = [...hs, ...vs];
  const parent = all.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  hs.forEach((h, i) =>
    vs.forEach((v, j) => {
      if (crosses(h, v)) parent[find(i)] = find(hs.length + j);
    }),
  );
  const groups = new Map<number, Rule[]>();
  all.forEach((r, i) => {
    const k = find(i);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(r);
  });
  const out: RuledGrid[] = [];
  for (const g of groups.values()) {
    const gh = g.filter((r) => r.y0 === r.y1);
    const gv = g.filter((r) => r.x0 === r.x1 && r.y0 !== r.y1);
    if (gh.length < 2 || gv.length < 2) continue;
    const x0 = Math.min(...g.map((r) => r.x0));
    const x1 = Math.max(...g.map((r) => r.x1));
    const y0 = Math.min(...g.map((r) => r.y0));
    const y1 = Math.max(...g.map((r) => r.y1));
    // the outer edges too (a table broken over pages is printed without its border at the break)
    out.push({ xs: positions([x0, ...gv.map((r) => r.x0), x1]), ys: positions([y0, ...gh.map((r) => r.y0), y1]).reverse(), hs: gh, vs: gv, x0, x1, y0, y1 });
  }
  return out;
}

function hasV(g: RuledGrid, x: number, y: number): boolean {
  return g.vs.some((v) => Math.abs(v.x0 - x) <= TOL && y >= v.y0 - TOL && y <= v.y1 + TOL);
}

function hasH(g: RuledGrid, y: number, x: number): boolean {
  return g.hs.some((h) => Math.abs(h.y0 - y) <= TOL && x >= h.x0 - TOL && x <= h.x1 + TOL);
}

/** The column (band) interval index holding a position; -1 outside. */
function slot(bounds: number[], p: number, descending: boolean): number {
  for (let k = 0; k + 1 < bounds.length; k++) {
    const a = bounds[k];
    const b = bounds[k + 1];
    if (descending ? p <= a && p > b : p >= a && p < b) return k;
  }
  return -1;
}

/** The ruled cell holding a point: from the column and band it lies in, widened over missing rules. */
export function cellAt(g: RuledGrid, x: number, y: number): RuledCell | undefined {
  const c = slot(g.xs, x, false);
  const r = slot(g.ys, y, true);
  if (c < 0 || r < 0) return undefined;
  let c0 = c;
  let c1 = c;
  let r0 = r;
  let r1 = r;
  // sideways at the point's height, then up and down at the point's column
  while (c0 > 0 && !hasV(g, g.xs[c0], y)) c0--;
  while (c1 + 2 < g.xs.length && !hasV(g, g.xs[c1 + 1], y)) c1++;
  const mid = (g.xs[c0] + g.xs[c1 + 1]) / 2;
  while (r0 > 0 && !hasH(g, g.ys[r0], mid)) r0--;
  while (r1 + 2 < g.ys.length && !hasH(g, g.ys[r1 + 1], mid)) r1++;
  return { c0, c1, r0, r1 };
}

/** x of the vertical rules crossing the interval (x0, x1) at height y (where a run of text is to be split). */
export function cutsAt(vs: Rule[], x0: number, x1: number, y: number): number[] {
  return vs.filter((v) => v.x0 > x0 && v.x0 < x1 && y >= v.y0 - TOL && y <= v.y1 + TOL).map((v) => v.x0).sort((a, b) => a - b);
}
