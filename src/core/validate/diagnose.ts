// Diagnosis: from findings to their likely causes, generically over the relations the sum and equality
// rules expose (relations.ts). For the violated relations it looks for the smallest sets of cells whose
// change to a proposed figure makes them hold and breaks none that holds: single cells, then a cell with
// what a consistent edit carries along (the row's total, the parents above), then pairs, in a bounded
// best-first search. Relations are built lazily, only around the cells the search looks at. Rows a table
// lacks are virtual cells (a deleted row, a re-coded row); non-numeric findings are causes of their own
// and take with them the sum findings they bring about. Equal explanations are ranked by how a clerk errs;
// when the data cannot decide, the cause is ambiguous and lists the alternatives. Nothing is changed.
import type { CellRef } from '../model/grid';
import { parseAddress } from '../model/grid';
import type { Cause, CauseCell, Finding, TableId } from '../model/findings';
import { clipMessage, isTextFinding } from '../model/findings';
import type { Block, Row, Table } from '../model/model';
import { ISSUE, uncalculated } from '../model/model';
import { Decimal, fmt } from '../model/money';
import { norm } from '../profiles/text';
import type { Ctx } from './context';
import { colLabel, rowDesc, title } from './context';
import { relationSource } from './evaluate';
import type { CellKey, RCell, Relation, RelationSource, Tie } from './relations';
import { cellKey, numberBlocks, real, virtual, virtualRowKey } from './relations';
import { treeIndex } from './tree-index';
import { economicCatalogs, economicNameOk } from './economic';

/** Relations of at most this many cells may grow into any of their cells; larger ones only upward or into cells already suspect. */
const SMALL = 10;
/** Parts of large sums broken alone that may all be suspect, in all. */
const LONE_PARTS = 120;
/** Alternatives a cause's message names (all are listed in `alternatives`). */
const SHOWN_ALTERNATIVES = 4;
/** Most independent changes in one explanation (a change carried up to its totals counts once). */
const MAX_COST = 3;
/** Most cells one explanation may change (a figure with its row total and every parent up to 合计, in three columns). */
const MAX_CELLS = 24;
/** Search states per group of violated relations, and in all. */
const STATES_PER_GROUP = 600;
const STATES_IN_ALL = 3000;
const MIN_STATES_PER_GROUP = 40;
/** Repeated or re-coded rows looked at as structural explanations (a broken sheet can have thousands). */
const MAX_STRUCTURAL = 200;
/** Most decimals of a figure the diagnosis reasons about exactly (integers of 10^-6 万元). */
const MAX_SCALE = 6;

/** A scale beyond the cents of the figures in play: the diagnosis restarts with more decimals. */
class Rescale extends Error {
  constructor(readonly scale: number) {
    super('rescale');
  }
}

interface State {
  cells: RCell[];
  /** each changed cell's change (its keys: the cells changed) */
  delta: Map<CellKey, number>;
  cost: number;
  n: number;
}

/** A binary heap (the search's frontier). */
class Heap<T> {
  private readonly xs: T[] = [];
  constructor(private readonly less: (a: T, b: T) => number) {}
  push(x: T): void {
    const xs = this.xs;
    xs.push(x);
    for (let i = xs.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (this.less(xs[i], xs[p]) >= 0) break;
      [xs[i], xs[p]] = [xs[p], xs[i]];
      i = p;
    }
  }
  pop(): T | undefined {
    const xs = this.xs;
    if (xs.length === 0) return undefined;
    const top = xs[0];
    const last = xs.pop()!;
    if (xs.length > 0) {
      xs[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < xs.length && this.less(xs[l], xs[m]) < 0) m = l;
        if (r < xs.length && this.less(xs[r], xs[m]) < 0) m = r;
        if (m === i) break;
        [xs[i], xs[m]] = [xs[m], xs[i]];
        i = m;
      }
    }
    return top;
  }
}

interface Hyp {
  /** changed cells: real cells and virtual (missing) rows' cells, with their change in units */
  cells: RCell[];
  delta: Map<CellKey, number>;
  /** independent changes (a change carried up to its totals counts once) */
  cost: number;
  /** cells changed */
  size: number;
  explains: Set<number>;
  /** how a clerk errs: digits swapped, sign, a neighbour's figure (2+), one digit (1), a round difference (0.5) */
  pattern: number;
  /** the structural story, when there is one */
  kind: 'value' | 'remove' | 'rekey';
  /** position in the pool (ties keep the order found) */
  n?: number;
  row?: Row;
  newKey?: string;
  under?: Row;
}

/** What the search asks of a relation again and again, from its terms once. */
interface RelInfo {
  /** Σ of the coefficients of each cell's terms */
  coef: Map<CellKey, number>;
  /** the coefficient of a cell's first term, where it has several (else its coef) */
  first?: Map<CellKey, number>;
  /** the keys of its virtual terms, by row */
  rows: Map<string, CellKey[]>;
  /** cells a conflict over it may grow into, before those already changed are left out (see candidates) */
  cands: { c: RCell; step: number }[];
}

interface CellRel {
  r: Relation;
  a: number;
}

const NONE: CellRel[] = [];

const sameCell = (x: RCell, y: RCell): boolean => x.b === y.b && x.i === y.i && x.k === y.k && (x.i >= 0 || (x.key === y.key && x.parent === y.parent));

export function diagnose(ctx: Ctx, findings: Finding[]): Cause[] {
  if (findings.length === 0) return [];
  for (let scale = 2; ; ) {
    try {
      // a cell holding pages of text is quoted by its start, as in the findings
      return new Diagnosis(ctx, findings, scale).run().map((c) => ({
        ...c,
        message: clipMessage(c.message),
        alternatives: c.alternatives.map((a) => ({ ...a, message: clipMessage(a.message) })),
      }));
    } catch (e) {
      if (!(e instanceof Rescale) || e.scale <= scale) throw e;
      scale = e.scale;
    }
  }
}

class Diagnosis {
  private readonly ties: Map<Finding, Tie>;
  private sources?: Map<Block, RelationSource[]>;
  private readonly rels = new Map<string, Relation>();
  /** a relation already found, by id (the sources need not build it again) */
  private readonly known = (id: string): Relation | undefined => this.rels.get(id);
  private readonly byCell = new Map<CellKey, CellRel[]>();
  private readonly asked = new Set<CellKey>();
  private readonly virtuals = new Map<string, RCell>();
  private readonly baseMemo = new Map<string, number>();
  private readonly infos = new Map<Relation, RelInfo>();
  /** changes of causes already chosen (a later round sees the workbook as they would leave it) */
  private readonly overlay = new Map<CellKey, number>();
  private readonly tableOf = new Map<Block, Table>();
  /** relation id -> indexes of the findings it stands for */
  private readonly findingsOf = new Map<string, number[]>();
  /** cells of violated relations: where a search may grow sideways */
  private readonly suspect = new Set<CellKey>();

  private readonly valueFindings = new Map<CellKey, number[]>();
  /** negative figures (value-negative), by block */
  private readonly negatives = new Map<Block, RCell[]>();
  /** findings that say a block lacks a row */
  private readonly needs: { i: number; need: NonNullable<Tie['needs']> }[] = [];
  /** findings not about sums, by the sheet row of their first cell; name findings by row */
  private readonly onRow = new Map<string, number[]>();
  private readonly onName = new Map<Row, number[]>();
  private statesLeft = STATES_IN_ALL;
  /** findings a structural finding (by index) brings about, known without search */
  private takenBy = new Map<number, number[]>();
  private readonly unit: number;

