// The input template: 预算录入 (header block + line table with dropdowns), 科目表, 说明.
import type { CellSpec, ListValidationSpec, SheetSpec } from './layout-types';
import type { Rect } from '../model/grid';
import {
  CARRY_VALUES,
  CATALOG_SHEET_NAME,
  EXPLAIN_SHEET_NAME,
  FUND_SOURCES,
  HEADER_LABELS,
  INPUT_COLUMNS,
  INPUT_SHEET_NAME,
  SPENDING_TYPES,
} from './input';
import type { InputField } from './input';

export interface TemplateOptions {
  year: number;
  /** rows prepared with dropdowns and formats */
  rows?: number;
}

const WIDTHS: Record<InputField, number> = {
  funcCode: 14,
  funcName: 30,
  econCode: 14,
  econName: 26,
  kind: 18,
  source: 18,
  carry: 10,
  project: 40,
  amount: 14,
};

/** 0-based row of the column titles in the template (row 6 in Excel). */
export const TEMPLATE_TITLE_ROW = 5;

/** One example row per kind of line, shown on the 说明 sheet. */
export const EXAMPLE_ROWS: { note: string; values: Record<InputField, string | number> }[] = [
  {
    note: '基本支出·人员经费（经济科目 301、303 类）',
    values: { funcCode: '2101501', funcName: '行政运行', econCode: '30101', econName: '基本工资', kind: '基本支出', source: '一般公共预算', carry: '', project: '', amount: 78 },
  },
  {
    note: '基本支出·公用经费（302、310 等类）',
    values: { funcCode: '2101501', funcName: '行政运行', econCode: '30231', econName: '公务用车运行维护费', kind: '基本支出', source: '一般公共预算', carry: '', project: '', amount: 2.84 },
  },
  {
    note: '项目支出（必须填项目名称）',
    values: { funcCode: '2101599', funcName: '其他医疗保障管理事务支出', econCode: '30299', econName: '其他商品和服务支出', kind: '项目支出', source: '一般公共预算', carry: '', project: '医疗救助经费', amount: 10 },
  },
  {
    note: '政府性基金预算安排的项目',
    values: { funcCode: '2296013', funcName: '用于医疗卫生的彩票公益金支出', econCode: '30299', econName: '其他商品和服务支出', kind: '项目支出', source: '政府性基金预算', carry: '', project: '彩票公益金项目', amount: 12 },
  },
  {
    note: '上年结转资金安排的支出（上年结转填“是”）',
    values: { funcCode: '2101506', funcName: '医疗保障经办事务', econCode: '30299', econName: '其他商品和服务支出', kind: '项目支出', source: '一般公共预算', carry: '是', project: '上年结转经办经费', amount: 5 },
  },
  {
    note: '单位资金（事业收入等）安排的支出',
    values: { funcCode: '2100101', funcName: '行政运行', econCode: '30201', econName: '办公费', kind: '基本支出', source: '事业收入', carry: '', project: '', amount: 1.5 },
  },
];

function inputSheet(opts: TemplateOptions): SheetSpec {
  const rows = opts.rows ?? 1000;
  const cells: CellSpec[] = [];
  const label = { bold: true, border: true, fill: 'F2F2F2', numFmt: '@' } as const;
  const value = { border: true, numFmt: '@', horizontal: 'left' } as const;
  cells.push({ r: 0, c: 0, value: HEADER_LABELS.unitCode, ...label }, { r: 0, c: 1, value: null, ...value });
  cells.push({ r: 1, c: 0, value: HEADER_LABELS.unitName, ...label }, { r: 1, c: 1, value: null, ...value });
  cells.push({ r: 2, c: 0, value: HEADER_LABELS.year, ...label }, { r: 2, c: 1, value: opts.year, border: true, horizontal: 'left' });
  cells.push({ r: 3, c: 0, value: HEADER_LABELS.currency, ...label }, { r: 3, c: 1, value: '万元', ...value });
  cells.push({
    r: 0,
    c: 3,
    value: '填写说明见“说明”工作表：每行一条预算（功能科目项级 × 经济科目款级 × 支出类型 × 资金来源），金额以万元计、两位小数。',
    color: '808080',
  });
  INPUT_COLUMNS.forEach((col, c) => {
    cells.push({ r: TEMPLATE_TITLE_ROW, c, value: col.title, bold: true, horizontal: 'center', border: true, fill: 'DDEBF7' });
  });
  const first = TEMPLATE_TITLE_ROW + 1;
  const last = TEMPLATE_TITLE_ROW + rows;
  const colOf = (f: InputField) => INPUT_COLUMNS.findIndex((c) => c.field === f);
  const range = (f: InputField) => ({ top: first, left: colOf(f), bottom: last, right: colOf(f) });
  return {
    name: INPUT_SHEET_NAME,
    cells,
    merges: [],
    columnWidths: INPUT_COLUMNS.map((c) => WIDTHS[c.field]),
    frozenRows: first,
    rangeStyles: [
      { range: range('funcCode'), numFmt: '@' },
      { range: range('econCode'), numFmt: '@' },
      { range: range('amount'), numFmt: '0.00' },
    ],
    validations: [
      pickFromList(range('kind'), '支出类型', SPENDING_TYPES),
      pickFromList(range('source'), '资金来源', FUND_SOURCES),
      {
        range: range('carry'),
        values: [...CARRY_VALUES],
        allowBlank: true,
        promptTitle: '上年结转',
        prompt: '上年结转资金填“是”，否则留空',
        errorTitle: '上年结转',
        error: '上年结转资金填“是”，否则留空',
      },
    ],
    tables: [{ name: 'YusuanLuru', headerRow: TEMPLATE_TITLE_ROW, firstCol: 0, columns: INPUT_COLUMNS.map((c) => c.title), dataRows: 1, style: 'TableStyleLight9' }],
    print: { orientation: 'landscape', paper: 'A4', fitToWidth: 1, titleRows: [TEMPLATE_TITLE_ROW, TEMPLATE_TITLE_ROW] },
  };
}

