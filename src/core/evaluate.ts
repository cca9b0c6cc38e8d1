// The evaluator: expands each declarative rule of rules.ts over the recognised tables into findings.
import type { CellRef } from './grid';
import type { Finding, TableId } from './findings';
import type { Catalog } from './catalog';
import type { Amount, Block, Row, Table, Recognition } from './model';
import { ISSUE, NUM, uncalculated } from './model';
import type { Ref, RuleDef } from './rules';
import type { ItemDef, TreeKind } from './defs';
import {
  ECONOMIC_CLASSES,
  FUNCTIONAL_CLASSES,
  PERSONNEL_ECONOMIC_CLASSES,
  T9_T6_LINKS,
  TABLES,
  TABLE_BY_ID,
  codeLevel,
  itemInYear,
  norm,
  parentCode,
  stripOrdinal,
} from './defs';
import type { Money } from './money';
import { MAX_CENTS, ZERO, fmt, sum, withinRounding } from './money';
import { address } from './grid';
import { ECONOMIC_KUAN } from './economic-kuan';

export interface Ctx {
  tables: Map<TableId, Table>;
  rec: Recognition;
  catalog?: Catalog;
  year?: number;
  out: Finding[];
}

type Rule<K extends RuleDef['kind']> = Extract<RuleDef, { kind: K }>;

// ---------------------------------------------------------------------------------------------
// Presentation helpers

const title = (t: Table | TableId): string => (typeof t === 'string' ? TABLE_BY_ID[t].title : t.def.title);

function rowDesc(row: Row): string {
  if (row.kind === 'total') return '合计行';
  if (row.kind === 'code') return `${row.code} ${row.name ?? ''}`.trim();
  return stripOrdinal(row.label ?? '') || `第 ${row.r + 1} 行`;
}

function colLabel(b: Block, role: string): string {
  return b.def.columns.find((c) => c.role === role)?.label ?? role;
}

/** '（相差 0.01，…可能是四舍五入造成的尾差）' */
function diffNote(expected: Money, actual: Money, figures: number): string {
  // figures: the non-zero figures summed; an exact zero carries no rounding
  const d = actual.minus(expected);
  const s = `相差 ${fmt(d.abs())}`;
  if (withinRounding(d, figures)) return `（${s}，在舍入误差范围内，可能是四舍五入造成的尾差，仍须更正）`;
  return `（${s}）`;
}

function nonZero(parts: Amount[]): number {
  return Math.max(1, parts.filter((p) => p.c !== 0).length);
}

/**
 * Exactly whether the amounts add up to total: integer cents, decimal.js for the rare rest. A formula
 * saved without its result is an unknown figure: such a sum is not judged (true).
 */
function sumMatches(parts: readonly Amount[], total: Amount): boolean {
  if (uncalculated(total) || parts.some(uncalculated)) return true;
  let acc = 0;
  for (let i = 0; i < parts.length; i++) {
    acc += parts[i].c;
    // NaN (not whole cents) or beyond exact integers: decide with decimal.js
    if (!(acc <= MAX_CENTS && acc >= -MAX_CENTS)) return sum(parts.map((p) => p.v)).eq(total.v);
  }
  if (Number.isNaN(total.c)) return sum(parts.map((p) => p.v)).eq(total.v);
  return acc === total.c;
}

/** Exact sign of a − b (integer cents, decimal.js for the rare rest); NaN when either is an uncalculated formula. */
function compare(a: Amount, b: Amount): number {
  if (uncalculated(a) || uncalculated(b)) return NaN;
  if (!Number.isNaN(a.c) && !Number.isNaN(b.c)) return Math.sign(a.c - b.c);
  return a.v.cmp(b.v);
}

function push(ctx: Ctx, f: Finding): void {
  ctx.out.push(f);
}

function blockOf(t: Table, id: string | undefined): Block | undefined {
  return t.blocks.find((b) => b.def.id === (id ?? 'main')) ?? (id === undefined ? t.blocks[0] : undefined);
}

/** First row with a key in a block. */
function findRow(b: Block, key: string): Row | undefined {
  return b.rows.find((r) => r.key === key);
}

function isTree(b: Block): b is Block & { def: { rows: { tree: TreeKind } } } {
  return 'tree' in b.def.rows;
}

function treeKind(b: Block): TreeKind {
  return (b.def.rows as { tree: TreeKind }).tree;
}

// ---------------------------------------------------------------------------------------------
// Evaluators

export function evaluate(rule: RuleDef, ctx: Ctx): void {
  switch (rule.kind) {
    case 'structure':
      return structure(rule, ctx);
    case 'value':
      return values(rule, ctx);
    case 'header':
      return header(rule, ctx);
    case 'row-sum':
      return rowSum(rule, ctx);
    case 'tree-sum':
      return treeSum(rule, ctx);
    case 'tree':
      return tree(rule, ctx);
    case 'names':
      return names(rule, ctx);
    case 'item-sum':
      return itemSum(rule, ctx);
    case 'pair':
      return crossPairs({ id: rule.id, kind: 'cross-pairs', severity: rule.severity, pairs: [{ left: [rule.left], right: [rule.right], what: rule.what }] }, ctx, true);
    case 'cross-pairs':
      return crossPairs(rule, ctx, false);
    case 'cross-keyed':
      return crossKeyed(rule, ctx);
    case 't9-t6':
      return t9t6(rule, ctx);
    case 'fiscal':
      return fiscal(rule, ctx);
    case 'empty-note':
      return emptyNote(rule, ctx);
    case 't6-split':
      return t6Split(rule, ctx);
  }
}

// Structure ----------------------------------------------------------------------------------------

