// The Jiangsu template (jiangsu.ts): which phrase of its explanatory text names which table figure.
// All in 万元; 支出 by use (基本 / 项目 / 单位预留机动经费) in the one-row 支出预算总表 (T3) and T1's use side;
// 机关运行经费 has its own table; the standard template's names otherwise.
import type { Ref } from '../validate/rules';
import type { TextTerms } from './text-terms';
import { retarget } from './text-terms';
import { HEBEI_TEXT_TERMS } from './text-terms-hebei';

const r = (t: Ref['t'], b: Ref['b'], row: string, col: string): Ref => ({ t, b, row, col });
const T1i = (row: string): Ref => r('T1', 'income', row, 'amount');
const T3 = (col: string): Ref => r('T3', 'main', 'row', col);
const T9 = (col: string): Ref => r('T9', 'main', 'row', col);

export const JIANGSU_TEXT_TERMS: TextTerms = retarget(
  HEBEI_TEXT_TERMS,
  'jiangsu',
  {
    total: { figure: [[T1i('inc.grand')]], names: ['收入、支出预算总计', '收、支预算总计'], parts: ['exp.reserve'] },
    income: { figure: [[T1i('inc.grand')]], names: ['收入预算总计', '本年收入预算合计', '收入预算合计'] },
    expense: { figure: [[T3('total')]], names: ['支出预算总计', '本年支出预算合计', '支出预算合计'], parts: ['exp.reserve'] },
    'inc.fiscal': { figure: [[T1i('inc.fiscal')]], names: ['财政拨款收入预算总计', '公共财政拨款资金'] },
    'inc.gpb': { figure: [[T1i('inc.gpb')]], names: ['一般公共预算收入预算'] },
    'inc.gfb': { figure: [[T1i('inc.gfb')]] },
    'inc.special': { figure: [[T1i('inc.special')]] },
    'inc.other': { names: ['其他资金', '其他资金收入预算总计'], figure: [[T1i('inc.other')]] },
    'inc.carry': { figure: [[T1i('inc.carry')]] },
    'exp.basic': { figure: [[T3('basic')]], names: ['基本支出预算数'] },
    'exp.project': { figure: [[T3('project')]], names: ['项目支出预算数'] },
    'exp.fiscal': { names: ['财政拨款预算支出'] },
    'exp.gpb': { names: ['一般公共预算财政拨款支出预算', '一般公共预算拨款支出预算'] },
    'exp.gpb.basic': { names: ['一般公共预算财政拨款基本支出预算'], figure: [[r('T6', 'main', 'total', 'total')]] },
    'exp.fiscal.basic': { figure: [[r('X-财政拨款基本支出', 'main', 'total', 'total')]] },
    running: { figure: [[r('X-机关运行经费', 'main', 'total', 'total')]], names: ['一般公共预算机关运行经费预算支出', '一般公共预算机关运行经费'] },
    sangong: { figure: [[T9('sangong')]] },
    abroad: { figure: [[T9('abroad')]] },
    car: { figure: [[T9('car')]] },
    'car.buy': { figure: [[T9('car.buy')]] },
    'car.run': { figure: [[T9('car.run')]] },
    reception: { figure: [[T9('reception')]] },
  },
  [{ id: 'exp.reserve', label: '单位预留机动经费', names: ['单位预留机动经费', '预留机动经费', '单位预留机动经费预算数'], figure: [[T3('reserve')]] }],
  // 科目 are compared under 财政拨款 / 一般公共预算 only (the tables by function hold only fiscal money)
  { subjects: { gpb: { t: ['T5'], col: 'total' }, fiscal: { t: ['X-财政拨款支出'], col: 'total' } } },
);