  constructor(
    private readonly ctx: Ctx,
    private readonly findings: Finding[],
    private readonly scale: number,
  ) {
    this.ties = ctx.ties ?? new Map();
    this.unit = 10 ** scale;
    for (const t of ctx.tables.values()) for (const b of t.blocks) this.tableOf.set(b, t);
    numberBlocks(this.tableOf.keys());
  }

  run(): Cause[] {
    const violated: Relation[] = [];
    // a table lacking a column: its sums over that column are explained by the missing column
    const incomplete = new Map<Block, number>();
    this.findings.forEach((f, i) => {
      const tie = this.ties.get(f);
      if (tie?.relation) {
        const r = this.canon(tie.relation);
        const list = this.findingsOf.get(r.id);
        if (list) list.push(i);
        else {
          this.findingsOf.set(r.id, [i]);
          violated.push(r);
        }
        return;
      }
      const first = f.cells[0];
      if (first) {
        const k = `${first.sheet}\u0000${rowOf(first.address)}`;
        const list = this.onRow.get(k);
        if (list) list.push(i);
        else this.onRow.set(k, [i]);
      }
      if (!tie) return;
      if (tie.value) {
        const k = cellKey(tie.value);
        const list = this.valueFindings.get(k);
        if (list) list.push(i);
        else this.valueFindings.set(k, [i]);
        if (f.rule === 'value-negative') {
          const list = this.negatives.get(tie.value.b);
          if (list) list.push(tie.value);
          else this.negatives.set(tie.value.b, [tie.value]);
        }
      }
      if (tie.incomplete) incomplete.set(tie.incomplete, i);
      if (tie.needs) this.needs.push({ i, need: tie.needs });
      if (tie.name) this.onName.set(tie.name.row, [...(this.onName.get(tie.name.row) ?? []), i]);
    });
    const byColumn = new Map<number, number[]>();
    for (const r of [...violated]) {
      const owner = r.incomplete ? incomplete.get(r.terms[0].c.b) : undefined;
      if (owner === undefined) continue;
      violated.splice(violated.indexOf(r), 1);
      byColumn.set(owner, [...(byColumn.get(owner) ?? []), ...this.findingsOf.get(r.id)!]);
    }
    this.takenBy = byColumn;
    // where a cause may sit: any cell of a small violated relation; of a large one (a 款 of 99 项) its total and
    // the cells other violated relations name too
    const seenIn = new Map<CellKey, number>();
    for (const r of violated) for (const t of r.terms) seenIn.set(cellKey(t.c), (seenIn.get(cellKey(t.c)) ?? 0) + 1);
    // a large sum broken alone (no other violated relation names any of its cells, as in a table without a
    // twin): any of its parts may be the wrong one, so all are looked at (bounded) — the clerk patterns may
    // tell one apart, else the cause says the data cannot decide
    let alone = 0;
    for (const r of violated) {
      const lone = r.terms.length > SMALL && r.terms.every((t) => seenIn.get(cellKey(t.c)) === 1) && (alone += r.terms.length) <= LONE_PARTS;
      r.terms.forEach((t, j) => {
        const k = cellKey(t.c);
        if (lone || r.terms.length <= SMALL || j === r.total || seenIn.get(k)! > 1) this.suspect.add(k);
      });
    }
    for (const k of this.valueFindings.keys()) this.suspect.add(k);

    const chosen: { h: Hyp; alts: Hyp[] }[] = [];
    const taken = new Set<number>();
    const structural = this.structuralHyps(violated);
    const coveredBy = new Map<number, Hyp[]>();
    for (const h of structural) for (const i of h.explains) coveredBy.set(i, [...(coveredBy.get(i) ?? []), h]);
    // rounds: each round searches the groups of relations still violated, given the causes chosen so far
    for (let round = 0; round < 3; round++) {
      const open = violated.filter((r) => !this.findingsOf.get(r.id)!.every((i) => taken.has(i)) && !this.holds(r, undefined));
      if (open.length === 0) break;
      const pool: Hyp[] = round === 0 ? [...structural] : [];
      const groups = this.groups(open);
      // the states shared out over the groups (a sheet with hundreds of broken sums gets a shallow look at each)
      const budget = Math.max(MIN_STATES_PER_GROUP, Math.min(STATES_PER_GROUP, Math.floor(STATES_IN_ALL / groups.length)));
      for (const group of groups) {
        // a wrong code or a repeated row that explains the whole group and more: no figure can do better
        const wanted = group.flatMap((r) => this.findingsOf.get(r.id)!);
        const covering = round === 0 ? (coveredBy.get(wanted[0]) ?? []) : [];
        if (covering.some((h) => h.explains.size > wanted.length && wanted.every((i) => h.explains.has(i)))) continue;
        pool.push(...this.search(group, budget));
      }
      const before = chosen.length;
      this.pick(pool, taken, chosen);
      if (chosen.length === before) break;
      this.baseMemo.clear();
    }
    // what the numbers do not explain: structural and value findings are causes of their own
    const own = this.ownCauses(taken);
    const causes = [...chosen.map((c) => this.cause(c.h, c.alts)), ...own];
    const rank = (c: Cause) => (c.explains.some((i) => this.findings[i].severity === 'error') ? 0 : c.explains.some((i) => this.findings[i].severity === 'warning') ? 1 : 2);
    return causes
      .map((c, n) => ({ c, n }))
      .sort((x, y) => rank(x.c) - rank(y.c) || y.c.explains.length - x.c.explains.length || Math.min(...x.c.explains) - Math.min(...y.c.explains) || x.n - y.n)
      .map((x) => x.c);
  }

  // ---- relations, lazily ---------------------------------------------------------------------

  private sourcesOf(b: Block): RelationSource[] {
    if (!this.sources) {
      this.sources = new Map();
      for (const rule of this.ctx.profile.rules) {
        const src = relationSource(rule, this.ctx);
        if (!src) continue;
        for (const blk of src.blocks) {
          const list = this.sources.get(blk);
          if (list) {
            if (!list.includes(src)) list.push(src);
          } else this.sources.set(blk, [src]);
        }
      }
    }
    return this.sources.get(b) ?? [];
  }

  /**
   * One object per relation id; a virtual term found later joins it. Virtual terms are indexed by their
   * cell at once (a restored row is reached through relations found from other cells); real cells when asked.
   */
  private canon(r: Relation): Relation {
    let have = this.rels.get(r.id);
    if (!have) {
      this.rels.set(r.id, (have = r));
      if (r.virtual) for (let j = 0; j < r.terms.length; j++) if (r.terms[j].c.i < 0) this.index(r.terms[j].c, r, r.terms[j].a);
      return r;
    }
    // the id fixes the real terms: only virtual ones can be new
    if (have !== r && r.virtual) {
      for (const t of r.terms) {
        if (t.c.i >= 0 || have.terms.some((u) => sameCell(u.c, t.c))) continue;
        have.terms.push(t);
        have.virtual = true;
        this.index(t.c, have, t.a);
        this.baseMemo.delete(r.id);
        this.infos.delete(have);
      }
    }
    if (!r.cond && have.cond) have.cond = false;
    return have;
  }

