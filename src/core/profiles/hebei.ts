// The Hebei template (河北省, the standard template of DOMAIN.md; 2021 and 2026 editions): its nine tables
// and the relations between them. The template generation writes.
import type { ItemDef, Profile, TableDef, ColumnDef } from './types';
import { FUNCTIONAL_CLASSES } from './classes';
import { exact } from './text';
import { CODE_COL, NAME_COL, LABEL_COL, amount, classItems, ref } from './build';
import { HEBEI_TEXT_TERMS } from './text-terms-hebei';
import type { RuleDef } from '../validate/rules';
import { HEADER_RULES, NOTE_RULES, RECOGNITION_RULES, TEXT_RULES, TREE_RULES, VALUE_RULES } from '../validate/rules';

// T1 ----------------------------------------------------------------------------------------------
export const T1_INCOME_ITEMS: ItemDef[] = [
  { key: 'inc.gpb', label: '一般公共预算拨款收入', ordinal: '一、', match: exact('一般公共预算拨款收入', '一般公共预算拨款', '一般公共预算财政拨款收入') },
  { key: 'inc.gfb', label: '政府性基金预算拨款收入', ordinal: '二、', match: exact('政府性基金预算拨款收入', '政府性基金预算拨款', '政府性基金预算财政拨款收入') },
  { key: 'inc.soe', label: '国有资本经营预算拨款收入', ordinal: '三、', match: exact('国有资本经营预算拨款收入', '国有资本经营预算拨款', '国有资本经营预算财政拨款收入') },
  { key: 'inc.special', label: '财政专户管理资金收入', ordinal: '四、', match: exact('财政专户管理资金收入', '财政专户管理资金', '财政专户收入') },
  { key: 'inc.unitfunds', label: '单位资金', ordinal: '五、', fromYear: 2026, match: exact('单位资金', '单位资金收入') },
  { key: 'inc.business', label: '事业收入', ordinal: '五、', untilYear: 2025, match: exact('事业收入') },
  { key: 'inc.operating', label: '事业单位经营收入', ordinal: '六、', untilYear: 2025, match: exact('事业单位经营收入', '经营收入') },
  { key: 'inc.superior', label: '上级补助收入', ordinal: '七、', untilYear: 2025, match: exact('上级补助收入') },
  { key: 'inc.affiliated', label: '附属单位上缴收入', ordinal: '八、', untilYear: 2025, match: exact('附属单位上缴收入') },
  { key: 'inc.other', label: '其他收入', ordinal: '九、', untilYear: 2025, match: exact('其他收入') },
  { key: 'inc.total', label: '本年收入合计', match: exact('本年收入合计', '收入合计') },
  { key: 'inc.carry', label: '上年结转结余', match: exact('上年结转结余', '上年结转', '上年结转和结余', '用事业基金弥补收支差额') },
  { key: 'inc.grand', label: '收入总计', match: exact('收入总计', '总计') },
];

export const T1_EXPENSE_ITEMS: ItemDef[] = [
  ...classItems(FUNCTIONAL_CLASSES),
  { key: 'exp.total', label: '本年支出合计', match: exact('本年支出合计', '支出合计') },
  { key: 'exp.carry', label: '年终结转结余', match: exact('年终结转结余', '年末结转结余', '年终结转', '结转下年') },
  { key: 'exp.grand', label: '支出总计', match: exact('支出总计', '总计') },
];

// T4 ----------------------------------------------------------------------------------------------
export const T4_INCOME_ITEMS: ItemDef[] = [
  { key: 'inc.gpb', label: '一般公共预算拨款', ordinal: '一、', match: exact('一般公共预算拨款', '一般公共预算拨款收入', '一般公共预算财政拨款') },
  { key: 'inc.gfb', label: '政府性基金预算拨款', ordinal: '二、', match: exact('政府性基金预算拨款', '政府性基金预算拨款收入', '政府性基金预算财政拨款') },
  { key: 'inc.soe', label: '国有资本经营预算拨款', ordinal: '三、', match: exact('国有资本经营预算拨款', '国有资本经营预算拨款收入', '国有资本经营预算财政拨款') },
  { key: 'inc.total', label: '本年收入合计', match: exact('本年收入合计', '收入合计') },
  { key: 'inc.carry', label: '年初财政拨款结转和结余', match: exact('年初财政拨款结转和结余', '上年结转', '上年财政拨款结转和结余', '年初结转和结余') },
  { key: 'inc.carry.gpb', label: '一般公共预算拨款', ordinal: '一、', under: 'inc.carry', match: exact('一般公共预算拨款', '一般公共预算财政拨款') },
  { key: 'inc.carry.gfb', label: '政府性基金预算拨款', ordinal: '二、', under: 'inc.carry', match: exact('政府性基金预算拨款', '政府性基金预算财政拨款') },
  { key: 'inc.carry.soe', label: '国有资本经营预算拨款', ordinal: '三、', under: 'inc.carry', match: exact('国有资本经营预算拨款', '国有资本经营预算财政拨款') },
  { key: 'inc.grand', label: '收入总计', match: exact('收入总计', '总计') },
];