/** A pick-from-the-list column: any other text is refused, naming the choices. */
function pickFromList(range: Rect, title: string, values: readonly string[]): ListValidationSpec {
  return {
    range,
    values: [...values],
    allowBlank: true,
    promptTitle: title,
    prompt: '从下拉列表选择',
    errorTitle: title,
    error: `请从下拉列表选择：${values.join('、')}`,
  };
}

function catalogSheet(): SheetSpec {
  const cells: CellSpec[] = [
    { r: 0, c: 0, value: '科目编码', bold: true, border: true, fill: 'F2F2F2', horizontal: 'center' },
    { r: 0, c: 1, value: '科目名称', bold: true, border: true, fill: 'F2F2F2', horizontal: 'center' },
    {
      r: 0,
      c: 3,
      value: '可选：程序不认识的功能分类“款”（5 位编码）请在此列出编码和名称，例如 21015 医疗保障管理事务。类名称由程序提供，项名称取自录入表。',
      color: '808080',
    },
  ];
  return {
    name: CATALOG_SHEET_NAME,
    cells,
    merges: [],
    columnWidths: [14, 36, 2, 60],
    frozenRows: 1,
    rangeStyles: [{ range: { top: 1, left: 0, bottom: 500, right: 0 }, numFmt: '@' }],
  };
}

function explainSheet(): SheetSpec {
  const cells: CellSpec[] = [];
  const lines = [
    '填写说明',
    '1. 在“预算录入”表头填写单位编码、单位名称、预算年度（四位年份）和金额单位（万元）。',
    '2. 从第 7 行起每行填一条预算：功能科目编码填 7 位项级编码（如 2101501），经济科目编码填 5 位款级编码（如 30201）。编码列已设为文本格式，请勿改为数值。',
    '3. 支出类型、资金来源、上年结转用下拉选择；项目支出必须填项目名称；基本支出必须填经济科目编码。',
    '4. 金额以万元计，最多两位小数，不能为负数，不能是文本。同一编码在各行的名称必须一致。',
    '5. 程序不认识的功能分类款请在“科目表”工作表补上编码和名称。',
    '6. 运行：budget-disclosure generate 本文件.xlsx -o 公开表.xlsx',
    '',
    '示例（每种行各一条，仅供参考，请勿复制到录入表以外的地方）：',
  ];
  lines.forEach((t, r) => cells.push({ r, c: 0, value: t || null, bold: r === 0 || r === 8, fontSize: r === 0 ? 14 : undefined }));
  const head = lines.length;
  cells.push({ r: head, c: 0, value: '行的种类', bold: true, border: true, fill: 'F2F2F2' });
  INPUT_COLUMNS.forEach((col, i) => cells.push({ r: head, c: i + 1, value: col.title, bold: true, border: true, fill: 'F2F2F2', horizontal: 'center' }));
  EXAMPLE_ROWS.forEach((ex, j) => {
    const r = head + 1 + j;
    cells.push({ r, c: 0, value: ex.note, border: true, wrap: true });
    INPUT_COLUMNS.forEach((col, i) => {
      const v = ex.values[col.field];
      cells.push({
        r,
        c: i + 1,
        value: v === '' ? null : v,
        border: true,
        ...(col.field === 'amount' ? { numFmt: '0.00' } : col.field.endsWith('Code') ? { numFmt: '@' } : {}),
      });
    });
  });
  return {
    name: EXPLAIN_SHEET_NAME,
    cells,
    merges: [],
    columnWidths: [30, ...INPUT_COLUMNS.map((c) => WIDTHS[c.field])],
    print: { orientation: 'landscape', paper: 'A4', fitToWidth: 1 },
  };
}

/** The template workbook's sheets: 预算录入, 科目表, 说明. */
export function templateSpecs(opts: TemplateOptions): SheetSpec[] {
  return [inputSheet(opts), catalogSheet(), explainSheet()];
}
