// The text family of rules (kind 'text' in rules.ts): the explanatory text read once into claims, then
// each rule reports its part. Findings carry `quote` (an exact substring of the text).
import type { Finding, TextSummary } from '../../model/findings';
import type { TextDoc } from './doc';
import { DEFAULT_PROFILE, profileById } from '../../profiles';
import { TEXT_RULES } from '../rules';
import type { Ctx, Rule } from '../context';
import { push } from '../context';
import type { TextTerms } from '../../profiles/text-terms';
import type { Profile } from '../../profiles/types';
import { HEBEI_TEXT_TERMS } from '../../profiles/text-terms-hebei';
import type { TextReading } from './claims';
import { readText } from './claims';
import type { TextCtx, TextFinding } from './check';
import * as check from './check';
import { isMoneyUnit } from './figures';
import { readable } from './doc';

export type { TextDoc } from './doc';
export { docFromParagraphs, docFromSheet, TEXT_SHEET_NAMES } from './doc';

/** The table of names of a profile (the standard template's when the profile has none). */
export function textTerms(profile?: Profile): TextTerms {
  return profile?.textTerms ?? HEBEI_TEXT_TERMS;
}

const cache = new WeakMap<Ctx, TextCtx>();

function textCtx(ctx: Ctx): TextCtx | undefined {
  if (!ctx.text) return undefined;
  let tc = cache.get(ctx);
  if (!tc) {
    const terms = textTerms(ctx.profile);
    const r: TextReading = readText(ctx.text, terms, { year: ctx.year });
    const counts = new Map<string, number>();
    for (const c of r.claims) if (isMoneyUnit(c.unit)) counts.set(c.unit, (counts.get(c.unit) ?? 0) + 1);
    // ties go to 万元, the unit texts are written in
    const unit = ([...counts].sort((a, b) => b[1] - a[1] || (a[0] === '万元' ? -1 : b[0] === '万元' ? 1 : 0))[0]?.[0] as TextCtx['unit'] | undefined) ?? '万元';
    tc = { ctx, r, terms, unit };
    cache.set(ctx, tc);
  }
  return tc;
}

/** Every check run once over the text, findings by rule id. */
function findings(tc: TextCtx): Map<string, TextFinding[]> {
  if (tc.findings) return tc.findings;
  const out = new Map<string, TextFinding[]>();
  const emit = (id: string, f: TextFinding): void => {
    const list = out.get(id);
    if (list) list.push(f);
    else out.set(id, [f]);
  };
  check.checkFigures(tc, emit);
  check.checkSubjects(tc, emit);
  check.checkNoUnit(tc, emit);
  check.checkLists(tc, emit);
  check.checkChanges(tc, emit);
  check.checkShares(tc, emit);
  check.checkRestated(tc, emit);
  check.checkYears(tc, emit, tc.ctx.year);
  check.checkEntity(tc, emit);
  check.checkLeftovers(tc, emit);
  check.checkNoFigure(tc, emit);
  check.checkDuplicates(tc, emit);
  return (tc.findings = out);
}

export function text(rule: Rule<'text'>, ctx: Ctx): void {
  const tc = textCtx(ctx);
  if (!tc) return;
  for (const f of findings(tc).get(rule.id) ?? []) push(ctx, { rule: rule.id, severity: rule.severity, ...f, cells: [...f.cells, ...textCell(tc, f.quote)] });
}

/** A text read from a sheet: the cell holding the quoted clause, after the table cells compared. */
function textCell(tc: TextCtx, quote: string | undefined): { sheet: string; address: string }[] {
  const cells = tc.r.doc.cells;
  if (!cells || !quote) return [];
  const at = tc.r.doc.text.indexOf(quote);
  if (at < 0) return [];
  let para = 0;
  for (let i = tc.r.doc.text.indexOf('\n'); i >= 0 && i < at; i = tc.r.doc.text.indexOf('\n', i + 1)) para++;
  return cells[para] ? [cells[para]] : [];
}

/** What was read and checked; undefined when no text was given. */
export function textSummary(ctx: Ctx): TextSummary | undefined {
  const tc = textCtx(ctx);
  if (!tc) return undefined;
  const unchecked = tc.r.claims.filter((c) => !c.checked).map((c) => readable(tc.r.view.s.slice(c.from, c.to)));
  return { source: tc.r.doc.source, claims: tc.r.claims.length, checked: tc.r.claims.length - unchecked.length, unchecked };
}

/**
 * A text checked on its own (no tables: only what the text says about itself), read with the names of a
 * template (its profile id): 其中 lists, 比上年 arithmetic, shares, repeats, leftovers.
 */
export function checkTextAlone(doc: TextDoc, profile: string): { findings: Finding[]; text: TextSummary } {
  const p = profileById(profile) ?? DEFAULT_PROFILE;
  const ctx: Ctx = { profile: p, tables: new Map(), rec: { profile: p, tables: [], duplicates: [], unknown: [] }, text: doc, out: [] };
  for (const rule of TEXT_RULES) if (rule.kind === 'text') text(rule, ctx);
  return { findings: ctx.out, text: textSummary(ctx)! };
}
