// The Shanghai template (shanghai.ts): which phrase of its explanatory text names which table figure.
// Tables in 元, the 三公 table (one row, with 机关运行经费) in 万元; 科目 are named by name path under
// 财政拨款支出 and compared with T5 + T7 + T8; the standard template's names otherwise.
import type { Ref } from '../validate/rules';
import type { TextTerms } from './text-terms';
import { retarget } from './text-terms';
import { HEBEI_TEXT_TERMS } from './text-terms-hebei';

const r = (t: Ref['t'], b: Ref['b'], row: string, col: string): Ref => ({ t, b, row, col });
const T9 = (col: string): Ref => r('T9', 'main', 'row', col);

export const SHANGHAI_TEXT_TERMS: TextTerms = retarget(
  HEBEI_TEXT_TERMS,
  'shanghai',
  {
    total: { figure: [[r('T1', 'income', 'inc.grand', 'amount')]] },
    income: { figure: [[r('T1', 'income', 'inc.grand', 'amount')]] },
    'income.grand': { figure: [[r('T1', 'income', 'inc.grand', 'amount')]] },
    expense: { figure: [[r('T1', 'expense', 'exp.grand', 'total')], [r('T3', 'main', 'total', 'total')]] },
    'inc.fiscal': { figure: [[r('T1', 'income', 'inc.fiscal', 'amount')]], names: ['财政拨款收入预算'] },
    'inc.gpb': { figure: [[r('T1', 'income', 'inc.gpb', 'amount')]], names: ['一般公共预算资金'] },
    'inc.gfb': { figure: [[r('T1', 'income', 'inc.gfb', 'amount')]] },
    'inc.soe': { figure: [[r('T1', 'income', 'inc.soe', 'amount')]] },
    'inc.business': { figure: [[r('T1', 'income', 'inc.business', 'amount')]] },
    'inc.operating': { figure: [[r('T1', 'income', 'inc.operating', 'amount')]] },
    'inc.other': { figure: [[r('T1', 'income', 'inc.other', 'amount')]] },
    'exp.fiscal': { figure: [[r('T4', 'expense', 'exp.grand', 'total')]], names: ['财政拨款支出预算', '财政拨款预算支出'] },
    'exp.gpb': { figure: [[r('T4', 'expense', 'exp.grand', 'gpb')], [r('T5', 'main', 'total', 'total')]] },
    'exp.gfb': { figure: [[r('T4', 'expense', 'exp.grand', 'gfb')], [r('T7', 'main', 'total', 'total')]], names: ['政府性基金拨款支出', '政府性基金拨款支出预算'] },
    'exp.soe': { figure: [[r('T4', 'expense', 'exp.grand', 'soe')], [r('T8', 'main', 'total', 'total')]] },
    'exp.basic': { figure: [[r('T3', 'main', 'total', 'basic')]] },
    'exp.project': { figure: [[r('T3', 'main', 'total', 'project')]] },
    'exp.personnel': { figure: [[r('T6', 'main', 'total', 'personnel')]] },
    'exp.public': { figure: [[r('T6', 'main', 'total', 'public')]] },
    // 机关运行经费 is printed in the 三公 table
    running: { figure: [[T9('ops')]], names: ['财政拨款的机关运行经费', '机关运行经费预算数'] },
    sangong: { figure: [[T9('total')]], names: ['三公经费预算数'] },
    abroad: { figure: [[T9('abroad')]] },
    car: { figure: [[T9('car')]] },
    'car.buy': { figure: [[T9('car.buy')]] },
    'car.run': { figure: [[T9('car.run')]] },
    reception: { figure: [[T9('reception')]] },
  },
  [],
  { subjects: { '': { t: ['T3'], col: 'total' }, gpb: { t: ['T5'], col: 'total' }, fiscal: { t: ['T5', 'T7', 'T8'], col: 'total' } } },
);
