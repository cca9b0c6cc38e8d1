// 科目 trees: codes, parents, order, duplicates, childless parents, known 类 and names; T6's split.
import type { CellRef } from '../model/grid';
import type { Block, Row, Table } from '../model/model';
import { uncalculated } from '../model/model';
import { ECONOMIC_CLASSES, PERSONNEL_ECONOMIC_CLASSES } from '../profiles/classes';
import { norm } from '../profiles/text';
import { fmt } from '../model/money';
import type { EconomicKuan } from '../model/economic-kuan';
import { economicCatalogs, economicNameOk, economicStd } from './economic';
import type { Ctx, Rule } from './context';
import { title, rowDesc, push, blockOf } from './context';
import { treeIndex, treeBlocks } from './tree-index';
import type { Tie } from './relations';

export function tree(rule: Rule<'tree'>, ctx: Ctx): void {
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
    const f = (row: Row, message: string, cells?: CellRef[], tie?: Tie) =>
      push(ctx, { rule: rule.id, severity: sev, table: t.id, message, cells: cells ?? [row.codeCell ?? row.nameCell!].filter(Boolean) }, tie);
    switch (rule.id) {
      case 'tree-code':
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i];
          if (row.kind === 'code' && levels[i] === 0) {
            const want = kind === 'functional' ? '3 位（类）、5 位（款）或 7 位（项）数字' : '3 位（类）或 5 位（款）数字';
            f(row, `${title(t)}第 ${row.r + 1} 行的科目编码“${row.code}”格式不对：${treeName}编码应为${want}。`, undefined, { code: row });
          } else if (row.kind === 'unknown' && Object.values(row.values).some((a) => a && !a.blank && a.c !== 0)) {
            f(row, `${title(t)}第 ${row.r + 1} 行“${row.name ?? ''}”有金额但没有科目编码。`, [row.codeCell ?? row.nameCell!].filter(Boolean));
          }
        }
        // codes split over 类 | 款 | 项 columns: a part of the wrong width (a lost leading 0, a 类 cut short)
        for (const x of t.issues) {
          if (x.kind !== 'code-part') continue;
          const row = rows.find((y) => y.r === x.r);
          const what = ['类', '款', '项'][x.level];
          const width = x.level === 0 ? '三' : '两';
          const how =
            x.level > 0 && x.part.length === 1
              ? `首位的 0 可能丢失了，按“0${x.part}”读取`
              : x.level === 0 && x.read.length >= 3 && x.read.slice(0, 3) !== x.part
                ? `按上一行的类 ${x.read.slice(0, 3)} 读取`
                : '';
          push(ctx, {
            rule: rule.id,
            severity: sev,
            table: t.id,
            message: `${title(t)}第 ${x.r + 1} 行${row?.name ? ' ' + row.name : ''}的科目编码“${x.text}”中的${what}“${x.part}”不是${width}位数字${how ? `（${how}）` : ''}。`,
            cells: [x.cell],
          });
        }
        return;
      case 'tree-duplicate':
        for (const { row, first } of idx.dups)
          f(row, `${title(t)}科目 ${row.code} ${row.name ?? ''} 出现了两次（第 ${first.r + 1} 行和第 ${row.r + 1} 行），同一科目只应列一行。`, [row.codeCell!, first.codeCell!], { duplicate: row });
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
            f(row, `${title(t)}科目 ${rowDesc(row)} 缺少上级科目 ${p}：${lvl === 2 ? '款' : '项'}级科目应列在其上级${lvl === 2 ? '类' : '款'}之下。`, undefined, {
              needs: { b, fits: (key) => key === p },
            });
          } else {
            const under = lvl === 2 ? curClass : curKuan;
            if (under && under.code !== p)
              f(row, `${title(t)}科目 ${rowDesc(row)} 排在 ${rowDesc(under)} 之下，但其编码属于 ${rowDesc(parentRow)}：科目放错了上级。`, [row.codeCell!, under.codeCell!], {
                code: row,
                under,
              });
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
          f(row, `${title(t)}科目 ${rowDesc(row)} 下没有${child}级科目：公开表应细化到${kind === 'functional' ? '项' : '款'}级。`, undefined, {
            needs: { b, fits: (key) => key.length > row.code!.length && key.startsWith(row.code!) },
          });
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
            f(row, `${title(t)}科目 ${rowDesc(row)} 排在 ${rowDesc(prev)} 之后，科目应按编码从小到大排列。`, [row.codeCell!, prev.codeCell!], { culprits: [row.codeCell!, prev.codeCell!] });
          lastByParent.set(p, row);
        }
        return;
      }
      case 'unknown-class': {
        const classes = kind === 'functional' ? ctx.profile.functionalClasses : ECONOMIC_CLASSES;
        const known = new Set(kind === 'functional' ? classes.map((c) => c.code) : economicCatalogs(ctx).flatMap((c) => [...c.classes.keys()]));
        const reported = new Set<string>();
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i];
          if (row.kind !== 'code' || !row.code || levels[i] === 0) continue;
          const cls = row.code.slice(0, 3);
          if (known.has(cls) || reported.has(cls)) continue;
          reported.add(cls);
          f(row, `${title(t)}科目 ${rowDesc(row)} 的类级编码 ${cls} 不是${treeName}的类（${kind === 'functional' ? `${classes[0].code}–${classes[classes.length - 1].code} 中规定的 ${classes.length} 类` : '301、302、303、307、309–313、399'}）。`, undefined, { code: row });
        }
        return;
      }
      case 'class-name': {
        if (kind === 'economic') return; // economic-name holds economic names to the national list
        const std = new Map(ctx.profile.functionalClasses.map((c) => [c.code, c.name]));
        for (const row of idx.classes) {
          const want = std.get(row.code!);
          if (!want || !row.name || norm(row.name) === norm(want)) continue;
          f(row, `${title(t)}类级科目 ${row.code} 的名称为“${row.name}”，标准名称为“${want}”。`, [row.nameCell ?? row.codeCell!], {
            name: { code: row.code!, cell: row.nameCell ?? row.codeCell!, name: row.name, want, row },
          });
        }
        return;
      }
      case 'economic-code':
      case 'economic-name': {
        // a supplied 科目表 is the authority then (catalog-code / catalog-name)
        if (kind !== 'economic' || (ctx.catalog && ctx.catalog.names.size > 0)) return;
        const cats = economicCatalogs(ctx);
        for (const row of idx.byCode.values()) {
          const code = row.code!;
          const cls = cats.map((c) => c.classes.get(code.slice(0, 3))).find((n) => n !== undefined);
          if (cls === undefined) continue; // an unknown 类 is reported once by unknown-class
          const stds = cats.map((c) => economicStd(c, code)).filter((x): x is EconomicKuan => !!x);
          if (rule.id === 'economic-code') {
            if (stds.length === 0)
              f(row, `${title(t)}科目 ${rowDesc(row)} 的编码 ${code} 不是部门预算支出经济分类科目的款：${code.slice(0, 3)} ${cls}下没有 ${code}；请核对编码。`, undefined, { code: row });
            continue;
          }
          if (stds.length === 0 || !row.name) continue;
          if (stds.some((std) => economicNameOk(std, row.name!))) continue;
          const cells = [row.nameCell ?? row.codeCell!, ...(row.nameCell && row.codeCell && row.codeCell.address !== row.nameCell.address ? [row.codeCell] : [])];
          const level = code.length === 3 ? '类' : '款';
          f(row, `${title(t)}${level}级科目 ${code} 的名称为“${row.name}”，部门预算支出经济分类科目中 ${code} 为“${stds[0].name}”；请核对编码或名称。`, cells, {
            name: { code, cell: cells[0], name: row.name, want: stds[0].name, row },
          });
        }
        return;
      }
    }
  }
}

export function t6Split(rule: Rule<'t6-split'>, ctx: Ctx): void {
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
