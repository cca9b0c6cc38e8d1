// The figures paragraphs of the explanatory text (情况说明), drafted from the same numbers as the tables.
import type { Disclosure } from './aggregate';
import type { FundSource } from './input';
import type { Money } from '../model/money';
import { sum } from '../model/money';

export interface Paragraph {
  text: string;
  heading: boolean;
}

/** '536.70万元' */
export function wan(m: Money): string {
  return `${m.toFixed(2)}万元`;
}

const SOURCE_TEXT: Record<FundSource, string> = {
  一般公共预算: '一般公共预算拨款收入',
  政府性基金预算: '政府性基金预算拨款收入',
  国有资本经营预算: '国有资本经营预算拨款收入',
  财政专户管理资金: '财政专户管理资金收入',
  事业收入: '事业收入',
  事业单位经营收入: '事业单位经营收入',
  上级补助收入: '上级补助收入',
  附属单位上缴收入: '附属单位上缴收入',
  其他收入: '其他收入',
};

export function narrativeParagraphs(d: Disclosure): Paragraph[] {
  const f = d.facts;
  const y = d.header.year;
  const out: Paragraph[] = [];
  const h = (text: string) => out.push({ text, heading: true });
  const p = (text: string) => out.push({ text, heading: false });

  h('一、收入说明');
  const parts = (Object.keys(SOURCE_TEXT) as FundSource[])
    .filter((s) => !f.incomeBySource[s].isZero() || s === '一般公共预算' || s === '政府性基金预算')
    .map((s) => `${SOURCE_TEXT[s]}${wan(f.incomeBySource[s])}`);
  let income = `${y}年收入预算${wan(f.incomeThisYear)}`;
  if (parts.length) income += `，其中：${parts.join('，')}`;
  income += f.carryIn.isZero() ? '；无上年结转结余。' : `；另有上年结转结余${wan(f.carryIn)}，收入总计${wan(f.incomeThisYear.plus(f.carryIn))}。`;
  p(income);

  h('二、支出说明');
  let spend = `${y}年支出预算${wan(f.expenseTotal)}。其中，基本支出${wan(f.basic)}，包括人员经费${wan(f.personnel)}和日常公用经费${wan(f.public)}；项目支出${wan(f.project)}`;
  const named = f.projects.filter((x) => !x.amount.isZero());
  if (named.length) {
    const shown = named.slice(0, 12).map((x) => `${x.name}${wan(x.amount)}`);
    const rest = named.slice(12);
    if (rest.length) shown.push(`其他项目${wan(sum(rest.map((x) => x.amount)))}`);
    spend += `，主要是：${shown.join('、')}`;
  }
  spend += f.otherKinds.isZero() ? '。' : `；经营支出、上缴上级支出及对附属单位补助支出共${wan(f.otherKinds)}。`;
  p(spend);

  h('三、机关运行经费安排情况');
  p(
    f.runningCost.isZero()
      ? `${y}年无机关运行经费（一般公共预算基本支出中的公用经费）安排。`
      : `${y}年机关运行经费共计安排${wan(f.runningCost)}，为一般公共预算基本支出中的日常公用经费，包括办公费、印刷费、邮电费、差旅费、公务接待费、公务用车运行维护费及其他日常运行支出。`,
  );

  h('四、财政拨款“三公”经费预算情况');
  const item = (key: string) => d.t9.find((x) => x.key === key)?.values[0];
  const total = item('sangong');
  if (!total || total.isZero()) {
    p(`${y}年无财政拨款“三公”经费预算。`);
  } else {
    const abroad = item('abroad')!;
    const car = item('car')!;
    const carBuy = item('car.buy')!;
    const carRun = item('car.run')!;
    const reception = item('reception')!;
    const bits: string[] = [];
    bits.push(abroad.isZero() ? '无因公出国（境）费' : `因公出国（境）费${wan(abroad)}`);
    if (car.isZero()) bits.push('无公务用车购置及运维费');
    else {
      const sub = [carBuy.isZero() ? '无公务用车购置费' : `公务用车购置费${wan(carBuy)}`, `公务用车运行维护费${wan(carRun)}`];
      bits.push(`公务用车购置及运维费${wan(car)}（${sub.join('，')}）`);
    }
    bits.push(reception.isZero() ? '无公务接待费' : `公务接待费${wan(reception)}`);
    p(`${y}年财政拨款“三公”经费预算安排${wan(total)}。其中，${bits.join('；')}。`);
  }
  return out;
}
