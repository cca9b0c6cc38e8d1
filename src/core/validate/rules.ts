// The checks of DOMAIN.md, one declarative definition each. evaluate.ts hands each to its family module
// (sums.ts, trees.ts, cross.ts, …); to find a check, look here.
import type { Severity, TableId } from '../model/findings';

/** A figure: a table's block, a row (by key) and a column role. Several refs are summed. */
export interface Ref {
  t: TableId;
  b?: 'main' | 'income' | 'expense';
  row: string;
  col: string;
}

export type RuleDef =
  /** each row: total column = sum of part columns */
  | { id: 'row-sum'; kind: 'row-sum'; severity: Severity; table: TableId; block?: 'main' | 'expense'; total: string; parts: string[]; partsLabel: string }
  /** each tree column: parent = sum of children, 合计 = sum of 类 */
  | { id: 'tree-sum'; kind: 'tree-sum'; severity: Severity; tables: TableId[] }
  /** fixed rows: total item = sum of part items (or of all rows matching a prefix), every amount column */
  | { id: 'item-sum'; kind: 'item-sum'; severity: Severity; table: TableId; block: 'main' | 'income' | 'expense'; total: string; /** item keys; 'x.*' = every row whose key starts with 'x.' */ parts: string[]; except?: string[]; partsLabel: string }
  /** two figures in one table must be equal */
  | { id: 'balance'; kind: 'pair'; severity: Severity; left: Ref; right: Ref; what: string }
  /** tree structure: codes, parents, order, duplicates, childless parents, known 类 */
  | { id: 'tree-code' | 'tree-parent' | 'tree-duplicate' | 'tree-childless' | 'tree-order' | 'unknown-class' | 'class-name' | 'economic-code' | 'economic-name'; kind: 'tree'; severity: Severity; tables: TableId[] }
  /** one code, one name across the workbook; and against a supplied catalog */
  | { id: 'name-consistency' | 'catalog-code' | 'catalog-name'; kind: 'names'; severity: Severity }
  /** figure pairs across tables */
  | { id: string; kind: 'cross-pairs'; severity: Severity; pairs: { left: Ref[]; right: Ref[]; what: string; relation?: 'eq' | 'le' | 'ge' }[] }
  /** keyed rows across tables: for each key (科目 code or 类), left relation right */
  | {
      id: string;
      kind: 'cross-keyed';
      severity: Severity;
      left: { t: TableId; b?: 'main' | 'expense'; col: string; rows: 'codes' | 'classes' };
      right: { t: TableId; b?: 'main' | 'expense'; col: string; rows: 'codes' | 'classes' };
      relation: 'eq' | 'le';
      /** a key present on one side only: compare with zero ('zero') or report as missing row ('missing') */
      absent: 'zero' | 'missing';
    }
  /** per 科目: T2 财政拨款收入 ≤ T5 + T7 + T8 合计 ≤ T2 财政拨款收入 + 上年结转 */
  | { id: 'cross-t2-fiscal'; kind: 'fiscal'; severity: Severity }
  /** T9 items against T6 economic 款 (T9 may be larger, never smaller) */
  | { id: 'cross-t9-t6'; kind: 't9-t6'; severity: Severity }
  /** unit, year and 金额单位 the same on every table */
  | { id: 'header-consistency' | 'header-missing'; kind: 'header'; severity: Severity }
  /** amount cells: text, numbers stored as text, decimals, negatives, errors */
  | { id: 'value-text' | 'value-nonnumeric' | 'value-decimals' | 'value-negative' | 'value-error' | 'value-formula'; kind: 'value'; severity: Severity }
  /** empty T7/T8/T9 says so */
  | { id: 'empty-note'; kind: 'empty-note'; severity: Severity; tables: TableId[] }
  /** T6: 人员经费 only under 301/303, 公用经费 elsewhere */
  | { id: 't6-split'; kind: 't6-split'; severity: Severity }
  /** the explanatory text (情况说明) against the tables and against itself (validate/text/) */
  | {
      id: 'text-figure' | 'text-unit' | 'text-precision' | 'text-no-unit' | 'text-sum' | 'text-sum-partial' | 'text-change' | 'text-share' | 'text-year' | 'text-entity' | 'text-leftover' | 'text-no-figure' | 'text-duplicate';
      kind: 'text';
      severity: Severity;
    }
  /** recognition: tables missing or twice, columns missing, merged data cells, rows not understood */
  | { id: 'table-missing' | 'table-duplicate' | 'column-missing' | 'row-missing' | 'merged-data' | 'unknown-item'; kind: 'structure'; severity: Severity };