export const T4_EXPENSE_ITEMS: ItemDef[] = [
  ...classItems(FUNCTIONAL_CLASSES),
  { key: 'exp.total', label: '本年支出合计', match: exact('本年支出合计', '支出合计') },
  { key: 'exp.carry', label: '年末财政拨款结转和结余', match: exact('年末财政拨款结转和结余', '年终结转结余', '年末结转和结余') },
  { key: 'exp.grand', label: '支出总计', match: exact('支出总计', '总计') },
];

// T9 ----------------------------------------------------------------------------------------------
export const T9_ITEMS: ItemDef[] = [
  { key: 'total', label: '合计', match: exact('合计', '总计') },
  { key: 'sangong', label: '“三公”经费小计', match: [/^三公经费(小计|合计)$/, /^小计$/] },
  { key: 'abroad', label: '因公出国（境）费', ordinal: '一、', match: [/^因公出国（境）费(用)?$/] },
  { key: 'abroad.research', label: '教学科研人员因公出国（境）费', ordinal: '其中：', match: [/^教学科研人员因公出国（境）费(用)?$/] },
  { key: 'abroad.other', label: '其他因公出国（境）费', match: [/^其他因公出国（境）费(用)?$/] },
  { key: 'car', label: '公务用车购置及运维费', ordinal: '二、', match: [/^公务用车购置及运(行维护|维)费$/] },
  { key: 'car.buy', label: '公务用车购置费', ordinal: '其中：', match: [/^公务用车购置(费)?$/] },
  { key: 'car.run', label: '公务用车运行维护费', match: [/^公务用车运行(维护)?费$/] },
  { key: 'reception', label: '公务接待费', ordinal: '三、', match: [/^公务接待费$/] },
];

// Tables ------------------------------------------------------------------------------------------
const FUNDS_T4 = [
  amount('gpb', '一般公共预算财政拨款', [/一般公共预算/]),
  amount('gfb', '政府性基金预算财政拨款', [/政府性基金/]),
  amount('soe', '国有资本经营预算财政拨款', [/国有资本经营/]),
];

const FUNC_TREE_T5: ColumnDef[] = [
  CODE_COL,
  NAME_COL,
  amount('total', '合计', [/合计$|^合计/]),
  amount('basic', '基本支出', [/基本支出/]),
  amount('project', '项目支出', [/项目支出/]),
];

