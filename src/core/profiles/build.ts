// Building blocks the profile files share: common columns, the 类 rows of a catalogue, refs.
import type { TableId } from '../model/findings';
import type { Ref } from '../validate/rules';
import type { ClassDef, ColumnDef, ItemDef } from './types';
import { chineseOrdinal, escapeRe, norm } from './text';

export const amount = (role: string, label: string, match: RegExp[], optional = false): ColumnDef => ({
  role,
  label,
  match,
  kind: 'amount',
  optional,
});

export const CODE_COL: ColumnDef = { role: 'code', label: '科目编码', match: [/科目编码|编码|代码/], kind: 'code' };
// '功能分类科目' / '支出功能分类科目' alone over one column: code and name written in one cell
export const NAME_COL: ColumnDef = { role: 'name', label: '科目名称', match: [/科目名称|名称/, /分类科目$|^科目$/], kind: 'name' };
export const LABEL_COL: ColumnDef = { role: 'label', label: '项目', match: [/项目$|^项目|科目$/], kind: 'label' };

/** The expense rows listing a catalogue's 类 (T1, T4): key 'class.<code>', matched by name (with or without 支出). */
export function classItems(classes: ClassDef[], opts: { optional?: boolean } = {}): ItemDef[] {
  return classes.map((c, i) => ({
    key: 'class.' + c.code,
    label: c.name,
    classCode: c.code,
    ordinal: chineseOrdinal(i) + '、',
    match: [c.name, ...(c.aliases ?? [])].flatMap((n) => [
      new RegExp('^' + escapeRe(norm(n)) + '$'),
      new RegExp('^' + escapeRe(norm(n).replace(/支出$/, '')) + '$'),
    ]),
    ...(opts.optional ? { optional: true } : {}),
  }));
}

export const ref = (t: TableId, b: string | undefined, row: string, col: string): Ref => ({ t, b, row, col });
