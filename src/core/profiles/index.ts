// The template profiles: one data file per region's template. Adding a region = adding a file and
// listing it here (README: "Adding a template").
import type { Report, TableId } from '../model/findings';
import type { ItemDef, Profile, TableDef } from './types';
import { HEBEI } from './hebei';
import { SHANGHAI } from './shanghai';
import { JIANGSU } from './jiangsu';
import { norm } from './text';

/** Every profile; the first is the default (and wins ties in recognition). */
export const PROFILES: Profile[] = [HEBEI, SHANGHAI, JIANGSU];

export const DEFAULT_PROFILE = HEBEI;

export function profileById(id: string): Profile | undefined {
  return PROFILES.find((p) => p.id === id);
}

/**
 * The template of a text read without its tables (Jiangsu publishes text and tables as two PDFs): the
 * region the text names most often (上海, 江苏, 河北 …), else the default.
 */
export function profileOfText(text: string): Profile {
  let best = DEFAULT_PROFILE;
  let most = 0;
  for (const p of PROFILES) {
    const region = p.name.replace(/[省市]$/, '');
    const n = text.split(region).length - 1;
    if (n > most) [best, most] = [p, n];
  }
  return best;
}

const tableIndex = new WeakMap<Profile, Map<TableId, TableDef>>();

/** A profile's table definition by id. */
export function tableDef(p: Profile, id: TableId): TableDef | undefined {
  let m = tableIndex.get(p);
  if (!m) tableIndex.set(p, (m = new Map(p.tables.map((t) => [t.id, t]))));
  return m.get(id);
}

/** The canonical title of one of the nine tables of the Hebei template (generation, default labels). */
export function tableTitle(id: TableId): string {
  return tableDef(HEBEI, id)?.title ?? id;
}

/**
 * How surfaces label a table: '3 部门预算支出总表' in the Hebei template (its tables are numbered the
 * same every year), else the title as the report names it; '整个工作簿' for workbook-wide findings.
 */
export function tableLabel(id: TableId | undefined, report?: Pick<Report, 'profile' | 'tables'>): string {
  if (!id) return '整个工作簿';
  const p = (report?.profile && profileById(report.profile)) || DEFAULT_PROFILE;
  const def = tableDef(p, id);
  if (!p.printedTitles && def?.no) return `${def.no} ${def.title}`;
  return report?.tables.find((t) => t.table === id)?.title ?? def?.title ?? id;
}

/** Matches a title text to a table of the profile: the longest title core the text ends with. */
export function matchTitle(p: Profile, text: string): TableId | undefined {
  return matchTitleCore(p, text)?.id;
}

/** The table a title names and the length of the title core it ends with (longer: more specific). */
export function matchTitleCore(p: Profile, text: string): { id: TableId; len: number } | undefined {
  const t = norm(text)
    .replace(/（[^（）]*）$/, '')
    .replace(/(表[一二三四五六七八九十\d]+([-－—]\d+)?|公开\d+表)$/, '')
    .replace(/[。.]+$/, '');
  if (t.length < 4 || t.length > 60) return undefined;
  let best: { id: TableId; len: number } | undefined;
  for (const def of p.tables) {
    for (const core of def.titleCores) {
      if (t.endsWith(core) && (!best || core.length > best.len)) best = { id: def.id, len: core.length };
    }
  }
  return best;
}

/** Whether an item applies to a template year. */
export function itemInYear(item: ItemDef, year: number | undefined): boolean {
  if (year === undefined) return true;
  if (item.fromYear !== undefined && year < item.fromYear) return false;
  if (item.untilYear !== undefined && year > item.untilYear) return false;
  return true;
}

export type { Profile, TableDef, BlockDef, ColumnDef, ItemDef, ClassDef, TreeKind, Currency } from './types';
export { norm, stripOrdinal, chineseOrdinal } from './text';
export * from './classes';
