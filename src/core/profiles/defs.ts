// Table definitions: the one place that knows what the nine tables look like. Recognition, rules and
// generation all read these; nothing else hard-codes a title, a column or a fixed row.
import type { TableId } from '../model/findings';

/** Anything norm() would change; most cell texts have none of it and are returned as they are. */
const NORM_NEEDED = /[\s\u00a0\u3000(（)）“”"'‘’「」『』:：]|单位预算|政府基金|上解上级/;

/** Normalises text for matching: no whitespace, full-width punctuation unified, variant words folded. */
export function norm(s: string): string {
  if (!NORM_NEEDED.test(s)) return s;
  return s
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/[(（]/g, '（')
    .replace(/[)）]/g, '）')
    .replace(/[“”"'‘’「」『』]/g, '')
    .replace(/[:：]/g, '：')
    .replace(/单位预算/g, '部门预算')
    .replace(/政府基金/g, '政府性基金')
    .replace(/上解上级/g, '上缴上级');
}

/** First characters any ordinal pattern of stripOrdinal can start with. */
const ORDINAL_START = /^(其中|第|[一二三四五六七八九十百]|（|\d)/;

/** Strips list ordinals: '一、' '（一）' '1.' '1、' '其中：' and the like. */
export function stripOrdinal(s: string): string {
  let t = norm(s);
  if (!ORDINAL_START.test(t)) return t;
  for (;;) {
    const before = t;
    t = t
      .replace(/^其中[：:]?/, '')
      .replace(/^第?[一二三四五六七八九十百]+[、.．]/, '')
      .replace(/^（[一二三四五六七八九十\d]+）[、.．]?/, '')
      .replace(/^\d+[、.．](?!\d)/, '');
    if (t === before) return t;
  }
}

// ---------------------------------------------------------------------------------------------
// 科目 trees

export interface ClassDef {
  code: string;
  name: string;
}

/** The 30 functional 类 of the 2021+ editions, in their fixed order (rows of T1 and T4). */
export const FUNCTIONAL_CLASSES: ClassDef[] = [
  { code: '201', name: '一般公共服务支出' },
  { code: '202', name: '外交支出' },
  { code: '203', name: '国防支出' },
  { code: '204', name: '公共安全支出' },
  { code: '205', name: '教育支出' },
  { code: '206', name: '科学技术支出' },
  { code: '207', name: '文化旅游体育与传媒支出' },
  { code: '208', name: '社会保障和就业支出' },
  { code: '209', name: '社会保险基金支出' },
  { code: '210', name: '卫生健康支出' },
  { code: '211', name: '节能环保支出' },
  { code: '212', name: '城乡社区支出' },
  { code: '213', name: '农林水支出' },
  { code: '214', name: '交通运输支出' },
  { code: '215', name: '资源勘探工业信息等支出' },
  { code: '216', name: '商业服务业等支出' },
  { code: '217', name: '金融支出' },
  { code: '219', name: '援助其他地区支出' },
  { code: '220', name: '自然资源海洋气象等支出' },
  { code: '221', name: '住房保障支出' },
  { code: '222', name: '粮油物资储备支出' },
  { code: '223', name: '国有资本经营预算支出' },
  { code: '224', name: '灾害防治及应急管理支出' },
  { code: '227', name: '预备费' },
  { code: '229', name: '其他支出' },
  { code: '230', name: '转移性支出' },
  { code: '231', name: '债务还本支出' },
  { code: '232', name: '债务付息支出' },
  { code: '233', name: '债务发行费用支出' },
  { code: '234', name: '抗疫特别国债安排的支出' },
];

/** Economic 类 (部门预算支出经济分类). 人员经费 = 301 + 303; the rest of basic spending is 公用经费. */
export const ECONOMIC_CLASSES: ClassDef[] = [
  { code: '301', name: '工资福利支出' },
  { code: '302', name: '商品和服务支出' },
  { code: '303', name: '对个人和家庭的补助' },
  { code: '307', name: '债务利息及费用支出' },
  { code: '309', name: '资本性支出（基本建设）' },
  { code: '310', name: '资本性支出' },
  { code: '311', name: '对企业补助（基本建设）' },
  { code: '312', name: '对企业补助' },
  { code: '313', name: '对社会保障基金补助' },
  { code: '399', name: '其他支出' },
];

export const PERSONNEL_ECONOMIC_CLASSES = ['301', '303'];

export type TreeKind = 'functional' | 'economic';

/** 类 3 digits, 款 5, 项 7 (functional); economic: 类 3, 款 5. */
export function codeLevel(code: string, tree: TreeKind): 1 | 2 | 3 | 0 {
  const n = typeof code === 'string' ? code.length : 0;
  if ((n !== 3 && n !== 5 && n !== 7) || !/^\d+$/.test(code)) return 0;
  if (code.length === 3) return 1;
  if (code.length === 5) return 2;
  if (code.length === 7 && tree === 'functional') return 3;
  return 0;
}

export function parentCode(code: string): string | undefined {
  if (code.length === 7) return code.slice(0, 5);
  if (code.length === 5) return code.slice(0, 3);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Columns

/** A column role and the header spellings that identify it (matched on normalised header text). */
export interface ColumnDef {
  role: string;
  /** label shown in messages */
  label: string;
  /** regexes tried against the column's joined, normalised header text; first matching def wins */
  match: RegExp[];
  /** column kind */
  kind: 'code' | 'name' | 'label' | 'amount';
  optional?: boolean;
}

export interface BlockDef {
  /** 'main' for single-block tables; 'income' / 'expense' for the two sides of T1 and T4 */
  id: 'main' | 'income' | 'expense';
  /** header text above this block's columns (T1/T4: 收入 / 支出), used to split the two sides */
  side?: RegExp;
  columns: ColumnDef[];
  /** rows: a 科目 tree, or a list of fixed items */
  rows: { tree: TreeKind } | { items: ItemDef[] };
}

/** A fixed row of T1, T4 or T9. */
export interface ItemDef {
  key: string;
  /** label as printed (without ordinal) */
  label: string;
  /** normalised labels (ordinal stripped) that identify it */
  match: RegExp[];
  /** for T1/T4 expense rows: the functional 类 it stands for */
  classCode?: string;
  /** printed with this ordinal prefix in generated tables */
  ordinal?: string;
  /** only from / until this template year */
  fromYear?: number;
  untilYear?: number;
  /** T4: the three carry-over sub-items follow 年初财政拨款结转和结余 */
  under?: string;
  /** a repeatable extra row (T9 additions such as 会议费) */
  extra?: boolean;
}

export interface TableDef {
  id: TableId;
  /** canonical title */
  title: string;
  /** title suffixes (after norm, with 部门预算/单位预算/部门/单位 prefixes dropped) */
  titleCores: string[];
  blocks: BlockDef[];
  /** which money this table holds, for messages */
  note?: { empty: string };
}

const amount = (role: string, label: string, match: RegExp[], optional = false): ColumnDef => ({
  role,
  label,
  match,
  kind: 'amount',
  optional,
});

const CODE_COL: ColumnDef = { role: 'code', label: '科目编码', match: [/科目编码|编码|代码/], kind: 'code' };
// '功能分类科目' / '支出功能分类科目' alone over one column: code and name written in one cell
const NAME_COL: ColumnDef = { role: 'name', label: '科目名称', match: [/科目名称|名称/, /分类科目$|^科目$/], kind: 'name' };
const LABEL_COL: ColumnDef = { role: 'label', label: '项目', match: [/项目$|^项目|科目$/], kind: 'label' };

const CN_ORD = [
  '一', '二', '三', '四', '五', '六', '七', '八', '九', '十',
  '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十',
  '二十一', '二十二', '二十三', '二十四', '二十五', '二十六', '二十七', '二十八', '二十九', '三十',
];

export function chineseOrdinal(i: number): string {
  return CN_ORD[i] ?? String(i + 1);
}

function classItems(): ItemDef[] {
  return FUNCTIONAL_CLASSES.map((c, i) => ({
    key: 'class.' + c.code,
    label: c.name,
    classCode: c.code,
    ordinal: chineseOrdinal(i) + '、',
    match: [new RegExp('^' + escapeRe(norm(c.name)) + '$'), new RegExp('^' + escapeRe(norm(c.name).replace(/支出$/, '')) + '$')],
  }));
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const exact = (...labels: string[]): RegExp[] => labels.map((l) => new RegExp('^' + escapeRe(norm(l)) + '$'));

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
  ...classItems(),
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
  ...classItems(),
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

export const TABLES: TableDef[] = [
  {
    id: 'T1',
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
    title: '部门预算一般公共预算财政拨款支出表',
    titleCores: ['一般公共预算财政拨款支出表', '一般公共预算支出表', '一般公共预算拨款支出表'],
    blocks: [{ id: 'main', columns: FUNC_TREE_T5, rows: { tree: 'functional' } }],
  },
  {
    id: 'T6',
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
    title: '部门预算政府性基金预算财政拨款支出表',
    titleCores: ['政府性基金预算财政拨款支出表', '政府性基金预算支出表', '政府性基金预算拨款支出表'],
    blocks: [{ id: 'main', columns: FUNC_TREE_T5, rows: { tree: 'functional' } }],
    note: { empty: '注：无政府性基金预算财政拨款预算，空表列示。' },
  },
  {
    id: 'T8',
    title: '部门预算国有资本经营预算财政拨款支出表',
    titleCores: ['国有资本经营预算财政拨款支出表', '国有资本经营预算支出表', '国有资本经营预算拨款支出表'],
    blocks: [{ id: 'main', columns: FUNC_TREE_T5, rows: { tree: 'functional' } }],
    note: { empty: '注：无国有资本经营预算财政拨款预算，空表列示。' },
  },
  {
    id: 'T9',
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

export const TABLE_BY_ID: Record<TableId, TableDef> = Object.fromEntries(TABLES.map((t) => [t.id, t])) as Record<
  TableId,
  TableDef
>;

/** Short name used in messages: the canonical title. */
export function tableTitle(id: TableId): string {
  return TABLE_BY_ID[id].title;
}

/** Matches a normalised title text to a table: the longest title core the text ends with. */
export function matchTitle(text: string): TableId | undefined {
  let t = norm(text)
    .replace(/（[^（）]*）$/, '')
    .replace(/(表[一二三四五六七八九十\d]+([-－—]\d+)?|公开\d+表)$/, '')
    .replace(/[。.]+$/, '');
  if (t.length < 4 || t.length > 60) return undefined;
  let best: { id: TableId; len: number } | undefined;
  for (const def of TABLES) {
    for (const core of def.titleCores) {
      if (t.endsWith(core) && (!best || core.length > best.len)) best = { id: def.id, len: core.length };
    }
  }
  return best?.id;
}

/** Whether an item applies to a template year. */
export function itemInYear(item: ItemDef, year: number | undefined): boolean {
  if (year === undefined) return true;
  if (item.fromYear !== undefined && year < item.fromYear) return false;
  if (item.untilYear !== undefined && year > item.untilYear) return false;
  return true;
}

export const FUNCTIONAL_CLASS_CODES = new Set(FUNCTIONAL_CLASSES.map((c) => c.code));
export const ECONOMIC_CLASS_CODES = new Set(ECONOMIC_CLASSES.map((c) => c.code));

/** T9 items and the T6 economic 款 they correspond to (T9 may be larger, never smaller). */
export const T9_T6_LINKS: { item: string; codes: string[] }[] = [
  { item: 'abroad', codes: ['30212'] },
  { item: 'car.buy', codes: ['31013'] },
  { item: 'car.run', codes: ['30231'] },
  { item: 'reception', codes: ['30217'] },
];
