// Table titles: the texts that may be titles (read once per sheet), matched against a profile's titles.
import type { Sheet } from '../../model/grid';
import type { TableId } from '../../model/findings';
import type { Profile } from '../../profiles/types';
import { matchTitleCore } from '../../profiles';
import { norm } from '../../profiles/text';

export interface TitleCandidate {
  r: number;
  c: number;
  text: string;
}

export interface TitleHit extends TitleCandidate {
  id: TableId;
  /** length of the title core matched (a longer one names the table more specifically) */
  len: number;
}

/** Cells that may hold a title: texts of at most 80 characters with 表 in them, in reading order. */
export function titleCandidates(sheet: Sheet): TitleCandidate[] {
  const out: TitleCandidate[] = [];
  const rows = sheet.rows;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (!cell || typeof cell.value !== 'string') continue;
      const v = cell.value;
      if (v.length > 80 || v.indexOf('表') < 0) continue;
      out.push({ r, c, text: v });
    }
  }
  return out;
}

/** The profile's titles among the candidates: one per row, the first that matches. */
export function findTitles(p: Profile, sheet: Sheet, cands: TitleCandidate[]): TitleHit[] {
  const hits: TitleHit[] = [];
  let lastRow = -1;
  for (const x of cands) {
    if (x.r === lastRow) continue;
    const m = matchTitleCore(p, x.text);
    if (m) {
      hits.push({ id: m.id, len: m.len, r: x.r, c: x.c, text: x.text.trim() });
      lastRow = x.r;
    }
  }
  if (hits.length === 0) {
    // A sheet whose title row was lost: fall back to its name.
    const m = matchTitleCore(p, sheet.name.replace(/^\s*\d+[\s.、_-]*/, ''));
    if (m) hits.push({ id: m.id, len: m.len, r: -1, c: 0, text: sheet.name });
  }
  return hits;
}

/** A title of some other table (项目支出预算表, 政府采购预算表 …): a short text ending in 表 about budget figures. */
export function looksLikeTitle(text: string): boolean {
  const t = norm(text).replace(/（[^（）]*）$/, '');
  return t.length >= 6 && t.length <= 40 && /表$/.test(t) && /预算|经费|支出|收入|采购|资产|绩效/.test(t) && !/^(表|附表|公开)?[\d一二三四五六七八九十]+表?$/.test(t);
}


/** A printed title without its list number ('一、' '公开 01 表：' '表一'), as messages name the table. */
export function printedTitle(text: string): string {
  return text.trim().replace(/^(公开\s*\d+\s*表[：:]?|表[一二三四五六七八九十\d]+[：:、]?|[一二三四五六七八九十]+[、.．]|\d+[\s.、_-]+)\s*/, '') || text.trim();
}
