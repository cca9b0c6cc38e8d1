// The standard (Hebei) template: which phrase of the explanatory text names which table figure. In this
// template 机关运行经费 is T6's 公用经费 (the 公用经费 of 一般公共预算 basic spending); 人员经费 and 公用经费
// are T6's; 基本支出 / 项目支出 are T3's, or T5's when listed under 一般公共预算支出/收入.
import type { Ref } from '../validate/rules';
import type { TextTerms } from './text-terms';

const r = (t: Ref['t'], b: Ref['b'], row: string, col: string): Ref => ({ t, b, row, col });
const T1i = (row: string): Ref => r('T1', 'income', row, 'amount');
const T1e = (row: string): Ref => r('T1', 'expense', row, 'amount');
const T9 = (row: string): Ref => r('T9', 'main', row, 'total');

const INCOME_SOURCES = ['inc.gpb', 'inc.gfb', 'inc.soe', 'inc.fiscal', 'inc.special', 'inc.unitfunds', 'inc.business', 'inc.operating', 'inc.superior', 'inc.affiliated', 'inc.other', 'inc.others', 'inc.carry'];
const EXPENSE_KINDS = ['exp.basic', 'exp.project', 'exp.personnel', 'exp.public', 'exp.operating', 'exp.remit', 'exp.subsidy', 'exp.gpb', 'exp.gfb', 'exp.soe', 'exp.fiscal'];
const NON_FISCAL = ['inc.business', 'inc.operating', 'inc.superior', 'inc.affiliated', 'inc.other'].map(T1i);

