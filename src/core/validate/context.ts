// What every rule family shares: the evaluation context and the presentation helpers of findings.
import type { Finding, TableId } from '../model/findings';
import type { Catalog } from '../model/catalog';
import type { Amount, Block, Row, Table, Recognition } from '../model/model';
import { uncalculated } from '../model/model';
import type { RuleDef } from './rules';
import type { Tie } from './relations';
import type { TextDoc } from './text/doc';
import type { Currency, Profile, TreeKind } from '../profiles/types';
import { stripOrdinal } from '../profiles/text';
import type { Money } from '../model/money';
import { MAX_CENTS, fmt, sum, withinRounding } from '../model/money';

export interface Ctx {
  profile: Profile;
  tables: Map<TableId, Table>;
  rec: Recognition;
  catalog?: Catalog;
  year?: number;
  /** the explanatory text to check with the tables (text rules) */
  text?: TextDoc;
  out: Finding[];
  /** what each finding tells the diagnosis (its relation, its row or cell), when it tells anything */
  ties?: Map<Finding, Tie>;
}

export type Rule<K extends RuleDef['kind']> = Extract<RuleDef, { kind: K }>;


// Presentation helpers

/** How messages name a table: the title printed in the workbook (profiles that say so) or the canonical one. */
export function title(t: Table): string {
  return t.printedTitle ?? t.def.title;
}


export function rowDesc(row: Row): string {
  if (row.kind === 'total') return '合计行';
  if (row.kind === 'code') return `${row.code} ${row.name ?? ''}`.trim();
  return stripOrdinal(row.label ?? '') || `第 ${row.r + 1} 行`;
}

export function colLabel(b: Block, role: string): string {
  return b.def.columns.find((c) => c.role === role)?.label ?? role;
}

/** '（相差 0.01，…可能是四舍五入造成的尾差）' */
export function diffNote(expected: Money, actual: Money, figures: number, unit: Currency = '万元'): string {
  // figures: the non-zero figures summed; an exact zero carries no rounding
  const d = actual.minus(expected);
  const s = `相差 ${fmt(d.abs())}${unit === '元' ? ' 元' : ''}`;
  if (withinRounding(d, figures, unit)) return `（${s}，在舍入误差范围内，可能是四舍五入造成的尾差，仍须更正）`;
  return `（${s}）`;
}

export function nonZero(parts: Amount[]): number {
  return Math.max(1, parts.filter((p) => p.c !== 0).length);
}

/**
 * Exactly whether the amounts add up to total: integer cents, decimal.js for the rare rest. A formula
 * saved without its result is an unknown figure: such a sum is not judged (true).
 */
export function sumMatches(parts: readonly Amount[], total: Amount): boolean {
  if (uncalculated(total) || parts.some(uncalculated)) return true;
  let acc = 0;
  for (let i = 0; i < parts.length; i++) {
    acc += parts[i].c;
    // NaN (not whole cents) or beyond exact integers: decide with decimal.js
    if (!(acc <= MAX_CENTS && acc >= -MAX_CENTS)) return sum(parts.map((p) => p.v)).eq(total.v);
  }
  if (Number.isNaN(total.c)) return sum(parts.map((p) => p.v)).eq(total.v);
  return acc === total.c;
}

/** Exact sign of a − b (integer cents, decimal.js for the rare rest); NaN when either is an uncalculated formula. */
export function compare(a: Amount, b: Amount): number {
  if (uncalculated(a) || uncalculated(b)) return NaN;
  if (!Number.isNaN(a.c) && !Number.isNaN(b.c)) return Math.sign(a.c - b.c);
  return a.v.cmp(b.v);
}

export function push(ctx: Ctx, f: Finding, tie?: Tie): void {
  ctx.out.push(f);
  if (tie && ctx.ties) ctx.ties.set(f, tie);
}

export function blockOf(t: Table, id: string | undefined): Block | undefined {
  return t.blocks.find((b) => b.def.id === (id ?? 'main')) ?? (id === undefined ? t.blocks[0] : undefined);
}

/** First row with a key in a block. */
export function findRow(b: Block, key: string): Row | undefined {
  return b.rows.find((r) => r.key === key);
}

export function isTree(b: Block): b is Block & { def: { rows: { tree: TreeKind } } } {
  return 'tree' in b.def.rows;
}

export function treeKind(b: Block): TreeKind {
  return (b.def.rows as { tree: TreeKind }).tree;
}
