// The single input sheet (预算录入): one row per budget line plus a small header block.
// Parsing is pure: Grid Sheet in, lines and row-precise Chinese problems out.
import type { Sheet, Workbook } from '../model/grid';
import { cellAt, cellText, sheetWidth } from '../model/grid';
import { ECONOMIC_CLASS_CODES, FUNCTIONAL_CLASS_CODES } from '../profiles/classes';
import { norm } from '../profiles/text';
import type { Money } from '../model/money';
import { fromNumber } from '../model/money';

export const INPUT_SHEET_NAME = '预算录入';
export const CATALOG_SHEET_NAME = '科目表';
export const EXPLAIN_SHEET_NAME = '说明';

export const SPENDING_TYPES = ['基本支出', '项目支出', '经营支出', '上缴上级支出', '对附属单位补助支出'] as const;
export type SpendingType = (typeof SPENDING_TYPES)[number];

export const FUND_SOURCES = [
  '一般公共预算',
  '政府性基金预算',
  '国有资本经营预算',
  '财政专户管理资金',
  '事业收入',
  '事业单位经营收入',
  '上级补助收入',
  '附属单位上缴收入',
  '其他收入',
] as const;
export type FundSource = (typeof FUND_SOURCES)[number];

/** 财政拨款 money: the three budgets. */
export const FISCAL_SOURCES: FundSource[] = ['一般公共预算', '政府性基金预算', '国有资本经营预算'];

export const CARRY_VALUES = ['是'];

export type InputField =
  | 'funcCode'
  | 'funcName'
  | 'econCode'
  | 'econName'
  | 'kind'
  | 'source'
  | 'carry'
  | 'project'
  | 'amount';

/** Input columns, in template order. `match` tried on the normalised header text. */
export const INPUT_COLUMNS: { field: InputField; title: string; match: RegExp; required: boolean }[] = [
  { field: 'funcCode', title: '功能科目编码', match: /^功能(分类)?科目(编码|代码)$/, required: true },
  { field: 'funcName', title: '功能科目名称', match: /^功能(分类)?科目名称$/, required: true },
  { field: 'econCode', title: '经济科目编码', match: /^经济(分类)?科目(编码|代码)$/, required: true },
  { field: 'econName', title: '经济科目名称', match: /^经济(分类)?科目名称$/, required: true },
  { field: 'kind', title: '支出类型', match: /^支出(类型|性质)$/, required: true },
  { field: 'source', title: '资金来源', match: /^资金(来源|性质)$/, required: true },
  { field: 'carry', title: '上年结转', match: /^(是否)?上年结转$/, required: false },
  { field: 'project', title: '项目名称', match: /^项目名称$/, required: false },
  { field: 'amount', title: '金额', match: /^(金额|预算数|预算金额)(（万元）|（元）)?$/, required: true },
];

export const HEADER_LABELS = { unitCode: '单位编码', unitName: '单位名称', year: '预算年度', currency: '金额单位' } as const;

export interface InputHeader {
  unitCode: string;
  unitName: string;
  /** absent when the cell is empty or not a year */
  year?: number;
  currency: string;
}

export interface BudgetLine {
  /** 1-based sheet row, for messages */
  row: number;
  funcCode: string;
  funcName: string;
  /** '' when absent (allowed for non-basic lines) */
  econCode: string;
  econName: string;
  kind: SpendingType;
  source: FundSource;
  carry: boolean;
  project: string;
  amount: Money;
}

export interface InputProblem {
  /** 1-based sheet row; 0 when about the sheet as a whole */
  row: number;
  /** column title ('' when about the sheet or the header block) */
  column: string;
  message: string;
}

export interface ParsedInput {
  sheet: string;
  header: InputHeader;
  lines: BudgetLine[];
  problems: InputProblem[];
  /** not wrong, but worth a look (e.g. a line pasted twice); generation goes on */
  warnings?: InputProblem[];
}