function structure(rule: Rule<'structure'>, ctx: Ctx): void {
  const sev = rule.severity;
  switch (rule.id) {
    case 'table-missing':
      for (const def of TABLES) {
        if (ctx.tables.has(def.id)) continue;
        push(ctx, {
          rule: rule.id,
          severity: sev,
          table: def.id,
          message: `未找到${def.title}（表${def.id.slice(1)}）。请确认工作簿中有这张表，且表名写在表格上方。`,
          cells: [],
        });
      }
      return;
    case 'table-duplicate':
      for (const t of ctx.rec.duplicates) {
        const first = ctx.tables.get(t.id);
        push(ctx, {
          rule: rule.id,
          severity: sev,
          table: t.id,
          message: `${title(t)}出现了两次（“${t.sheet}”与“${first?.sheet ?? ''}”），只校验了第一张；请删除多余的一张。`,
          cells: [t.titleCell, ...(first ? [first.titleCell] : [])],
        });
      }
      return;
    case 'column-missing':
      for (const t of ctx.tables.values()) {
        for (const bdef of t.def.blocks) {
          const b = t.blocks.find((x) => x.def.id === bdef.id);
          const missing = bdef.columns.filter((c) => !c.optional && !b?.columns.some((x) => x.role === c.role));
          if (missing.length === 0) continue;
          const side = bdef.id === 'income' ? '收入部分' : bdef.id === 'expense' ? '支出部分' : '';
          push(ctx, {
            rule: rule.id,
            severity: sev,
            table: t.id,
            message: `${title(t)}${side}缺少“${missing.map((c) => c.label).join('”“')}”栏，无法校验该栏；请检查表头文字。`,
            cells: [t.titleCell],
          });
        }
      }
      return;
    case 'row-missing':
      for (const t of ctx.tables.values()) {
        for (const b of t.blocks) {
          if (!('items' in b.def.rows)) continue;
          const items = b.def.rows.items.filter((it) => !it.under && !it.extra && it.key !== 'sangong' && itemInYear(it, ctx.year));
          // With no year, accept either edition's income items.
          const missing = items.filter((it) => !findRow(b, it.key) && !(ctx.year === undefined && (it.fromYear || it.untilYear)));
          for (const it of missing) {
            push(ctx, {
              rule: rule.id,
              severity: sev,
              table: t.id,
              message: `${title(t)}缺少“${it.label}”行（应有此行，金额为零也应列示）。`,
              cells: [t.titleCell],
            });
          }
        }
      }
      return;
    case 'merged-data':
      for (const t of ctx.tables.values()) {
        for (const i of t.issues) {
          if (i.kind !== 'merged-data') continue;
          push(ctx, {
            rule: rule.id,
            severity: sev,
            table: t.id,
            message: `${title(t)}单元格 ${i.cell.address} 是合并单元格，金额栏不应合并：合并后只有左上角的数值有效，请取消合并并逐格填写。`,
            cells: [i.cell],
          });
        }
      }
      return;
    case 'unknown-item':
      for (const t of ctx.tables.values()) {
        for (const b of t.blocks) {
          if (!('items' in b.def.rows)) continue;
          for (const r of b.rows) {
            if (r.kind !== 'unknown' || !r.label) continue;
            if (t.id === 'T9' && r.key.startsWith('extra.')) continue; // regions add rows such as 会议费
            push(ctx, {
              rule: rule.id,
              severity: sev,
              table: t.id,
              message: `${title(t)}第 ${r.r + 1} 行的项目“${r.label}”不是该表的标准项目，未参与校验；请核对项目名称。`,
              cells: r.labelCell ? [r.labelCell] : [],
            });
          }
        }
      }
      return;
  }
}

// Values -------------------------------------------------------------------------------------------

interface AmountUse {
  t: Table;
  b: Block;
  row: Row;
  role: string;
  a: Amount;
}

const suspectCache = new WeakMap<Ctx, AmountUse[]>();

/**
 * The amounts any value rule may report on, in table/block/row/column order: those with a problem, and
 * clean non-blank ones with more than two decimals or a negative value. Computed once per workbook.
 */
function suspectAmounts(ctx: Ctx): AmountUse[] {
  const hit = suspectCache.get(ctx);
  if (hit) return hit;
  const out: AmountUse[] = [];
  for (const t of ctx.tables.values())
    for (const b of t.blocks)
      for (let i = 0; i < b.rows.length; i++)
        for (let k = 0; k < b.roles.length; k++) {
          // cents are NaN beyond 2 decimals (or beyond 2^52 cents, then looked at exactly by the rules)
          const st = b.state[k][i];
          if (st === ISSUE || (st === NUM && !(b.cents[k][i] >= 0))) {
            const row = b.rows[i];
            out.push({ t, b, row, role: b.roles[k], a: row.values[b.roles[k]]! });
          }
        }
  suspectCache.set(ctx, out);
  return out;
}

function valueWhere(u: AmountUse): string {
  return `${title(u.t)} ${rowDesc(u.row)} ${colLabel(u.b, u.role)}（${u.a.cell.address}）`;
}

function values(rule: Rule<'value'>, ctx: Ctx): void {
  if (rule.id === 'value-formula') return uncalculatedFormulas(rule, ctx);
  for (const u of suspectAmounts(ctx)) {
    const a = u.a;
    if (a.blank && !a.problem) continue;
    let message: string | undefined;
    switch (rule.id) {
      case 'value-error':
        if (a.problem === 'error' || a.problem === 'formula-error')
          message = `${valueWhere(u)}是错误值 ${a.raw ?? ''}${a.formula ? `（公式 =${a.formula}）` : ''}，请修正公式或改为数值。`;
        break;
      case 'value-text':
        if (a.problem === 'text-number')
          message = `${valueWhere(u)}的数字“${a.raw}”是文本格式，Excel 求和时会忽略它；请转换为数值。`;
        break;
      case 'value-nonnumeric':
        if (a.problem === 'text' || a.problem === 'boolean') message = `${valueWhere(u)}应为金额，却是文字“${a.raw}”。`;
        break;
      case 'value-decimals':
        if (!a.problem && !a.blank && a.v.decimalPlaces() > 2)
          message = `${valueWhere(u)}为 ${a.v.toString()}，超过两位小数（金额单位万元，应保留两位小数）；显示为 ${a.v.toFixed(2)}，但合计按实际值计算。`;
        break;
      case 'value-negative':
        if (!a.problem && a.v.isNegative()) message = `${valueWhere(u)}为负数 ${fmt(a.v)}，预算数一般不应为负，请核对。`;
        break;
    }
    if (message)
      push(ctx, { rule: rule.id, severity: rule.severity, table: u.t.id, message, cells: [a.cell], actual: a.raw ?? fmt(a.v) });
  }
}

