// The Shanghai template (上海市: 区级 and 市级 departments, 部门 and 单位 versions, 2023–2026): the same
// nine tables in another order and print. Amounts in 元 (the 三公 table in 万元); 科目 codes split over
// 类 / 款 / 项 columns; tables 1 and 4 list only the 类 that have money; the 三公 table is one row that
// also carries 机关运行经费; the 单位 version of table 1 (2024+) splits spending into 人员经费, 公用经费
// and 项目支出.
import type { ColumnDef, ItemDef, Profile, TableDef } from './types';
import { FUNCTIONAL_CLASSES_WITH_EARLIER } from './classes';
import { exact } from './text';
import { amount, classItems, ref } from './build';
import type { RuleDef } from '../validate/rules';
import { SHANGHAI_TEXT_TERMS } from './text-terms-shanghai';
import { HEADER_RULES, NOTE_RULES, RECOGNITION_RULES, TEXT_RULES, TREE_RULES, VALUE_RULES } from '../validate/rules';

const LABEL: ColumnDef = { role: 'label', label: '项目', match: [/项目$/], kind: 'label' };
// codes split over 类 | 款 | 项 columns under one 科目编码 header (read/columns.ts finds the parts)
const CODE: ColumnDef = { role: 'code', label: '科目编码', match: [/科目编码/], kind: 'code' };
const NAME: ColumnDef = { role: 'name', label: '科目名称', match: [/科目名称/], kind: 'name' };

const CLASSES = classItems(FUNCTIONAL_CLASSES_WITH_EARLIER, { optional: true });

const T1_INCOME: ItemDef[] = [
  { key: 'inc.fiscal', label: '财政拨款收入', match: exact('财政拨款收入', '财政拨款') },
  { key: 'inc.gpb', label: '一般公共预算资金', match: exact('一般公共预算资金', '一般公共预算') },
  { key: 'inc.gfb', label: '政府性基金', match: exact('政府性基金', '政府性基金预算', '政府性基金预算资金') },
  { key: 'inc.soe', label: '国有资本经营预算', match: exact('国有资本经营预算', '国有资本经营预算资金') },
  { key: 'inc.business', label: '事业收入', match: exact('事业收入') },
  { key: 'inc.operating', label: '事业单位经营收入', match: exact('事业单位经营收入', '经营收入') },
  { key: 'inc.other', label: '其他收入', match: exact('其他收入') },
  { key: 'inc.grand', label: '收入总计', match: exact('收入总计', '总计') },
];

const T4_INCOME: ItemDef[] = [
  { key: 'inc.gpb', label: '一般公共预算资金', match: exact('一般公共预算资金', '一般公共预算') },
  { key: 'inc.gfb', label: '政府性基金', match: exact('政府性基金', '政府性基金预算', '政府性基金预算资金') },
  { key: 'inc.soe', label: '国有资本经营预算', match: exact('国有资本经营预算', '国有资本经营预算资金') },
  { key: 'inc.grand', label: '收入总计', match: exact('收入总计', '总计') },
];

const EXPENSE: ItemDef[] = [...CLASSES, { key: 'exp.grand', label: '支出总计', match: exact('支出总计', '总计') }];

const FUNC_TREE: ColumnDef[] = [
  CODE,
  NAME,
  amount('total', '合计', [/合计$/]),
  amount('basic', '基本支出', [/基本支出$/]),
  amount('project', '项目支出', [/项目支出$/]),
];

