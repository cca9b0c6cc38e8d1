// Builds tests/seeds/*.xlsx from the real published disclosures in /work/shared/seeds (text extracted
// from PDFs), in layouts that mimic how each was published. Run: npx tsx tests/seeds/build.ts
// The .xlsx files are committed, so the tests do not depend on this parsing.
//
// Every figure is kept exactly as published. Repairs made (text-extraction artefacts, not publication
// errors), each listed in SEED_NOTES below: '0 00' -> 0.00 (000: the decimal point lost), codes broken by
// a line wrap ('208050 1', or '210010' + a lone '1' after a page break, 002) joined, page-number lines
// (004) and the '第一' of a page heading fused to 000's T9 note dropped. Where zeros are blank (002 has
// tab-separated positions; 004 has only spaces), 004's figures are put into the column the example
// workbook (built from the same seed) has a non-zero figure in.
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';

const SEEDS = process.env.BUDGET_SHARED_DIR ? path.join(process.env.BUDGET_SHARED_DIR, 'seeds') : '/work/shared/seeds';
const EXAMPLES = process.env.BUDGET_SHARED_DIR ? path.join(process.env.BUDGET_SHARED_DIR, 'examples') : '/work/shared/examples';
const OUT = __dirname;

export const SEED_NOTES = [
  '000: "0 00" read as 0.00 (T4 row 37: the PDF text lost the decimal point)',
  '000: titles are not in the extracted text (page images); the standard 部门预算… titles were added',
  '000: the T9 note "第一注： 无三公经费支出预算， 空表列示。" kept without the fused page heading "第一"',
  '002: codes wrapped in a narrow column ("208050 1", or "210010" with "1" after the page break) joined',
  '004: page-number lines dropped; wrapped 科目名称 joined; blank zeros placed by the example workbook',
];

const TITLES = [
  '部门预算收支总表',
  '部门预算收入总表',
  '部门预算支出总表',
  '部门预算财政拨款收支总表',
  '部门预算一般公共预算财政拨款支出表',
  '部门预算一般公共预算财政拨款基本支出表',
  '部门预算政府性基金预算财政拨款支出表',
  '部门预算国有资本经营预算财政拨款支出表',
  '部门预算财政拨款“三公”经费支出表',
];

type V = string | number | null;
type Row = V[];
interface TableOut {
  rows: Row[];
  merges?: string[];
}

const NUM = /^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$/;
const isNum = (s: string) => NUM.test(s);
const toNum = (s: string) => Number(s.replace(/,/g, ''));
const clean = (s: string) => s.replace(/<\/?b>/g, '').trim();

// ---------------------------------------------------------------------------------------------------
// Example workbooks: header rows (3..5) and the non-zero columns of each row, to place blank-zero figures.

interface ExampleTable {
  header: Row[];
  /** key (code, or label without ordinal) -> amount values by sheet column (0-based) */
  values: Map<string, Map<number, number>>;
}