/** Formulas saved without their results, one finding per table (a program-written file may have thousands). */
function uncalculatedFormulas(rule: Rule<'value'>, ctx: Ctx): void {
  const byTable = new Map<Table, AmountUse[]>();
  for (const u of suspectAmounts(ctx)) {
    if (!uncalculated(u.a)) continue;
    const list = byTable.get(u.t);
    if (list) list.push(u);
    else byTable.set(u.t, [u]);
  }
  for (const [t, list] of byTable) {
    const u = list[0];
    const what =
      list.length === 1
        ? `${valueWhere(u)}是公式 =${u.a.formula}，`
        : `${title(t)}有 ${list.length} 个金额单元格是公式（如 ${valueWhere(u)} =${u.a.formula}），`;
    push(ctx, {
      rule: rule.id,
      severity: rule.severity,
      table: t.id,
      message: `${what}但文件中没有保存公式的计算结果（文件可能由其他软件生成），这些数无法核对，涉及它们的合计也未校验；请用 Excel 打开此文件、保存后再校验。`,
      cells: list.map((x) => x.a.cell),
    });
  }
}

// Headers ------------------------------------------------------------------------------------------

const HEADER_FIELDS: { key: 'unitName' | 'year' | 'currency'; cell: 'unitCell' | 'yearCell' | 'currencyCell'; label: string }[] = [
  { key: 'unitName', cell: 'unitCell', label: '单位名称' },
  { key: 'year', cell: 'yearCell', label: '预算年度' },
  { key: 'currency', cell: 'currencyCell', label: '金额单位' },
];

function header(rule: Rule<'header'>, ctx: Ctx): void {
  const tables = [...ctx.tables.values()];
  if (rule.id === 'header-missing') {
    for (const t of tables) {
      const missing = HEADER_FIELDS.filter((f) => !t.header[f.key]).map((f) => f.label);
      if (missing.length === 0) continue;
      push(ctx, {
        rule: rule.id,
        severity: rule.severity,
        table: t.id,
        message: `${title(t)}表头未写明${missing.join('、')}（应在表名下方一行注明单位名称、预算年度和金额单位）。`,
        cells: [t.titleCell],
      });
    }
    return;
  }
  for (const f of HEADER_FIELDS) {
    const counts = new Map<string, { n: number; first: Table }>();
    for (const t of tables) {
      const v = t.header[f.key];
      if (!v) continue;
      const k = norm(v);
      const e = counts.get(k);
      if (e) e.n++;
      else counts.set(k, { n: 1, first: t });
    }
    if (counts.size < 2) continue;
    let major: { k: string; n: number; first: Table } | undefined;
    for (const [k, e] of counts) if (!major || e.n > major.n) major = { k, ...e };
    for (const t of tables) {
      const v = t.header[f.key];
      if (!v || norm(v) === major!.k) continue;
      const majorValue = major!.first.header[f.key]!;
      push(ctx, {
        rule: rule.id,
        severity: rule.severity,
        table: t.id,
        message: `${title(t)}的${f.label}为“${v}”，其他表为“${majorValue}”；各表的${f.label}应一致。`,
        cells: [t.header[f.cell] ?? t.titleCell, major!.first.header[f.cell] ?? major!.first.titleCell],
        expected: majorValue,
        actual: v,
      });
    }
  }
}

// Row totals ---------------------------------------------------------------------------------------

function rowSum(rule: Rule<'row-sum'>, ctx: Ctx): void {
  const t = ctx.tables.get(rule.table);
  if (!t) return;
  const b = blockOf(t, rule.block);
  if (!b) return;
  const kt = b.k(rule.total);
  const kp = rule.parts.map((p) => b.k(p)).filter((k) => k >= 0);
  if (kt < 0 || kp.length === 0) return;
  const totals = b.cents[kt];
  const cols = kp.map((k) => b.cents[k]);
  for (let i = 0; i < b.rows.length; i++) {
    // integer cents straight from the block's columns: the usual row adds up
    let acc = 0;
    let mag = 0;
    for (let j = 0; j < cols.length; j++) {
      const c = cols[j][i];
      acc += c;
      mag += Math.abs(c);
    }
    if (mag <= MAX_CENTS && acc === totals[i]) continue;
    const row = b.rows[i];
    const total = row.values[rule.total]!;
    const parts = rule.parts.map((p) => row.values[p]).filter((a): a is Amount => !!a);
    if (sumMatches(parts, total)) continue;
    const expected = sum(parts.map((p) => p.v));
    const partNames = rule.parts.filter((p) => row.values[p]).map((p) => colLabel(b, p));
    push(ctx, {
      rule: rule.id,
      severity: rule.severity,
      table: t.id,
      message: `${title(t)} ${rowDesc(row)} ${colLabel(b, rule.total)} ${fmt(total.v)} ≠ ${rule.partsLabel}之和 ${fmt(expected)}（${partNames.join('＋')}）${diffNote(expected, total.v, nonZero(parts))}`,
      cells: [total.cell, ...parts.map((p) => p.cell)],
      expected: fmt(expected),
      actual: fmt(total.v),
    });
  }
}

// Trees --------------------------------------------------------------------------------------------

interface TreeIndex {
  kind: TreeKind;
  /** first row of each code */
  byCode: Map<string, Row>;
  children: Map<string, Row[]>;
  classes: Row[];
  total?: Row;
  /** codeLevel of each row of the block (0 for rows that are not code rows) */
  levels: Uint8Array;
  /** parent code of each 款 / 项 row, by row index */
  parents: (string | undefined)[];
  /** rows whose code appeared above (with the first row of that code) */
  dups: { row: Row; first: Row }[];
}

const treeCache = new WeakMap<Block, TreeIndex>();

