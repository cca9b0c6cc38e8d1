// The Jiangsu template (江苏省 provincial departments, the 2017–2019 set of twelve tables): the nine by
// content plus 财政拨款支出 (功能), 财政拨款基本支出 (经济), 机关运行经费 and 政府采购. All amounts in 万元;
// several tables have a single 金额 column; table 1 lists spending twice, by function and by use
// (基本 / 项目 / 单位预留机动经费); the 支出预算总表 and the 三公 table are one row of figures; no 国有资本经营
// table; 科目 of the catalogue before 2019 (2017: the economic classification before the 2018 reform).
import type { ColumnDef, ItemDef, Profile, TableDef } from './types';
import { FUNCTIONAL_CLASSES_2017 } from './classes';
import { ECONOMIC_CLASSES_2017, ECONOMIC_KUAN_2017 } from './economic-2017';
import { exact } from './text';
import { amount, classItems, ref } from './build';
import type { RuleDef } from '../validate/rules';
import { JIANGSU_TEXT_TERMS } from './text-terms-jiangsu';
import { HEADER_RULES, NOTE_RULES, RECOGNITION_RULES, TEXT_RULES, TREE_RULES, VALUE_RULES } from '../validate/rules';

const LABEL: ColumnDef = { role: 'label', label: '项目名称', match: [/项目名称$|科目名称$/], kind: 'label' };
const CODE: ColumnDef = { role: 'code', label: '科目编码', match: [/科目编码|科目代码|编码|代码/], kind: 'code' };
const NAME: ColumnDef = { role: 'name', label: '科目名称', match: [/科目名称|名称/], kind: 'name' };
const AMOUNT = amount('amount', '金额', [/金额$/]);

/** The catalogue before 2019, and 224 灾害防治及应急管理支出 that 2019 added (its new names are its aliases). */
const CLASSES = [...FUNCTIONAL_CLASSES_2017.filter((c) => c.code < '224'), { code: '224', name: '灾害防治及应急管理支出' }, ...FUNCTIONAL_CLASSES_2017.filter((c) => c.code > '224')];

/** The 20 类 table 1 lists (those of a provincial department), every year. */
const T1_CLASS_CODES = ['201', '202', '203', '204', '205', '206', '207', '208', '210', '211', '212', '213', '214', '215', '216', '217', '220', '221', '222', '229'];
const T1_CLASSES: ItemDef[] = classItems(CLASSES).map((it) => (T1_CLASS_CODES.includes(it.classCode!) ? it : { ...it, optional: true }));

const SUBTOTAL = exact('当年支出小计', '本年支出小计');
const CARRY_OUT = exact('结转下年资金', '结转下年', '年末结转和结余');
const GRAND_OUT = exact('支出合计', '支出总计');

const T1_INCOME: ItemDef[] = [
  { key: 'inc.fiscal', label: '财政拨款', match: exact('财政拨款', '财政拨款收入') },
  { key: 'inc.gpb', label: '一般公共预算', match: exact('一般公共预算', '一般公共预算资金', '一般公共预算拨款') },
  { key: 'inc.gfb', label: '政府性基金预算', match: exact('政府性基金预算', '政府性基金', '政府性基金预算拨款') },
  { key: 'inc.special', label: '财政专户管理资金', match: [/^财政转?专户管理资金(收入)?$/] },
  { key: 'inc.other', label: '其他资金', match: exact('其他资金', '其他收入') },
  { key: 'inc.subtotal', label: '当年收入小计', match: exact('当年收入小计', '本年收入小计') },
  { key: 'inc.carry', label: '上年结转资金', match: exact('上年结转资金', '上年结转和结余资金', '上年结转') },
  { key: 'inc.grand', label: '收入合计', match: exact('收入合计', '收入总计') },
];

