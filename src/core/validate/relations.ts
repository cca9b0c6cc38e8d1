// Relations: what a sum or equality rule checks, as a linear relation over amount cells, so that one
// generic diagnosis (diagnose.ts) reasons over every rule at once. Each rule family builds its relations
// from its rule definitions (sums.ts, cross.ts), lazily: `around(cell)` gives the relations of one cell, and
// a violated relation travels with its finding (the tie). Nothing here knows a table.
import type { CellRef } from '../model/grid';
import type { Block, Row } from '../model/model';

/**
 * An amount cell of a block: row i, amount role k. A row the block lacks is virtual (i = -1, `key` its
 * code, value 0): the relations it would be in if the row were there (a missing or re-coded row).
 */
export interface RCell {
  b: Block;
  i: number;
  k: number;
  key?: string;
  /** virtual row under a given parent row's code (its own code unknown) */
  parent?: string;
  /** cellKey and virtualRowKey, once computed */
  id?: CellKey;
  rowId?: string;
}

export interface Term {
  c: RCell;
  a: 1 | -1;
}

/** Σ a·x op 0 over the terms' cells. */
export interface Relation {
  /** identity across lookups (a relation found from several cells, or with a virtual term added) */
  id: string;
  rule: string;
  op: 'eq' | 'le';
  terms: Term[];
  /** index in terms of the total of a sum: a change spreads upward through it */
  total?: number;
  /** not checked unless a virtual row in it exists (a parent whose only child would be that row) */
  cond?: boolean;
  /** a part's column is missing from the table: the relation says little (the missing column is the cause) */
  incomplete?: boolean;
  /** some term is a virtual cell */
  virtual?: boolean;
}

/**
 * The relations a rule's definition gives, found from a cell; `blocks` are the blocks it can reach. `known`
 * gives a relation already built (by id: the same id, the same real terms), so that it is not built again.
 */
export interface RelationSource {
  blocks: Block[];
  around(c: RCell, known?: (id: string) => Relation | undefined): Relation[];
}

/** What a finding tells the diagnosis, besides its text. */
export interface Tie {
  /** a sum or equality finding: the violated relation */
  relation?: Relation;
  /** an amount cell that is not a clean figure (text, error, decimals, negative): fixed by changing it */
  value?: RCell;
  /** a row repeated: its removal is the candidate fix */
  duplicate?: Row;
  /** a row whose code is wrong (malformed, unknown 类 or 款, or under another parent) */
  code?: Row;
  /** the parent it is printed under, when its code says otherwise */
  under?: Row;
  /** the block lacks a row: a key that would do (its parent, a child of a 科目) */
  needs?: { b: Block; fits: (key: string) => boolean };
  /** a name finding: the cell, the name printed, and the name it should be when the rule knows it */
  name?: { code: string; cell: CellRef; name: string; want?: string; wantFromMajority?: boolean; row: Row };
  /** a block lacks a column: its incomplete relations are explained by that */
  incomplete?: Block;
  /** the cells at fault when they are not just the finding's first cell */
  culprits?: CellRef[];
  /** a header field: the text as printed and the text it should be (proposed when it is the year) */
  header?: { cell: CellRef; label: string; text: string; want: string; year: boolean };
}

export const blockId = (b: Block): number => b.uid;

/** A cell's key: a number for a real cell of a numbered block (see numberBlocks), else a string. */
export type CellKey = number | string;

export function cellKey(c: RCell): CellKey {
  if (c.id !== undefined) return c.id;
  const no = c.b.no;
  // (i·64 + k)·64 + block: a small integer (no string to build and hash) for up to 64 blocks of 64 amount roles
  return (c.id = c.i >= 0 && no >= 0 && no < 64 && c.k < 64 ? (c.i * 64 + c.k) * 64 + no : `${blockId(c.b)}:${c.i >= 0 ? c.i : 'v' + c.key}:${c.k}`);
}

/** Numbers the blocks of one validation for cellKey, before any key of their cells is made (again the same way when asked again). */
export function numberBlocks(blocks: Iterable<Block>): void {
  let n = 0;
  for (const b of blocks) b.no = n++;
}

/** The virtual row's key in its block ('' for real rows). */
export function virtualRowKey(c: RCell): string {
  return c.i >= 0 ? '' : (c.rowId ??= `${blockId(c.b)}:${c.key}`);
}

// cells of one shape each (real, virtual) and relations of one shape: the diagnosis reads thousands of them
export const real = (b: Block, i: number, k: number): RCell => ({ b, i, k, id: undefined });
export const virtual = (b: Block, key: string, k: number, parent?: string): RCell => ({ b, i: -1, k, id: undefined, key, parent, rowId: undefined });

const relation = (id: string, rule: string, op: 'eq' | 'le', terms: Term[], total: number | undefined, cond: boolean): Relation => {
  let virt = false;
  for (let j = 0; j < terms.length && !virt; j++) virt = terms[j].c.i < 0;
  return { id, rule, op, terms, total, cond, incomplete: false, virtual: virt };
};

/** total − Σ parts (= 0). */
export function sumRelation(id: string, rule: string, total: RCell, parts: RCell[], cond?: boolean): Relation {
  const terms = ([{ c: total, a: 1 }] as Term[]).concat(parts.map((c): Term => ({ c, a: -1 })));
  return relation(id, rule, 'eq', terms, 0, !!cond);
}

/** Σ left − Σ right (op 0); 'ge' is turned round. */
export function pairRelation(id: string, rule: string, left: RCell[], right: RCell[], rel: 'eq' | 'le' | 'ge'): Relation {
  const [l, r] = rel === 'ge' ? [right, left] : [left, right];
  const terms: Term[] = [];
  for (const c of l) terms.push({ c, a: 1 });
  for (const c of r) terms.push({ c, a: -1 });
  return relation(id, rule, rel === 'eq' ? 'eq' : 'le', terms, undefined, false);
}