function treeIndex(b: Block): TreeIndex {
  const hit = treeCache.get(b);
  if (hit) return hit;
  const kind = treeKind(b);
  const byCode = new Map<string, Row>();
  const oddCodes = new Map<string, Row>();
  const children = new Map<string, Row[]>();
  const classes: Row[] = [];
  const dups: { row: Row; first: Row }[] = [];
  let total: Row | undefined;
  const n = b.rows.length;
  const levels = new Uint8Array(n);
  const parents = new Array<string | undefined>(n).fill(undefined);
  for (let i = 0; i < n; i++) {
    const row = b.rows[i];
    if (row.kind === 'total' && !total) total = row;
    if (row.kind !== 'code' || !row.code) continue;
    const lvl = codeLevel(row.code, kind);
    levels[i] = lvl;
    // malformed codes (level 0) are not in the tree, but a repeated one is still a repeat
    const seen = lvl === 0 ? oddCodes : byCode;
    const first = seen.get(row.code);
    if (first) dups.push({ row, first });
    else seen.set(row.code, row);
    if (lvl === 0) continue;
    if (lvl === 1) {
      if (!first) classes.push(row);
      continue;
    }
    parents[i] = parentCode(row.code);
  }
  // Children as printed: a row pasted twice counts twice in its parent's sum, as a reader adds it up.
  for (let i = 0; i < n; i++) {
    const p = parents[i];
    if (p === undefined || !byCode.has(p)) continue;
    const list = children.get(p);
    if (list) list.push(b.rows[i]);
    else children.set(p, [b.rows[i]]);
  }
  const idx = { kind, byCode, children, classes, total, levels, parents, dups };
  treeCache.set(b, idx);
  return idx;
}

function treeBlocks(ctx: Ctx, ids: TableId[]): { t: Table; b: Block }[] {
  const out: { t: Table; b: Block }[] = [];
  for (const id of ids) {
    const t = ctx.tables.get(id);
    if (!t) continue;
    for (const b of t.blocks) if (isTree(b)) out.push({ t, b });
  }
  return out;
}

function treeSum(rule: Rule<'tree-sum'>, ctx: Ctx): void {
  for (const { t, b } of treeBlocks(ctx, rule.tables)) {
    const idx = treeIndex(b);
    const check = (parent: Row, kids: Row[], what: string) => {
      for (let k = 0; k < b.roles.length; k++) {
        const cents = b.cents[k];
        let acc = 0;
        let mag = 0;
        for (let j = 0; j < kids.length; j++) {
          const c = cents[kids[j].i];
          acc += c;
          mag += Math.abs(c);
        }
        if (mag <= MAX_CENTS && acc === cents[parent.i]) continue;
        const col = b.roles[k];
        const total = parent.values[col]!;
        const parts = kids.map((k) => k.values[col]).filter((a): a is Amount => !!a);
        if (sumMatches(parts, total)) continue;
        const expected = sum(parts.map((p) => p.v));
        push(ctx, {
          rule: rule.id,
          severity: rule.severity,
          table: t.id,
          message: `${title(t)} ${rowDesc(parent)} ${colLabel(b, col)} ${fmt(total.v)} ≠ ${what}之和 ${fmt(expected)}${diffNote(expected, total.v, nonZero(parts))}`,
          cells: [total.cell, ...parts.map((p) => p.cell)],
          expected: fmt(expected),
          actual: fmt(total.v),
        });
      }
    };
    for (const [code, kids] of idx.children) check(idx.byCode.get(code)!, kids, '下级科目');
    if (idx.total && idx.classes.length > 0) check(idx.total, idx.classes, '各类科目');
  }
}

function tree(rule: Rule<'tree'>, ctx: Ctx): void {
  for (const { t, b } of treeBlocks(ctx, rule.tables)) treeBlock(rule, ctx, t, b);
}