const TABLES: TableDef[] = [
  {
    id: 'T1',
    no: 1,
    title: '部门预算收支总表',
    titleCores: ['收支总表', '收支预算总表'],
    blocks: [
      {
        id: 'income',
        side: /收入/,
        columns: [{ ...LABEL_COL }, amount('amount', '预算数', [/预算数|金额|本年预算|预算/])],
        rows: { items: T1_INCOME_ITEMS },
      },
      {
        id: 'expense',
        side: /支出/,
        columns: [{ ...LABEL_COL }, amount('amount', '预算数', [/预算数|金额|本年预算|预算/])],
        rows: { items: T1_EXPENSE_ITEMS },
      },
    ],
  },
  {
    id: 'T2',
    no: 2,
    title: '部门预算收入总表',
    titleCores: ['收入总表', '收入预算总表'],
    blocks: [
      {
        id: 'main',
        columns: [
          CODE_COL,
          NAME_COL,
          amount('total', '合计', [/^(功能分类科目)?合计$|^总计$/]),
          amount('subtotal', '本年收入小计', [/小计/]),
          amount('fiscal', '财政拨款收入', [/财政拨款/]),
          amount('special', '财政专户收入', [/财政专户/]),
          amount('business', '事业收入', [/^(本年收入)?事业收入$/]),
          amount('operating', '经营收入', [/经营收入/]),
          amount('superior', '上级补助收入', [/上级补助/]),
          amount('affiliated', '附属单位上缴收入', [/附属单位/]),
          amount('other', '其他收入', [/其他收入/]),
          amount('unitfunds', '单位资金', [/单位资金/], true),
          amount('carry', '上年结转', [/上年结转/]),
        ],
        rows: { tree: 'functional' },
      },
    ],
  },
  {
    id: 'T3',
    no: 3,
    title: '部门预算支出总表',
    titleCores: ['支出总表', '支出预算总表'],
    blocks: [
      {
        id: 'main',
        columns: [
          CODE_COL,
          NAME_COL,
          amount('total', '合计', [/合计$|^总计$/]),
          amount('basic', '基本支出', [/基本支出/]),
          amount('project', '项目支出', [/项目支出/]),
          amount('operating', '经营支出', [/经营支出/], true),
          amount('remit', '上缴上级支出', [/上缴上级/], true),
          amount('subsidy', '对附属单位补助支出', [/附属单位/], true),
        ],
        rows: { tree: 'functional' },
      },
    ],
  },
  {
    id: 'T4',
    no: 4,
    title: '部门预算财政拨款收支总表',
    titleCores: ['财政拨款收支总表', '财政拨款收支预算总表'],
    blocks: [
      {
        id: 'income',
        side: /收入/,
        columns: [{ ...LABEL_COL }, amount('amount', '金额', [/金额|预算数|预算/])],
        rows: { items: T4_INCOME_ITEMS },
      },
      {
        id: 'expense',
        side: /支出/,
        columns: [{ ...LABEL_COL }, amount('total', '合计', [/合计|小计/]), ...FUNDS_T4],
        rows: { items: T4_EXPENSE_ITEMS },
      },
    ],
  },
  {
    id: 'T5',
    no: 5,
    title: '部门预算一般公共预算财政拨款支出表',
    titleCores: ['一般公共预算财政拨款支出表', '一般公共预算支出表', '一般公共预算拨款支出表'],
    blocks: [{ id: 'main', columns: FUNC_TREE_T5, rows: { tree: 'functional' } }],
  },
  {
    id: 'T6',
    no: 6,
    title: '部门预算一般公共预算财政拨款基本支出表',
    titleCores: ['一般公共预算财政拨款基本支出表', '一般公共预算基本支出表', '一般公共预算拨款基本支出表'],
    blocks: [
      {
        id: 'main',
        columns: [
          CODE_COL,
          NAME_COL,
          amount('total', '合计', [/合计$|^总计$/]),
          amount('personnel', '人员经费', [/人员经费/]),
          amount('public', '公用经费', [/公用经费/]),
        ],
        rows: { tree: 'economic' },
      },
    ],
  },
  {
    id: 'T7',
    no: 7,
    title: '部门预算政府性基金预算财政拨款支出表',
    titleCores: ['政府性基金预算财政拨款支出表', '政府性基金预算支出表', '政府性基金预算拨款支出表'],
    blocks: [{ id: 'main', columns: FUNC_TREE_T5, rows: { tree: 'functional' } }],
    note: { empty: '注：无政府性基金预算财政拨款预算，空表列示。' },
  },
  {
    id: 'T8',
    no: 8,
    title: '部门预算国有资本经营预算财政拨款支出表',
    titleCores: ['国有资本经营预算财政拨款支出表', '国有资本经营预算支出表', '国有资本经营预算拨款支出表'],
    blocks: [{ id: 'main', columns: FUNC_TREE_T5, rows: { tree: 'functional' } }],
    note: { empty: '注：无国有资本经营预算财政拨款预算，空表列示。' },
  },
  {
    id: 'T9',
    no: 9,
    title: '部门预算财政拨款“三公”经费支出表',
    titleCores: ['财政拨款三公经费支出表', '三公经费支出表', '三公经费预算表', '三公经费支出预算表'],
    blocks: [
      {
        id: 'main',
        columns: [
          { ...LABEL_COL },
          amount('total', '合计', [/合计|小计/]),
          amount('gpb', '一般公共预算财政拨款', [/一般公共预算/]),
          amount('gfb', '政府性基金预算拨款', [/政府性基金/], true),
          amount('soe', '国有资本经营预算财政拨款', [/国有资本经营/], true),
        ],
        rows: { items: T9_ITEMS },
      },
    ],
    note: { empty: '注：无“三公”经费预算，空表列示。' },
  },
];