const FUND_PARTS_T2 = ['fiscal', 'special', 'business', 'operating', 'superior', 'affiliated', 'other', 'unitfunds'];
const SIDES_T4 = ['gpb', 'gfb', 'soe'];
const ref = (t: TableId, b: Ref['b'], row: string, col: string): Ref => ({ t, b, row, col });

export const RULES: RuleDef[] = [
  // Recognition --------------------------------------------------------------------------------
  { id: 'table-missing', kind: 'structure', severity: 'error' },
  { id: 'table-duplicate', kind: 'structure', severity: 'warning' },
  { id: 'column-missing', kind: 'structure', severity: 'error' },
  { id: 'row-missing', kind: 'structure', severity: 'error' },
  { id: 'merged-data', kind: 'structure', severity: 'warning' },
  { id: 'unknown-item', kind: 'structure', severity: 'warning' },

  // Values -------------------------------------------------------------------------------------
  { id: 'value-error', kind: 'value', severity: 'error' },
  // a formula saved without its result (written by a program, never calculated): one finding per table
  { id: 'value-formula', kind: 'value', severity: 'error' },
  { id: 'value-text', kind: 'value', severity: 'error' },
  { id: 'value-nonnumeric', kind: 'value', severity: 'error' },
  { id: 'value-decimals', kind: 'value', severity: 'error' },
  { id: 'value-negative', kind: 'value', severity: 'warning' },

  // Headers ------------------------------------------------------------------------------------
  { id: 'header-consistency', kind: 'header', severity: 'error' },
  { id: 'header-missing', kind: 'header', severity: 'warning' },

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

  // Trees --------------------------------------------------------------------------------------
  { id: 'tree-sum', kind: 'tree-sum', severity: 'error', tables: ['T2', 'T3', 'T5', 'T6', 'T7', 'T8'] },
  { id: 'tree-code', kind: 'tree', severity: 'error', tables: ['T2', 'T3', 'T5', 'T6', 'T7', 'T8'] },
  { id: 'tree-duplicate', kind: 'tree', severity: 'error', tables: ['T2', 'T3', 'T5', 'T6', 'T7', 'T8'] },
  { id: 'tree-parent', kind: 'tree', severity: 'error', tables: ['T2', 'T3', 'T5', 'T6', 'T7', 'T8'] },
  { id: 'tree-childless', kind: 'tree', severity: 'error', tables: ['T2', 'T3', 'T5', 'T6', 'T7', 'T8'] },
  { id: 'tree-order', kind: 'tree', severity: 'warning', tables: ['T2', 'T3', 'T5', 'T6', 'T7', 'T8'] },
  { id: 'unknown-class', kind: 'tree', severity: 'error', tables: ['T2', 'T3', 'T5', 'T6', 'T7', 'T8'] },
  { id: 'class-name', kind: 'tree', severity: 'warning', tables: ['T2', 'T3', 'T5', 'T6', 'T7', 'T8'] },
  // the economic tree is national (economic-kuan.ts): every 款 in the list, 类 and 款 with their names
  // (a supplied 科目表 takes over: catalog-code / catalog-name); class-name covers the functional tree
  { id: 'economic-code', kind: 'tree', severity: 'error', tables: ['T6'] },
  { id: 'economic-name', kind: 'tree', severity: 'error', tables: ['T6'] },
  { id: 'name-consistency', kind: 'names', severity: 'error' },
  { id: 'catalog-code', kind: 'names', severity: 'error' },
  { id: 'catalog-name', kind: 'names', severity: 'error' },
  { id: 't6-split', kind: 't6-split', severity: 'warning' },

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
  { id: 'cross-t2-fiscal', kind: 'fiscal', severity: 'error' },
  { id: 'cross-t9-t6', kind: 't9-t6', severity: 'error' },

  // Notes --------------------------------------------------------------------------------------
  { id: 'empty-note', kind: 'empty-note', severity: 'error', tables: ['T7', 'T8', 'T9'] },

  // The explanatory text (情况说明): only when a text is given or the workbook has a text sheet. Which
  // phrase names which figure is data: src/core/profiles/text-terms-hebei.ts.
  { id: 'text-entity', kind: 'text', severity: 'error' },
  { id: 'text-year', kind: 'text', severity: 'error' },
  { id: 'text-figure', kind: 'text', severity: 'error' },
  { id: 'text-unit', kind: 'text', severity: 'error' },
  { id: 'text-precision', kind: 'text', severity: 'warning' },
  { id: 'text-no-unit', kind: 'text', severity: 'warning' },
  { id: 'text-sum', kind: 'text', severity: 'error' },
  { id: 'text-sum-partial', kind: 'text', severity: 'warning' },
  { id: 'text-change', kind: 'text', severity: 'error' },
  { id: 'text-share', kind: 'text', severity: 'error' },
  { id: 'text-leftover', kind: 'text', severity: 'error' },
  { id: 'text-no-figure', kind: 'text', severity: 'warning' },
  { id: 'text-duplicate', kind: 'text', severity: 'warning' },
];