function treeBlock(rule: Rule<'tree'>, ctx: Ctx, t: Table, b: Block): void {
  const sev = rule.severity;
  {
    const idx = treeIndex(b);
    const kind = idx.kind;
    const levels = idx.levels;
    const rows = b.rows;
    const treeName = kind === 'functional' ? '支出功能分类科目' : '部门预算支出经济分类科目';
    const f = (row: Row, message: string, cells?: CellRef[]) =>
      push(ctx, { rule: rule.id, severity: sev, table: t.id, message, cells: cells ?? [row.codeCell ?? row.nameCell!].filter(Boolean) });
    switch (rule.id) {
      case 'tree-code':
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i];
          if (row.kind === 'code' && levels[i] === 0) {
            const want = kind === 'functional' ? '3 位（类）、5 位（款）或 7 位（项）数字' : '3 位（类）或 5 位（款）数字';
            f(row, `${title(t)}第 ${row.r + 1} 行的科目编码“${row.code}”格式不对：${treeName}编码应为${want}。`);
          } else if (row.kind === 'unknown' && Object.values(row.values).some((a) => a && !a.blank && a.c !== 0)) {
            f(row, `${title(t)}第 ${row.r + 1} 行“${row.name ?? ''}”有金额但没有科目编码。`, [row.codeCell ?? row.nameCell!].filter(Boolean));
          }
        }
        return;
      case 'tree-duplicate':
        for (const { row, first } of idx.dups)
          f(row, `${title(t)}科目 ${row.code} ${row.name ?? ''} 出现了两次（第 ${first.r + 1} 行和第 ${row.r + 1} 行），同一科目只应列一行。`, [row.codeCell!, first.codeCell!]);
        return;
      case 'tree-parent': {
        let curClass: Row | undefined;
        let curKuan: Row | undefined;
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i];
          if (row.kind !== 'code' || !row.code) continue;
          const lvl = levels[i];
          if (lvl === 1) {
            curClass = row;
            curKuan = undefined;
            continue;
          }
          if (lvl === 0) continue;
          const p = idx.parents[i]!;
          const parentRow = idx.byCode.get(p);
          if (!parentRow) {
            f(row, `${title(t)}科目 ${rowDesc(row)} 缺少上级科目 ${p}：${lvl === 2 ? '款' : '项'}级科目应列在其上级${lvl === 2 ? '类' : '款'}之下。`);
          } else {
            const under = lvl === 2 ? curClass : curKuan;
            if (under && under.code !== p)
              f(row, `${title(t)}科目 ${rowDesc(row)} 排在 ${rowDesc(under)} 之下，但其编码属于 ${rowDesc(parentRow)}：科目放错了上级。`, [row.codeCell!, under.codeCell!]);
          }
          if (lvl === 2) curKuan = row;
        }
        return;
      }
      case 'tree-childless':
        for (const row of idx.byCode.values()) {
          const lvl = levels[row.i];
          const needs = lvl === 1 || (lvl === 2 && kind === 'functional');
          if (!needs || idx.children.has(row.code!)) continue;
          const child = lvl === 1 ? '款' : '项';
          f(row, `${title(t)}科目 ${rowDesc(row)} 下没有${child}级科目：公开表应细化到${kind === 'functional' ? '项' : '款'}级。`);
        }
        return;
      case 'tree-order': {
        const lastByParent = new Map<string, Row>();
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i];
          if (row.kind !== 'code' || !row.code || levels[i] === 0) continue;
          const p = idx.parents[i] ?? '';
          const prev = lastByParent.get(p);
          if (prev && prev.code! > row.code)
            f(row, `${title(t)}科目 ${rowDesc(row)} 排在 ${rowDesc(prev)} 之后，科目应按编码从小到大排列。`, [row.codeCell!, prev.codeCell!]);
          lastByParent.set(p, row);
        }
        return;
      }
      case 'unknown-class': {
        const known = new Set((kind === 'functional' ? FUNCTIONAL_CLASSES : ECONOMIC_CLASSES).map((c) => c.code));
        const reported = new Set<string>();
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i];
          if (row.kind !== 'code' || !row.code || levels[i] === 0) continue;
          const cls = row.code.slice(0, 3);
          if (known.has(cls) || reported.has(cls)) continue;
          reported.add(cls);
          f(row, `${title(t)}科目 ${rowDesc(row)} 的类级编码 ${cls} 不是${treeName}的类（${kind === 'functional' ? '201–234 中规定的 30 类' : '301、302、303、307、309–313、399'}）。`);
        }
        return;
      }
      case 'class-name': {
        if (kind === 'economic') return; // economic-name holds economic names to the national list
        const std = new Map((kind === 'functional' ? FUNCTIONAL_CLASSES : ECONOMIC_CLASSES).map((c) => [c.code, c.name]));
        for (const row of idx.classes) {
          const want = std.get(row.code!);
          if (!want || !row.name || norm(row.name) === norm(want)) continue;
          f(row, `${title(t)}类级科目 ${row.code} 的名称为“${row.name}”，标准名称为“${want}”。`, [row.nameCell ?? row.codeCell!]);
        }
        return;
      }
      case 'economic-code':
      case 'economic-name': {
        // a supplied 科目表 is the authority then (catalog-code / catalog-name)
        if (kind !== 'economic' || (ctx.catalog && ctx.catalog.names.size > 0)) return;
        const classes = new Map(ECONOMIC_CLASSES.map((c) => [c.code, c.name]));
        for (const row of idx.byCode.values()) {
          const code = row.code!;
          const cls = classes.get(code.slice(0, 3));
          if (cls === undefined) continue; // an unknown 类 is reported once by unknown-class
          const std = code.length === 3 ? { name: cls } : Object.prototype.hasOwnProperty.call(ECONOMIC_KUAN, code) ? ECONOMIC_KUAN[code] : undefined;
          if (rule.id === 'economic-code') {
            if (!std)
              f(row, `${title(t)}科目 ${rowDesc(row)} 的编码 ${code} 不是部门预算支出经济分类科目的款：${code.slice(0, 3)} ${cls}下没有 ${code}；请核对编码。`);
            continue;
          }
          if (!std || !row.name) continue;
          const n = norm(row.name);
          if (norm(std.name) === n || std.aliases?.some((a) => norm(a) === n)) continue;
          const cells = [row.nameCell ?? row.codeCell!, ...(row.nameCell && row.codeCell && row.codeCell.address !== row.nameCell.address ? [row.codeCell] : [])];
          const level = code.length === 3 ? '类' : '款';
          f(row, `${title(t)}${level}级科目 ${code} 的名称为“${row.name}”，部门预算支出经济分类科目中 ${code} 为“${std.name}”；请核对编码或名称。`, cells);
        }
        return;
      }
    }
  }
}

// Names --------------------------------------------------------------------------------------------

interface NameUse {
  code: string;
  name: string;
  row: Row;
  table: Table;
  kind: TreeKind;
}

/** The name's cell (the code's when code and name share a column); made when a finding needs it. */
const nameCell = (u: NameUse): CellRef => u.row.nameCell ?? u.row.labelCell ?? u.row.codeCell!;

const nameUseCache = new WeakMap<Ctx, NameUse[]>();

function nameUses(ctx: Ctx): NameUse[] {
  const hit = nameUseCache.get(ctx);
  if (hit) return hit;
  const out: NameUse[] = [];
  nameUseCache.set(ctx, out);
  for (const t of ctx.tables.values()) {
    for (const b of t.blocks) {
      if (isTree(b)) {
        const kind = treeKind(b);
        const levels = treeIndex(b).levels;
        for (let i = 0; i < b.rows.length; i++) {
          const row = b.rows[i];
          if (row.kind === 'code' && row.code && row.name && levels[i] > 0) out.push({ code: row.code, name: row.name, row, table: t, kind });
        }
      } else if (b.def.id === 'expense') {
        const items = (b.def.rows as { items: ItemDef[] }).items;
        for (const row of b.rows) {
          const it = items.find((i) => i.key === row.key);
          if (it?.classCode && row.label && row.labelCell)
            out.push({ code: it.classCode, name: stripOrdinal(row.label), row, table: t, kind: 'functional' });
        }
      }
    }
  }
  return out;
}

