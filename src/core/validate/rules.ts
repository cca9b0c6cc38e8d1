// The checks, one declarative definition each. evaluate.ts hands each to its family module (sums.ts,
// trees.ts, cross.ts, …). The checks every template shares are listed here; the relations between one
// template's rows and columns (sums of fixed rows, cross-table pairs) are listed in its profile
// (src/core/profiles/hebei.ts, shanghai.ts, jiangsu.ts), as entries of these same kinds.
import type { Severity, TableId } from '../model/findings';

/** A figure: a table's block, a row (by key; 'x.*' = every row whose key starts with 'x.') and a column role. Several refs are summed. */
export interface Ref {
  t: TableId;
  b?: string;
  row: string;
  col: string;
}

/** A figure pair across tables: left relation right ('le': left is part of right, never larger). */
export interface Pair {
  left: Ref[];
  right: Ref[];
  what: string;
  relation?: 'eq' | 'le' | 'ge';
}

export type RuleDef =
  /** each row: total column = sum of part columns */
  | { id: 'row-sum'; kind: 'row-sum'; severity: Severity; table: TableId; block?: string; total: string; parts: string[]; partsLabel: string }
  /** each tree column: parent = sum of children, 合计 = sum of 类 (every 科目 tree of the profile, or these tables) */
  | { id: 'tree-sum'; kind: 'tree-sum'; severity: Severity; tables?: TableId[] }
  /** outline tables (政府采购): each row = the rows of the next level below it, 合计 = the first level */
  | { id: 'outline-sum'; kind: 'outline-sum'; severity: Severity }
  /** fixed rows: total item = sum of part items (or of all rows matching a prefix), every amount column */
  | { id: 'item-sum'; kind: 'item-sum'; severity: Severity; table: TableId; block: string; /** the total's block when not the parts' */ totalBlock?: string; total: string; /** item keys; 'x.*' = every row whose key starts with 'x.' */ parts: string[]; except?: string[]; partsLabel: string }
  /** two figures in one table must be equal */
  | { id: 'balance'; kind: 'pair'; severity: Severity; left: Ref; right: Ref; what: string }
  /** tree structure: codes, parents, order, duplicates, childless parents, known 类 (every tree, or these tables) */
  | { id: 'tree-code' | 'tree-parent' | 'tree-duplicate' | 'tree-childless' | 'tree-order' | 'unknown-class' | 'class-name' | 'economic-code' | 'economic-name'; kind: 'tree'; severity: Severity; tables?: TableId[] }
  /** one code, one name across the workbook; and against a supplied catalog */
  | { id: 'name-consistency' | 'catalog-code' | 'catalog-name'; kind: 'names'; severity: Severity }
  /** figure pairs across tables */
  | { id: string; kind: 'cross-pairs'; severity: Severity; pairs: Pair[] }
  /** keyed rows across tables: for each key (科目 code or 类), left relation right */
  | {
      id: string;
      kind: 'cross-keyed';
      severity: Severity;
      left: { t: TableId; b?: string; col: string; rows: 'codes' | 'classes' };
      right: { t: TableId; b?: string; col: string; rows: 'codes' | 'classes' };
      relation: 'eq' | 'le';
      /** a key present on one side only: compare with zero ('zero') or report as missing row ('missing') */
      absent: 'zero' | 'missing';
    }
  /** per 科目: income's 财政拨款收入 ≤ the spending tables' 合计 together ≤ 财政拨款收入 + 上年结转 */
  | { id: string; kind: 'fiscal'; severity: Severity; income: { t: TableId; col: string; carry?: string }; spent: TableId[] }
  /** 三公 items against economic 款 of basic spending (the 三公 table may be larger, never smaller) */
  | { id: 'cross-t9-t6'; kind: 't9-t6'; severity: Severity; t9: TableId; t6: TableId; links: { item: string; col?: string; codes: string[] }[] }
  /** unit, year and 金额单位 the same on every table */
  | { id: 'header-consistency' | 'header-missing'; kind: 'header'; severity: Severity }
  /** amount cells: text, numbers stored as text, decimals, negatives, errors */
  | { id: 'value-text' | 'value-nonnumeric' | 'value-decimals' | 'value-negative' | 'value-error' | 'value-formula'; kind: 'value'; severity: Severity }
  /** an empty table with a note def says so (空表列示) */
  | { id: 'empty-note'; kind: 'empty-note'; severity: Severity; tables?: TableId[] }
  /** economic tables: 人员经费 only under 301/303, 公用经费 elsewhere */
  | { id: 't6-split'; kind: 't6-split'; severity: Severity }
  /** the explanatory text (情况说明) against the tables and against itself (validate/text/) */
  | {
      id: 'text-figure' | 'text-subject' | 'text-unit' | 'text-precision' | 'text-no-unit' | 'text-sum' | 'text-sum-partial' | 'text-change' | 'text-share' | 'text-restated' | 'text-year' | 'text-entity' | 'text-leftover' | 'text-no-figure' | 'text-duplicate';
      kind: 'text';
      severity: Severity;
    }
  /** recognition: tables missing or twice, columns missing, merged data cells, rows not understood */
  | { id: 'table-missing' | 'table-duplicate' | 'table-unknown' | 'column-missing' | 'row-missing' | 'merged-data' | 'unknown-item'; kind: 'structure'; severity: Severity };

