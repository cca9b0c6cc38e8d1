// The Shanghai and Jiangsu templates' names in their explanatory texts. Their figures are the standard
// template's refs (text-terms-hebei.ts) until their profiles say which table and column holds what: a ref
// a profile's tables do not have resolves to nothing, so such a figure is checked only within the text.
import type { TextTerm, TextTerms } from './text-terms';
import { HEBEI_TEXT_TERMS } from './text-terms-hebei';

/** The standard table with some terms' names extended and terms added. */
function extend(profile: string, names: Record<string, string[]>, added: TextTerm[], parts: Record<string, string[]> = {}): TextTerms {
  const terms = HEBEI_TEXT_TERMS.terms.map((t) => ({
    ...t,
    names: [...t.names, ...(names[t.id] ?? [])],
    ...(parts[t.id] ? { parts: [...(t.parts ?? []), ...parts[t.id]] } : {}),
  }));
  return { ...HEBEI_TEXT_TERMS, profile, terms: [...terms, ...added] };
}

/** 上海市: 财政拨款 收入/支出 as the budget's first split, 科目 by “…（类）…（款）…（项）” under 财政拨款支出. */
export const SHANGHAI_TEXT_TERMS: TextTerms = extend('shanghai', {
  'inc.fiscal': ['财政拨款收入预算'],
  'exp.fiscal': ['财政拨款支出预算', '财政拨款预算支出'],
  'exp.gfb': ['政府性基金拨款支出', '政府性基金拨款支出预算'],
  'exp.soe': ['国有资本经营预算拨款支出预算'],
  running: ['财政拨款的机关运行经费', '机关运行经费预算数'],
  sangong: ['三公经费预算数'],
}, []);

/** 江苏省: 收入/支出 预算总计, 单位预留机动经费 beside 基本 and 项目支出, 公共财政拨款. */
export const JIANGSU_TEXT_TERMS: TextTerms = extend(
  'jiangsu',
  {
    total: ['收入、支出预算总计', '收、支预算总计', '财政拨款收、支总预算', '财政拨款收、支总计'],
    income: ['收入预算总计', '本年收入预算合计', '收入预算合计'],
    expense: ['支出预算总计', '本年支出预算合计', '支出预算合计'],
    'inc.fiscal': ['公共财政拨款资金', '财政拨款收入预算总计'],
    'exp.fiscal': ['财政拨款预算支出'],
    'exp.gpb': ['一般公共预算财政拨款支出预算', '一般公共预算拨款支出预算'],
    'exp.gpb.basic': ['一般公共预算财政拨款基本支出预算'],
    running: ['一般公共预算机关运行经费预算支出', '一般公共预算机关运行经费'],
    'exp.basic': ['基本支出预算数', '财政拨款基本支出预算'],
    'exp.project': ['项目支出预算数'],
  },
  [{ id: 'exp.reserve', label: '单位预留机动经费', names: ['单位预留机动经费', '预留机动经费', '单位预留机动经费预算数'] }],
  { expense: ['exp.reserve'], total: ['exp.reserve'], 'expense.grand': ['exp.reserve'] },
);