export const HEBEI_TEXT_TERMS: TextTerms = {
  profile: 'hebei',
  terms: [
    // totals: income and expense balance, so 预算收支 / 预算安排 name either
    {
      id: 'total',
      label: '收支总预算',
      names: ['预算收支', '收支预算', '预算收支安排', '收支总预算', '收支预算总额', '预算总额', '预算安排', '部门预算', '收支总计', '预算收支总额'],
      match: 'exact',
      figure: [[T1i('inc.grand')], [T1i('inc.total')]],
      parts: [...INCOME_SOURCES, ...EXPENSE_KINDS, 'income', 'income.year', 'expense'],
    },
    { id: 'income', label: '收入预算', names: ['收入预算', '预算收入', '收入', '收入合计', '部门收入', '收入总额', '收入预算总额'], match: 'exact', figure: [[T1i('inc.total')], [T1i('inc.grand')]], parts: INCOME_SOURCES },
    // this year's income, without 上年结转
    { id: 'income.year', label: '本年收入', names: ['本年收入', '本年收入合计'], match: 'exact', figure: [[T1i('inc.total')]], parts: INCOME_SOURCES.filter((x) => x !== 'inc.carry') },
    { id: 'income.grand', label: '收入总计', names: ['收入总计', '收入预算总计'], figure: [[T1i('inc.grand')]], parts: [...INCOME_SOURCES, 'income', 'income.year'] },
    { id: 'expense', label: '支出预算', names: ['支出预算', '预算支出', '支出', '本年支出', '支出合计', '本年支出合计', '部门支出', '支出总额', '支出预算总额', '支出总预算'], match: 'exact', figure: [[T1e('exp.total')], [T1e('exp.grand')]], parts: EXPENSE_KINDS },
    { id: 'expense.grand', label: '支出总计', names: ['支出总计', '支出预算总计'], figure: [[T1e('exp.grand')]], parts: EXPENSE_KINDS },

    // income by source (T1)
    { id: 'inc.fiscal', label: '财政拨款收入', names: ['财政拨款收入', '财政拨款'], figure: [[T1i('inc.gpb'), T1i('inc.gfb'), T1i('inc.soe')]], parts: ['inc.gpb', 'inc.gfb', 'inc.soe'] },
    {
      id: 'inc.gpb',
      label: '一般公共预算拨款收入',
      names: ['一般公共预算拨款收入', '一般公共预算收入', '一般公共预算拨款', '一般公共预算财政拨款收入', '一般公共预算财政拨款'],
      figure: [[T1i('inc.gpb')]],
      parts: ['exp.basic', 'exp.project', 'exp.personnel', 'exp.public'],
      sets: 'gpb',
    },
    { id: 'inc.gfb', label: '政府性基金预算拨款收入', names: ['政府性基金预算拨款收入', '政府性基金收入', '政府性基金预算收入', '政府性基金预算拨款', '基金预算拨款收入', '基金预算收入', '政府基金收入'], figure: [[T1i('inc.gfb')]] },
    { id: 'inc.soe', label: '国有资本经营预算拨款收入', names: ['国有资本经营预算拨款收入', '国有资本经营预算收入', '国有资本经营收入', '国有资本经营预算拨款'], figure: [[T1i('inc.soe')]] },
    { id: 'inc.special', label: '财政专户管理资金收入', names: ['财政专户管理资金收入', '财政专户管理资金', '财政专户核拨收入', '财政专户收入', '财政账户收入'], figure: [[T1i('inc.special')]] },
    // 2026 template: 单位资金 replaces 事业收入 … 其他收入
    { id: 'inc.unitfunds', label: '单位资金', names: ['单位资金', '单位资金收入'], figure: [[T1i('inc.unitfunds')], NON_FISCAL] },
    { id: 'inc.business', label: '事业收入', names: ['事业收入'], match: 'exact', figure: [[T1i('inc.business')]] },
    { id: 'inc.operating', label: '事业单位经营收入', names: ['事业单位经营收入', '经营收入'], figure: [[T1i('inc.operating')]] },
    { id: 'inc.superior', label: '上级补助收入', names: ['上级补助收入'], figure: [[T1i('inc.superior')]] },
    { id: 'inc.affiliated', label: '附属单位上缴收入', names: ['附属单位上缴收入'], figure: [[T1i('inc.affiliated')]] },
    { id: 'inc.other', label: '其他收入', names: ['其他收入'], match: 'exact', figure: [[T1i('inc.other')]] },
    // everything but the three fiscal funds and 财政专户
    { id: 'inc.others', label: '其他来源收入', names: ['其他来源收入', '其他资金收入'], figure: [[...NON_FISCAL, T1i('inc.unitfunds')]] },
    { id: 'inc.carry', label: '上年结转', names: ['上年结转', '上年结转结余', '上年结转收入', '上年结转资金', '上年结转和结余'], figure: [[T1i('inc.carry')]] },

    // expense by kind (T3; T5 under 一般公共预算)
    {
      id: 'exp.basic',
      label: '基本支出',
      names: ['基本支出', '基本支出预算'],
      figure: [[r('T3', 'main', 'total', 'basic')]],
      scoped: { gpb: [[r('T5', 'main', 'total', 'basic')]] },
      parts: ['exp.personnel', 'exp.public'],
    },
    {
      id: 'exp.gpb.basic',
      label: '一般公共预算基本支出',
      names: ['一般公共预算基本支出', '一般公共预算财政拨款基本支出', '一般公共预算拨款基本支出'],
      figure: [[r('T5', 'main', 'total', 'basic')], [r('T6', 'main', 'total', 'total')]],
      parts: ['exp.personnel', 'exp.public'],
    },
    { id: 'exp.fiscal.basic', label: '财政拨款基本支出', names: ['财政拨款基本支出', '财政拨款基本支出预算'], figure: [[r('T5', 'main', 'total', 'basic'), r('T7', 'main', 'total', 'basic'), r('T8', 'main', 'total', 'basic')]], parts: ['exp.personnel', 'exp.public'] },
    {
      id: 'exp.project',
      label: '项目支出',
      names: ['项目支出', '项目经费', '项目支出预算'],
      figure: [[r('T3', 'main', 'total', 'project')]],
      scoped: { gpb: [[r('T5', 'main', 'total', 'project')]] },
    },
    { id: 'exp.personnel', label: '人员经费', names: ['人员经费', '人员经费支出'], figure: [[r('T6', 'main', 'total', 'personnel')]] },
    { id: 'exp.public', label: '公用经费', names: ['公用经费', '日常公用经费', '公用经费支出'], figure: [[r('T6', 'main', 'total', 'public')]], sets: 'running', parts: ['car.run', 'reception', 'abroad'] },
    { id: 'running', label: '机关运行经费', names: ['机关运行经费', '机关运行费', '机关运行经费预算'], figure: [[r('T6', 'main', 'total', 'public')]], sets: 'running', parts: ['car.run', 'reception', 'abroad'] },
    { id: 'exp.operating', label: '经营支出', names: ['经营支出', '事业单位经营支出'], figure: [[r('T3', 'main', 'total', 'operating')]] },
    { id: 'exp.remit', label: '上缴上级支出', names: ['上缴上级支出', '上解上级支出'], figure: [[r('T3', 'main', 'total', 'remit')]] },
    { id: 'exp.subsidy', label: '对附属单位补助支出', names: ['对附属单位补助支出'], figure: [[r('T3', 'main', 'total', 'subsidy')]] },

    // expense by fund
    {
      id: 'exp.gpb',
      label: '一般公共预算支出',
      names: ['一般公共预算支出', '一般公共预算拨款支出', '一般公共预算财政拨款支出'],
      figure: [[r('T5', 'main', 'total', 'total')], [r('T4', 'expense', 'exp.total', 'gpb')]],
      parts: ['exp.basic', 'exp.project', 'exp.personnel', 'exp.public'],
      sets: 'gpb',
    },
    { id: 'exp.gfb', label: '政府性基金预算支出', names: ['政府性基金支出', '政府性基金预算支出', '政府性基金预算拨款支出', '政府性基金预算财政拨款支出', '基金预算支出', '基金支出'], figure: [[r('T7', 'main', 'total', 'total')], [r('T4', 'expense', 'exp.total', 'gfb')]] },
    { id: 'exp.soe', label: '国有资本经营预算支出', names: ['国有资本经营预算支出', '国有资本经营预算拨款支出', '国有资本经营预算财政拨款支出'], figure: [[r('T8', 'main', 'total', 'total')], [r('T4', 'expense', 'exp.total', 'soe')]] },
    { id: 'exp.fiscal', label: '财政拨款支出', names: ['财政拨款支出', '财政拨款支出预算'], figure: [[r('T4', 'expense', 'exp.total', 'total')]], parts: ['exp.gpb', 'exp.gfb', 'exp.soe', 'exp.basic', 'exp.project'], sets: 'fiscal' },

    // “三公”经费 (T9, all fiscal funds)
    { id: 'sangong', label: '“三公”经费', names: ['三公经费', '三公经费预算', '三公经费支出'], figure: [[T9('sangong')]], parts: ['abroad', 'car', 'reception'] },
    { id: 'abroad', label: '因公出国（境）费', names: ['因公出国（境）费', '因公出国（境）费用', '因公出国（境）经费', '因公出国费'], figure: [[T9('abroad')]], scoped: { running: [[r('T6', 'main', '30212', 'public')]] } },
    {
      id: 'car',
      label: '公务用车购置及运行维护费',
      names: ['公务用车购置及运维费', '公务用车购置及运行维护费', '公务用车购置及运行费', '公务车购置及运行费', '公务用车购置和运行维护费', '公务用车购置及运行经费'],
      figure: [[T9('car')]],
      parts: ['car.buy', 'car.run'],
    },
    { id: 'car.buy', label: '公务用车购置费', names: ['公务用车购置费', '公务用车购置', '公务车购置费'], figure: [[T9('car.buy')]] },
    { id: 'car.run', label: '公务用车运行维护费', names: ['公务用车运行维护费', '公务用车运维费', '公务用车运行费', '公务车运行维护费', '公务车用车运行费', '公务车运行费'], figure: [[T9('car.run')]], scoped: { running: [[r('T6', 'main', '30231', 'public')]] } },
    { id: 'reception', label: '公务接待费', names: ['公务接待费', '公务接待经费'], figure: [[T9('reception')]], scoped: { running: [[r('T6', 'main', '30217', 'public')]] } },

    // figures the tables do not hold: read and checked only within the text
    { id: 'procurement', label: '政府采购预算', names: ['政府采购预算', '政府采购', '政府采购预算总额'] },
    { id: 'assets', label: '固定资产', names: ['固定资产', '固定资产金额', '固定资产总额', '资产总额'] },
  ],
  running: {
    table: 'T6',
    col: 'public',
    // where Hebei clerks book what they name so
    synonyms: { 公务交通补贴: '30239', 办公取暖费: '30208', 取暖费: '30208', 邮电费: '30207', 维修费: '30213', 维护费: '30213', 福利费: '30229', 其他交通费: '30239' },
  },
  subjects: { '': { t: ['T3'], col: 'total' }, gpb: { t: ['T5'], col: 'total' }, fiscal: { t: ['T5', 'T7', 'T8'], col: 'total' } },
};