  private index(c: RCell, r: Relation, a: number): void {
    const k = cellKey(c);
    const list = this.byCell.get(k);
    if (!list) this.byCell.set(k, [{ r, a }]);
    else if (!list.some((x) => x.r === r)) list.push({ r, a });
  }

  /** The relations with a term on this cell (asked from the rules once; the list grows as relations gain virtual terms). */
  private around(c: RCell): CellRel[] {
    const key = cellKey(c);
    if (!this.asked.has(key)) {
      this.asked.add(key);
      const srcs = this.sourcesOf(c.b);
      for (let n = 0; n < srcs.length; n++) {
        const found = srcs[n].around(c, this.known);
        for (let m = 0; m < found.length; m++) {
          const r = this.canon(found[m]);
          for (let j = 0; j < r.terms.length; j++)
            if (sameCell(r.terms[j].c, c)) {
              this.index(c, r, r.terms[j].a);
              break;
            }
        }
      }
    }
    return this.byCell.get(key) ?? NONE;
  }

  // ---- values ------------------------------------------------------------------------------------

  /** The cell's figure in units of 10^-scale (a virtual cell is 0); NaN when unknown. */
  private val(c: RCell): number {
    if (c.i < 0) return 0;
    const x = c.b.cents[c.k][c.i];
    if (!Number.isNaN(x)) return this.scale === 2 ? x : x * 10 ** (this.scale - 2);
    const a = c.b.amount(c.i, c.k);
    if (uncalculated(a)) return NaN;
    const dp = a.v.decimalPlaces();
    // beyond 6 decimals (or 2^53 units) a figure is not one a clerk typed: unknown, its relations not diagnosed
    if (dp > MAX_SCALE) return NaN;
    if (dp > this.scale) throw new Rescale(dp);
    const u = a.v.times(this.unit).toNumber();
    return Number.isSafeInteger(u) ? u : NaN;
  }

  private cur(c: RCell): number {
    return this.val(c) + (this.overlay.get(cellKey(c)) ?? 0);
  }

  private base(r: Relation): number {
    let v = this.baseMemo.get(r.id);
    if (v === undefined) {
      v = 0;
      const ts = r.terms;
      if (this.overlay.size === 0) for (let j = 0; j < ts.length; j++) v += ts[j].a * this.val(ts[j].c);
      else for (let j = 0; j < ts.length; j++) v += ts[j].a * this.cur(ts[j].c);
      this.baseMemo.set(r.id, v);
    }
    return v;
  }

  private holds(r: Relation, res: number | undefined): boolean {
    const v = res ?? this.base(r);
    return r.op === 'eq' ? v === 0 : v <= 0;
  }

  // ---- groups of violated relations ------------------------------------------------------------

  /** Violated relations that share a cell, or cells of one relation that holds, are looked at together. */
  private groups(open: Relation[]): Relation[][] {
    // union-find with path compression and union by size
    const parent = new Map<Relation | CellKey, Relation | CellKey>();
    const size = new Map<Relation | CellKey, number>();
    const find = (x: Relation | CellKey): Relation | CellKey => {
      let root = x;
      for (let p = parent.get(root); p !== undefined && p !== root; p = parent.get(root)) root = p;
      for (let y = x; y !== root; ) {
        const next = parent.get(y)!;
        parent.set(y, root);
        y = next;
      }
      return root;
    };
    const union = (a: Relation | CellKey, b: Relation | CellKey) => {
      const ra = find(a);
      const rb = find(b);
      if (ra === rb) return;
      const [small, big] = (size.get(ra) ?? 1) < (size.get(rb) ?? 1) ? [ra, rb] : [rb, ra];
      parent.set(small, big);
      size.set(big, (size.get(big) ?? 1) + (size.get(small) ?? 1));
    };
    const cells = new Set<CellKey>();
    for (const r of open) for (let j = 0; j < r.terms.length; j++) cells.add(cellKey(r.terms[j].c));
    const linkAll = (k: CellKey, h: Relation) => {
      for (let j = 0; j < h.terms.length; j++) {
        const u = cellKey(h.terms[j].c);
        if (cells.has(u)) union(k, u);
      }
    };
    // a holding sum links a part to its total (a change carried upward), not parts to one another
    for (const r of open)
      for (let j = 0; j < r.terms.length; j++) {
        const c = r.terms[j].c;
        const k = cellKey(c);
        // a cell no other violated relation names, and no cause can sit in, links nothing
        if (!this.suspect.has(k)) continue;
        union(r, k);
        const hs = this.around(c);
        for (let n = 0; n < hs.length; n++) {
          const h = hs[n].r;
          if (h.cond) continue;
          if (h.total === undefined) {
            linkAll(k, h);
            continue;
          }
          const tk = cellKey(h.terms[h.total].c);
          if (tk !== k) {
            if (cells.has(tk)) union(k, tk);
          } else linkAll(k, h);
        }
      }
    const by = new Map<Relation | CellKey, Relation[]>();
    for (const r of open) {
      const g = find(r);
      const list = by.get(g);
      if (list) list.push(r);
      else by.set(g, [r]);
    }
    return [...by.values()];
  }

  // ---- evaluating a set of changes ----------------------------------------------------------------

  /**
   * Relations touched by the changes: those that break (held, no longer do), those still violated, and
   * the violated ones now holding (explained). Cells of a restored (virtual) row all count as touched.
   */
  private evaluate(cells: RCell[], delta: Map<CellKey, number>, quick = false): { broken: Relation[]; open: Relation[]; fixed: Relation[]; negative: boolean } {
    // the change of each touched relation, from the changed cells' coefficients
    const acc = new Map<Relation, number>();
    const rows = new Set<string>();
    let negative = false;
    const touch = (c: RCell, d: number) => {
      const rs = this.around(c);
      for (let j = 0; j < rs.length; j++) acc.set(rs[j].r, (acc.get(rs[j].r) ?? 0) + rs[j].a * d);
    };
    let virtuals = false;
    for (let j = 0; j < cells.length; j++) {
      const c = cells[j];
      const d = delta.get(cellKey(c)) ?? 0;
      const v = this.cur(c);
      if (v + d < 0 && v >= 0) negative = true;
      touch(c, d);
      if (c.i < 0) {
        rows.add(virtualRowKey(c));
        virtuals = true;
      }
    }
    // the other cells of a restored row: their relations exist now too
    if (virtuals) {
      const restored = new Set<string>();
      for (const c of cells)
        if (c.i < 0 && !restored.has(virtualRowKey(c))) {
          restored.add(virtualRowKey(c));
          for (let k = 0; k < c.b.roles.length; k++) {
            const s = this.sibling(c, k);
            if (!delta.has(cellKey(s))) touch(s, 0);
          }
        }
    }
    const broken: Relation[] = [];
    const open: Relation[] = [];
    const fixed: Relation[] = [];
    if (negative && quick) return { broken, open, fixed, negative };
    let done = false;
    acc.forEach((d, r) => {
      if (done || (r.cond && !r.terms.some((t) => t.c.i < 0 && rows.has(virtualRowKey(t.c))))) return;
      const b0 = this.base(r);
      if (Number.isNaN(b0)) return;
      const was = r.cond ? true : this.holds(r, b0);
      const now = this.holds(r, b0 + d);
      if (now) {
        if (!was) fixed.push(r);
      } else if (was) {
        broken.push(r);
        if (quick) done = true;
      } else open.push(r);
    });
    return { broken, open, fixed, negative };
  }

