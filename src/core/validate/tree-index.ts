// The 科目 tree of a block, indexed once (parents, children, classes, repeats) and rows by key, shared by
// the tree, sum, name and cross-table rules.
import type { TableId } from '../model/findings';
import type { Block, Row, Table } from '../model/model';
import type { TreeKind } from '../profiles/types';
import { codeLevel, parentCode } from '../profiles/classes';
import type { Ctx } from './context';
import { isTree, treeKind } from './context';

export interface TreeIndex {
  kind: TreeKind;
  /** first row of each code */
  byCode: Map<string, Row>;
  children: Map<string, Row[]>;
  classes: Row[];
  total?: Row;
  /** codeLevel of each row of the block (0 for rows that are not code rows) */
  levels: Uint8Array;
  /** parent code of each 款 / 项 row, by row index */
  parents: (string | undefined)[];
  /** rows whose code appeared above (with the first row of that code) */
  dups: { row: Row; first: Row }[];
  /** rows whose parent code the block lacks, by that code */
  orphans: Map<string, Row[]>;
}

const treeCache = new WeakMap<Block, TreeIndex>();

export function treeIndex(b: Block): TreeIndex {
  const hit = treeCache.get(b);
  if (hit) return hit;
  const kind = treeKind(b);
  const byCode = new Map<string, Row>();
  const oddCodes = new Map<string, Row>();
  const children = new Map<string, Row[]>();
  const classes: Row[] = [];
  const dups: { row: Row; first: Row }[] = [];
  let total: Row | undefined;
  const n = b.rows.length;
  const levels = new Uint8Array(n);
  const parents = new Array<string | undefined>(n).fill(undefined);
  for (let i = 0; i < n; i++) {
    const row = b.rows[i];
    if (row.kind === 'total' && !total) total = row;
    if (row.kind !== 'code' || !row.code) continue;
    const lvl = codeLevel(row.code, kind);
    levels[i] = lvl;
    // malformed codes (level 0) are not in the tree, but a repeated one is still a repeat
    const seen = lvl === 0 ? oddCodes : byCode;
    const first = seen.get(row.code);
    if (first) dups.push({ row, first });
    else seen.set(row.code, row);
    if (lvl === 0) continue;
    if (lvl === 1) {
      if (!first) classes.push(row);
      continue;
    }
    parents[i] = parentCode(row.code);
  }
  // Children as printed: a row pasted twice counts twice in its parent's sum, as a reader adds it up.
  const orphans = new Map<string, Row[]>();
  for (let i = 0; i < n; i++) {
    const p = parents[i];
    if (p === undefined) continue;
    const into = byCode.has(p) ? children : orphans;
    const list = into.get(p);
    if (list) list.push(b.rows[i]);
    else into.set(p, [b.rows[i]]);
  }
  const idx = { kind, byCode, children, classes, total, levels, parents, dups, orphans };
  treeCache.set(b, idx);
  return idx;
}

/** The 科目 tree blocks of these tables (of every table when none are named), in table order. */
export function treeBlocks(ctx: Ctx, ids?: TableId[]): { t: Table; b: Block }[] {
  const out: { t: Table; b: Block }[] = [];
  const tables = ids ? ids.map((id) => ctx.tables.get(id)) : [...ctx.tables.values()];
  for (const t of tables) {
    if (!t) continue;
    for (const b of t.blocks) if (isTree(b)) out.push({ t, b });
  }
  return out;
}

const keyedCache = new WeakMap<Block, Partial<Record<'codes' | 'classes', Map<string, Row>>>>();

/** Rows of a block by key (read-only; built once per block and kind). */
export function keyedRows(t: Table, b: Block, rows: 'codes' | 'classes'): Map<string, Row> {
  let entry = keyedCache.get(b);
  if (!entry) keyedCache.set(b, (entry = {}));
  return (entry[rows] ??= buildKeyedRows(t, b, rows));
}

function buildKeyedRows(t: Table, b: Block, rows: 'codes' | 'classes'): Map<string, Row> {
  const out = new Map<string, Row>();
  if (isTree(b)) {
    const idx = treeIndex(b);
    if (rows === 'classes') for (const r of idx.classes) out.set(r.code!, r);
    else {
      for (const [code, r] of idx.byCode) out.set(code, r);
      if (idx.total) out.set('total', idx.total);
    }
  } else {
    for (const r of b.rows) if (r.key.startsWith('class.') && !out.has(r.key.slice(6))) out.set(r.key.slice(6), r);
  }
  void t;
  return out;
}

/** The keys of several maps, each once, in first-seen order. */
export function unionKeys(maps: Map<string, unknown>[]): string[] {
  const out = [...maps[0].keys()];
  for (let i = 1; i < maps.length; i++)
    for (const key of maps[i].keys()) {
      let seen = false;
      for (let j = 0; j < i && !seen; j++) seen = maps[j].has(key);
      if (!seen) out.push(key);
    }
  return out;
}