function names(rule: Rule<'names'>, ctx: Ctx): void {
  const uses = nameUses(ctx);
  if (rule.id === 'name-consistency') {
    const byCode = { functional: new Map<string, NameUse[]>(), economic: new Map<string, NameUse[]>() };
    for (const u of uses) {
      const m = byCode[u.kind];
      const list = m.get(u.code);
      if (list) list.push(u);
      else m.set(u.code, [u]);
    }
    for (const list of [...byCode.functional.values(), ...byCode.economic.values()]) {
      // the usual case: the same text everywhere, nothing to normalise
      let same = true;
      for (let i = 1; i < list.length && same; i++) same = list[i].name === list[0].name;
      if (same) continue;
      const counts = new Map<string, NameUse[]>();
      for (const u of list) {
        const k = norm(u.name);
        const l = counts.get(k);
        if (l) l.push(u);
        else counts.set(k, [u]);
      }
      if (counts.size < 2) continue;
      let major: NameUse[] = [];
      for (const l of counts.values()) if (l.length > major.length) major = l;
      const m = major[0];
      for (const [k, l] of counts) {
        if (k === norm(m.name)) continue;
        for (const u of l) {
          const cell = nameCell(u);
          const codeCell = u.row.codeCell;
          push(ctx, {
            rule: rule.id,
            severity: rule.severity,
            table: u.table.id,
            message: `科目 ${u.code} 在${title(u.table)}中名称为“${u.name}”，而在${title(m.table)}中为“${m.name}”：同一科目编码应使用同一名称。`,
            // the name or the code may be the wrong one: both cells of the odd row, then the usual name
            cells: [cell, ...(codeCell && codeCell.address !== cell.address ? [codeCell] : []), nameCell(m)],
            expected: m.name,
            actual: u.name,
          });
        }
      }
    }
    return;
  }
  const cat = ctx.catalog;
  if (!cat || cat.names.size === 0) return;
  const grouped = new Map<string, NameUse[]>();
  for (const u of uses) {
    const k = u.code + '\u0000' + norm(u.name);
    const l = grouped.get(k);
    if (l) l.push(u);
    else grouped.set(k, [u]);
  }
  for (const list of grouped.values()) {
    const u = list[0];
    const want = cat.names.get(u.code);
    const where = list.map((x) => title(x.table)).filter((v, i, a) => a.indexOf(v) === i).join('、');
    if (rule.id === 'catalog-code' && want === undefined) {
      push(ctx, {
        rule: rule.id,
        severity: rule.severity,
        table: u.table.id,
        message: `科目 ${u.code} ${u.name}（${where}）不在科目表“${cat.source}”中，请核对编码。`,
        cells: list.map(nameCell),
      });
    } else if (rule.id === 'catalog-name' && want !== undefined && norm(want) !== norm(u.name)) {
      push(ctx, {
        rule: rule.id,
        severity: rule.severity,
        table: u.table.id,
        message: `科目 ${u.code} 在${where}中名称为“${u.name}”，科目表“${cat.source}”中为“${want}”。`,
        cells: list.map(nameCell),
        expected: want,
        actual: u.name,
      });
    }
  }
}

// Fixed rows ---------------------------------------------------------------------------------------

function itemSum(rule: Rule<'item-sum'>, ctx: Ctx): void {
  const t = ctx.tables.get(rule.table);
  if (!t) return;
  const b = blockOf(t, rule.block);
  if (!b) return;
  const totalRow = findRow(b, rule.total);
  if (!totalRow) return;
  const except = new Set(rule.except ?? []);
  const partRows: Row[] = [];
  for (const p of rule.parts) {
    if (p.endsWith('*')) {
      const prefix = p.slice(0, -1);
      for (const r of b.rows) if (r.key.startsWith(prefix) && !except.has(r.key) && r.key !== rule.total && !partRows.includes(r)) partRows.push(r);
    } else {
      const r = findRow(b, p);
      if (r) partRows.push(r);
    }
  }
  if (partRows.length === 0) return;
  for (const col of b.roles) {
    const total = totalRow.values[col];
    if (!total) continue;
    const parts = partRows.map((r) => r.values[col]).filter((a): a is Amount => !!a);
    if (sumMatches(parts, total)) continue;
    const expected = sum(parts.map((p) => p.v));
    const colText = b.roles.length > 1 ? ` ${colLabel(b, col)}` : '';
    push(ctx, {
      rule: rule.id,
      severity: rule.severity,
      table: t.id,
      message: `${title(t)} ${rowDesc(totalRow)}${colText} ${fmt(total.v)} ≠ ${rule.partsLabel}之和 ${fmt(expected)}${diffNote(expected, total.v, nonZero(parts))}`,
      cells: [total.cell, ...parts.map((p) => p.cell)],
      expected: fmt(expected),
      actual: fmt(total.v),
    });
  }
}

// Across tables ------------------------------------------------------------------------------------

interface Resolved {
  v: Money;
  cells: CellRef[];
  desc: string;
  found: boolean;
}

function resolve(ctx: Ctx, refs: Ref[]): Resolved | undefined {
  let v = ZERO;
  const cells: CellRef[] = [];
  const descs: string[] = [];
  let found = false;
  for (const r of refs) {
    const t = ctx.tables.get(r.t);
    if (!t) return undefined;
    const b = blockOf(t, r.b);
    if (!b) return undefined;
    const row = findRow(b, r.row);
    if (!row) continue;
    const a = row.values[r.col];
    if (!a) continue;
    if (uncalculated(a)) return undefined; // an unknown figure: the pair is not judged
    found = true;
    v = v.plus(a.v);
    cells.push(a.cell);
    descs.push(`${rowDesc(row)}${b.roles.length > 1 || b.def.id === 'main' ? ' ' + colLabel(b, r.col) : ''}`);
  }
  const t0 = refs[0].t;
  return { v, cells, desc: `${title(t0)} ${descs.join('＋')}`, found };
}

function crossPairs(rule: Rule<'cross-pairs'>, ctx: Ctx, sameTable: boolean): void {
  for (const p of rule.pairs) {
    const l = resolve(ctx, p.left);
    const r = resolve(ctx, p.right);
    if (!l || !r || !l.found || !r.found) continue;
    const rel = p.relation ?? 'eq';
    const bad = rel === 'eq' ? !l.v.eq(r.v) : rel === 'le' ? l.v.gt(r.v) : l.v.lt(r.v);
    if (!bad) continue;
    const rdesc = sameTable ? r.desc.replace(title(p.right[0].t) + ' ', '') : r.desc;
    push(ctx, {
      rule: rule.id,
      severity: rule.severity,
      table: p.left[0].t,
      message: `${p.what}不一致：${l.desc} ${fmt(l.v)} ≠ ${rdesc} ${fmt(r.v)}${diffNote(r.v, l.v, l.cells.length + r.cells.length - 1)}`,
      cells: [...l.cells, ...r.cells],
      expected: fmt(r.v),
      actual: fmt(l.v),
    });
  }
}

const keyedCache = new WeakMap<Block, Partial<Record<'codes' | 'classes', Map<string, Row>>>>();