  private explained(h: { cells: RCell[]; delta: Map<CellKey, number> }, fixed: Relation[]): Set<number> {
    const out = new Set<number>();
    for (let j = 0; j < fixed.length; j++) {
      const list = this.findingsOf.get(fixed[j].id);
      if (list) for (let n = 0; n < list.length; n++) out.add(list[n]);
    }
    if (this.valueFindings.size > 0)
      for (const c of h.cells) {
        const list = this.valueFindings.get(cellKey(c));
        if (!list) continue;
        const now = this.cur(c) + (h.delta.get(cellKey(c)) ?? 0);
        for (const i of list) {
          const rule = this.findings[i].rule;
          if (rule === 'value-negative' && now < 0) continue;
          if (rule === 'value-decimals' && now % 10 ** (this.scale - 2) !== 0) continue;
          out.add(i);
        }
      }
    // a restored row gives its parent the child it lacked, an orphan its parent
    if (h.cells.some((c) => c.i < 0 && !c.parent))
      for (const { i, need } of this.needs) if (h.cells.some((c) => c.i < 0 && c.b === need.b && !c.parent && need.fits(c.key!))) out.add(i);
    return out;
  }

  // ---- the search ---------------------------------------------------------------------------------

  private search(group: Relation[], budget: number): Hyp[] {
    const ids = new Set(group.map((r) => r.id));
    const want = new Set<number>();
    for (const r of group) for (const i of this.findingsOf.get(r.id)!) want.add(i);
    const heap = new Heap<State>((a, b) => a.cost - b.cost || a.cells.length - b.cells.length || a.n - b.n);
    // states by a hash of their changes (the same changes reached in another order are one state)
    const seen = new Map<number, Map<CellKey, number>[]>();
    let order = 0;
    const push = (s: State) => {
      const h = changesHash(s.delta);
      const same = seen.get(h);
      if (!same) seen.set(h, [s.delta]);
      else if (same.some((d) => sameChanges(d, s.delta))) return;
      else same.push(s.delta);
      heap.push(s);
    };
    const extend = (s: State | undefined, c: RCell, d: number, step: number): State | undefined => {
      if (d === 0 || !Number.isFinite(d) || (s && s.cells.length >= MAX_CELLS)) return undefined;
      const k = cellKey(c);
      // the further cells of a restored row come with it
      const free = c.i < 0 && !!s?.cells.some((x) => x.i < 0 && virtualRowKey(x) === virtualRowKey(c));
      const delta = new Map(s?.delta);
      delta.set(k, d);
      const cells = s ? [...s.cells, c] : [c];
      if (c.i < 0 && !free) this.fillRow(c, cells, delta);
      return { cells, delta, cost: (s?.cost ?? 0) + (free ? 0 : step), n: order++ };
    };
    // seeds: any cell of a violated relation, changed so that the relation holds; a negative figure turned round
    for (const r of group) {
      const res = this.base(r);
      if (Number.isNaN(res)) continue;
      for (let j = 0; j < r.terms.length; j++) {
        const t = r.terms[j];
        if (!this.suspect.has(cellKey(t.c))) continue;
        const s = extend(undefined, t.c, -res * t.a, 1);
        if (s) push(s);
      }
    }
    const blocks = new Set<Block>();
    for (const r of group) for (let j = 0; j < r.terms.length; j++) blocks.add(r.terms[j].c.b);
    for (const b of blocks)
      for (const c of (this.negatives.get(b) ?? []).slice(0, 2 * SMALL)) {
        const s = extend(undefined, c, -2 * this.cur(c), 1);
        if (s) push(s);
      }
    const out: Hyp[] = [];
    let bestFull: State | undefined;
    let states = 0;
    for (let s = heap.pop(); s; s = heap.pop()) {
      if (bestFull && (s.cost > bestFull.cost || (s.cost === bestFull.cost && s.cells.length > bestFull.cells.length))) break;
      if (states++ > budget || this.statesLeft-- <= 0) break;
      // at the best full explanation's size only a tie matters: the first broken relation settles it
      const ev = this.evaluate(s.cells, s.delta, !!bestFull);
      if (ev.negative) continue;
      if (ev.broken.length === 0) {
        const explains = this.explained(s, ev.fixed);
        if (explains.size > 0) {
          out.push({ cells: s.cells, delta: s.delta, cost: s.cost, size: s.cells.length, explains, pattern: this.pattern(s.cells, s.delta), kind: 'value' });
          if ([...want].every((i) => explains.has(i))) {
            bestFull ??= s;
            continue;
          }
        }
      }
      if (s.cost >= MAX_COST) continue;
      // grow through one conflict: the one from the earliest change, with the fewest ways out
      let pick: { r: Relation; cands: { c: RCell; step: number }[]; age: number } | undefined;
      // totals of broken sums whose parts changed: reaching one carries the change upward, whichever sum leads there
      const upward = new Set<CellKey>();
      for (let j = 0; j < ev.broken.length; j++) {
        const r = ev.broken[j];
        if (r.total !== undefined) upward.add(cellKey(r.terms[r.total].c));
      }
      for (const r of ev.broken.length ? ev.broken : ev.open.filter((x) => ids.has(x.id))) {
        // a term changed, or a cell of a restored row, makes the relation as old as that change
        const age = this.age(r, s);
        const cands = this.candidates(r, s.delta, upward);
        if (cands.length === 0) continue;
        if (!pick || age < pick.age || (age === pick.age && cands.length < pick.cands.length)) pick = { r, cands, age };
      }
      if (!pick) continue;
      const info = this.info(pick.r);
      let res = this.base(pick.r);
      s.delta.forEach((d, k) => (res += (info.coef.get(k) ?? 0) * d));
      for (const { c, step } of pick.cands) {
        const k = cellKey(c);
        const a = info.first?.get(k) ?? info.coef.get(k)!;
        const next = extend(s, c, -res * a, step);
        if (next && next.cost <= MAX_COST) push(next);
      }
    }
    return out;
  }

  /** The cell of role k of a virtual cell's row (one object per cell, its keys computed once). */
  private sibling(c: RCell, k: number): RCell {
    const key = `${virtualRowKey(c)}:${k}`;
    let s = this.virtuals.get(key);
    if (!s) this.virtuals.set(key, (s = virtual(c.b, c.key!, k, c.parent)));
    return s;
  }

  /**
   * A restored row's other figures: each what an equality it is the only unknown of (its parent's sum)
   * lacks. Its own row total is left to the search.
   */
  private fillRow(c: RCell, cells: RCell[], delta: Map<CellKey, number>): void {
    const row = virtualRowKey(c);
    for (let k = 0; k < c.b.roles.length; k++) {
      if (k === c.k) continue;
      const sib = this.sibling(c, k);
      const sk = cellKey(sib);
      for (const { r, a } of this.around(sib)) {
        // only from sums whose other cells are known: real, or already given by this change
        if (r.op !== 'eq' || r.terms.some((t) => t.c.i < 0 && cellKey(t.c) !== sk && (virtualRowKey(t.c) === row || !delta.has(cellKey(t.c))))) continue;
        let res = this.base(r);
        for (const t of r.terms) res += t.a * (delta.get(cellKey(t.c)) ?? 0);
        if (Number.isNaN(res)) continue;
        if (res !== 0) {
          cells.push(sib);
          delta.set(sk, -res * a);
        }
        break;
      }
    }
  }

