// Notes: an empty T7/T8/T9 says so (空表列示).
import type { CellRef } from '../model/grid';
import { ISSUE } from '../model/model';
import { address } from '../model/grid';
import type { Ctx, Rule } from './context';
import { title, push } from './context';

/** a note that says the table is empty: 空表列示, 故本表为空表, 故本表无数据 (Shanghai 2026) */
const SAYS_EMPTY = /空表|表为空|本表无数据/;

export function emptyNote(rule: Rule<'empty-note'>, ctx: Ctx): void {
  // the named tables, or every table whose template gives it an empty-table note
  const tables = rule.tables ? rule.tables.map((id) => ctx.tables.get(id)) : [...ctx.tables.values()].filter((t) => t.def.note);
  for (const t of tables) {
    if (!t) continue;
    let empty = true;
    for (const b of t.blocks)
      for (let k = 0; k < b.roles.length && empty; k++)
        for (let i = 0; i < b.rows.length && empty; i++) if (b.state[k][i] === ISSUE || b.cents[k][i] !== 0) empty = false;
    const says = !!t.note && SAYS_EMPTY.test(t.note.text);
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