/** Formats a problem as one Chinese line: '第 12 行「金额」：…'. */
export function problemText(p: InputProblem): string {
  if (p.row === 0) return p.message;
  return `第 ${p.row} 行${p.column ? `「${p.column}」` : ''}：${p.message}`;
}

function titleRowOf(sheet: Sheet): { r: number; cols: Map<InputField, number> } | undefined {
  const limit = Math.min(sheet.rows.length, 40);
  for (let r = 0; r < limit; r++) {
    const cols = new Map<InputField, number>();
    const w = sheetWidth(sheet);
    for (let c = 0; c < w; c++) {
      const t = norm(cellText(cellAt(sheet, r, c)));
      if (!t) continue;
      const def = INPUT_COLUMNS.find((d) => d.match.test(t));
      if (def && !cols.has(def.field)) cols.set(def.field, c);
    }
    if (cols.has('funcCode') && cols.has('amount')) return { r, cols };
  }
  return undefined;
}

/** Finds the input sheet: by name, else the first (non-说明) sheet carrying the column titles. */
export function findInputSheet(wb: Workbook): Sheet | undefined {
  const byName = wb.sheets.find((s) => norm(s.name) === INPUT_SHEET_NAME);
  if (byName) return byName;
  return wb.sheets.find((s) => !s.hidden && norm(s.name) !== EXPLAIN_SHEET_NAME && titleRowOf(s) !== undefined);
}

function readHeader(sheet: Sheet, beforeRow: number, problems: InputProblem[]): InputHeader {
  const found: Partial<Record<keyof typeof HEADER_LABELS, { text: string; row: number; raw: unknown }>> = {};
  for (let r = 0; r < beforeRow; r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const label = norm(cellText(row[c])).replace(/：$/, '');
      for (const [key, text] of Object.entries(HEADER_LABELS) as [keyof typeof HEADER_LABELS, string][]) {
        if (label !== text || found[key]) continue;
        // value: the next non-empty cell to the right
        let v = '';
        let raw: unknown = null;
        for (let c2 = c + 1; c2 < row.length; c2++) {
          const t = cellText(row[c2]);
          if (t) {
            v = t;
            raw = row[c2]?.value;
            break;
          }
        }
        found[key] = { text: v, row: r + 1, raw };
      }
    }
  }
  const header: InputHeader = {
    unitCode: found.unitCode?.text ?? '',
    unitName: found.unitName?.text ?? '',
    currency: found.currency?.text || '万元',
  };
  if (!found.unitName || !found.unitName.text) {
    problems.push({
      row: found.unitName?.row ?? 0,
      column: '',
      message: found.unitName ? '单位名称为空，请在“单位名称”右侧单元格填写。' : '表头缺少“单位名称”（标签一格，名称填在右侧一格）。',
    });
  }
  const y = found.year?.text ?? '';
  if (/^\d{4}(\.0+)?$/.test(y) || /^\d{4}年?$/.test(y)) header.year = Number(y.slice(0, 4));
  else if (found.year && y) problems.push({ row: found.year.row, column: '', message: `预算年度“${y}”不是四位年份，例如 2026。` });
  if (header.currency !== '万元' && header.currency !== '元') {
    problems.push({ row: found.currency?.row ?? 0, column: '', message: `金额单位“${header.currency}”无法识别，应为“万元”。` });
  } else if (header.currency === '元') {
    problems.push({ row: found.currency?.row ?? 0, column: '', message: '金额单位为“元”：公开表以万元列示，请把金额换算为万元后把金额单位改为“万元”。' });
  }
  return header;
}

