// The evaluator: expands each declarative rule of rules.ts over the recognised tables into findings,
// through one module per family of rules.
import type { RuleDef } from './rules';
import type { Ctx } from './context';
import { structure } from './structure';
import { values } from './values';
import { header } from './headers';
import { rowSum, treeSum, itemSum, outlineSum } from './sums';
import { tree, t6Split } from './trees';
import { names } from './names';
import { crossPairs, crossKeyed, fiscal, t9t6 } from './cross';
import { emptyNote } from './notes';
import { text } from './text';

export type { Ctx } from './context';

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
      return crossPairs({ id: rule.id, kind: 'cross-pairs', severity: rule.severity, pairs: [{ left: [rule.left], right: [rule.right], what: rule.what }] }, ctx, true);
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