/** T9 items and the T6 economic 款 they correspond to (T9 may be larger, never smaller). */
export const T9_T6_LINKS: { item: string; codes: string[] }[] = [
  { item: 'abroad', codes: ['30212'] },
  { item: 'car.buy', codes: ['31013'] },
  { item: 'car.run', codes: ['30231'] },
  { item: 'reception', codes: ['30217'] },
];

const FUND_PARTS_T2 = ['fiscal', 'special', 'business', 'operating', 'superior', 'affiliated', 'other', 'unitfunds'];
const SIDES_T4 = ['gpb', 'gfb', 'soe'];

const RULES: RuleDef[] = [
  ...RECOGNITION_RULES,
  ...VALUE_RULES,
  ...HEADER_RULES,

  // In-table row totals --------------------------------------------------------------------------
  { id: 'row-sum', kind: 'row-sum', severity: 'error', table: 'T2', total: 'total', parts: ['subtotal', 'carry'], partsLabel: '本年收入小计与上年结转' },
  { id: 'row-sum', kind: 'row-sum', severity: 'error', table: 'T2', total: 'subtotal', parts: FUND_PARTS_T2, partsLabel: '各项收入' },
  { id: 'row-sum', kind: 'row-sum', severity: 'error', table: 'T3', total: 'total', parts: ['basic', 'project', 'operating', 'remit', 'subsidy'], partsLabel: '各类支出' },
  { id: 'row-sum', kind: 'row-sum', severity: 'error', table: 'T4', block: 'expense', total: 'total', parts: SIDES_T4, partsLabel: '三类财政拨款' },
  { id: 'row-sum', kind: 'row-sum', severity: 'error', table: 'T5', total: 'total', parts: ['basic', 'project'], partsLabel: '基本支出与项目支出' },
  { id: 'row-sum', kind: 'row-sum', severity: 'error', table: 'T6', total: 'total', parts: ['personnel', 'public'], partsLabel: '人员经费与公用经费' },
  { id: 'row-sum', kind: 'row-sum', severity: 'error', table: 'T7', total: 'total', parts: ['basic', 'project'], partsLabel: '基本支出与项目支出' },
  { id: 'row-sum', kind: 'row-sum', severity: 'error', table: 'T8', total: 'total', parts: ['basic', 'project'], partsLabel: '基本支出与项目支出' },
  { id: 'row-sum', kind: 'row-sum', severity: 'error', table: 'T9', total: 'total', parts: SIDES_T4, partsLabel: '各类财政拨款' },

  ...TREE_RULES,

  // Fixed rows of T1, T4, T9 ---------------------------------------------------------------------
  { id: 'item-sum', kind: 'item-sum', severity: 'error', table: 'T1', block: 'income', total: 'inc.total', parts: ['inc.*'], except: ['inc.total', 'inc.carry', 'inc.grand', 'inc.carry.gpb', 'inc.carry.gfb', 'inc.carry.soe'], partsLabel: '各项收入' },
  { id: 'item-sum', kind: 'item-sum', severity: 'error', table: 'T1', block: 'income', total: 'inc.grand', parts: ['inc.total', 'inc.carry'], partsLabel: '本年收入合计与上年结转结余' },
  { id: 'item-sum', kind: 'item-sum', severity: 'error', table: 'T1', block: 'expense', total: 'exp.total', parts: ['class.*'], partsLabel: '各类支出' },
  { id: 'item-sum', kind: 'item-sum', severity: 'error', table: 'T1', block: 'expense', total: 'exp.grand', parts: ['exp.total', 'exp.carry'], partsLabel: '本年支出合计与年终结转结余' },
  { id: 'balance', kind: 'pair', severity: 'error', left: ref('T1', 'income', 'inc.grand', 'amount'), right: ref('T1', 'expense', 'exp.grand', 'amount'), what: '收入总计与支出总计' },
  { id: 'item-sum', kind: 'item-sum', severity: 'error', table: 'T4', block: 'income', total: 'inc.total', parts: ['inc.gpb', 'inc.gfb', 'inc.soe'], partsLabel: '三类财政拨款' },
  { id: 'item-sum', kind: 'item-sum', severity: 'error', table: 'T4', block: 'income', total: 'inc.carry', parts: ['inc.carry.gpb', 'inc.carry.gfb', 'inc.carry.soe'], partsLabel: '三类财政拨款结转和结余', },
  { id: 'item-sum', kind: 'item-sum', severity: 'error', table: 'T4', block: 'income', total: 'inc.grand', parts: ['inc.total', 'inc.carry'], partsLabel: '本年收入合计与年初财政拨款结转和结余' },
  { id: 'item-sum', kind: 'item-sum', severity: 'error', table: 'T4', block: 'expense', total: 'exp.total', parts: ['class.*'], partsLabel: '各类支出' },
  { id: 'item-sum', kind: 'item-sum', severity: 'error', table: 'T4', block: 'expense', total: 'exp.grand', parts: ['exp.total', 'exp.carry'], partsLabel: '本年支出合计与年末财政拨款结转和结余' },
  { id: 'balance', kind: 'pair', severity: 'error', left: ref('T4', 'income', 'inc.grand', 'amount'), right: ref('T4', 'expense', 'exp.grand', 'total'), what: '收入总计与支出总计' },
  { id: 'item-sum', kind: 'item-sum', severity: 'error', table: 'T9', block: 'main', total: 'sangong', parts: ['abroad', 'car', 'reception'], partsLabel: '因公出国（境）费、公务用车购置及运维费与公务接待费' },
  { id: 'item-sum', kind: 'item-sum', severity: 'error', table: 'T9', block: 'main', total: 'abroad', parts: ['abroad.research', 'abroad.other'], partsLabel: '其下两项' },
  { id: 'item-sum', kind: 'item-sum', severity: 'error', table: 'T9', block: 'main', total: 'car', parts: ['car.buy', 'car.run'], partsLabel: '公务用车购置费与运行维护费' },
  { id: 'item-sum', kind: 'item-sum', severity: 'error', table: 'T9', block: 'main', total: 'total', parts: ['sangong', 'extra.*'], partsLabel: '“三公”经费小计与其他列示项目' },

  // Across tables --------------------------------------------------------------------------------
  { id: 'cross-t1-class', kind: 'cross-keyed', severity: 'error', left: { t: 'T1', b: 'expense', col: 'amount', rows: 'classes' }, right: { t: 'T3', col: 'total', rows: 'classes' }, relation: 'eq', absent: 'zero' },
  { id: 'cross-t1-class', kind: 'cross-keyed', severity: 'error', left: { t: 'T1', b: 'expense', col: 'amount', rows: 'classes' }, right: { t: 'T2', col: 'total', rows: 'classes' }, relation: 'eq', absent: 'zero' },
  {
    id: 'cross-t1-income',
    kind: 'cross-pairs',
    severity: 'error',
    pairs: [
      { what: '财政拨款收入', left: [ref('T1', 'income', 'inc.gpb', 'amount'), ref('T1', 'income', 'inc.gfb', 'amount'), ref('T1', 'income', 'inc.soe', 'amount')], right: [ref('T2', 'main', 'total', 'fiscal')] },
      { what: '财政专户管理资金收入', left: [ref('T1', 'income', 'inc.special', 'amount')], right: [ref('T2', 'main', 'total', 'special')] },
      { what: '事业收入', left: [ref('T1', 'income', 'inc.business', 'amount')], right: [ref('T2', 'main', 'total', 'business')] },
      { what: '事业单位经营收入', left: [ref('T1', 'income', 'inc.operating', 'amount')], right: [ref('T2', 'main', 'total', 'operating')] },
      { what: '上级补助收入', left: [ref('T1', 'income', 'inc.superior', 'amount')], right: [ref('T2', 'main', 'total', 'superior')] },
      { what: '附属单位上缴收入', left: [ref('T1', 'income', 'inc.affiliated', 'amount')], right: [ref('T2', 'main', 'total', 'affiliated')] },
      { what: '其他收入', left: [ref('T1', 'income', 'inc.other', 'amount')], right: [ref('T2', 'main', 'total', 'other')] },
      {
        what: '单位资金',
        left: [ref('T1', 'income', 'inc.unitfunds', 'amount')],
        right: ['business', 'operating', 'superior', 'affiliated', 'other', 'unitfunds'].map((c) => ref('T2', 'main', 'total', c)),
      },
      { what: '上年结转', left: [ref('T1', 'income', 'inc.carry', 'amount')], right: [ref('T2', 'main', 'total', 'carry')] },
      { what: '本年收入合计', left: [ref('T1', 'income', 'inc.total', 'amount')], right: [ref('T2', 'main', 'total', 'subtotal')] },
      { what: '收入总计', left: [ref('T1', 'income', 'inc.grand', 'amount')], right: [ref('T2', 'main', 'total', 'total')] },
      { what: '本年支出合计', left: [ref('T1', 'expense', 'exp.total', 'amount')], right: [ref('T3', 'main', 'total', 'total')] },
    ],
  },
  { id: 'cross-t2-t3', kind: 'cross-keyed', severity: 'error', left: { t: 'T2', col: 'total', rows: 'codes' }, right: { t: 'T3', col: 'total', rows: 'codes' }, relation: 'eq', absent: 'missing' },
  {
    id: 'cross-t4-t1',
    kind: 'cross-pairs',
    severity: 'error',
    pairs: [
      { what: '一般公共预算拨款', left: [ref('T4', 'income', 'inc.gpb', 'amount')], right: [ref('T1', 'income', 'inc.gpb', 'amount')] },
      { what: '政府性基金预算拨款', left: [ref('T4', 'income', 'inc.gfb', 'amount')], right: [ref('T1', 'income', 'inc.gfb', 'amount')] },
      { what: '国有资本经营预算拨款', left: [ref('T4', 'income', 'inc.soe', 'amount')], right: [ref('T1', 'income', 'inc.soe', 'amount')] },
    ],
  },
  { id: 'cross-t4-funds', kind: 'cross-keyed', severity: 'error', left: { t: 'T4', b: 'expense', col: 'gpb', rows: 'classes' }, right: { t: 'T5', col: 'total', rows: 'classes' }, relation: 'eq', absent: 'zero' },
  { id: 'cross-t4-funds', kind: 'cross-keyed', severity: 'error', left: { t: 'T4', b: 'expense', col: 'gfb', rows: 'classes' }, right: { t: 'T7', col: 'total', rows: 'classes' }, relation: 'eq', absent: 'zero' },
  { id: 'cross-t4-funds', kind: 'cross-keyed', severity: 'error', left: { t: 'T4', b: 'expense', col: 'soe', rows: 'classes' }, right: { t: 'T8', col: 'total', rows: 'classes' }, relation: 'eq', absent: 'zero' },
  {
    id: 'cross-t4-funds',
    kind: 'cross-pairs',
    severity: 'error',
    pairs: [
      { what: '一般公共预算财政拨款支出合计', left: [ref('T4', 'expense', 'exp.total', 'gpb')], right: [ref('T5', 'main', 'total', 'total')] },
      { what: '政府性基金预算财政拨款支出合计', left: [ref('T4', 'expense', 'exp.total', 'gfb')], right: [ref('T7', 'main', 'total', 'total')] },
      { what: '国有资本经营预算财政拨款支出合计', left: [ref('T4', 'expense', 'exp.total', 'soe')], right: [ref('T8', 'main', 'total', 'total')] },
    ],
  },
  { id: 'cross-t5-t6', kind: 'cross-pairs', severity: 'error', pairs: [{ what: '一般公共预算基本支出', left: [ref('T5', 'main', 'total', 'basic')], right: [ref('T6', 'main', 'total', 'total')] }] },
  { id: 'cross-t5-t3', kind: 'cross-keyed', severity: 'error', left: { t: 'T5', col: 'total', rows: 'codes' }, right: { t: 'T3', col: 'total', rows: 'codes' }, relation: 'le', absent: 'zero' },
  { id: 'cross-t5-t3', kind: 'cross-keyed', severity: 'error', left: { t: 'T5', col: 'basic', rows: 'codes' }, right: { t: 'T3', col: 'basic', rows: 'codes' }, relation: 'le', absent: 'zero' },
  { id: 'cross-t5-t3', kind: 'cross-keyed', severity: 'error', left: { t: 'T5', col: 'project', rows: 'codes' }, right: { t: 'T3', col: 'project', rows: 'codes' }, relation: 'le', absent: 'zero' },
  { id: 'cross-t2-fiscal', kind: 'fiscal', severity: 'error', income: { t: 'T2', col: 'fiscal', carry: 'carry' }, spent: ['T5', 'T7', 'T8'] },
  { id: 'cross-t9-t6', kind: 't9-t6', severity: 'error', t9: 'T9', t6: 'T6', links: T9_T6_LINKS },

  ...NOTE_RULES,
  ...TEXT_RULES,
];

export const HEBEI: Profile = {
  id: 'hebei',
  name: '河北省',
  tables: TABLES,
  rules: RULES,
  functionalClasses: FUNCTIONAL_CLASSES,
  unit: '万元',
  textTerms: HEBEI_TEXT_TERMS,
  generate: true,
  printedTitles: false,
  read: { splitCodes: 'pad' },
};