/**
 * The rule catalogue: every rule id with its Chinese name and a one-line description, as the clerk reads
 * them (README table, 校验结果 sheet, task pane). A rule id not listed here is a defect (tests check).
 */
export const RULE_INFO: Record<string, { name: string; description: string }> = {
  'table-missing': { name: '缺少表格', description: '九张公开表应齐全' },
  'table-duplicate': { name: '表格重复', description: '同一张表不应出现两次' },
  'column-missing': { name: '缺少栏目', description: '每张表应有其规定的栏目（按表头文字识别）' },
  'row-missing': { name: '缺少行', description: '表1、表4 应列示全部 30 个功能分类类级科目及其收入项目，表9 应列示其全部行' },
  'merged-data': { name: '金额合并单元格', description: '金额栏不应有合并单元格' },
  'unknown-item': { name: '非标准项目', description: '表1、表4 的行应为模板规定的项目' },
  'value-error': { name: '错误值', description: '金额栏不应有 Excel 错误值（#REF! 等）' },
  'value-formula': { name: '公式无计算结果', description: '金额栏的公式应保存计算结果（由其他软件生成且未在 Excel 中计算过的文件）' },
  'value-text': { name: '文本格式的数字', description: '金额不应以文本格式保存' },
  'value-nonnumeric': { name: '金额栏有文字', description: '金额栏应为数值' },
  'value-decimals': { name: '小数位数', description: '金额最多保留两位小数（万元）' },
  'value-negative': { name: '负数', description: '预算数一般不应为负数' },
  'header-consistency': { name: '表头不一致', description: '各表的单位名称、预算年度和金额单位应一致' },
  'header-missing': { name: '表头不全', description: '每张表应注明单位名称、预算年度和金额单位' },
  'row-sum': { name: '行合计', description: '每行的合计应等于其各组成栏之和' },
  'tree-sum': { name: '科目汇总', description: '每个上级科目应等于其下级科目之和，合计行应等于各类之和' },
  'tree-code': { name: '科目编码格式', description: '科目编码应为 3/5/7 位数字（经济分类 3/5 位），有金额的行应有编码' },
  'tree-duplicate': { name: '科目重复', description: '同一科目在一张表中只应列一行' },
  'tree-parent': { name: '科目层级', description: '款、项应列在其编码所属的上级科目之下' },
  'tree-childless': { name: '科目未细化', description: '类下应有款，功能分类的款下应有项（公开到项级）' },
  'tree-order': { name: '科目顺序', description: '同一上级下的科目应按编码从小到大排列' },
  'unknown-class': { name: '未知类级科目', description: '类级编码应为规定的功能分类或经济分类的类' },
  'class-name': { name: '类级科目名称', description: '功能分类类级科目应使用标准名称' },
  'economic-code': { name: '经济分类编码', description: '表6 的经济分类款级科目应在全国统一的科目表中' },
  'economic-name': { name: '经济分类名称', description: '表6 的经济分类类、款应使用规定的名称' },
  'name-consistency': { name: '科目名称不一致', description: '同一科目编码在整个工作簿中应使用同一名称' },
  'catalog-code': { name: '科目不在科目表中', description: '提供科目表时，每个科目编码都应在其中' },
  'catalog-name': { name: '科目名称与科目表不符', description: '提供科目表时，科目名称应与科目表一致' },
  't6-split': { name: '人员与公用经费划分', description: '表6 人员经费只列 301、303 类，公用经费列其他类' },
  'item-sum': { name: '项目合计', description: '表1、表4 的合计行应等于其各项目之和，总计 = 合计 + 结转；表9 小计及其分项应相加一致' },
  balance: { name: '收支平衡', description: '收入总计应等于支出总计（表1、表4）' },
  'cross-t1-class': { name: '表1与表2、表3（类）', description: '表1 各类支出应等于表3、表2 的类级合计' },
  'cross-t1-income': { name: '表1与表2（收入）', description: '表1 各项收入应等于表2 相应栏目合计' },
  'cross-t2-t3': { name: '表2与表3', description: '表2 与表3 应逐科目一致' },
  'cross-t2-fiscal': { name: '财政拨款收支', description: '逐科目：表2 财政拨款收入 ≤ 表5、表7、表8 合计 ≤ 财政拨款收入 + 上年结转' },
  'cross-t4-t1': { name: '表4与表1（收入）', description: '表4 的财政拨款收入应等于表1 的相应项目' },
  'cross-t4-funds': { name: '表4与表5、表7、表8', description: '表4 各类财政拨款支出应等于表5、表7、表8 的类级合计' },
  'cross-t5-t6': { name: '表5与表6', description: '表5 基本支出合计应等于表6 合计' },
  'cross-t5-t3': { name: '表5与表3', description: '表5 各科目不应大于表3 的同一科目' },
  'cross-t9-t6': { name: '表9与表6', description: '表9 各项不应小于表6 中 30212、31013、30231、30217 的金额' },
  'empty-note': { name: '空表说明', description: '没有数据的表7、表8、表9 应注明空表列示' },
  'text-figure': { name: '情况说明数字与表不符', description: '情况说明中的每个金额（换算单位后）应与九张表中的同一数字完全一致' },
  'text-unit': { name: '情况说明金额单位错误', description: '按另一金额单位读才与表一致的数字（如把万元写成元）' },
  'text-precision': { name: '情况说明数字精度不足', description: '少写小数位、只在所写精度上与表一致的数字' },
  'text-no-unit': { name: '情况说明金额缺单位', description: '金额应写明单位（万元、元）' },
  'text-sum': { name: '情况说明分项合计', description: '“其中”所列各项（含比上年增减额）之和应等于所说的总数' },
  'text-sum-partial': { name: '情况说明主要项目合计', description: '“主要是”“等”所列各项之和小于总数时，提示写明其他项目' },
  'text-change': { name: '情况说明增减变化', description: '比上年增减额、增减百分比与本年、上年数字一致，增减方向用词一致，“持平”即无变化' },
  'text-share': { name: '情况说明占比', description: '“占…的 X%”按所写精度重新计算应一致' },
  'text-year': { name: '情况说明年度', description: '说明本年预算的句子应写工作簿的预算年度，“比上年”比较的是前一年' },
  'text-entity': { name: '情况说明单位名称', description: '情况说明所写的单位应是工作簿的预算单位' },
  'text-leftover': { name: '情况说明模板残留', description: '不应留有 XX、××、待填写、【】或“主要原因是。”等未填写的模板文字' },
  'text-no-figure': { name: '情况说明没有数字', description: '情况说明中应有可与九张表核对的金额' },
  'text-duplicate': { name: '情况说明重复段落', description: '同一段文字不应重复印刷' },
};

/** The Chinese name of a rule (the id itself for an unknown one, never shown to a clerk in practice). */
export function ruleName(id: string): string {
  return RULE_INFO[id]?.name ?? id;
}
