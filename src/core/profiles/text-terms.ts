// What a phrase of the explanatory text (情况说明) names in the tables: the shape of one template's table
// of names and synonyms (text-terms-hebei.ts is the standard template's). Data only; the text check
// (src/core/validate/text/) reads it.
import type { Ref } from '../validate/rules';

/** Alternatives: the text agrees with the tables when it equals any one of them (each a sum of refs). */
export type Figure = Ref[][];

export interface TextTerm {
  id: string;
  /** how the clerk reads it in a message */
  label: string;
  /** names as written in texts (compared after norm(): no spaces or quotes, full-width brackets) */
  names: string[];
  /**
   * 'suffix': the name may end a longer phrase ('我部门财政拨款“三公”经费'); 'exact' (generic words such as
   * 收入, 支出): only a year, the unit's name or words like 本年 may come before it.
   */
  match?: 'suffix' | 'exact';
  /** the table figure it names; absent: a figure the tables do not hold (checked only within the text) */
  figure?: Figure;
  /** the figure it names when listed under a head that sets this scope (e.g. 'gpb': under 一般公共预算支出) */
  scoped?: Record<string, Figure>;
  /** terms that may be listed under it (其中 / 包括 …), by id */
  parts?: string[];
  /** the scope its parts are read in */
  sets?: string;
}

export interface TextTerms {
  profile: string;
  terms: TextTerm[];
  /**
   * Items of basic spending named under 机关运行经费 / 公用经费 (scope 'running'): economic 款 by name, each
   * the T6 row of that code in this column. Names come from the economic list plus these synonyms.
   */
  running?: { table: Ref['t']; col: string; synonyms: Record<string, string> };
  /** 科目 named by code or name path: the table and column per scope ('' = no scope) */
  subjects?: Record<string, { t: Ref['t'][]; col: string }>;
}

/**
 * Another template's table from the standard one's names: every figure dropped (the standard refs name
 * the standard tables), then the template's own figures, extra names, parts and terms set.
 */
export function retarget(
  base: TextTerms,
  profile: string,
  own: Record<string, { figure?: Figure; scoped?: Record<string, Figure>; names?: string[]; parts?: string[] }>,
  added: TextTerm[] = [],
  rest: Pick<TextTerms, 'running' | 'subjects'> = {},
): TextTerms {
  const terms = base.terms.map((t): TextTerm => {
    const o = own[t.id] ?? {};
    return {
      id: t.id,
      label: t.label,
      names: [...t.names, ...(o.names ?? [])],
      ...(t.match ? { match: t.match } : {}),
      ...(o.figure ? { figure: o.figure } : {}),
      ...(o.scoped ? { scoped: o.scoped } : {}),
      ...(t.parts || o.parts ? { parts: [...(t.parts ?? []), ...(o.parts ?? [])] } : {}),
      ...(t.sets ? { sets: t.sets } : {}),
    };
  });
  return { profile, terms: [...terms, ...added], ...rest };
}
