// The economic classification a workbook is judged by: the national list, or the earlier catalogue of
// its template's year (any of them when the year is not stated).
import type { EconomicKuan } from '../model/economic-kuan';
import { ECONOMIC_KUAN } from '../model/economic-kuan';
import { ECONOMIC_CLASSES } from '../profiles/classes';
import { norm } from '../profiles/text';
import type { Ctx } from './context';

export interface EconomicCatalog {
  classes: Map<string, string>;
  kuan: Record<string, EconomicKuan>;
}

const NATIONAL: EconomicCatalog = { classes: new Map(ECONOMIC_CLASSES.map((c) => [c.code, c.name])), kuan: ECONOMIC_KUAN };
const cache = new WeakMap<Ctx, EconomicCatalog[]>();

export function economicCatalogs(ctx: Ctx): EconomicCatalog[] {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const earlier = (ctx.profile.earlierEconomic ?? []).map((e) => ({
    untilYear: e.untilYear,
    cat: { classes: new Map(e.classes.map((c) => [c.code, c.name])), kuan: e.kuan },
  }));
  let out: EconomicCatalog[];
  if (earlier.length === 0) out = [NATIONAL];
  else if (ctx.year === undefined) out = [NATIONAL, ...earlier.map((e) => e.cat)];
  else out = [earlier.filter((e) => ctx.year! <= e.untilYear).sort((a, b) => a.untilYear - b.untilYear)[0]?.cat ?? NATIONAL];
  cache.set(ctx, out);
  return out;
}

/** The standard entry of an economic code (类 or 款) in one catalogue. */
export function economicStd(cat: EconomicCatalog, code: string): EconomicKuan | undefined {
  if (code.length === 3) {
    const n = cat.classes.get(code);
    return n === undefined ? undefined : { name: n };
  }
  if (!cat.classes.has(code.slice(0, 3))) return undefined;
  return Object.prototype.hasOwnProperty.call(cat.kuan, code) ? cat.kuan[code] : undefined;
}

/** Whether a printed name is the code's name (or an accepted earlier one) in the catalogue. */
export function economicNameOk(std: EconomicKuan, name: string): boolean {
  const n = norm(name);
  return norm(std.name) === n || !!std.aliases?.some((a) => norm(a) === n);
}

/** Whether a T6 row's name is not its code's name in any catalogue that has the code (its figure is then of unknown kind). */
export function economicNameWrong(ctx: Ctx, code: string, name: string | undefined): boolean {
  if (!name || (ctx.catalog && ctx.catalog.names.size > 0)) return false;
  const stds = economicCatalogs(ctx)
    .map((c) => economicStd(c, code))
    .filter((s): s is EconomicKuan => !!s);
  return stds.length > 0 && !stds.some((s) => economicNameOk(s, name));
}