/** Parses the input sheet of a workbook. Never throws on bad data: every issue becomes a problem. */
export function parseInput(wb: Workbook): ParsedInput {
  const problems: InputProblem[] = [];
  const sheet = findInputSheet(wb);
  if (!sheet) {
    return {
      sheet: '',
      header: { unitCode: '', unitName: '', currency: '万元' },
      lines: [],
      problems: [
        {
          row: 0,
          column: '',
          message: `找不到录入表：工作簿中没有名为“${INPUT_SHEET_NAME}”的工作表，也没有带“功能科目编码”“金额”等列标题的工作表。请用 template 命令生成录入模板后填写。`,
        },
      ],
    };
  }
  const title = titleRowOf(sheet);
  if (!title) {
    return {
      sheet: sheet.name,
      header: { unitCode: '', unitName: '', currency: '万元' },
      lines: [],
      problems: [
        {
          row: 0,
          column: '',
          message: `工作表“${sheet.name}”中找不到列标题行（应有 ${INPUT_COLUMNS.map((c) => c.title).join('、')}）。`,
        },
      ],
    };
  }
  for (const def of INPUT_COLUMNS) {
    if (def.required && !title.cols.has(def.field)) {
      problems.push({ row: title.r + 1, column: def.title, message: `缺少“${def.title}”列，请按模板补上该列标题。` });
    }
  }
  const header = readHeader(sheet, title.r, problems);
  if (problems.some((p) => p.column && p.row === title.r + 1)) return { sheet: sheet.name, header, lines: [], problems };

  const col = (f: InputField) => title.cols.get(f);
  const text = (r: number, f: InputField) => {
    const c = col(f);
    return c === undefined ? '' : cellText(cellAt(sheet, r, c));
  };
  const titleOf = (f: InputField) => INPUT_COLUMNS.find((d) => d.field === f)!.title;
  const names = { func: new Map<string, { name: string; row: number }>(), econ: new Map<string, { name: string; row: number }>() };
  const lines: BudgetLine[] = [];

  for (let r = title.r + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    const used = [...title.cols.values()].some((c) => cellText(row[c]) !== '');
    if (!used) continue;
    const n = r + 1;
    const bad = (f: InputField, message: string) => problems.push({ row: n, column: titleOf(f), message });
    const before = problems.length;

    const funcCode = text(r, 'funcCode');
    const funcName = text(r, 'funcName');
    if (!funcCode) bad('funcCode', '功能科目编码为空，应填 7 位项级编码，例如 2101501。');
    else if (!/^\d{7}$/.test(funcCode)) {
      bad('funcCode', `功能科目编码“${funcCode}”格式不对：应为 7 位数字的项级编码（类 3 位 + 款 2 位 + 项 2 位），例如 2101501。`);
    } else if (!FUNCTIONAL_CLASS_CODES.has(funcCode.slice(0, 3))) {
      bad('funcCode', `功能科目编码“${funcCode}”的类“${funcCode.slice(0, 3)}”不是支出功能分类的类级科目（201–234）。`);
    }
    if (!funcName) bad('funcName', '功能科目名称为空。');

    const kindText = text(r, 'kind');
    const kind = SPENDING_TYPES.find((k) => k === norm(kindText).replace(/上解上级/, '上缴上级'));
    if (!kindText) bad('kind', `支出类型为空，应为：${SPENDING_TYPES.join('、')}。`);
    else if (!kind) bad('kind', `支出类型“${kindText}”无法识别，应为：${SPENDING_TYPES.join('、')}。`);

    const sourceText = text(r, 'source');
    const source = FUND_SOURCES.find((s) => s === norm(sourceText).replace(/政府基金/, '政府性基金'));
    if (!sourceText) bad('source', `资金来源为空，应为：${FUND_SOURCES.join('、')}。`);
    else if (!source) bad('source', `资金来源“${sourceText}”无法识别，应为：${FUND_SOURCES.join('、')}。`);
    if (kind && source && FISCAL_SOURCES.includes(source) && kind !== '基本支出' && kind !== '项目支出') {
      bad('kind', `财政拨款资金（${source}）只能安排基本支出或项目支出，本行为“${kind}”。`);
    }

    const econCode = text(r, 'econCode');
    const econName = text(r, 'econName');
    if (!econCode) {
      if (kind === '基本支出') bad('econCode', '基本支出必须填写经济科目编码（5 位款级编码，例如 30101）。');
    } else if (!/^\d{5}$/.test(econCode)) {
      bad('econCode', `经济科目编码“${econCode}”格式不对：应为 5 位数字的款级编码，例如 30201。`);
    } else if (!ECONOMIC_CLASS_CODES.has(econCode.slice(0, 3))) {
      bad('econCode', `经济科目编码“${econCode}”的类“${econCode.slice(0, 3)}”不是部门预算支出经济分类的类级科目（301、302、303、307、309–313、399）。`);
    } else if (!econName) bad('econName', `经济科目编码 ${econCode} 没有填写经济科目名称。`);

    const carryText = text(r, 'carry');
    if (carryText && !CARRY_VALUES.includes(carryText) && carryText !== '否') {
      bad('carry', `上年结转“${carryText}”无法识别：上年结转资金填“是”，否则留空。`);
    }
    const project = text(r, 'project');
    if (kind === '项目支出' && !project) bad('project', '项目支出必须填写项目名称。');

    // amount: a real number, >= 0, at most 2 decimals
    const ac = col('amount')!;
    const cell = cellAt(sheet, r, ac);
    let amount: Money | undefined;
    if (!cell || cell.value === null || cell.value === '') {
      bad('amount', cell?.error ? `金额是错误值 ${cell.error}。` : '金额为空；没有金额的行请删除。');
    } else if (typeof cell.value !== 'number') {
      bad('amount', `金额“${cellText(cell)}”不是数字（可能是文本格式），请填写数值，例如 12.50。`);
    } else {
      const m = fromNumber(cell.value);
      if (m.isNegative()) bad('amount', `金额 ${cellText(cell)} 为负数；预算金额不能为负。`);
      else if (m.decimalPlaces() > 2) bad('amount', `金额 ${cellText(cell)} 超过两位小数（以万元计，精确到分应为两位小数）。`);
      else amount = m;
    }

    // one name per code
    const sameName = (map: Map<string, { name: string; row: number }>, code: string, name: string, f: InputField, what: string) => {
      if (!code || !name) return;
      const prev = map.get(code);
      if (!prev) map.set(code, { name, row: n });
      else if (prev.name !== name) {
        bad(f, `${what} ${code} 在第 ${prev.row} 行名称为“${prev.name}”，本行却为“${name}”；同一编码只能有一个名称。`);
      }
    };
    if (/^\d{7}$/.test(funcCode)) sameName(names.func, funcCode, funcName, 'funcName', '功能科目');
    if (/^\d{5}$/.test(econCode)) sameName(names.econ, econCode, econName, 'econName', '经济科目');

    if (problems.length === before && kind && source && amount) {
      lines.push({ row: n, funcCode, funcName, econCode, econName, kind, source, carry: carryText === '是', project, amount });
    }
  }
  if (lines.length === 0 && problems.length === 0) {
    problems.push({ row: 0, column: '', message: `录入表“${sheet.name}”没有任何预算行（第 ${title.r + 2} 行起填写）。` });
  }
  return { sheet: sheet.name, header, lines, problems, warnings: duplicateLines(lines) };
}

/** Lines identical in every column to an earlier one: probably pasted twice (their amounts add up). */
function duplicateLines(lines: BudgetLine[]): InputProblem[] {
  const first = new Map<string, number>();
  const out: InputProblem[] = [];
  for (const l of lines) {
    const k = [l.funcCode, l.funcName, l.econCode, l.econName, l.kind, l.source, l.carry, l.project, l.amount.toFixed(2)].join('\u0000');
    const prev = first.get(k);
    if (prev === undefined) first.set(k, l.row);
    else out.push({ row: l.row, column: '', message: `与第 ${prev} 行完全相同（可能重复粘贴），两行的金额 ${l.amount.toFixed(2)} 都已计入；如确是两笔预算可忽略此提示，否则请删除一行。` });
  }
  return out;
}