/** Rows of a block by key (read-only; built once per block and kind). */
function keyedRows(t: Table, b: Block, rows: 'codes' | 'classes'): Map<string, Row> {
  let entry = keyedCache.get(b);
  if (!entry) keyedCache.set(b, (entry = {}));
  return (entry[rows] ??= buildKeyedRows(t, b, rows));
}

function buildKeyedRows(t: Table, b: Block, rows: 'codes' | 'classes'): Map<string, Row> {
  const out = new Map<string, Row>();
  if (isTree(b)) {
    const idx = treeIndex(b);
    if (rows === 'classes') for (const r of idx.classes) out.set(r.code!, r);
    else {
      for (const [code, r] of idx.byCode) out.set(code, r);
      if (idx.total) out.set('total', idx.total);
    }
  } else {
    for (const r of b.rows) if (r.key.startsWith('class.') && !out.has(r.key.slice(6))) out.set(r.key.slice(6), r);
  }
  void t;
  return out;
}

/** The keys of several maps, each once, in first-seen order. */
function unionKeys(maps: Map<string, unknown>[]): string[] {
  const out = [...maps[0].keys()];
  for (let i = 1; i < maps.length; i++)
    for (const key of maps[i].keys()) {
      let seen = false;
      for (let j = 0; j < i && !seen; j++) seen = maps[j].has(key);
      if (!seen) out.push(key);
    }
  return out;
}

function crossKeyed(rule: Rule<'cross-keyed'>, ctx: Ctx): void {
  const lt = ctx.tables.get(rule.left.t);
  const rt = ctx.tables.get(rule.right.t);
  if (!lt || !rt) return;
  const lb = blockOf(lt, rule.left.b);
  const rb = blockOf(rt, rule.right.b);
  if (!lb || !rb) return;
  const kl = lb.k(rule.left.col);
  const kr = rb.k(rule.right.col);
  if (kl < 0 || kr < 0) return;
  const L = keyedRows(lt, lb, rule.left.rows);
  const R = keyedRows(rt, rb, rule.right.rows);
  const LC = lb.cents[kl];
  const RC = rb.cents[kr];
  // both tables have the row: compare integer cents (decimal.js only when a figure is not whole cents)
  L.forEach((lr, key) => {
    const rr = R.get(key);
    if (!rr) {
      if (LC[lr.i] !== 0) absentRow(rule, ctx, lt, lr, kl, rt);
      return;
    }
    const lc = LC[lr.i];
    const rc = RC[rr.i];
    // the usual pair: whole cents on both sides, no Amount made
    if (!Number.isNaN(lc) && !Number.isNaN(rc) && (rule.relation === 'eq' ? lc === rc : lc <= rc)) return;
    const la = lr.values[rule.left.col]!;
    const ra = rr.values[rule.right.col]!;
    const d = compare(la, ra);
    if (Number.isNaN(d) || (rule.relation === 'eq' ? d === 0 : d <= 0)) return;
    const lv = la.v;
    const rv = ra.v;
    const desc = key === 'total' ? '合计' : rowDesc(lr);
    const rel = rule.relation === 'eq' ? '≠' : '大于';
    const tail = rule.relation === 'le' ? `：${title(lt)}是${title(rt)}的一部分，不应大于它` : '';
    push(ctx, {
      rule: rule.id,
      severity: rule.severity,
      table: lt.id,
      message: `${desc}：${title(lt)} ${colLabel(lb, rule.left.col)} ${fmt(lv)} ${rel} ${title(rt)} ${colLabel(rb, rule.right.col)} ${fmt(rv)}${tail}${rule.relation === 'eq' ? diffNote(rv, lv, 1) : ''}`,
      cells: [la.cell, ra.cell],
      expected: fmt(rv),
      actual: fmt(lv),
    });
  });
  // an absent left counts 0, never larger
  if (rule.relation === 'le') return;
  R.forEach((rr, key) => {
    if (!L.has(key) && RC[rr.i] !== 0) absentRow(rule, ctx, rt, rr, kr, lt);
  });
}

/** A row with a non-zero amount that the other table lacks. */
function absentRow(rule: Rule<'cross-keyed'>, ctx: Ctx, pt: Table, pr: Row, k: number, at: Table): void {
  const present = pr.block.amount(pr.i, k);
  if (uncalculated(present)) return;
  push(ctx, {
    rule: rule.id,
    severity: rule.severity,
    table: pt.id,
    message: `${title(pt)}有 ${rowDesc(pr)}（${fmt(present.v)}），${title(at)}却没有这一行${rule.absent === 'missing' ? '' : '（按 0 计）'}；两表应一致。`,
    cells: [present.cell, ...(pr.codeCell ? [pr.codeCell] : pr.labelCell ? [pr.labelCell] : [])],
    expected: '0.00',
    actual: fmt(present.v),
  });
}