// table 1's functional side: the 类, then the three total rows (their figures stand on the use side)
const T1_EXPENSE: ItemDef[] = [
  ...T1_CLASSES,
  { key: 'exp.subtotal', label: '当年支出小计', match: SUBTOTAL, optional: true },
  { key: 'exp.carry', label: '结转下年资金', match: CARRY_OUT, optional: true },
  { key: 'exp.grand', label: '支出合计', match: GRAND_OUT, optional: true },
];

const USE: ItemDef[] = [
  { key: 'use.basic', label: '基本支出', match: exact('基本支出') },
  { key: 'use.project', label: '项目支出', match: exact('项目支出') },
  { key: 'use.reserve', label: '单位预留机动经费', match: exact('单位预留机动经费', '预留机动经费') },
];

const T1_USE: ItemDef[] = [
  ...USE,
  { key: 'use.subtotal', label: '当年支出小计', match: SUBTOTAL },
  { key: 'use.carry', label: '结转下年资金', match: CARRY_OUT },
  { key: 'use.grand', label: '支出合计', match: GRAND_OUT },
];

// table 2: group | item labels (一般公共预算资金 | 小计, | 公共财政拨款(补助)资金, …), read joined
const T2_ITEMS: ItemDef[] = [
  { key: 'total', label: '收入总计', match: exact('收入总计', '收入合计') },
  { key: 'gpb', label: '一般公共预算资金 小计', match: exact('一般公共预算资金小计') },
  { key: 'gpb.grant', label: '公共财政拨款（补助）资金', match: exact('一般公共预算资金公共财政拨款(补助)资金', '一般公共预算资金公共财政拨款资金') },
  { key: 'gpb.special', label: '专项收入', match: exact('一般公共预算资金专项收入') },
  { key: 'gfb', label: '政府性基金 小计', match: exact('政府性基金小计', '政府性基金预算小计', '政府性基金预算资金小计') },
  { key: 'special', label: '财政专户管理资金 小计', match: [/^财政转?专户管理资金小计$/] },
  { key: 'special.edu', label: '专户管理教育收费', match: [/^财政转?专户管理资金专户管理教育收费$/] },
  { key: 'special.other', label: '其他非税收入', match: [/^财政转?专户管理资金其他非税收入$/] },
  { key: 'other', label: '其他资金 小计', match: exact('其他资金小计') },
  { key: 'other.business', label: '事业收入', match: exact('其他资金事业收入') },
  { key: 'other.operating', label: '经营收入', match: exact('其他资金经营收入', '其他资金事业单位经营收入') },
  { key: 'other.other', label: '其他收入', match: exact('其他资金其他收入') },
  { key: 'other.debt', label: '债务资金（银行贷款）', match: exact('其他资金债务资金(银行贷款)', '其他资金债务资金', '债务资金(银行贷款)') },
  { key: 'carry', label: '上年结转和结余资金 小计', match: exact('上年结转和结余资金小计', '上年结转资金小计') },
  { key: 'carry.used', label: '其中：动用上年结转和结余资金', match: [/^上年结转(和结余)?资金(其中：)?动用上年结转(和结余)?资金$/] },
];

const T4_INCOME: ItemDef[] = [
  { key: 'inc.gpb', label: '一般公共预算', match: exact('一般公共预算', '一般公共预算资金', '一般公共预算拨款') },
  { key: 'inc.gfb', label: '政府性基金预算', match: exact('政府性基金预算', '政府性基金', '政府性基金预算拨款') },
  { key: 'inc.grand', label: '收入合计', match: exact('收入合计', '收入总计') },
];

const T4_USE: ItemDef[] = [...USE, { key: 'use.grand', label: '支出合计', match: GRAND_OUT }];

const tree = (tree: 'functional' | 'economic', total: ColumnDef = amount('total', '金额', [/金额$|合计$/])) => ({
  id: 'main',
  columns: [CODE, NAME, total],
  rows: { tree },
});

