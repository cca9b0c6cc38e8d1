// The figures paragraphs of the explanatory text (情况说明), drafted from the same numbers as the tables and
// in the words the text check reads (src/core/profiles/text-terms-hebei.ts): each figure is the one the
// check compares it with, every list adds up, items that are zero are not named.
import type { Disclosure, ItemRow, TreeTable } from './aggregate';
import type { Money } from '../model/money';
import { ZERO, sum } from '../model/money';

export interface Paragraph {
  text: string;
  heading: boolean;
}

const SOURCES: [string, string][] = [
  ['inc.gpb', '一般公共预算拨款收入'],
  ['inc.gfb', '政府性基金预算拨款收入'],
  ['inc.soe', '国有资本经营预算拨款收入'],
  ['inc.special', '财政专户管理资金收入'],
  ['inc.unitfunds', '单位资金'],
  ['inc.business', '事业收入'],
  ['inc.operating', '事业单位经营收入'],
  ['inc.superior', '上级补助收入'],
  ['inc.affiliated', '附属单位上缴收入'],
  ['inc.other', '其他收入'],
];

/** T3 columns after 合计: 基本, 项目, 经营, 上缴上级, 对附属单位补助 */
const KINDS = ['基本支出', '项目支出', '经营支出', '上缴上级支出', '对附属单位补助支出'];

export function narrativeParagraphs(d: Disclosure): Paragraph[] {
  const y = d.header.year;
  const unit = d.header.currency === '元' ? '元' : '万元';
  const m = (v: Money) => `${v.toFixed(2)}${unit}`;
  const out: Paragraph[] = [];
  const h = (text: string) => out.push({ text, heading: true });
  const p = (text: string) => out.push({ text, heading: false });
  const item = (rows: ItemRow[], key: string): Money => rows.find((r) => r.key === key)?.values[0] ?? ZERO;
  const list = (parts: [string, Money][]) => parts.filter(([, v]) => !v.isZero()).map(([n, v]) => `${n}${m(v)}`);

  h('一、收入说明');
  const income = item(d.t1.income, 'inc.total');
  const carry = item(d.t1.income, 'inc.carry');
  const sources = list(SOURCES.map(([k, n]) => [n, item(d.t1.income, k)]));
  const bySource = sources.length > 1 ? `${sources.join('，')}。` : sources.length === 1 ? `全部为${sources[0].replace(/[\d.]+(万元|元)$/, '')}。` : '';
  if (carry.isZero()) p(`${y}年收入预算${m(income)}${bySource ? (sources.length > 1 ? '，其中：' : '，') + bySource : '。'}`);
  else p(`${y}年收入总计${m(income.plus(carry))}，其中：本年收入${m(income)}，上年结转${m(carry)}。${sources.length > 1 ? `本年收入中，${bySource}` : sources.length === 1 ? `本年收入${bySource}` : ''}`);

  h('二、支出说明');
  const t3 = d.t3.total;
  const [basic, project] = [t3[1], t3[2]];
  const gpbBasic = d.t5.total[1];
  const [personnel, pub] = [d.t6.total[1], d.t6.total[2]];
  const kinds = list(KINDS.map((n, i) => [n, t3[i + 1]]));
  let spend = `${y}年支出预算${m(t3[0])}${kinds.length > 1 ? `，其中：${kinds.join('，')}` : ''}。`;
  // 人员经费 and 公用经费 are T6's: those of 一般公共预算 basic spending
  const split = list([['人员经费', personnel], ['日常公用经费', pub]]);
  if (!gpbBasic.isZero() && split.length) spend += `${basic.eq(gpbBasic) ? '基本支出' : '一般公共预算基本支出'}${m(gpbBasic)}，包括${split.join('和')}。`;
  const named = d.facts.projects.filter((x) => !x.amount.isZero());
  if (!project.isZero() && named.length) {
    // a name ending in a digit, or with a list's punctuation in it, is quoted: its digits are not the
    // figure and its 、 does not split the list ('“项目1”0.01万元', '“网络运行升级维护、档案信息化建设经费”')
    const shown = named.slice(0, 12).map((x) => `${/[0-9A-Za-z]$|[、，,；;：:]/.test(x.name) ? `“${x.name}”` : x.name}${m(x.amount)}`);
    const rest = named.slice(12);
    if (rest.length) shown.push(`其他项目${m(sum(rest.map((x) => x.amount)))}`);
    spend += `项目支出${m(project)}，包括：${shown.join('、')}。`;
  }
  p(spend);

  h('三、机关运行经费安排情况');
  const running = pub;
  if (running.isZero()) p(`${y}年无机关运行经费安排。`);
  else {
    const items = publicItems(d.t6);
    p(`${y}年机关运行经费（一般公共预算基本支出中的公用经费）共计安排${m(running)}${items.length ? `，包括${items.map(([n, v]) => `${n}${m(v)}`).join('、')}` : ''}。`);
  }

  h('四、财政拨款“三公”经费预算情况');
  const t9 = (key: string) => item(d.t9, key);
  const total = t9('sangong');
  if (total.isZero()) p(`${y}年无财政拨款“三公”经费预算。`);
  else {
    const [abroad, car, carBuy, carRun, reception] = ['abroad', 'car', 'car.buy', 'car.run', 'reception'].map(t9);
    const bits: string[] = [];
    bits.push(abroad.isZero() ? '无因公出国（境）费' : `因公出国（境）费${m(abroad)}`);
    if (car.isZero()) bits.push('无公务用车购置及运维费');
    else {
      const sub = [carBuy.isZero() ? '无公务用车购置费' : `公务用车购置费${m(carBuy)}`, carRun.isZero() ? '无公务用车运行维护费' : `公务用车运行维护费${m(carRun)}`];
      bits.push(`公务用车购置及运维费${m(car)}（${sub.join('，')}）`);
    }
    bits.push(reception.isZero() ? '无公务接待费' : `公务接待费${m(reception)}`);
    p(`${y}年财政拨款“三公”经费预算安排${m(total)}。其中：${bits.join('；')}。`);
  }
  return out;
}

/** The 款 of T6 with 公用经费, by name and amount (the items of 机关运行经费), largest first. */
function publicItems(t6: TreeTable): [string, Money][] {
  return t6.rows
    .filter((r) => r.level === 2 && !r.values[2].isZero())
    .map((r): [string, Money] => [r.name, r.values[2]])
    .sort((a, b) => b[1].cmp(a[1]));
}
