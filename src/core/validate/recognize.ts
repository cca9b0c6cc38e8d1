// Table recognition: picks the template profile whose titles and headers the workbook carries, finds
// its tables wherever they are (by title), then reads each table's header rows, columns and data rows
// into the model. The parts live in read/: titles, header rows, columns, the unit line, rows, codes, amounts.
import type { Sheet, Workbook } from '../model/grid';
import { ref } from '../model/grid';
import type { TableId } from '../model/findings';
import type { Profile } from '../profiles/types';
import { PROFILES, matchTitle, tableDef } from '../profiles';
import type { Block, Recognition, Table } from '../model/model';
import type { MergeIndex } from './read/sheet';
import { mergeIndex } from './read/sheet';
import type { TitleCandidate, TitleHit } from './read/titles';
import { findTitles, looksLikeTitle, printedTitle, titleCandidates } from './read/titles';
import { headerInfoRows, scanHeader } from './read/header-rows';
import { assignColumns, columnHeaders } from './read/columns';
import { readHeaderInfo, readYear } from './read/header-info';
import { readRows } from './read/rows';

/** Sheets we write ourselves or that hold no tables. */
const SKIP_SHEETS = new Set(['校验结果', '_budget_marks', '科目表']);

interface SheetTitles {
  sheet: Sheet;
  cands: TitleCandidate[];
  merged: MergeIndex;
}

/** Recognises every table in the workbook, with the given profile or the one whose titles fit best. */
export function recognize(wb: Workbook, profile?: Profile): Recognition {
  const sheets: SheetTitles[] = wb.sheets
    .filter((s) => !s.hidden && !SKIP_SHEETS.has(s.name.trim()))
    .map((sheet) => ({ sheet, cands: titleCandidates(sheet), merged: mergeIndex(sheet) }));
  const p = profile ?? chooseProfile(sheets);
  const tables: Table[] = [];
  const duplicates: Table[] = [];
  const seen = new Set<TableId>();
  for (const { sheet, cands, merged } of sheets) {
    const hits = findTitles(p, sheet, cands);
    for (let i = 0; i < hits.length; i++) {
      const hit = hits[i];
      // A repeated title of the table just read (a table continued over pages) is not a new table.
      const prev = tables.length > 0 ? tables[tables.length - 1] : undefined;
      if (prev && prev.sheet === sheet.name && prev.id === hit.id && hit.r <= prev.range.bottom) continue;
      // profiles whose page breaks repeat the title: the table runs on to the next other table's title
      let next = i + 1;
      if (p.read.titleRepeats) while (next < hits.length && hits[next].id === hit.id) next++;
      const end = next < hits.length ? hits[next].r - 1 : sheet.rows.length - 1;
      const t = readTable(p, sheet, merged, hit, end, hits.slice(i + 1).filter((h) => h.id === hit.id).map((h) => h.r));
      if (!t) continue;
      if (seen.has(t.id)) duplicates.push(t);
      else {
        seen.add(t.id);
        tables.push(t);
      }
    }
  }
  const order = new Map(p.tables.map((t, i) => [t.id, i]));
  tables.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return { profile: p, tables, duplicates, unknown: unknownTitles(p, sheets, [...tables, ...duplicates]) };
}

/** Titles of tables the profile does not know, outside the tables read. */
function unknownTitles(p: Profile, sheets: SheetTitles[], read: Table[]): Recognition['unknown'] {
  const out: Recognition['unknown'] = [];
  for (const { sheet, cands } of sheets) {
    const inTable = (r: number) => read.some((t) => t.sheet === sheet.name && r >= t.range.top && r <= t.range.bottom);
    let lastRow = -1;
    for (const x of cands) {
      if (x.r === lastRow || inTable(x.r) || matchTitle(p, x.text) || !looksLikeTitle(x.text)) continue;
      lastRow = x.r;
      out.push({ title: x.text.trim(), cell: ref(sheet, x.r, x.c) });
    }
  }
  return out;
}

/**
 * The profile that fits the workbook best: for each of its tables the titles name, 1 and the share of
 * the table's columns its header gives (a title alone can fit several templates: 收支预算总表); then
 * the more specific titles (longer title cores); the first listed wins a tie.
 */