const TABLES: TableDef[] = [
  {
    id: 'T1',
    no: 1,
    title: '部门财务收支预算总表',
    titleCores: ['财务收支预算总表'],
    blocks: [
      { id: 'income', side: /收入/, columns: [LABEL, amount('amount', '预算数', [/预算数$/])], rows: { items: T1_INCOME } },
      {
        id: 'expense',
        side: /支出/,
        columns: [
          LABEL,
          amount('total', '预算数', [/预算数$|合计$/]),
          // the 单位 version from 2024
          amount('personnel', '人员经费', [/人员经费$/], true),
          amount('public', '公用经费', [/公用经费$/], true),
          amount('project', '项目支出', [/项目支出$/], true),
        ],
        rows: { items: EXPENSE },
      },
    ],
  },
  {
    id: 'T2',
    no: 2,
    title: '部门收入预算总表',
    titleCores: ['收入预算总表'],
    blocks: [
      {
        id: 'main',
        columns: [
          CODE,
          NAME,
          amount('total', '合计', [/合计$/]),
          amount('fiscal', '财政拨款收入', [/财政拨款/]),
          amount('business', '事业收入', [/^(收入预算)?事业收入$/]),
          amount('operating', '事业单位经营收入', [/经营收入$/]),
          amount('other', '其他收入', [/其他收入$/]),
        ],
        rows: { tree: 'functional' },
      },
    ],
  },
  {
    id: 'T3',
    no: 3,
    title: '部门支出预算总表',
    titleCores: ['支出预算总表'],
    blocks: [{ id: 'main', columns: FUNC_TREE, rows: { tree: 'functional' } }],
  },
  {
    id: 'T4',
    no: 4,
    title: '部门财政拨款收支预算总表',
    titleCores: ['财政拨款收支预算总表'],
    blocks: [
      { id: 'income', side: /收入/, columns: [LABEL, amount('amount', '预算数', [/预算数$/])], rows: { items: T4_INCOME } },
      {
        id: 'expense',
        side: /支出/,
        columns: [
          LABEL,
          amount('total', '合计', [/合计$/]),
          amount('gpb', '一般公共预算', [/一般公共预算$/]),
          amount('gfb', '政府性基金预算', [/政府性基金预算$/]),
          amount('soe', '国有资本经营预算', [/国有资本经营预算$/]),
        ],
        rows: { items: EXPENSE },
      },
    ],
  },
  {
    id: 'T5',
    no: 5,
    title: '部门一般公共预算支出功能分类预算表',
    titleCores: ['一般公共预算支出功能分类预算表'],
    blocks: [{ id: 'main', columns: FUNC_TREE, rows: { tree: 'functional' } }],
  },
  {
    id: 'T7',
    no: 6,
    title: '部门政府性基金预算支出功能分类预算表',
    titleCores: ['政府性基金预算支出功能分类预算表'],
    blocks: [{ id: 'main', columns: FUNC_TREE, rows: { tree: 'functional' } }],
    note: { empty: '注：本部门无政府性基金预算财政拨款安排的预算，故本表为空表。' },
  },
  {
    id: 'T8',
    no: 7,
    title: '部门国有资本经营预算支出功能分类预算表',
    titleCores: ['国有资本经营预算支出功能分类预算表'],
    blocks: [{ id: 'main', columns: FUNC_TREE, rows: { tree: 'functional' } }],
    note: { empty: '注：本部门无国有资本经营预算财政拨款安排的预算，故本表为空表。' },
  },
  {
    id: 'T6',
    no: 8,
    title: '部门一般公共预算基本支出部门预算经济分类预算表',
    titleCores: ['一般公共预算基本支出部门预算经济分类预算表', '一般公共预算基本支出经济分类预算表'],
    blocks: [
      {
        id: 'main',
        columns: [
          CODE,
          NAME,
          amount('total', '合计', [/合计$/]),
          amount('personnel', '人员经费', [/人员经费$/]),
          amount('public', '公用经费', [/公用经费$/]),
        ],
        rows: { tree: 'economic' },
      },
    ],
  },
  {
    id: 'T9',
    no: 9,
    title: '部门“三公”经费和机关运行经费预算表',
    titleCores: ['三公经费和机关运行经费预算表'],
    unit: '万元',
    blocks: [
      {
        id: 'main',
        columns: [
          amount('total', '“三公”经费合计', [/三公经费预算数合计$|^合计$/]),
          amount('abroad', '因公出国（境）费', [/因公出国（境）费(用)?$/]),
          amount('reception', '公务接待费', [/公务接待费$/]),
          amount('car', '公务用车购置及运行费', [/公务用车购置及运行(维护)?费(小计)?$/]),
          amount('car.buy', '公务用车购置费', [/购置费$/], true),
          amount('car.run', '公务用车运行费', [/运行(维护)?费$/], true),
          amount('ops', '机关运行经费', [/机关运行经费/]),
        ],
        rows: { single: true },
      },
    ],
    note: { empty: '注：本部门无“三公”经费和机关运行经费预算，故本表为空表。' },
  },
];