const TABLES: TableDef[] = [
  {
    id: 'T1',
    title: '收支预算总表',
    titleCores: ['收支预算总表'],
    blocks: [
      { id: 'income', within: /^收入/, columns: [LABEL, AMOUNT], rows: { items: T1_INCOME } },
      { id: 'expense', within: /功能分类/, columns: [LABEL, AMOUNT], rows: { items: T1_EXPENSE } },
      { id: 'use', within: /支出用途/, columns: [LABEL, AMOUNT], rows: { items: T1_USE } },
    ],
  },
  {
    id: 'T2',
    title: '收入预算总表',
    titleCores: ['收入预算总表'],
    blocks: [
      {
        id: 'main',
        columns: [{ role: 'group', label: '项目名称', match: [/项目名称$/], kind: 'label' }, LABEL, AMOUNT],
        rows: { items: T2_ITEMS },
      },
    ],
  },
  {
    id: 'T3',
    title: '支出预算总表',
    titleCores: ['支出预算总表'],
    blocks: [
      {
        id: 'main',
        columns: [
          amount('total', '合计', [/^合计$/]),
          amount('basic', '基本支出', [/^基本支出$/]),
          amount('project', '项目支出', [/^项目支出$/]),
          amount('reserve', '单位预留机动经费', [/机动经费$/]),
          amount('carry', '结转下年资金', [/结转下年/], true),
        ],
        rows: { single: true },
      },
    ],
  },
  {
    id: 'T4',
    title: '财政拨款收支预算总表',
    titleCores: ['财政拨款收支预算总表'],
    blocks: [
      { id: 'income', within: /^收入/, columns: [LABEL, AMOUNT], rows: { items: T4_INCOME } },
      { id: 'use', within: /支出用途/, columns: [LABEL, AMOUNT], rows: { items: T4_USE } },
    ],
  },
  { id: 'X-财政拨款支出', title: '财政拨款支出预算表', titleCores: ['财政拨款支出预算表'], blocks: [tree('functional')] },
  { id: 'X-财政拨款基本支出', title: '财政拨款基本支出预算表', titleCores: ['财政拨款基本支出预算表'], blocks: [tree('economic')] },
  { id: 'T5', title: '一般公共预算支出预算表', titleCores: ['一般公共预算支出预算表'], blocks: [tree('functional')] },
  { id: 'T6', title: '一般公共预算基本支出预算表', titleCores: ['一般公共预算基本支出预算表'], blocks: [tree('economic')] },
  {
    id: 'T7',
    title: '政府性基金支出预算表',
    titleCores: ['政府性基金支出预算表', '政府性基金预算财政拨款支出预算表', '政府性基金预算支出预算表'],
    blocks: [tree('functional')],
  },
  {
    id: 'X-机关运行经费',
    title: '一般公共预算机关运行经费支出预算表',
    titleCores: ['机关运行经费支出预算表', '机关运行经费预算表'],
    blocks: [tree('economic', amount('total', '机关运行经费支出', [/机关运行经费|金额$|合计$/]))],
  },
  {
    id: 'T9',
    title: '“三公”经费、会议费、培训费支出预算表',
    titleCores: ['三公经费、会议费、培训费支出预算表', '三公经费、会议费和培训费支出预算表'],
    blocks: [
      {
        id: 'main',
        columns: [
          amount('total', '合计', [/^合计$/]),
          amount('sangong', '“三公”经费小计', [/三公经费小计$/]),
          amount('abroad', '因公出国（境）费', [/因公出国（境）费(用)?$/]),
          amount('car', '公务用车购置及运行维护费', [/公务用车购置及运行(维护)?费(小计)?$/]),
          amount('car.buy', '公务用车购置费', [/公务用车购置费$/]),
          amount('car.run', '公务用车运行维护费', [/公务用车运行(维护)?费$/]),
          amount('reception', '公务接待费', [/公务接待费$/]),
          amount('meeting', '会议费', [/^会议费$/]),
          amount('training', '培训费', [/^培训费$/]),
        ],
        rows: { single: true },
      },
    ],
  },
  {
    id: 'X-政府采购',
    title: '政府采购预算表',
    titleCores: ['政府采购预算表', '政府采购支出预算表'],
    blocks: [
      {
        id: 'main',
        columns: [
          { role: 'category', label: '采购品目大类', match: [/品目/], kind: 'label' },
          { role: 'special', label: '专项名称', match: [/专项/], kind: 'label' },
          { role: 'econ', label: '经济科目', match: [/经济科目/], kind: 'label' },
          { role: 'goods', label: '采购物品名称', match: [/物品|品名/], kind: 'label' },
          { role: 'method', label: '采购组织形式', match: [/组织形式/], kind: 'label' },
          amount('total', '总计', [/^(总计|合计|金额)$/]),
        ],
        // 一、货物 A = its 专项 / 经济科目 rows; each of these = its 采购物品 rows
        rows: { outline: { levels: [['category'], ['special', 'econ'], ['goods', 'method']] } },
      },
    ],
  },
];