// The checks every template shares, in groups a profile lists in its order ------------------------

export const RECOGNITION_RULES: RuleDef[] = [
  { id: 'table-missing', kind: 'structure', severity: 'error' },
  { id: 'table-duplicate', kind: 'structure', severity: 'warning' },
  { id: 'table-unknown', kind: 'structure', severity: 'info' },
  { id: 'column-missing', kind: 'structure', severity: 'error' },
  { id: 'row-missing', kind: 'structure', severity: 'error' },
  { id: 'merged-data', kind: 'structure', severity: 'warning' },
  { id: 'unknown-item', kind: 'structure', severity: 'warning' },
];

export const VALUE_RULES: RuleDef[] = [
  { id: 'value-error', kind: 'value', severity: 'error' },
  // a formula saved without its result (written by a program, never calculated): one finding per table
  { id: 'value-formula', kind: 'value', severity: 'error' },
  { id: 'value-text', kind: 'value', severity: 'error' },
  { id: 'value-nonnumeric', kind: 'value', severity: 'error' },
  { id: 'value-decimals', kind: 'value', severity: 'error' },
  { id: 'value-negative', kind: 'value', severity: 'warning' },
];

export const HEADER_RULES: RuleDef[] = [
  { id: 'header-consistency', kind: 'header', severity: 'error' },
  { id: 'header-missing', kind: 'header', severity: 'warning' },
];

/** 科目 trees (every tree table of the profile) and names across the workbook. */
export const TREE_RULES: RuleDef[] = [
  { id: 'tree-sum', kind: 'tree-sum', severity: 'error' },
  { id: 'tree-code', kind: 'tree', severity: 'error' },
  { id: 'tree-duplicate', kind: 'tree', severity: 'error' },
  { id: 'tree-parent', kind: 'tree', severity: 'error' },
  { id: 'tree-childless', kind: 'tree', severity: 'error' },
  { id: 'tree-order', kind: 'tree', severity: 'warning' },
  { id: 'unknown-class', kind: 'tree', severity: 'error' },
  { id: 'class-name', kind: 'tree', severity: 'warning' },
  // the economic tree is national (economic-kuan.ts): every 款 in the list, 类 and 款 with their names
  // (a supplied 科目表 takes over: catalog-code / catalog-name); class-name covers the functional tree
  { id: 'economic-code', kind: 'tree', severity: 'error' },
  { id: 'economic-name', kind: 'tree', severity: 'error' },
  { id: 'name-consistency', kind: 'names', severity: 'error' },
  { id: 'catalog-code', kind: 'names', severity: 'error' },
  { id: 'catalog-name', kind: 'names', severity: 'error' },
  { id: 't6-split', kind: 't6-split', severity: 'warning' },
];