  /**
   * Cells a conflict may grow into: its total when a part changed (upward: the clerk carried the change
   * along, no new error), any cell of a small relation, and cells already suspect (a second error).
   */
  private candidates(r: Relation, inS: Map<CellKey, number>, upward: Set<CellKey>): { c: RCell; step: number }[] {
    const out: { c: RCell; step: number }[] = [];
    const cands = this.info(r).cands;
    for (let j = 0; j < cands.length && out.length < 2 * SMALL; j++) {
      const { c, step } = cands[j];
      const k = cellKey(c);
      if (!inS.has(k)) out.push({ c, step: upward.has(k) ? 0 : step });
    }
    return out;
  }

  /**
   * How old a relation is in a change: the position of the first changed cell that is one of its terms, or
   * the first of a restored row one of its (unchanged) virtual terms is in.
   */
  private age(r: Relation, s: State): number {
    const info = this.info(r);
    let rows: Set<string> | undefined;
    for (let j = 0; j < s.cells.length; j++) {
      const c = s.cells[j];
      if (info.coef.has(cellKey(c))) return j;
      if (c.i >= 0) continue;
      const row = virtualRowKey(c);
      if (rows?.has(row)) continue;
      (rows ??= new Set()).add(row);
      const ks = info.rows.get(row);
      if (ks && ks.some((k) => !s.delta.has(k))) return j;
    }
    return Infinity;
  }

  private info(r: Relation): RelInfo {
    let info = this.infos.get(r);
    if (info) return info;
    const coef = new Map<CellKey, number>();
    let first: Map<CellKey, number> | undefined;
    const rows = new Map<string, CellKey[]>();
    const cands: { c: RCell; step: number }[] = [];
    const small = r.terms.length <= SMALL;
    const seen = new Set<CellKey>();
    const add = (c: RCell, step: number) => {
      const k = cellKey(c);
      if (!seen.has(k)) {
        seen.add(k);
        cands.push({ c, step });
      }
    };
    if (r.total !== undefined) add(r.terms[r.total].c, 0);
    for (let j = 0; j < r.terms.length; j++) {
      const { c, a } = r.terms[j];
      const k = cellKey(c);
      const had = coef.get(k);
      if (had === undefined) coef.set(k, a);
      else {
        if (!first?.has(k)) (first ??= new Map()).set(k, had);
        coef.set(k, had + a);
      }
      if (c.i < 0) {
        const list = rows.get(virtualRowKey(c));
        if (list) list.push(k);
        else rows.set(virtualRowKey(c), [k]);
      }
      if (small || this.suspect.has(k)) add(c, 1);
    }
    this.infos.set(r, (info = { coef, first, rows, cands }));
    return info;
  }

  // ---- structural explanations: a repeated row, a wrong code ---------------------------------------

  private structuralHyps(violated: Relation[]): Hyp[] {
    const out: Hyp[] = [];
    const removeRow = (row: Row, delta: Map<CellKey, number>, cells: RCell[]) => {
      for (let k = 0; k < row.block.roles.length; k++) {
        const c = real(row.block, row.i, k);
        const v = this.cur(c);
        if (Number.isNaN(v)) return false;
        if (v !== 0) {
          cells.push(c);
          delta.set(cellKey(c), -v);
        }
      }
      return true;
    };
    const consider = (h: Omit<Hyp, 'explains' | 'pattern' | 'cost' | 'size'>, own: number[]) => {
      const ev = this.evaluate(h.cells, h.delta);
      if (ev.broken.length > 0 || ev.negative) return;
      const explains = this.explained(h, ev.fixed);
      for (const i of own) explains.add(i);
      out.push({ ...h, cost: 1, size: 1, explains, pattern: 0 });
    };
    // keys a block lacks although a violated relation asks for them
    const absent = new Map<Block, Set<string>>();
    for (const r of violated)
      for (const t of r.terms)
        if (t.c.i < 0 && !t.c.parent) {
          const set = absent.get(t.c.b) ?? new Set<string>();
          set.add(t.c.key!);
          absent.set(t.c.b, set);
        }
    const coded = new Map<Row, number[]>();
    let dups = 0;
    this.findings.forEach((f, i) => {
      const tie = this.ties.get(f);
      if (tie?.duplicate && dups++ < MAX_STRUCTURAL) {
        const cells: RCell[] = [];
        const delta = new Map<CellKey, number>();
        if (removeRow(tie.duplicate, delta, cells)) consider({ cells, delta, kind: 'remove', row: tie.duplicate }, [i]);
      }
      if (tie?.code && coded.size < MAX_STRUCTURAL) coded.set(tie.code, [...(coded.get(tie.code) ?? []), i]);
    });
    // rows present where a twin lacks them may carry a wrong code too
    for (const r of violated) {
      const present = r.terms.filter((t) => t.c.i >= 0);
      if (coded.size >= MAX_STRUCTURAL) break;
      if (r.terms.some((t) => t.c.i < 0) && present.length === 1) {
        const row = present[0].c.b.rows[present[0].c.i];
        if (row.kind === 'code' && !coded.has(row)) coded.set(row, []);
      }
    }
    for (const [row, own] of coded) {
      const ownAll = [...own, ...this.findingsOnRow(row)];
      const under = own.map((i) => this.ties.get(this.findings[i])?.under).find((u): u is Row => !!u);
      // the keys it may have been meant to be: lacking in its table, at its level first
      const level = (k: string) => Math.abs(k.length - (row.code ?? '').length);
      const targets: { key: string; parent?: string }[] = [...(absent.get(row.block) ?? [])]
        .filter((k) => k !== row.code)
        .sort((a, b) => level(a) - level(b))
        .slice(0, 2 * SMALL)
        .map((key) => ({ key }));
      if (under?.code) targets.push({ key: `${under.code}·${row.r + 1}`, parent: under.code });
      for (const tgt of targets) {
        const cells: RCell[] = [];
        const delta = new Map<CellKey, number>();
        if (!removeRow(row, delta, cells)) continue;
        for (let k = 0; k < row.block.roles.length; k++) {
          const v = this.cur(real(row.block, row.i, k));
          if (v === 0) continue;
          const c = virtual(row.block, tgt.key, k, tgt.parent);
          cells.push(c);
          delta.set(cellKey(c), v);
        }
        if (cells.length === 0) continue;
        consider({ cells, delta, kind: 'rekey', row, newKey: tgt.parent ? undefined : tgt.key, under: tgt.parent ? under : undefined }, ownAll);
      }
    }
    return out;
  }

  /** Findings (not about sums) that a wrong code of this row brings about: about its name, or naming its row first. */
  private findingsOnRow(row: Row): number[] {
    return [...new Set([...(this.onRow.get(`${row.block.sheet}\u0000${row.r}`) ?? []), ...(this.onName.get(row) ?? [])])];
  }

  // ---- choosing ---------------------------------------------------------------------------------