/** 三公, 会议费 and 培训费 against the economic 款 of basic spending (table 9 may be larger). */
const T9_T6_LINKS = [
  { item: 'row', col: 'abroad', codes: ['30212'] },
  { item: 'row', col: 'car.buy', codes: ['31013'] },
  { item: 'row', col: 'car.run', codes: ['30231'] },
  { item: 'row', col: 'reception', codes: ['30217'] },
  { item: 'row', col: 'meeting', codes: ['30215'] },
  { item: 'row', col: 'training', codes: ['30216'] },
];

const RULES: RuleDef[] = [
  ...RECOGNITION_RULES,
  ...VALUE_RULES,
  ...HEADER_RULES,

  // In-table row totals (the one-row tables)
  { id: 'row-sum', kind: 'row-sum', severity: 'error', table: 'T3', total: 'total', parts: ['basic', 'project', 'reserve', 'carry'], partsLabel: '各类支出' },
  { id: 'row-sum', kind: 'row-sum', severity: 'error', table: 'T9', total: 'total', parts: ['sangong', 'meeting', 'training'], partsLabel: '“三公”经费、会议费与培训费' },
  { id: 'row-sum', kind: 'row-sum', severity: 'error', table: 'T9', total: 'sangong', parts: ['abroad', 'car', 'reception'], partsLabel: '因公出国（境）费、公务用车购置及运行维护费与公务接待费' },
  { id: 'row-sum', kind: 'row-sum', severity: 'error', table: 'T9', total: 'car', parts: ['car.buy', 'car.run'], partsLabel: '公务用车购置费与运行维护费' },

  ...TREE_RULES,
  { id: 'outline-sum', kind: 'outline-sum', severity: 'error' },

  // Fixed rows of T1, T2, T4
  { id: 'item-sum', kind: 'item-sum', severity: 'error', table: 'T1', block: 'income', total: 'inc.fiscal', parts: ['inc.gpb', 'inc.gfb'], partsLabel: '一般公共预算与政府性基金预算' },
  { id: 'item-sum', kind: 'item-sum', severity: 'error', table: 'T1', block: 'income', total: 'inc.subtotal', parts: ['inc.fiscal', 'inc.special', 'inc.other'], partsLabel: '各项收入' },
  { id: 'item-sum', kind: 'item-sum', severity: 'error', table: 'T1', block: 'income', total: 'inc.grand', parts: ['inc.subtotal', 'inc.carry'], partsLabel: '当年收入小计与上年结转资金' },
  { id: 'item-sum', kind: 'item-sum', severity: 'error', table: 'T1', block: 'expense', totalBlock: 'use', total: 'use.subtotal', parts: ['class.*'], partsLabel: '各类支出（功能分类）' },
  { id: 'item-sum', kind: 'item-sum', severity: 'error', table: 'T1', block: 'use', total: 'use.subtotal', parts: ['use.basic', 'use.project', 'use.reserve'], partsLabel: '基本支出、项目支出与单位预留机动经费' },
  { id: 'item-sum', kind: 'item-sum', severity: 'error', table: 'T1', block: 'use', total: 'use.grand', parts: ['use.subtotal', 'use.carry'], partsLabel: '当年支出小计与结转下年资金' },
  { id: 'balance', kind: 'pair', severity: 'error', left: ref('T1', 'income', 'inc.grand', 'amount'), right: ref('T1', 'use', 'use.grand', 'amount'), what: '收入合计与支出合计' },
  { id: 'item-sum', kind: 'item-sum', severity: 'error', table: 'T2', block: 'main', total: 'total', parts: ['gpb', 'gfb', 'special', 'other', 'carry'], partsLabel: '各项资金' },
  { id: 'item-sum', kind: 'item-sum', severity: 'error', table: 'T2', block: 'main', total: 'gpb', parts: ['gpb.*'], partsLabel: '其下各项' },
  { id: 'item-sum', kind: 'item-sum', severity: 'error', table: 'T2', block: 'main', total: 'special', parts: ['special.*'], partsLabel: '其下各项' },
  { id: 'item-sum', kind: 'item-sum', severity: 'error', table: 'T2', block: 'main', total: 'other', parts: ['other.*'], partsLabel: '其下各项' },
  { id: 'item-sum', kind: 'item-sum', severity: 'error', table: 'T4', block: 'income', total: 'inc.grand', parts: ['inc.gpb', 'inc.gfb'], partsLabel: '一般公共预算与政府性基金预算' },
  { id: 'item-sum', kind: 'item-sum', severity: 'error', table: 'T4', block: 'use', total: 'use.grand', parts: ['use.basic', 'use.project', 'use.reserve'], partsLabel: '基本支出、项目支出与单位预留机动经费' },
  { id: 'balance', kind: 'pair', severity: 'error', left: ref('T4', 'income', 'inc.grand', 'amount'), right: ref('T4', 'use', 'use.grand', 'amount'), what: '收入合计与支出合计' },

  // Across tables
  {
    id: 'cross-t1-income',
    kind: 'cross-pairs',
    severity: 'error',
    pairs: [
      { what: '收入合计', left: [ref('T1', 'income', 'inc.grand', 'amount')], right: [ref('T2', 'main', 'total', 'amount')] },
      { what: '一般公共预算资金', left: [ref('T1', 'income', 'inc.gpb', 'amount')], right: [ref('T2', 'main', 'gpb', 'amount')] },
      { what: '政府性基金', left: [ref('T1', 'income', 'inc.gfb', 'amount')], right: [ref('T2', 'main', 'gfb', 'amount')] },
      { what: '财政专户管理资金', left: [ref('T1', 'income', 'inc.special', 'amount')], right: [ref('T2', 'main', 'special', 'amount')] },
      { what: '其他资金', left: [ref('T1', 'income', 'inc.other', 'amount')], right: [ref('T2', 'main', 'other', 'amount')] },
      { what: '上年结转资金', left: [ref('T1', 'income', 'inc.carry', 'amount')], right: [ref('T2', 'main', 'carry', 'amount')] },
    ],
  },
  {
    id: 'cross-t1-use',
    kind: 'cross-pairs',
    severity: 'error',
    pairs: [
      { what: '支出合计', left: [ref('T1', 'use', 'use.grand', 'amount')], right: [ref('T3', 'main', 'row', 'total')] },
      { what: '基本支出', left: [ref('T1', 'use', 'use.basic', 'amount')], right: [ref('T3', 'main', 'row', 'basic')] },
      { what: '项目支出', left: [ref('T1', 'use', 'use.project', 'amount')], right: [ref('T3', 'main', 'row', 'project')] },
      { what: '单位预留机动经费', left: [ref('T1', 'use', 'use.reserve', 'amount')], right: [ref('T3', 'main', 'row', 'reserve')] },
      { what: '结转下年资金', left: [ref('T1', 'use', 'use.carry', 'amount')], right: [ref('T3', 'main', 'row', 'carry')] },
    ],
  },
  {
    id: 'cross-t4-t1',
    kind: 'cross-pairs',
    severity: 'error',
    pairs: [
      { what: '一般公共预算', left: [ref('T4', 'income', 'inc.gpb', 'amount')], right: [ref('T1', 'income', 'inc.gpb', 'amount')] },
      { what: '政府性基金预算', left: [ref('T4', 'income', 'inc.gfb', 'amount')], right: [ref('T1', 'income', 'inc.gfb', 'amount')] },
      // 财政拨款 spending is part of all spending, by use
      { what: '基本支出', relation: 'le', left: [ref('T4', 'use', 'use.basic', 'amount')], right: [ref('T1', 'use', 'use.basic', 'amount')] },
      { what: '项目支出', relation: 'le', left: [ref('T4', 'use', 'use.project', 'amount')], right: [ref('T1', 'use', 'use.project', 'amount')] },
    ],
  },
  {
    id: 'cross-t4-funds',
    kind: 'cross-pairs',
    severity: 'error',
    pairs: [
      { what: '财政拨款支出合计', left: [ref('T4', 'use', 'use.grand', 'amount')], right: [ref('X-财政拨款支出', 'main', 'total', 'total')] },
      { what: '财政拨款基本支出合计', left: [ref('T4', 'use', 'use.basic', 'amount')], right: [ref('X-财政拨款基本支出', 'main', 'total', 'total')] },
      { what: '一般公共预算支出合计', left: [ref('T4', 'income', 'inc.gpb', 'amount')], right: [ref('T5', 'main', 'total', 'total')] },
      { what: '政府性基金支出合计', left: [ref('T4', 'income', 'inc.gfb', 'amount')], right: [ref('T7', 'main', 'total', 'total')] },
    ],
  },
  // 科目 by 科目: 财政拨款支出 = 一般公共预算 + 政府性基金; its 类 are part of table 1's
  { id: 'cross-fiscal-parts', kind: 'fiscal', severity: 'error', income: { t: 'X-财政拨款支出', col: 'total' }, spent: ['T5', 'T7'] },
  { id: 'cross-t1-class', kind: 'cross-keyed', severity: 'error', left: { t: 'X-财政拨款支出', col: 'total', rows: 'classes' }, right: { t: 'T1', b: 'expense', col: 'amount', rows: 'classes' }, relation: 'le', absent: 'zero' },
  // economic 科目: 一般公共预算基本支出 is part of 财政拨款基本支出
  { id: 'cross-t6-basic', kind: 'cross-keyed', severity: 'error', left: { t: 'T6', col: 'total', rows: 'codes' }, right: { t: 'X-财政拨款基本支出', col: 'total', rows: 'codes' }, relation: 'le', absent: 'zero' },
  { id: 'cross-t9-t6', kind: 't9-t6', severity: 'error', t9: 'T9', t6: 'T6', links: T9_T6_LINKS },

  ...NOTE_RULES,
  // the explanatory text, read with this template's table of names (text-terms-jiangsu.ts)
  ...TEXT_RULES,
];

export const JIANGSU: Profile = {
  id: 'jiangsu',
  name: '江苏省',
  tables: TABLES,
  rules: RULES,
  textTerms: JIANGSU_TEXT_TERMS,
  functionalClasses: CLASSES,
  earlierEconomic: [{ untilYear: 2017, classes: ECONOMIC_CLASSES_2017, kuan: ECONOMIC_KUAN_2017 }],
  unit: '万元',
  generate: false,
  printedTitles: true,
  read: {
    splitCodes: 'pad',
    mergedLabels: true,
    titleRepeats: true,
    emptyNote: /^（无.*）$|表为空|为空表/,
    yearIn: ['title'],
    unitLine: [/^部门(?:名称)?[:：]\s*(.+?)\s*(?=单位[:：]|$)/],
    headerFields: ['currency'],
  },
};
