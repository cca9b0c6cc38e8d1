// Clerk errors injected into a consistent workbook (a Grid), for the diagnosis bench and the trial on real
// disclosures: which cell, its original figure, what it holds now. Cells are found through recognition,
// so any workbook the engine reads will do.
import type { Workbook } from '../src/core/model/grid';
import { address } from '../src/core/model/grid';
import { recognize } from '../src/core/validate/recognize';
import type { Block, Row } from '../src/core/model/model';
import { rng } from './synth';

export type FaultKind = 'cent' | 'digit' | 'swap' | 'round' | 'text' | 'code' | 'twin';

export interface Injected {
  kind: FaultKind;
  table: string;
  /** the changed cells with their original figure (or code) and what they hold now */
  cells: { sheet: string; address: string; original: string; now: string }[];
}

interface Leaf {
  table: string;
  b: Block;
  row: Row;
}

const fix2 = (n: number) => n.toFixed(2);

/** Leaves (项 rows, or 款 rows of the economic tree) with a non-zero 合计, in the tree tables. */
function leaves(wb: Workbook): Leaf[] {
  const out: Leaf[] = [];
  for (const t of recognize(wb).tables)
    for (const b of t.blocks) {
      if (!('tree' in b.def.rows)) continue;
      const economic = (b.def.rows as { tree: string }).tree === 'economic';
      const kt = b.k('total');
      if (kt < 0) continue;
      for (const row of b.rows) {
        if (row.kind !== 'code' || !row.code) continue;
        if (row.code.length !== (economic ? 5 : 7)) continue;
        if (!(b.cents[kt][row.i] > 0)) continue;
        out.push({ table: t.id, b, row });
      }
    }
  return out;
}

function cellOf(wb: Workbook, b: Block, row: Row, k: number) {
  const sheet = wb.sheets.find((s) => s.name === b.sheet)!;
  const c = b.cols[k];
  return { sheet, r: row.r, c, cell: sheet.rows[row.r]?.[c] };
}

/** A different figure a clerk would type for v (in cents), by kind; undefined when the kind does not apply. */
function mistype(kind: FaultKind, cents: number, rand: () => number): number | undefined {
  const s = String(cents);
  switch (kind) {
    case 'cent':
      return cents + (rand() < 0.5 && cents > 1 ? -1 : 1);
    case 'round':
      return cents + (rand() < 0.5 && cents > 10000 ? -10000 : 10000);
    case 'digit': {
      const j = Math.floor(rand() * s.length);
      const d = (Number(s[j]) + 1 + Math.floor(rand() * 8)) % 10;
      if (j === 0 && d === 0) return undefined;
      return Number(s.slice(0, j) + d + s.slice(j + 1));
    }
    case 'swap': {
      const js = [...s].map((_, j) => j).filter((j) => j + 1 < s.length && s[j] !== s[j + 1] && !(j === 0 && s[1] === '0'));
      if (js.length === 0) return undefined;
      const j = js[Math.floor(rand() * js.length)];
      return Number(s.slice(0, j) + s[j + 1] + s[j] + s.slice(j + 2));
    }
    default:
      return undefined;
  }
}

/**
 * Injects `n` faults of the given kinds into distinct leaves (different 款 where possible), in place.
 * Returns what was changed. Deterministic for a seed.
 */
export function injectFaults(wb: Workbook, n: number, seed: number, kinds: FaultKind[] = ['cent', 'digit', 'swap', 'round']): Injected[] {
  const rand = rng(seed);
  const all = leaves(wb);
  const out: Injected[] = [];
  const usedKuan = new Set<string>();
  for (let tries = 0; out.length < n && tries < 50 * n && all.length > 0; tries++) {
    const leaf = all[Math.floor(rand() * all.length)];
    const kuan = `${leaf.table}:${leaf.row.code!.slice(0, 5)}`;
    if (usedKuan.has(kuan) && tries < 40 * n) continue;
    const kind = kinds[Math.floor(rand() * kinds.length)];
    const got = applyFault(wb, leaf, kind, rand);
    if (!got) continue;
    usedKuan.add(kuan);
    out.push(got);
  }
  return out;
}

function applyFault(wb: Workbook, { table, b, row }: Leaf, kind: FaultKind, rand: () => number): Injected | undefined {
  const kt = b.k('total');
  const at = cellOf(wb, b, row, kt);
  if (!at.cell || typeof at.cell.value !== 'number') return undefined;
  const cents = b.cents[kt][row.i];
  const sheet = at.sheet.name;
  if (kind === 'text') {
    at.sheet.rows[at.r][at.c] = { ...at.cell, value: fix2(at.cell.value) };
    return { kind, table, cells: [{ sheet, address: address(at.r, at.c), original: fix2(cents / 100), now: fix2(cents / 100) }] };
  }
  if (kind === 'code') {
    const cc = row.codeCell;
    if (!cc) return undefined;
    const codeSheet = wb.sheets.find((s) => s.name === cc.sheet)!;
    const r = row.r;
    const c = codeSheet.rows[r].findIndex((x) => x && String(x.value ?? '').replace(/\s/g, '') === row.code);
    if (c < 0) return undefined;
    const code = row.code!;
    // a code the table does not have (the last digit changed)
    let changed: string | undefined;
    for (let d = 1; d < 10 && !changed; d++) {
      const x = code.slice(0, -1) + String((Number(code.slice(-1)) + d) % 10);
      if (!b.rows.some((o) => o.code === x)) changed = x;
    }
    if (!changed) return undefined;
    codeSheet.rows[r][c] = { ...codeSheet.rows[r][c]!, value: changed };
    return { kind, table, cells: [{ sheet: cc.sheet, address: address(r, c), original: code, now: changed }] };
  }
  if (kind === 'twin') return undefined;
  const now = mistype(kind, cents, rand);
  if (now === undefined || now === cents || now <= 0) return undefined;
  at.sheet.rows[at.r][at.c] = { ...at.cell, value: now / 100 };
  return { kind, table, cells: [{ sheet, address: address(at.r, at.c), original: fix2(cents / 100), now: fix2(now / 100) }] };
}