function chooseProfile(sheets: SheetTitles[]): Profile {
  let best = PROFILES[0];
  let bestScore = -1;
  let bestLen = -1;
  for (const p of PROFILES) {
    const fit = new Map<TableId, { fit: number; len: number }>();
    for (const { sheet, cands, merged } of sheets) {
      const hits = findTitles(p, sheet, cands);
      hits.forEach((hit, i) => {
        const last = i + 1 < hits.length ? hits[i + 1].r - 1 : sheet.rows.length - 1;
        const f = headerFit(p, sheet, merged, hit, last);
        const prev = fit.get(hit.id);
        if (!prev || f > prev.fit) fit.set(hit.id, { fit: f, len: hit.len });
      });
    }
    let s = 0;
    let len = 0;
    for (const f of fit.values()) {
      s += 1 + f.fit;
      len += f.len;
    }
    if (s > bestScore || (s === bestScore && len > bestLen)) {
      best = p;
      bestScore = s;
      bestLen = len;
    }
  }
  return best;
}

/** The share (0–1) of a table's columns that the header below its title gives. */
function headerFit(p: Profile, sheet: Sheet, merged: MergeIndex, hit: TitleHit, lastRow: number): number {
  const def = tableDef(p, hit.id)!;
  const scan = scanHeader(sheet, def, p.read, hit.r, lastRow);
  if (!scan) return 0;
  const headers = columnHeaders(sheet, merged, scan.headerTextRows);
  let want = 0;
  let got = 0;
  for (const bdef of def.blocks) {
    const b = assignColumns(sheet, bdef, headers, def.blocks.length > 1, 0);
    for (const c of bdef.columns) {
      if (c.optional) continue;
      want++;
      if (b?.columns.some((x) => x.role === c.role)) got++;
    }
  }
  return want ? got / want : 0;
}

function readTable(p: Profile, sheet: Sheet, merged: MergeIndex, hit: TitleHit, lastRow: number, repeatTitleRows: number[]): Table | undefined {
  const def = tableDef(p, hit.id)!;
  const opts = p.read;
  const scan = scanHeader(sheet, def, opts, hit.r, lastRow);
  if (!scan) return undefined;
  const { infoRows, headerTextRows, firstDataRow } = scan;
  const colHeaders = columnHeaders(sheet, merged, headerTextRows);
  const blocks: Block[] = [];
  for (const bdef of def.blocks) {
    const b = assignColumns(sheet, bdef, colHeaders, def.blocks.length > 1, Math.min(1 << 16, Math.max(0, lastRow - firstDataRow + 1)));
    if (b) blocks.push(b);
  }
  // A title whose header gives none of the table's columns is not that table (e.g. a table of contents line).
  const found = blocks.reduce((n, b) => n + b.roles.length, 0);
  if (found === 0) return undefined;

  const header = readHeaderInfo(sheet, headerInfoRows(sheet, hit.r, infoRows, opts.unitLine), opts);
  if (opts.yearIn?.includes('title') && hit.r >= 0) readYear(sheet, [hit.r], header);
  if (opts.yearIn?.includes('header')) readYear(sheet, headerTextRows, header);
  const table: Table = {
    id: def.id,
    def,
    title: hit.text,
    ...(p.printedTitles ? { printedTitle: printedTitle(hit.text) } : {}),
    titleCell: ref(sheet, Math.max(hit.r, 0), hit.c),
    sheet: sheet.name,
    range: { top: Math.max(hit.r, 0), left: 0, bottom: firstDataRow - 1, right: 0 },
    header,
    blocks,
    repeatedHeaders: [],
    issues: [],
    unit: header.currency === '元' || header.currency === '万元' ? header.currency : (def.unit ?? p.unit),
  };
  let minC = Infinity;
  let maxC = 0;
  for (const h of colHeaders) {
    if (h.text) {
      minC = Math.min(minC, h.c);
      maxC = Math.max(maxC, h.c);
    }
  }
  table.range.left = Number.isFinite(minC) ? Math.min(minC, hit.c) : hit.c;
  table.range.right = maxC;
  readRows({ sheet, merged, table, opts }, firstDataRow, lastRow, headerTextRows, repeatTitleRows);
  return table;
}
