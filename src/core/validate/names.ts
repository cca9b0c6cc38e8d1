// Names: one code, one name across the workbook; codes and names against a supplied catalog.
import type { CellRef } from '../model/grid';
import type { Row, Table } from '../model/model';
import type { ItemDef, TreeKind } from '../profiles/types';
import { norm, stripOrdinal } from '../profiles/text';
import type { Ctx, Rule } from './context';
import { title, push, isTree, treeKind } from './context';
import { treeIndex } from './tree-index';

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

export function names(rule: Rule<'names'>, ctx: Ctx): void {
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
          }, { name: { code: u.code, cell, name: u.name, want: m.name, wantFromMajority: true, row: u.row } });
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
      }, { culprits: list.map(nameCell) });
    } else if (rule.id === 'catalog-name' && want !== undefined && norm(want) !== norm(u.name)) {
      push(ctx, {
        rule: rule.id,
        severity: rule.severity,
        table: u.table.id,
        message: `科目 ${u.code} 在${where}中名称为“${u.name}”，科目表“${cat.source}”中为“${want}”。`,
        cells: list.map(nameCell),
        expected: want,
        actual: u.name,
      }, { culprits: list.map(nameCell) });
    }
  }
}