/** 三公 items in T9 against the economic 款 of T6 (basic spending of 一般公共预算: T9 may be larger). */
const T9_T6_LINKS = [
  { item: 'row', col: 'abroad', codes: ['30212'] },
  { item: 'row', col: 'car.buy', codes: ['31013'] },
  { item: 'row', col: 'car.run', codes: ['30231'] },
  { item: 'row', col: 'reception', codes: ['30217'] },
];

const RULES: RuleDef[] = [
  ...RECOGNITION_RULES,
  ...VALUE_RULES,
  ...HEADER_RULES,

  // In-table row totals
  { id: 'row-sum', kind: 'row-sum', severity: 'error', table: 'T1', block: 'expense', total: 'total', parts: ['personnel', 'public', 'project'], partsLabel: '人员经费、公用经费与项目支出' },
  { id: 'row-sum', kind: 'row-sum', severity: 'error', table: 'T2', total: 'total', parts: ['fiscal', 'business', 'operating', 'other'], partsLabel: '各项收入' },
  { id: 'row-sum', kind: 'row-sum', severity: 'error', table: 'T3', total: 'total', parts: ['basic', 'project'], partsLabel: '基本支出与项目支出' },
  { id: 'row-sum', kind: 'row-sum', severity: 'error', table: 'T4', block: 'expense', total: 'total', parts: ['gpb', 'gfb', 'soe'], partsLabel: '三类财政拨款' },
  { id: 'row-sum', kind: 'row-sum', severity: 'error', table: 'T5', total: 'total', parts: ['basic', 'project'], partsLabel: '基本支出与项目支出' },
  { id: 'row-sum', kind: 'row-sum', severity: 'error', table: 'T7', total: 'total', parts: ['basic', 'project'], partsLabel: '基本支出与项目支出' },
  { id: 'row-sum', kind: 'row-sum', severity: 'error', table: 'T8', total: 'total', parts: ['basic', 'project'], partsLabel: '基本支出与项目支出' },
  { id: 'row-sum', kind: 'row-sum', severity: 'error', table: 'T6', total: 'total', parts: ['personnel', 'public'], partsLabel: '人员经费与公用经费' },
  { id: 'row-sum', kind: 'row-sum', severity: 'error', table: 'T9', total: 'total', parts: ['abroad', 'reception', 'car'], partsLabel: '因公出国（境）费、公务接待费与公务用车购置及运行费' },
  { id: 'row-sum', kind: 'row-sum', severity: 'error', table: 'T9', total: 'car', parts: ['car.buy', 'car.run'], partsLabel: '购置费与运行费' },

  ...TREE_RULES,

  // Fixed rows of T1 and T4
  { id: 'item-sum', kind: 'item-sum', severity: 'error', table: 'T1', block: 'income', total: 'inc.fiscal', parts: ['inc.gpb', 'inc.gfb', 'inc.soe'], partsLabel: '三类财政拨款' },
  { id: 'item-sum', kind: 'item-sum', severity: 'error', table: 'T1', block: 'income', total: 'inc.grand', parts: ['inc.fiscal', 'inc.business', 'inc.operating', 'inc.other'], partsLabel: '各项收入' },
  { id: 'item-sum', kind: 'item-sum', severity: 'error', table: 'T1', block: 'expense', total: 'exp.grand', parts: ['class.*'], partsLabel: '各类支出' },
  { id: 'balance', kind: 'pair', severity: 'error', left: ref('T1', 'income', 'inc.grand', 'amount'), right: ref('T1', 'expense', 'exp.grand', 'total'), what: '收入总计与支出总计' },
  { id: 'item-sum', kind: 'item-sum', severity: 'error', table: 'T4', block: 'income', total: 'inc.grand', parts: ['inc.gpb', 'inc.gfb', 'inc.soe'], partsLabel: '三类财政拨款' },
  { id: 'item-sum', kind: 'item-sum', severity: 'error', table: 'T4', block: 'expense', total: 'exp.grand', parts: ['class.*'], partsLabel: '各类支出' },
  { id: 'balance', kind: 'pair', severity: 'error', left: ref('T4', 'income', 'inc.grand', 'amount'), right: ref('T4', 'expense', 'exp.grand', 'total'), what: '收入总计与支出总计' },

  // Across tables
  { id: 'cross-t1-class', kind: 'cross-keyed', severity: 'error', left: { t: 'T1', b: 'expense', col: 'total', rows: 'classes' }, right: { t: 'T3', col: 'total', rows: 'classes' }, relation: 'eq', absent: 'zero' },
  { id: 'cross-t1-class', kind: 'cross-keyed', severity: 'error', left: { t: 'T1', b: 'expense', col: 'total', rows: 'classes' }, right: { t: 'T2', col: 'total', rows: 'classes' }, relation: 'eq', absent: 'zero' },
  { id: 'cross-t1-class', kind: 'cross-keyed', severity: 'error', left: { t: 'T1', b: 'expense', col: 'project', rows: 'classes' }, right: { t: 'T3', col: 'project', rows: 'classes' }, relation: 'eq', absent: 'zero' },
  {
    id: 'cross-t1-income',
    kind: 'cross-pairs',
    severity: 'error',
    pairs: [
      { what: '财政拨款收入', left: [ref('T1', 'income', 'inc.fiscal', 'amount')], right: [ref('T2', 'main', 'total', 'fiscal')] },
      { what: '事业收入', left: [ref('T1', 'income', 'inc.business', 'amount')], right: [ref('T2', 'main', 'total', 'business')] },
      { what: '事业单位经营收入', left: [ref('T1', 'income', 'inc.operating', 'amount')], right: [ref('T2', 'main', 'total', 'operating')] },
      { what: '其他收入', left: [ref('T1', 'income', 'inc.other', 'amount')], right: [ref('T2', 'main', 'total', 'other')] },
      { what: '收入总计', left: [ref('T1', 'income', 'inc.grand', 'amount')], right: [ref('T2', 'main', 'total', 'total')] },
      { what: '支出总计', left: [ref('T1', 'expense', 'exp.grand', 'total')], right: [ref('T3', 'main', 'total', 'total')] },
      { what: '基本支出', left: [ref('T1', 'expense', 'exp.grand', 'personnel'), ref('T1', 'expense', 'exp.grand', 'public')], right: [ref('T3', 'main', 'total', 'basic')] },
      { what: '项目支出', left: [ref('T1', 'expense', 'exp.grand', 'project')], right: [ref('T3', 'main', 'total', 'project')] },
    ],
  },
  { id: 'cross-t2-t3', kind: 'cross-keyed', severity: 'error', left: { t: 'T2', col: 'total', rows: 'codes' }, right: { t: 'T3', col: 'total', rows: 'codes' }, relation: 'eq', absent: 'missing' },
  {
    id: 'cross-t4-t1',
    kind: 'cross-pairs',
    severity: 'error',
    pairs: [
      { what: '一般公共预算资金', left: [ref('T4', 'income', 'inc.gpb', 'amount')], right: [ref('T1', 'income', 'inc.gpb', 'amount')] },
      { what: '政府性基金', left: [ref('T4', 'income', 'inc.gfb', 'amount')], right: [ref('T1', 'income', 'inc.gfb', 'amount')] },
      { what: '国有资本经营预算', left: [ref('T4', 'income', 'inc.soe', 'amount')], right: [ref('T1', 'income', 'inc.soe', 'amount')] },
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
      { what: '一般公共预算支出合计', left: [ref('T4', 'expense', 'exp.grand', 'gpb')], right: [ref('T5', 'main', 'total', 'total')] },
      { what: '政府性基金预算支出合计', left: [ref('T4', 'expense', 'exp.grand', 'gfb')], right: [ref('T7', 'main', 'total', 'total')] },
      { what: '国有资本经营预算支出合计', left: [ref('T4', 'expense', 'exp.grand', 'soe')], right: [ref('T8', 'main', 'total', 'total')] },
    ],
  },
  { id: 'cross-t5-t6', kind: 'cross-pairs', severity: 'error', pairs: [{ what: '一般公共预算基本支出', left: [ref('T5', 'main', 'total', 'basic')], right: [ref('T6', 'main', 'total', 'total')] }] },
  { id: 'cross-t5-t3', kind: 'cross-keyed', severity: 'error', left: { t: 'T5', col: 'total', rows: 'codes' }, right: { t: 'T3', col: 'total', rows: 'codes' }, relation: 'le', absent: 'zero' },
  { id: 'cross-t5-t3', kind: 'cross-keyed', severity: 'error', left: { t: 'T5', col: 'basic', rows: 'codes' }, right: { t: 'T3', col: 'basic', rows: 'codes' }, relation: 'le', absent: 'zero' },
  { id: 'cross-t5-t3', kind: 'cross-keyed', severity: 'error', left: { t: 'T5', col: 'project', rows: 'codes' }, right: { t: 'T3', col: 'project', rows: 'codes' }, relation: 'le', absent: 'zero' },
  { id: 'cross-t2-fiscal', kind: 'fiscal', severity: 'error', income: { t: 'T2', col: 'fiscal' }, spent: ['T5', 'T7', 'T8'] },
  { id: 'cross-t9-t6', kind: 't9-t6', severity: 'error', t9: 'T9', t6: 'T6', links: T9_T6_LINKS },
  // the 单位 version: T1's 人员经费 and 公用经费 (all funds) include T6's (一般公共预算 only)
  {
    id: 'cross-t1-t6',
    kind: 'cross-pairs',
    severity: 'error',
    pairs: [
      { what: '人员经费', relation: 'le', left: [ref('T6', 'main', 'total', 'personnel')], right: [ref('T1', 'expense', 'exp.grand', 'personnel')] },
      { what: '公用经费', relation: 'le', left: [ref('T6', 'main', 'total', 'public')], right: [ref('T1', 'expense', 'exp.grand', 'public')] },
    ],
  },
  // 机关运行经费 is the 公用经费 of the 行政 units' basic spending: never more than T6's 公用经费
  { id: 'cross-t9-ops', kind: 'cross-pairs', severity: 'error', pairs: [{ what: '机关运行经费', relation: 'le', left: [ref('T9', 'main', 'row', 'ops')], right: [ref('T6', 'main', 'total', 'public')] }] },

  ...NOTE_RULES,
  // the explanatory text, read with this template's table of names (text-terms-shanghai.ts)
  ...TEXT_RULES,
];

export const SHANGHAI: Profile = {
  id: 'shanghai',
  name: '上海市',
  tables: TABLES,
  rules: RULES,
  textTerms: SHANGHAI_TEXT_TERMS,
  functionalClasses: FUNCTIONAL_CLASSES_WITH_EARLIER,
  unit: '元',
  generate: false,
  printedTitles: true,
  read: {
    splitCodes: 'strict',
    yearIn: ['title', 'header'],
    unitLine: [/^编制(?:部门|单位)[:：]\s*(.+?)\s*(?=单位[:：]|$)/],
  },
};