async function loadExample(name: string): Promise<ExampleTable[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(EXAMPLES, `${name}-disclosure.xlsx`));
  return wb.worksheets.map((ws) => {
    const header: Row[] = [];
    for (let r = 3; r <= 5; r++) {
      const row: Row = [];
      ws.getRow(r).eachCell({ includeEmpty: false }, (c, n) => {
        const v = c.value;
        row[n - 1] = typeof v === 'number' || typeof v === 'string' ? v : null;
      });
      header.push(row);
    }
    const values = new Map<string, Map<number, number>>();
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      if (r < 6) return;
      const cells: V[] = [];
      row.eachCell({ includeEmpty: false }, (c, n) => {
        const v = c.value;
        cells[n - 1] = typeof v === 'number' || typeof v === 'string' ? v : null;
      });
      // tree rows: B code; item rows: B and D labels (income / expense side)
      const put = (key: string, cols: number[]) => {
        const m = new Map<number, number>();
        for (const c of cols) if (typeof cells[c] === 'number') m.set(c, cells[c] as number);
        values.set(key, m);
      };
      const b = cells[1];
      if (typeof b === 'string' && /^\d{3,7}$/.test(b)) put('code:' + b, [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      else {
        if (typeof b === 'string') put('L:' + labelKey(b), ws.name.includes('三公') ? [2, 3, 4, 5] : [2]);
        const d = cells[3];
        if (typeof d === 'string') put('R:' + labelKey(d), [4, 5, 6, 7]);
        if (typeof cells[2] === 'string' && cells[2] === '合计') put('code:合计', [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      }
    });
    return { header, values };
  });
}

function labelKey(s: string): string {
  return s
    .replace(/\s+/g, '')
    .replace(/[()]/g, (m) => (m === '(' ? '（' : '）'))
    .replace(/^(其中：|[一二三四五六七八九十]+、)+/, '');
}

/** Places `nums` into amount columns `cols`: the columns the example has non-zero figures in when the
 *  count matches, else left to right. */
function place(row: Row, nums: number[], cols: number[], ex: Map<number, number> | undefined): void {
  let target = cols.slice(0, nums.length);
  if (ex) {
    const nz = cols.filter((c) => (ex.get(c) ?? 0) !== 0);
    if (nz.length === nums.length) target = nz;
  }
  nums.forEach((n, i) => (row[target[i]] = n));
}

// ---------------------------------------------------------------------------------------------------
// 002 高邑 2026: tab-separated, zeros blank, header as three separate lines, pages repeat the header.

function build002(text: string): TableOut[] {
  const lines = text.split('\n');
  const out: TableOut[] = [];
  let cur: TableOut | undefined;
  let lastData: Row | undefined;
  let seenData = false;
  for (const raw of lines) {
    const line = raw.replace(/\r$/, '');
    const h = /^## (部门预算.*表)\s*$/.exec(line);
    if (h && TITLES.includes(h[1].replace('政府基金', '政府性基金')) && out.length < 9 && (cur || line.includes('收支总表'))) {
      cur = { rows: [[h[1]]] };
      out.push(cur);
      lastData = undefined;
      seenData = false;
      continue;
    }
    if (!cur) continue;
    if (/^#/.test(line)) {
      cur = undefined;
      if (out.length === 9) break;
      continue;
    }
    if (line.trim() === '') continue;
    const cells = line.split('\t').map(clean);
    // a code fragment after a page break: '\t1' (the 7th digit of the previous row's code)
    if (cells[0] === '' && /^\d$/.test(cells[1] ?? '') && cells.slice(2).every((c) => c === '') && lastData) {
      lastData[1] = String(lastData[1]) + cells[1];
      continue;
    }
    if (/^\d+$/.test(cells[0]) && seenData !== undefined && cells.length > 2 && !/^(栏次|档次)$/.test(cells[0])) {
      const row: Row = cells.map((c, i) => {
        if (i === 0) return Number(c);
        if (c === '') return null;
        if (/^\d{3,6} \d$/.test(c)) return c.replace(' ', '');
        if (i >= 2 && isNum(c) && !/^\d{3,7}$/.test(c)) return toNum(c);
        if (isNum(c) && (i === 2 || i === 4) && /\./.test(c)) return toNum(c);
        return c;
      });
      // tree tables: column B is the code (kept as text); amounts are numbers
      cur.rows.push(row);
      lastData = row;
      seenData = true;
      continue;
    }
    cur.rows.push(cells.map((c) => (c === '' ? null : c)));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// 000 巨鹿 2021 and 004 乐亭 2022: space-separated text.

interface Spec {
  /** amount columns (0-based) of tree tables, or the item layout */
  kind: 'tree' | 'T1' | 'T4' | 'T9';
  amountCols: number[];
}

function specFor(t: number, julu: boolean): Spec {
  switch (t) {
    case 0:
      return { kind: 'T1', amountCols: [] };
    case 1:
      return { kind: 'tree', amountCols: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12] };
    case 2:
      return { kind: 'tree', amountCols: [3, 4, 5, 6, 7, 8] };
    case 3:
      return { kind: 'T4', amountCols: [] };
    case 4:
      return { kind: 'tree', amountCols: julu ? [3, 4, 5, 6, 7] : [3, 4, 5] };
    case 8:
      return { kind: 'T9', amountCols: [2, 3, 4, 5] };
    default:
      return { kind: 'tree', amountCols: [3, 4, 5] };
  }
}

const EXPENSE_LABEL = /支出|预备费|年终结转|年末财政拨款/;

/** One data record's tokens -> a sheet row. */
function dataRow(tokens: string[], spec: Spec, ex: ExampleTable | undefined): Row {
  const row: Row = [Number(tokens[0])];
  const rest = tokens.slice(1).map((t) => t);
  if (spec.kind === 'tree' || spec.kind === 'T9') {
    let i = 0;
    let code: string | undefined;
    if (spec.kind === 'tree' && /^\d{3,7}$/.test(rest[0] ?? '')) code = rest[i++];
    const name: string[] = [];
    while (i < rest.length && !isNum(rest[i])) name.push(rest[i++]);
    const nums = rest.slice(i).map(toNum);
    const label = name.join(' ');
    if (spec.kind === 'tree') {
      row[1] = code ?? null;
      row[2] = label;
      place(row, nums, spec.amountCols, ex?.values.get('code:' + (code ?? '合计')));
    } else {
      row[1] = label;
      place(row, nums, spec.amountCols, ex?.values.get('L:' + labelKey(label)));
    }
    return row;
  }
  // T1 / T4: label, numbers, [label, numbers]
  const groups: { label: string; nums: number[] }[] = [];
  for (const t of rest) {
    if (isNum(t)) {
      if (groups.length === 0) groups.push({ label: '', nums: [] });
      groups[groups.length - 1].nums.push(toNum(t));
    } else groups.push({ label: t, nums: [] });
  }
  let sides: ('inc' | 'exp')[];
  if (groups.length >= 2) sides = ['inc', 'exp'];
  else sides = [EXPENSE_LABEL.test(groups[0]?.label ?? '') && !/拨款$/.test(groups[0]?.label ?? '') ? 'exp' : 'inc'];
  groups.forEach((g, k) => {
    const side = sides[k] ?? 'exp';
    if (side === 'inc') {
      row[1] = g.label;
      place(row, g.nums, [2], ex?.values.get('L:' + labelKey(g.label)));
    } else {
      row[3] = g.label;
      place(row, g.nums, spec.kind === 'T1' ? [4] : [4, 5, 6, 7], ex?.values.get('R:' + labelKey(g.label)));
    }
  });
  return row;
}

const JULU_BREAKS: [string, string][] = [
  ['财政拨款收入', '财政拨款\n收入'],
  ['财政专户收入', '财政专户收\n入'],
  ['上级补助收入', '上级补助\n收入'],
  ['附属单位上缴收入', '附属单位上\n缴收入'],
  ['对附属单位补助支出', '对附属单位补助支\n出'],
  ['一般公共预算财政拨款', '一般公共预算财\n政拨款'],
  ['政府性基金预算财政拨款', '政府性基金预算\n财政拨款'],
  ['国有资本经营预算财政拨款', '国有资本经营预算财\n政拨款'],
  ['政府性基金预算拨款', '政府性基金\n预算拨款'],
];
const LAOTING_BREAKS: [string, string][] = [
  ['财政拨款收入', '财政拨款\n收入'],
  ['财政专户收入', '财政专\n户收入'],
  ['事业收入', '事业\n收入'],
  ['经营收入', '经营收\n入'],
  ['上级补助收入', '上级补\n助收入'],
  ['附属单位上缴收入', '附属单位\n上缴收入'],
  ['其他收入', '其他\n收入'],
  ['上缴上级支出', '上解上级支出'],
  ['对附属单位补助支出', '对附属单位补\n助支出'],
  ['一般公共预算财政拨款', '一般公共预算\n财政拨款'],
  ['政府性基金预算财政拨款', '政府性基金预\n算财政拨款'],
  ['国有资本经营预算财政拨款', '国有资本经营预\n算财政拨款'],
  ['政府性基金预算拨款', '政府性基金\n预算拨款'],
];

function headerRows(ex: ExampleTable, t: number, breaks: [string, string][], julu: boolean): Row[] {
  if (julu && t === 4) {
    // 巨鹿 2021 T5: 合计 | 基本支出 (小计 人员经费 公用经费) | 项目支出
    return [
      ['序号', '支出功能分类科目', null, '合计', '基本支出', null, null, '项目支出'],
      [null, '科目编码', '科目名称', null, '小计', '人员经费', '公用经费', null],
      ['栏次', 1, 2, 3, 4, 5, 6, 7],
    ];
  }
  return ex.header.map((row) =>
    Array.from(row, (v) => {
      if (typeof v !== 'string') return v ?? null;
      let s = v;
      if (julu && t === 2 && s === '合计') s = '本年支出合计';
      if (julu && t === 2 && s === '功能分类科目') s = '支出功能分类科目';
      if (t === 5 && s === '部门预算支出经济分类科目') s = '支出部门经济分类科目';
      for (const [a, b] of breaks) if (s === a) s = b;
      return s;
    }),
  );
}

function buildSpaced(text: string, ex: ExampleTable[], which: '000' | '004'): TableOut[] {
  const julu = which === '000';
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const out: TableOut[] = [];
  let cur: TableOut | undefined;
  let t = -1;
  let inHeader = false;
  let rec: string[] | undefined;
  const flush = () => {
    if (rec && cur) cur.rows.push(dataRow(rec, specFor(t, julu), ex[t]));
    rec = undefined;
  };
  const breaks = julu ? JULU_BREAKS : LAOTING_BREAKS;
  for (const raw of lines) {
    const line = raw.trim();
    if (julu) {
      if (/^预算单位编码及名称/.test(line)) {
        flush();
        if (out.length === 9) break;
        t = out.length;
        cur = { rows: [[TITLES[t]], [line.replace(/：\s+/, '：')]] };
        out.push(cur);
        cur.rows.push(...headerRows(ex[t], t, breaks, julu));
        inHeader = true;
        continue;
      }
    } else {
      const title = /^(部门预算.*表)$/.exec(line);
      if (title && out.length < 9 && TITLES.includes(title[1].replace('政府基金', '政府性基金')) && (out.length > 0 || line === '部门预算收支总表') && lines.indexOf(raw) > 40) {
        flush();
        t = out.length;
        cur = { rows: [[title[1]]] };
        out.push(cur);
        continue;
      }
      if (/^第一部分/.test(line) && out.length === 9) {
        flush();
        break;
      }
      if (cur && /^460 医疗保障 预算年度/.test(line)) {
        flush();
        cur.rows.push([line]);
        cur.rows.push(...headerRows(ex[t], t, breaks, julu));
        inHeader = true;
        continue;
      }
    }
    if (!cur || line === '') continue;
    if (inHeader) {
      if (/^栏次/.test(line) && !/^栏次$/.test(line)) inHeader = false;
      else if (t === 8 && /^\d( \d)+$/.test(line)) inHeader = false;
      continue;
    }
    if (/^\d+$/.test(line)) continue; // page number
    if ((/^\d+ \S/.test(line) && !/^\d+( [\d.,]+)+$/.test(line)) || /^\d+ \d{3,7}$/.test(line)) {
      flush();
      rec = line.replace(/(\d) (00)(?=\s|$)/g, '$1.$2').split(/\s+/);
      // re-join ordinal labels split by a space: '十九、 自然资源…'
      rec = rec.reduce<string[]>((acc, tok) => {
        if (acc.length && /、$/.test(acc[acc.length - 1]) && !isNum(tok)) acc[acc.length - 1] += ' ' + tok;
        else acc.push(tok);
        return acc;
      }, []);
      continue;
    }
    if (/^(第一)?注|空表列示/.test(line)) {
      flush();
      cur.rows.push([line.replace(/^第一/, '')]);
      if (julu && t === 8) break; // the explanatory text follows
      continue;
    }
    if (rec) {
      // continuation of a wrapped record: name parts (joined without space) or its figures
      const toks = line.split(/\s+/);
      if (toks.every(isNum)) rec.push(...toks);
      else {
        const last = rec[rec.length - 1];
        if (!isNum(last) && !/^\d{3,7}$/.test(last)) rec[rec.length - 1] = last + line;
        else rec.push(line.replace(/\s+/g, ''));
      }
    }
  }
  flush();
  return out;
}

// ---------------------------------------------------------------------------------------------------

async function writeWorkbook(file: string, tables: TableOut[], oneSheet: boolean, sheetNames: string[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const put = (ws: ExcelJS.Worksheet, r0: number, t: TableOut) => {
    t.rows.forEach((row, i) => {
      row.forEach((v, c) => {
        if (v === null || v === undefined) return;
        const cell = ws.getCell(r0 + i, c + 1);
        cell.value = v;
        if (typeof v === 'number' && c > 0) cell.numFmt = '0.00';
      });
    });
    return r0 + t.rows.length;
  };
  if (oneSheet) {
    const ws = wb.addWorksheet(sheetNames[0]);
    let r = 1;
    for (const t of tables) r = put(ws, r, t) + 2;
  } else {
    tables.forEach((t, i) => put(wb.addWorksheet(sheetNames[i]), 1, t));
  }
  await wb.xlsx.writeFile(file);
}

async function main() {
  const exJulu = await loadExample('julu2021');
  const exLaoting = await loadExample('laoting2022');
  const t000 = buildSpaced(fs.readFileSync(path.join(SEEDS, '000_c328fb562608ea0c.txt'), 'utf8'), exJulu, '000');
  const t002 = build002(fs.readFileSync(path.join(SEEDS, '002_09a266ca87a25e76.txt'), 'utf8'));
  const t004 = buildSpaced(fs.readFileSync(path.join(SEEDS, '004_557094fde91f170b.txt'), 'utf8'), exLaoting, '004');
  for (const [n, ts] of [['000', t000], ['002', t002], ['004', t004]] as const) {
    if (ts.length !== 9) throw new Error(`seed ${n}: ${ts.length} tables parsed`);
  }
  await writeWorkbook(path.join(OUT, 'julu2021-seed.xlsx'), t000, false, TITLES.map((_t, i) => `表${i + 1}`));
  await writeWorkbook(path.join(OUT, 'gaoyi2026-seed.xlsx'), t002, false, TITLES.map((t, i) => `${i + 1}${t}`.slice(0, 31)));
  await writeWorkbook(path.join(OUT, 'laoting2022-seed.xlsx'), t004, true, ['部门预算公开表']);
  if (process.argv.includes('--dump')) {
    for (const [n, ts] of [['000', t000], ['002', t002], ['004', t004]] as const) {
      ts.forEach((t, i) => {
        console.log(`== ${n} T${i + 1}`);
        for (const r of t.rows) console.log(JSON.stringify(r));
      });
    }
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