  /**
   * Greedy: the explanation of most findings not yet explained, then the fewest changes and cells, then the
   * clerk's likeliest error (lazily: a popped explanation is taken when still as good as the next).
   */
  private pick(pool: Hyp[], taken: Set<number>, chosen: { h: Hyp; alts: Hyp[] }[]): void {
    const fresh = (h: Hyp) => {
      let n = 0;
      for (const i of h.explains) if (!taken.has(i)) n++;
      return n;
    };
    // only a strong pattern (digits swapped, the neighbouring row's figure, a sign, text) tells equal changes
    // apart: a one-digit or round difference fits nearly any cell (a cent more on 879.00 or on 43.59)
    const tier = (p: number) => (p >= 2 ? 1 : 0);
    const better = (a: { n: number; h: Hyp }, b: { n: number; h: Hyp }) =>
      b.n - a.n || a.h.cost - b.h.cost || a.h.size - b.h.size || b.h.pattern - a.h.pattern || (a.h.n ?? 0) - (b.h.n ?? 0);
    const explainsKey = (h: Hyp) => [...h.explains].sort((x, y) => x - y).join(',');
    const byExplains = new Map<string, Hyp[]>();
    pool.forEach((h, n) => {
      h.n = n;
      const k = explainsKey(h);
      byExplains.set(k, [...(byExplains.get(k) ?? []), h]);
    });
    const heap = new Heap<{ n: number; h: Hyp }>(better);
    for (const h of pool) heap.push({ n: h.explains.size, h });
    const sig = (h: Hyp) => [...h.delta.keys()].sort().join(',');
    // relations a change taken apart (below) touches: other changes in them were worked out on the old
    // figures, and are looked for again in the next round
    const stale = new Set<Relation>();
    const isStale = (h: Hyp) => h.cells.some((c) => this.around(c).some((x) => stale.has(x.r)));
    for (let top = heap.pop(); top; top = heap.pop()) {
      if (stale.size > 0 && isStale(top.h)) continue;
      let n = fresh(top.h);
      if (n === 0) continue;
      if (n < top.n) {
        heap.push({ n, h: top.h });
        continue;
      }
      let best = top.h;
      // two independent errors are two causes: when a part of a change of several already holds on its own
      // (breaks nothing, explains findings), it is taken first; the next round looks again at what is left
      const part = this.part(best, pool, fresh, better);
      if (part) {
        best = part.h;
        n = part.n;
        for (const c of best.cells) for (const x of this.around(c)) stale.add(x.r);
      }
      // the same findings explained as well, at the same cost, with no clerk pattern to tell them apart
      const alts: Hyp[] = [];
      if (n === best.explains.size)
        for (const h of byExplains.get(explainsKey(best)) ?? []) {
          if (h === best || h.cost !== best.cost || h.size !== best.size || tier(h.pattern) !== tier(best.pattern)) continue;
          if (sig(h) === sig(best) || alts.some((a) => sig(a) === sig(h))) continue;
          alts.push(h);
        }
      chosen.push({ h: best, alts });
      for (const i of best.explains) taken.add(i);
      for (const [k, d] of best.delta) this.overlay.set(k, (this.overlay.get(k) ?? 0) + d);
      this.baseMemo.clear();
    }
  }

  /** The best change in the pool that is a proper part of h (the same cells changed by as much, fewer changes), when h is of several. */
  private part(
    h: Hyp,
    pool: Hyp[],
    fresh: (h: Hyp) => number,
    better: (a: { n: number; h: Hyp }, b: { n: number; h: Hyp }) => number,
  ): { n: number; h: Hyp } | undefined {
    if (h.kind !== 'value' || h.cost < 2) return undefined;
    let best: { n: number; h: Hyp } | undefined;
    for (const p of pool) {
      if (p === h || p.kind !== 'value' || p.cost >= h.cost || p.delta.size >= h.delta.size) continue;
      let inside = true;
      for (const [k, d] of p.delta) if (h.delta.get(k) !== d) inside = false;
      if (!inside) continue;
      const x = { n: fresh(p), h: p };
      if (x.n > 0 && (!best || better(x, best) < 0)) best = x;
    }
    return best;
  }