function fiscal(rule: Rule<'fiscal'>, ctx: Ctx): void {
  const t2 = ctx.tables.get('T2');
  const b2 = t2 && blockOf(t2, 'main');
  const kf = b2 ? b2.k('fiscal') : -1;
  if (!t2 || !b2 || kf < 0) return;
  const kc = b2.k('carry');
  const Rs = (['T5', 'T7', 'T8'] as TableId[])
    .map((id) => ctx.tables.get(id))
    .filter((t): t is Table => !!t)
    .map((t) => ({ t, b: blockOf(t, 'main')! }))
    .filter((x) => x.b && x.b.k('total') >= 0)
    .map((x) => ({ ...x, rows: keyedRows(x.t, x.b, 'codes'), cents: x.b.cents[x.b.k('total')] }));
  if (Rs.length === 0) return;
  const L = keyedRows(t2, b2, 'codes');
  for (const key of unionKeys([L, ...Rs.map((x) => x.rows)])) {
    const row2 = L.get(key);
    // integer cents first: within bounds is the usual answer
    let spentC = 0;
    for (const x of Rs) {
      const row = x.rows.get(key);
      if (row) spentC += x.cents[row.i];
    }
    const loC = row2 ? b2.cents[kf][row2.i] : 0;
    const hiC = loC + (row2 && kc >= 0 ? b2.cents[kc][row2.i] : 0);
    if (Math.abs(spentC) <= MAX_CENTS && Math.abs(hiC) <= MAX_CENTS && spentC >= loC && spentC <= hiC) continue;
    const inc = row2?.values.fiscal;
    const carry = row2?.values.carry;
    const parts = Rs.map((x) => ({ t: x.t, row: x.rows.get(key) })).filter((x) => x.row && x.row.values.total);
    if (uncalculated(inc) || uncalculated(carry) || parts.some((x) => uncalculated(x.row!.values.total))) continue;
    const spent = sum(parts.map((x) => x.row!.values.total!.v));
    const lo = inc?.v ?? ZERO;
    const hi = lo.plus(carry?.v ?? ZERO);
    if (spent.gte(lo) && spent.lte(hi)) continue;
    const anyRow = row2 ?? parts[0]?.row;
    if (!anyRow) continue;
    const desc = key === 'total' ? '合计' : rowDesc(anyRow);
    const spentText = parts.length ? parts.map((x) => `${title(x.t)} ${fmt(x.row!.values.total!.v)}`).join('＋') : '各财政拨款支出表均无此科目';
    const bound = hi.eq(lo) ? `应等于财政拨款收入 ${fmt(lo)}` : `应在财政拨款收入 ${fmt(lo)} 与其加上年结转 ${fmt(hi)} 之间`;
    push(ctx, {
      rule: rule.id,
      severity: rule.severity,
      table: parts[0]?.t.id ?? 'T2',
      message: `${desc}：财政拨款支出 ${fmt(spent)}（${spentText}）${bound}（${title(t2)}）${hi.eq(lo) ? diffNote(lo, spent, parts.length + 1) : ''}`,
      cells: [
        ...parts.map((x) => x.row!.values.total!.cell),
        // a 科目 T2 does not have: its code may be the wrong one
        ...(row2 ? [] : parts.map((x) => x.row!.codeCell).filter((c): c is CellRef => !!c)),
        ...(inc ? [inc.cell] : []),
      ],
      expected: hi.eq(lo) ? fmt(lo) : `${fmt(lo)}–${fmt(hi)}`,
      actual: fmt(spent),
    });
  }
}

function t9t6(rule: Rule<'t9-t6'>, ctx: Ctx): void {
  const t9 = ctx.tables.get('T9');
  const t6 = ctx.tables.get('T6');
  if (!t9 || !t6) return;
  const b9 = blockOf(t9, 'main');
  const b6 = blockOf(t6, 'main');
  if (!b9 || !b6) return;
  const idx = treeIndex(b6);
  const col9 = b9.columns.some((c) => c.role === 'gpb') ? 'gpb' : 'total';
  for (const link of T9_T6_LINKS) {
    const row9 = findRow(b9, link.item);
    const a9 = row9?.values[col9];
    const rows6 = link.codes.map((c) => idx.byCode.get(c)).filter((r): r is Row => !!r);
    const a6 = rows6.map((r) => r.values.total).filter((a): a is Amount => !!a);
    if (!row9 || !a9 || a6.length === 0 || uncalculated(a9) || a6.some(uncalculated)) continue;
    const v6 = sum(a6.map((a) => a.v));
    if (a9.v.gte(v6)) continue;
    push(ctx, {
      rule: rule.id,
      severity: rule.severity,
      table: 'T9',
      message: `${title(t9)} ${rowDesc(row9)} ${colLabel(b9, col9)} ${fmt(a9.v)} 小于${title(t6)} ${rows6.map(rowDesc).join('、')} ${fmt(v6)}：基本支出中的该项经费已计入“三公”经费，“三公”经费表不应更小。`,
      cells: [a9.cell, ...a6.map((a) => a.cell)],
      expected: `≥ ${fmt(v6)}`,
      actual: fmt(a9.v),
    });
  }
}

// Notes --------------------------------------------------------------------------------------------

function emptyNote(rule: Rule<'empty-note'>, ctx: Ctx): void {
  for (const id of rule.tables) {
    const t = ctx.tables.get(id);
    if (!t) continue;
    let empty = true;
    for (const b of t.blocks)
      for (let k = 0; k < b.roles.length && empty; k++)
        for (let i = 0; i < b.rows.length && empty; i++) if (b.state[k][i] === ISSUE || b.cents[k][i] !== 0) empty = false;
    const says = !!t.note && /空表/.test(t.note.text);
    if (empty && !says) {
      const at: CellRef = { sheet: t.sheet, address: address(t.range.bottom + 1, t.range.left) };
      push(ctx, {
        rule: rule.id,
        severity: rule.severity,
        table: t.id,
        message: `${title(t)}没有数据，但表下未注明空表原因；应注明“${t.def.note?.empty ?? '注：……空表列示。'}”`,
        cells: [at, t.titleCell],
        expected: t.def.note?.empty,
      });
    } else if (!empty && says) {
      push(ctx, {
        rule: rule.id,
        severity: 'warning',
        table: t.id,
        message: `${title(t)}注明“${t.note!.text}”，但表中有金额；请删除该注或核对数据。`,
        cells: [t.note!.cell],
      });
    }
  }
}

function t6Split(rule: Rule<'t6-split'>, ctx: Ctx): void {
  const t = ctx.tables.get('T6');
  const b = t && blockOf(t, 'main');
  if (!t || !b) return;
  const kPublic = b.k('public');
  const kPersonnel = b.k('personnel');
  for (const row of b.rows) {
    if (row.kind !== 'code' || !row.code || row.code.length < 3) continue;
    const personnelClass = PERSONNEL_ECONOMIC_CLASSES.includes(row.code.slice(0, 3));
    const k = personnelClass ? kPublic : kPersonnel;
    if (k < 0 || b.cents[k][row.i] === 0) continue;
    const wrong = b.amount(row.i, k);
    if (uncalculated(wrong)) continue;
    push(ctx, {
      rule: rule.id,
      severity: rule.severity,
      table: t.id,
      message: personnelClass
        ? `${title(t)} ${rowDesc(row)} 属于人员经费（301 工资福利支出、303 对个人和家庭的补助），公用经费栏却有 ${fmt(wrong.v)}。`
        : `${title(t)} ${rowDesc(row)} 属于公用经费，人员经费栏却有 ${fmt(wrong.v)}（人员经费只含 301 和 303 类）。`,
      cells: [wrong.cell],
      expected: '0.00',
      actual: fmt(wrong.v),
    });
  }
}

