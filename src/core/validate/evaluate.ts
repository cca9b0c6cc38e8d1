// The evaluator: expands each declarative rule of rules.ts over the recognised tables into findings,
// through one module per family of rules.
import type { RuleDef } from './rules';
import type { Ctx } from './context';
import { structure } from './structure';
import { values } from './values';
import { header } from './headers';
import { rowSum, treeSum, itemSum, outlineSum, rowSumRelations, treeSumRelations, itemSumRelations, outlineSumRelations } from './sums';
import { tree, t6Split } from './trees';
import { names } from './names';
import { crossPairs, crossKeyed, fiscal, t9t6, pairRelations, keyedRelations, fiscalRelationSource, t9t6Relations } from './cross';
import type { RelationSource } from './relations';
import { emptyNote } from './notes';
import { text } from './text';

export type { Ctx } from './context';

const pairsOf = new WeakMap<RuleDef, Extract<RuleDef, { kind: 'cross-pairs' }>>();

/** A rule written as one pair of figures (balance) is a cross-pairs rule of one pair (one object per rule: its refs are resolved once). */
function asPairs(rule: Extract<RuleDef, { kind: 'pair' }>): Extract<RuleDef, { kind: 'cross-pairs' }> {
  let out = pairsOf.get(rule);
  if (!out) pairsOf.set(rule, (out = { id: rule.id, kind: 'cross-pairs', severity: rule.severity, pairs: [{ left: [rule.left], right: [rule.right], what: rule.what }] }));
  return out;
}

export function evaluate(rule: RuleDef, ctx: Ctx): void {
  switch (rule.kind) {
    case 'structure':
      return structure(rule, ctx);
    case 'value':
      return values(rule, ctx);
    case 'header':
      return header(rule, ctx);
    case 'row-sum':
      return rowSum(rule, ctx);
    case 'tree-sum':
      return treeSum(rule, ctx);
    case 'tree':
      return tree(rule, ctx);
    case 'names':
      return names(rule, ctx);
    case 'item-sum':
      return itemSum(rule, ctx);
    case 'outline-sum':
      return outlineSum(rule, ctx);
    case 'pair':
      return crossPairs(asPairs(rule), ctx, true);
    case 'cross-pairs':
      return crossPairs(rule, ctx, false);
    case 'cross-keyed':
      return crossKeyed(rule, ctx);
    case 't9-t6':
      return t9t6(rule, ctx);
    case 'fiscal':
      return fiscal(rule, ctx);
    case 'empty-note':
      return emptyNote(rule, ctx);
    case 't6-split':
      return t6Split(rule, ctx);
    case 'text':
      return text(rule, ctx);
  }
}

/** The relations a sum or equality rule checks, found lazily from a cell; undefined for other rules. */
export function relationSource(rule: RuleDef, ctx: Ctx): RelationSource | undefined {
  switch (rule.kind) {
    case 'row-sum':
      return rowSumRelations(rule, ctx);
    case 'tree-sum':
      return treeSumRelations(rule, ctx);
    case 'item-sum':
      return itemSumRelations(rule, ctx);
    case 'outline-sum':
      return outlineSumRelations(rule, ctx);
    case 'pair':
      return pairRelations(asPairs(rule), ctx);
    case 'cross-pairs':
      return pairRelations(rule, ctx);
    case 'cross-keyed':
      return keyedRelations(rule, ctx);
    case 'fiscal':
      return fiscalRelationSource(rule, ctx);
    case 't9-t6':
      return t9t6Relations(rule, ctx);
    default:
      return undefined;
  }
}