  /** Clerk error patterns of a change, strongest of its cells. */
  private pattern(cells: RCell[], delta: Map<CellKey, number>): number {
    let best = 0;
    for (const c of cells) {
      if (c.i < 0) continue;
      const old = this.cur(c);
      const now = old + (delta.get(cellKey(c)) ?? 0);
      let p = 0;
      if (c.b.state[c.k][c.i] === ISSUE) p = 3;
      else if (old < 0 && now === -old) p = 3;
      else {
        const a = Math.abs(old).toString();
        const b = Math.abs(now).toString();
        if (a.length === b.length) {
          const diff: number[] = [];
          for (let j = 0; j < a.length; j++) if (a[j] !== b[j]) diff.push(j);
          if (diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]]) p = 2;
          else if (diff.length === 1) p = 1;
        }
        // a copied neighbour's figure is off from the true one by a chance amount, not by a round one (two
        // rows of 10.00 are no sign that one of them should be 9.99)
        if (p < 2 && !/^[1-9]0*$/.test(Math.abs(now - old).toString())) {
          for (const j of [c.i - 1, c.i + 1])
            if (j >= 0 && j < c.b.rows.length && c.b.rows[j].kind === c.b.rows[c.i].kind && old !== 0 && this.cur(real(c.b, j, c.k)) === old) p = 2;
        }
        if (p === 0 && /^[1-9]0*$/.test(Math.abs(now - old).toString())) p = 0.5;
      }
      best = Math.max(best, p);
    }
    return best;
  }

  // ---- presenting -----------------------------------------------------------------------------------

  private tableLabel(b: Block): string {
    return tableName(this.tableOf.get(b)!);
  }

  private figure(u: number): string {
    return fmt(new Decimal(u).dividedBy(this.unit));
  }

  /** The figure or text a cell holds, as a clerk reads it. */
  private shown(c: RCell): string {
    if (c.i < 0) return '';
    const a = c.b.amount(c.i, c.k);
    if (a.problem) return a.raw ?? '';
    if (a.blank) return '';
    return fmt(a.v);
  }

  private causeCell(c: RCell, d: number | undefined): CauseCell {
    const ref = c.b.amount(c.i, c.k).cell;
    const out: CauseCell = { sheet: ref.sheet, address: ref.address, value: this.shown(c) };
    if (d !== undefined) out.proposed = this.figure(this.val(c) + d);
    return out;
  }

  private where(c: RCell): string {
    const row = c.b.rows[c.i];
    const ref = c.b.amount(c.i, c.k).cell;
    return `${this.tableLabel(c.b)} ${rowDesc(row)} ${colLabel(c.b, c.b.roles[c.k])}（${ref.address}）`;
  }

  private valueText(c: RCell): string {
    const a = c.b.amount(c.i, c.k);
    if (a.problem === 'error' || a.problem === 'formula-error') return `为错误值 ${a.raw ?? ''}`;
    if (a.problem) return `为“${a.raw ?? ''}”`;
    if (a.blank) return '为空白';
    return `为 ${fmt(a.v)}`;
  }

  /** Cells of a change in reading order: those in violated relations first, deeper 科目 first, then by sheet position. */
  private ordered(h: Hyp): RCell[] {
    const tableNo = (c: RCell) => Number(this.tableOf.get(c.b)!.id.slice(1));
    const level = (c: RCell) => (c.i >= 0 ? (c.b.rows[c.i].kind === 'code' ? (c.b.rows[c.i].code ?? '').length : 0) : 0);
    return [...h.cells].sort(
      (x, y) =>
        Number(this.suspect.has(cellKey(y))) - Number(this.suspect.has(cellKey(x))) ||
        tableNo(x) - tableNo(y) ||
        level(y) - level(x) ||
        x.i - y.i ||
        x.k - y.k,
    );
  }

  private describe(h: Hyp): { cells: CauseCell[]; text: string } {
    if (h.kind === 'remove') {
      const row = h.row!;
      const first = treeIndex(row.block).byCode.get(row.code!);
      return {
        cells: [this.codeCell(row)],
        text: `${this.tableLabel(row.block)} ${rowDesc(row)} 重复列示（第 ${first ? first.r + 1 : '?'} 行和第 ${row.r + 1} 行），应删除第 ${row.r + 1} 行`,
      };
    }
    if (h.kind === 'rekey') {
      const row = h.row!;
      const cell = this.codeCell(row);
      const where = `${this.tableLabel(row.block)}第 ${row.r + 1} 行的科目编码（${cell.address}）为“${row.code}”`;
      if (h.newKey) {
        cell.proposed = h.newKey;
        const name = this.nameOf(h.newKey, row.block);
        return { cells: [cell], text: `${where}，应为“${h.newKey}”${name ? `（${name}，其他表中该科目金额与此行相同）` : ''}` };
      }
      return { cells: [cell], text: `${where}，排在 ${rowDesc(h.under!)} 之下，编码应属于 ${h.under!.code}` };
    }
    const reals = this.ordered(h).filter((c) => c.i >= 0);
    const virt = h.cells.filter((c) => c.i < 0);
    const parts: string[] = [];
    const cells: CauseCell[] = [];
    if (reals.length > 0) {
      const [first, ...rest] = reals;
      const d0 = h.delta.get(cellKey(first))!;
      cells.push(this.causeCell(first, d0));
      parts.push(`${this.where(first)}${this.valueText(first)}，应为 ${cells[0].proposed}`);
      if (rest.length === 1) {
        const c = rest[0];
        const cc = this.causeCell(c, h.delta.get(cellKey(c))!);
        cells.push(cc);
        const sameRow = c.b === first.b && c.i === first.i;
        parts.push(`${sameRow ? `${colLabel(c.b, c.b.roles[c.k])}（${cc.address}）` : this.where(c)}${this.valueText(c)}，应为 ${cc.proposed}`);
      } else if (rest.length > 1) {
        for (const c of rest) cells.push(this.causeCell(c, h.delta.get(cellKey(c))!));
        const ds = rest.map((c) => h.delta.get(cellKey(c))!);
        const same = ds.every((d) => d === ds[0]);
        // each cell named by its address, with its table's name where the table changes
        const list = rest
          .map((c, j) => {
            const table = this.tableLabel(c.b) === this.tableLabel(j === 0 ? first.b : rest[j - 1].b) ? '' : this.tableLabel(c.b) + ' ';
            return `${table}${cells[j + 1].address}${same ? '' : ` 应为 ${cells[j + 1].proposed}`}`;
          })
          .join('、');
        parts.push(`同一改动还涉及${list}${same ? `（各应${ds[0] < 0 ? '减' : '加'} ${this.figure(Math.abs(ds[0]))}）` : ''}`);
      }
    }
    // rows a table lacks: named under the nearest row the table has, shallow ones first
    const byRow = new Map<string, RCell[]>();
    for (const c of virt) byRow.set(virtualRowKey(c), [...(byRow.get(virtualRowKey(c)) ?? []), c]);
    const rows = [...byRow.values()].sort((x, y) => x[0].key!.length - y[0].key!.length || (x[0].key! < y[0].key! ? -1 : 1));
    const byPlace = new Map<string, { at?: Row; b: Block; rows: RCell[][] }>();
    for (const list of rows) {
      const c0 = list[0];
      const idx = treeIndex(c0.b);
      let at: Row | undefined;
      for (let code = c0.key!; !at && code.length > 3; ) {
        code = code.slice(0, code.length - 2);
        at = idx.byCode.get(code);
      }
      const k = `${virtualRowKey(c0).split(':')[0]}:${at?.i ?? ''}`;
      const e = byPlace.get(k) ?? { at, b: c0.b, rows: [] };
      e.rows.push(list);
      byPlace.set(k, e);
    }
    for (const { at, b, rows: lists } of byPlace.values()) {
      const cell = at ? this.codeCell(at) : this.twinCodeCell(lists[0][0].key!, b);
      if (cell) cells.push(cell);
      const what = lists.map((list) => {
        const key = list[0].key!;
        const name = this.nameOf(key, b);
        const figs = list
          .filter((c) => h.delta.get(cellKey(c)))
          .sort((x, y) => x.k - y.k)
          .map((c) => `${colLabel(b, b.roles[c.k])} ${this.figure(h.delta.get(cellKey(c))!)}`);
        return { head: `${key}${name ? ' ' + name : ''}`, figs: figs.join('，') };
      });
      const figures = what.length === 1 ? what[0].figs : what.map((w) => `${w.head.split(' ')[0]}：${w.figs}`).join('；');
      parts.push(`${this.tableLabel(b)}${at ? ` ${rowDesc(at)} 下` : ''}缺少 ${what.map((w) => w.head).join('、')} 行，应补列（${figures}）`);
    }
    return { cells, text: parts.join('；') };
  }

  private codeCell(row: Row): CauseCell {
    const ref = row.codeCell ?? row.nameCell ?? row.labelCell!;
    return { sheet: ref.sheet, address: ref.address, value: row.code ?? row.name ?? row.label ?? '' };
  }

  /** The code cell of a 科目 in another table (where a missing row is still printed). */
  private twinCodeCell(code: string, except: Block): CauseCell | undefined {
    for (const t of this.ctx.tables.values())
      for (const b of t.blocks) {
        if (b === except || !('tree' in b.def.rows)) continue;
        const r = treeIndex(b).byCode.get(code);
        if (r) return this.codeCell(r);
      }
    return undefined;
  }

  /** The name of a 科目 code as another table prints it. */
  private nameOf(code: string, except: Block): string | undefined {
    for (const t of this.ctx.tables.values())
      for (const b of t.blocks) {
        if (b === except || !('tree' in b.def.rows)) continue;
        const r = treeIndex(b).byCode.get(code);
        if (r?.name) return r.name;
      }
    return undefined;
  }

  private cause(h: Hyp, alts: Hyp[]): Cause {
    const d = this.describe(h);
    const explains = [...h.explains].sort((a, b) => a - b);
    const tail = `；可解释 ${explains.length} 个问题。`;
    if (alts.length === 0) return { cells: d.cells, explains, message: d.text + tail, ambiguous: false, alternatives: [] };
    const all = [h, ...alts].map((x) => ({ x, d: x === h ? d : this.describe(x) }));
    const short = all.map(({ x, d }) => this.shortChange(x) ?? d.text);
    return {
      cells: d.cells,
      explains,
      // many equal ways (one of 20 parts a cent off): the first few named, the rest counted
      message: `无法区分：${short.slice(0, SHOWN_ALTERNATIVES).join('，或 ')}${short.length > SHOWN_ALTERNATIVES ? `，或另外 ${short.length - SHOWN_ALTERNATIVES} 处之一（见各备选）` : ''}${tail}`,
      ambiguous: true,
      alternatives: all.slice(1).map(({ d }) => ({ cells: d.cells, message: d.text + '。', ambiguous: true })),
    };
  }

  /** '表6 … 30101 基本工资 合计（D8）多 9.00' for a change of figures. */
  private shortChange(h: Hyp): string | undefined {
    if (h.kind !== 'value' || h.cells.some((c) => c.i < 0)) return undefined;
    const [first, ...rest] = this.ordered(h);
    const d = h.delta.get(cellKey(first))!;
    return `${this.where(first)}${d < 0 ? '多' : '少'} ${this.figure(Math.abs(d))}${rest.length ? `（连同 ${rest.map((c) => c.b.amount(c.i, c.k).cell.address).join('、')}）` : ''}`;
  }

  // ---- causes of their own -----------------------------------------------------------------------------

  private ownCauses(taken: Set<number>): Cause[] {
    const out: Cause[] = [];
    const names = new Map<string, number[]>();
    for (const list of this.takenBy.values()) for (const i of list) taken.add(i);
    this.findings.forEach((f, i) => {
      if (taken.has(i)) return;
      // the 情况说明 check reports in its own section: its findings are listed as they are
      if (isTextFinding(f)) return;
      const tie = this.ties.get(f);
      if (tie?.relation) return; // a sum no explanation was found for: listed as it is
      if (tie?.name) {
        const k = tie.name.code;
        names.set(k, [...(names.get(k) ?? []), i]);
        return;
      }
      out.push(this.ownCause(f, i, tie));
    });
    for (const [code, list] of names) out.push(this.nameCause(code, list));
    return out;
  }

  private ownCause(f: Finding, i: number, tie: Tie | undefined): Cause {
    let cells: CauseCell[];
    let text = f.message.replace(/[。；]$/, '');
    if (tie?.value) {
      const c = tie.value;
      const cc = this.causeCell(c, undefined);
      const a = c.b.amount(c.i, c.k);
      if (a.problem === 'text-number') {
        cc.proposed = fmt(a.v);
        text = `${this.where(c)}的“${a.raw}”是文本格式的数字，应为数值 ${cc.proposed}`;
      }
      cells = [cc];
    } else if (tie?.header) {
      const h = tie.header;
      const cc: CauseCell = { sheet: h.cell.sheet, address: h.cell.address, value: h.text };
      if (h.year) cc.proposed = h.want;
      cells = [cc];
      const t = f.table ? this.ctx.tables.get(f.table) : undefined;
      text = `${t ? tableName(t) + ' ' : ''}表头的${h.label}（${h.cell.address}）为“${h.text}”，应为“${h.want}”（与其他各表一致）`;
    } else if (tie?.code) {
      cells = [this.codeCell(tie.code)];
    } else {
      const refs: CellRef[] = tie?.culprits ?? f.cells.slice(0, 1);
      cells = refs.map((r) => ({ sheet: r.sheet, address: r.address, value: f.actual ?? '' }));
    }
    const explains = [i, ...(this.takenBy.get(i) ?? [])].sort((a, b) => a - b);
    return { cells, explains, message: `${text}；可解释 ${explains.length} 个问题。`, ambiguous: false, alternatives: [] };
  }

  /** One cause per 科目 code whose name differs: the cells that do not carry the name it should have. */
  private nameCause(code: string, list: number[]): Cause {
    const ties = list.map((i) => this.ties.get(this.findings[i])!.name!);
    const std = ties.find((t) => t.want && !t.wantFromMajority)?.want;
    const want = std ?? ties.find((t) => t.want)?.want ?? '';
    const wrong = new Map<string, { cell: CellRef; name: string; table?: TableId }>();
    list.forEach((i, j) => {
      const t = ties[j];
      if (norm(t.name) !== norm(want)) wrong.set(`${t.cell.sheet}!${t.cell.address}`, { cell: t.cell, name: t.name, table: this.findings[i].table });
    });
    // with a standard name, cells named by consistency findings (the majority) may be the wrong ones
    if (std)
      for (const i of list) {
        const f = this.findings[i];
        if (f.rule !== 'name-consistency') continue;
        const m = f.cells[f.cells.length - 1];
        if (f.expected && norm(f.expected) !== norm(std) && !wrong.has(`${m.sheet}!${m.address}`)) wrong.set(`${m.sheet}!${m.address}`, { cell: m, name: f.expected });
      }
    const cells = [...wrong.values()].map((w) => ({ sheet: w.cell.sheet, address: w.cell.address, value: w.name }));
    const names = [...new Set([...wrong.values()].map((w) => w.name))];
    const where = [...wrong.values()].map((w) => {
      const t = [...this.ctx.tables.values()].find((x) => x.sheet === w.cell.sheet);
      return `${t?.def.no ? `表${t.def.no} ` : t ? title(t) + ' ' : ''}${w.cell.address}`;
    });
    const message = `科目 ${code} 的名称（${where.join('、')}）为“${names.join('”“')}”，应为“${want}”`;
    const explains = [...list].sort((a, b) => a - b);
    const tail = `；可解释 ${list.length} 个问题。`;
    // one row whose name is the standard name of another code of its class, a code its table does not
    // have: its code may be the wrong one just as well
    const only = wrong.size === 1 ? ties.find((t) => norm(t.name) !== norm(want)) : undefined;
    const other = only && this.codeNamed(only.row, only.name);
    if (only && other) {
      const cc = { ...this.codeCell(only.row), proposed: other };
      const alt = `${this.tableLabel(only.row.block)}第 ${only.row.r + 1} 行的科目编码（${cc.address}）为“${code}”，应为“${other}”（“${only.name}”的编码）`;
      return {
        cells,
        explains,
        message: `无法区分：${message}，或 ${alt}${tail}`,
        ambiguous: true,
        alternatives: [{ cells: [cc], message: alt + '。', ambiguous: true }],
      };
    }
    return { cells, explains, message: message + tail, ambiguous: false, alternatives: [] };
  }

  /** The economic code of the row's class whose standard name is this name, when the row's table lacks it. */
  private codeNamed(row: Row, name: string): string | undefined {
    const code = row.code;
    if (!code || code.length !== 5 || (this.ctx.catalog && this.ctx.catalog.names.size > 0)) return undefined;
    for (const cat of economicCatalogs(this.ctx))
      for (const [k, std] of Object.entries(cat.kuan)) {
        if (k === code || k.slice(0, 3) !== code.slice(0, 3) || !economicNameOk(std, name)) continue;
        return treeIndex(row.block).byCode.has(k) ? undefined : k;
      }
    return undefined;
  }
}

const rowOf = (address: string): number => parseAddress(address.replace(/\$/g, '')).r;

/** '表3 部门预算支出总表' (the table's number in its template, when it has one). */
const tableName = (t: Table): string => `${t.def.no ? `表${t.def.no} ` : ''}${title(t)}`;

/** An order-free hash of a set of changes (cell key, change in units). */
function changesHash(delta: Map<CellKey, number>): number {
  let h = 0;
  delta.forEach((d, k) => {
    let x = typeof k === 'number' ? k | 0 : strHash(k);
    x = Math.imul(x ^ (d | 0), 0x9e3779b1) ^ Math.imul((d / 4294967296) | 0, 0x85ebca6b);
    h = (h + Math.imul(x ^ (x >>> 15), 0x2c1b3c6d)) | 0;
  });
  return h;
}

function strHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

const sameChanges = (a: Map<CellKey, number>, b: Map<CellKey, number>): boolean => {
  if (a.size !== b.size) return false;
  for (const [k, d] of a) if (b.get(k) !== d) return false;
  return true;
};