export const NOTE_RULES: RuleDef[] = [{ id: 'empty-note', kind: 'empty-note', severity: 'error' }];

/**
 * The explanatory text (情况说明): evaluated only when a text is given or the workbook has a text sheet.
 * Which phrase names which figure is data, per template: src/core/profiles/text-terms-hebei.ts.
 */
export const TEXT_RULES: RuleDef[] = [
  { id: 'text-entity', kind: 'text', severity: 'error' },
  { id: 'text-year', kind: 'text', severity: 'error' },
  { id: 'text-figure', kind: 'text', severity: 'error' },
  { id: 'text-subject', kind: 'text', severity: 'warning' },
  { id: 'text-unit', kind: 'text', severity: 'error' },
  { id: 'text-precision', kind: 'text', severity: 'warning' },
  { id: 'text-no-unit', kind: 'text', severity: 'warning' },
  { id: 'text-sum', kind: 'text', severity: 'error' },
  { id: 'text-sum-partial', kind: 'text', severity: 'warning' },
  { id: 'text-change', kind: 'text', severity: 'error' },
  { id: 'text-share', kind: 'text', severity: 'error' },
  { id: 'text-restated', kind: 'text', severity: 'error' },
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
  'table-unknown': { name: '模板外的表格', description: '不属于所识别模板的表格（如项目支出表）列出其名称，不校验' },
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
  'cross-t1-t6': { name: '收支总表与基本支出经济分类表', description: '单位收支总表的人员经费、公用经费不应小于一般公共预算基本支出经济分类表的相应合计' },
  'cross-t9-ops': { name: '机关运行经费与公用经费', description: '机关运行经费不应大于一般公共预算基本支出的公用经费' },
  'outline-sum': { name: '分项合计', description: '分级列示的表（政府采购）每一行应等于其下一级各行之和，合计应等于第一级之和' },
  'cross-t1-use': { name: '收支总表与支出总表', description: '收支总表按支出用途列示的各项应等于支出预算总表的相应栏目' },
  'cross-fiscal-parts': { name: '财政拨款支出与分项', description: '逐科目：财政拨款支出 = 一般公共预算支出 + 政府性基金支出' },
  'cross-t6-basic': { name: '基本支出经济分类', description: '逐科目：一般公共预算基本支出不应大于财政拨款基本支出' },
  'empty-note': { name: '空表说明', description: '没有数据的表7、表8、表9 应注明空表列示' },
  'text-figure': { name: '情况说明数字与表不符', description: '情况说明中的每个金额（换算单位后）应与九张表中的同一数字完全一致' },
  'text-subject': { name: '情况说明科目名称', description: '情况说明按“类、款、项”写出的功能分类科目应是表中的科目，名称与层级一致' },
  'text-unit': { name: '情况说明金额单位错误', description: '按另一金额单位读才与表一致的数字（如把万元写成元）' },
  'text-precision': { name: '情况说明数字精度不足', description: '少写小数位、只在所写精度上与表一致的数字' },
  'text-no-unit': { name: '情况说明金额缺单位', description: '金额应写明单位（万元、元）' },
  'text-sum': { name: '情况说明分项合计', description: '“其中”所列各项（含比上年增减额）之和应等于所说的总数' },
  'text-sum-partial': { name: '情况说明主要项目合计', description: '“主要是”“等”所列各项之和小于总数时，提示写明其他项目' },
  'text-change': { name: '情况说明增减变化', description: '比上年增减额、增减百分比与本年、上年数字一致，增减方向用词一致，“持平”即无变化' },
  'text-share': { name: '情况说明占比', description: '“占…的 X%”按所写精度重新计算应一致' },
  'text-restated': { name: '情况说明前后不一', description: '同一事项在同一段中写了两次时，两个数字应相同' },
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
