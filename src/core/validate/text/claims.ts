// The explanatory text as claims: every figure with its unit, the thing it names, the year, and how the
// sentences group them (a subject with its amount, 比上年 change and percentage; 其中 lists of parts).
// Pure: text and the template's table of names in, claims out; nothing here looks at the tables.
import type { Money } from '../../model/money';
import type { TextTerms } from '../../profiles/text-terms';
import type { TextDoc, View } from './doc';
import { normalize } from './doc';
import type { Num, Unit } from './figures';
import { numbers } from './figures';
import type { Resolved, Resolver } from './terms';
import { resolver } from './terms';
import { stripOrdinal } from '../../profiles/text';

export type ClaimKind =
  /** this year's figure of its subject */
  | 'amount'
  /** 比上年 增加/减少 X (signed) */
  | 'change'
  /** 增长/下降 Y% (signed) */
  | 'pct'
  /** 占…的 Y% */
  | 'share'
  /** last year's figure of its subject (上年预算数, 2020年预算安排 beside 2021年's, 执行数) */
  | 'last'
  /** a percentage or 个百分点 about nothing the budget holds (绩效 targets) */
  | 'other';

export interface Claim {
  i: number;
  kind: ClaimKind;
  /** as a number in its unit; signed for change and pct */
  value: Money;
  raw: string;
  unit?: Unit;
  decimals: number;
  /** written without a unit (read in the unit of the text) */
  noUnit: boolean;
  direction?: 'up' | 'down' | 'flat';
  /** normalised offsets: the clause quoted (subject … unit) and the number */
  from: number;
  to: number;
  numFrom: number;
  numTo: number;
  /** index into groups; -1 when it belongs to none */
  group: number;
  para: number;
  sentence: number;
  /** the year written in its clause */
  year?: number;
  /** share: what it is a share of, as written */
  shareOf?: string;
  /** set by the checks that used it */
  checked: boolean;
}

/** A statement without a figure: '无因公出国（境）费' (zero), '与上年持平' (no change). */
export interface Statement {
  kind: 'zero' | 'flat';
  from: number;
  to: number;
  /** the direction word written before 持平 ('增加持平': a leftover) */
  clash?: string;
}

/** One thing the text speaks of, with its figures. */
export interface Group {
  i: number;
  /** the subject as written (normalised), e.g. '基本支出', '公费医疗和医疗补助经费' */
  name: string;
  resolved: Resolved;
  /** 科目 written as a code or as a name path ('一般公共服务支出-…-行政运行', or one name '检察（款）') */
  code?: string;
  path?: string[];
  /** the level a one-name path is at (类 3, 款 5, 项 7 digits) */
  pathDigits?: number;
  /** stated as a reason ('主要原因是…') or in a reprinted paragraph: read, never compared or summed */
  aside?: boolean;
  /** scope of the list it is in ('gpb', 'running', …) */
  scope?: string;
  amount?: Claim;
  /** the same figure stated again ('…45.41万元 … 2024年预算安排45.41万元') */
  more: Claim[];
  change?: Claim;
  pct?: Claim;
  last?: Claim;
  shares: Claim[];
  zero?: Statement;
  flat?: Statement;
  /** the year of the sentence or clause */
  year?: number;
  /** the list it is a part of */
  list?: number;
  para: number;
  sentence: number;
  from: number;
}

export interface List {
  i: number;
  head: number;
  parts: number[];
  /** 主要是 / 主要包括 / …等: the parts may not be all */
  partial: boolean;
  paren: boolean;
  /** normalised offset of the marker */
  at: number;
}

export interface Paragraph {
  from: number;
  to: number;
  heading: boolean;
  /** printed again: the same text as an earlier paragraph of the same section */
  repeats?: number;
}

export interface TextReading {
  doc: TextDoc;
  view: View;
  paragraphs: Paragraph[];
  claims: Claim[];
  groups: Group[];
  lists: List[];
  statements: Statement[];
  resolver: Resolver;
}

export interface ReadOptions {
  /** the workbook's budget year (a figure of year − 1 beside this year's is last year's) */
  year?: number;
}

const MARKER = /(其中|具体包括|具体为|具体情况是|具体是|分项情况是|分项情况为|主要包括|主要是|主要有|主要用于|包括|包含|分别是|分别为|含)[：:，,]?/g;
/** '财政拨款支出预算中，…': the parts of something named before */
const WITHIN = /(^|[。！？!?])\s*([^，。；,;：:]{2,24}?)(?:中[，,：:]|(?:的)?(?:主要内容|具体内容|具体情况|明细情况|明细|构成)?如下[：:])/g;
const PARTIAL_MARKER = /^主要/;
const FLAT = /(持平|无增减变化|无增减|无变化|没有变化|保持不变|未发生变化)/g;
const ZERO = /无(?!增减|变化|此|其他|需)([^，。；,;、：:！？!?\n]{2,24})(?=[，。；,;、：:！？!?\n]|$)/g;
const SENTENCE_END = /[。！？!?]/;
const CLAUSE_BOUND = /[，,；;：:、。！？!?\n]/;
const OPEN = '（(“「『【';
const CLOSE = '）)”」』】';
const CHANGE_END = /(增加|减少|增长|下降|上升|降低|增|减|多|少|节约|压减|压缩|缩减)了?$/;
const FLAT_END = /(持平|一致|相同)$/;
const COMPARISON = /(比|较|与|同|对比|相比)(上年|上一年|去年|上年度|\d{4}年度?)|同比/;
const LAST_WORDS = /(上年|上一年|去年|上年度)(的)?(预算|决算|执行|全年|同期|实际|安排)|执行数|决算数/;
const CONNECTOR = /^(其中|具体包括|具体为|主要包括|主要是|主要有|主要用于|包括|包含|分别是|分别为|含|和|及|以及|另有|另外|其余|共有|为|是|：|:|，|,|\s)+/;
const YEAR = /(\d{4})\s?年度?/;
const UP = /增加|增长|上升|增|多/;
const GENERIC_SUBJECT = /^(预算安排|预算数|预算|安排|预算金额|金额|支出|预算支出合计|支出合计)$/;

type Ev =
  | { k: 'num'; at: number; n: Num }
  | { k: 'marker'; at: number; end: number; partial: boolean }
  | { k: 'within'; at: number; end: number; name: string }
  | { k: 'open'; at: number }
  | { k: 'close'; at: number }
  | { k: 'end'; at: number }
  | { k: 'flat'; at: number; end: number; clash?: string }
  | { k: 'zero'; at: number; end: number; subject: string };

export function readText(doc: TextDoc, terms: TextTerms, opts: ReadOptions = {}): TextReading {
  const view = normalize(doc.text);
  const res = resolver(terms);
  const r: TextReading = { doc, view, paragraphs: [], claims: [], groups: [], lists: [], statements: [], resolver: res };
  const s = view.s;
  let pFrom = 0;
  const paras: { from: number; to: number }[] = [];
  for (let i = 0; i <= s.length; i++) {
    if (i === s.length || s[i] === '\n') {
      if (i > pFrom) paras.push({ from: pFrom, to: i });
      pFrom = i + 1;
    }
  }
  const st = new State(r, res, opts);
  const repeats = repeatedParagraphs(paras.map((p) => s.slice(p.from, p.to)));
  paras.forEach((p, pi) => st.paragraph(p.from, s.slice(p.from, p.to), pi, repeats.get(pi)));
  return r;
}

/**
 * Paragraphs printed twice within one section (no heading between the two): index -> the earlier one.
 * The same sentence under two headings (one explanation for two tables) is no reprint, nor is a line of the
 * contents (目录) printed again as its heading in the body.
 */
function repeatedParagraphs(texts: string[]): Map<number, number> {
  const out = new Map<number, number>();
  let seen = new Map<string, number>();
  const contents = contentsLines(texts);
  texts.forEach((t, i) => {
    if (contents.has(i)) return;
    const key = t.replace(/\s/g, '');
    if (isHeading(t, /\d/.test(t) && /万元|元|%/.test(t))) {
      seen = new Map();
      return;
    }
    if (key.length < 20) return;
    const first = seen.get(key);
    if (first !== undefined) out.set(i, first);
    else seen.set(key, i);
  });
  return out;
}

/**
 * The lines of a table of contents: after a line '目录' (or '目 录'), the entries up to the first line that is
 * no entry (a sentence, a figure) or that begins the body (the first entry printed again).
 */
function contentsLines(texts: string[]): Set<number> {
  const out = new Set<number>();
  const start = texts.findIndex((t) => /^[\s\u3000]*目[\s\u3000]*录[\s\u3000]*$/.test(t));
  if (start < 0) return out;
  const key = (t: string) => t.replace(/[\s\u3000.…·．\-—_]+\d*[\s\u3000]*$/, '').replace(/[\s\u3000]/g, '');
  const firstEntry = texts[start + 1] !== undefined ? key(texts[start + 1]) : '';
  out.add(start);
  for (let i = start + 1; i < texts.length; i++) {
    const t = texts[i];
    if (i > start + 1 && key(t) === firstEntry) break;
    if (/\d/.test(t) && /万元|元|%/.test(t)) break;
    if (t.replace(/\s/g, '').length > 80 || /[。；;][^。；;]*[。；;]/.test(t)) break;
    out.add(i);
  }
  return out;
}

class State {
  /** open lists, innermost last */
  stack: List[] = [];
  /** a sentence ended since the innermost list was last added to: only a fitting part continues it */
  dormant = false;
  cur: Group | undefined;
  prev: Group | undefined;
  sentence = 0;
  /** bracket stack of the paragraph: true for a bracket that opened a list */
  brackets: boolean[] = [];
  lastNumEnd = -1;
  sentenceYear: number | undefined;

  constructor(
    readonly r: TextReading,
    readonly res: Resolver,
    readonly opts: ReadOptions,
  ) {}

  /** groups of a reprinted paragraph are read, never added to a list (they would count twice) */
  reprint = false;

  paragraph(base: number, p: string, pi: number, repeats?: number): void {
    this.reprint = repeats !== undefined;
    const evs: Ev[] = [];
    const nums = numbers(p);
    for (const n of nums) evs.push({ k: 'num', at: n.from, n });
    for (const m of p.matchAll(MARKER)) {
      const at = m.index!;
      if (!clauseStart(p, at, nums)) continue;
      evs.push({ k: 'marker', at, end: at + m[0].length, partial: PARTIAL_MARKER.test(m[1]) });
    }
    for (const m of p.matchAll(WITHIN)) {
      evs.push({ k: 'within', at: m.index! + m[1].length, end: m.index! + m[0].length, name: m[2] });
    }
    for (const m of p.matchAll(FLAT)) {
      const before = p.slice(Math.max(0, m.index! - 2), m.index!);
      evs.push({ k: 'flat', at: m.index!, end: m.index! + m[0].length, clash: /增加|减少|增长|下降/.test(before) ? before : undefined });
    }
    for (const m of p.matchAll(ZERO)) evs.push({ k: 'zero', at: m.index!, end: m.index! + m[0].length, subject: m[1] });
    for (let i = 0; i < p.length; i++) {
      const c = p[i];
      if (SENTENCE_END.test(c)) evs.push({ k: 'end', at: i });
      else if (c === '（' || c === '(') evs.push({ k: 'open', at: i });
      else if (c === '）' || c === ')') evs.push({ k: 'close', at: i });
    }
    const order = { close: 0, end: 1, within: 2, open: 3, marker: 4, zero: 5, num: 6, flat: 7 } as const;
    evs.sort((a, b) => a.at - b.at || order[a.k] - order[b.k]);

    const firstNum = nums.find((n) => n.role === 'figure');
    const heading = isHeading(p, !!firstNum);
    this.r.paragraphs.push({ from: base, to: base + p.length, heading, ...(repeats !== undefined ? { repeats } : {}) });
    if (heading) this.closeAll();
    this.brackets = [];
    this.lastNumEnd = -1;
    this.sentenceYear = leadingYear(p, 0);
    let sentStart = 0;
    let lowerBound = 0;
    for (const e of evs) {
      switch (e.k) {
        case 'end':
          this.endSentence();
          sentStart = e.at + 1;
          lowerBound = sentStart;
          // '此外，基本支出…': an aside, no part of the list before
          if (/^\s*(此外|另外|另)[，,]/.test(p.slice(sentStart, sentStart + 6))) this.closeAll();
          this.sentenceYear = leadingYear(p, sentStart) ?? this.sentenceYear;
          break;
        case 'open': {
          // a bracket right after a figure opens a list of its parts: '739 万元（中央… 179 万元、…）'
          const afterFigure = this.lastNumEnd >= 0 && /^\s?$/.test(p.slice(this.lastNumEnd, e.at)) && !!this.cur;
          if (afterFigure) this.openList(this.cur!, base + e.at, false, true);
          this.brackets.push(afterFigure);
          break;
        }
        case 'close': {
          if (this.brackets.pop()) {
            const k = lastParen(this.stack);
            if (k >= 0) {
              this.cur = this.r.groups[this.stack[k].head];
              this.stack.length = k;
            }
          }
          break;
        }
        case 'marker': {
          const head = this.cur ?? (p.slice(sentStart, e.at).trim() === '' ? this.prev : undefined);
          if (head) {
            const inner = this.stack[this.stack.length - 1];
            if (!(inner && inner.head === head.i && !this.dormant)) this.openList(head, base + e.at, e.partial, false);
            else {
              // '主要用于…，包括A…、B…': the list names its parts in full after all
              this.dormant = false;
              if (!e.partial) inner.partial = false;
            }
            lowerBound = e.end;
          }
          break;
        }
        case 'within': {
          // the latest thing of that name heads a list of its parts
          const named = this.res.resolve(e.name.trim());
          const head = named.term ? [...this.r.groups].reverse().find((g) => g.resolved.term === named.term && (g.amount || g.zero)) : undefined;
          if (head) {
            this.openList(head, base + e.at, false, false);
            lowerBound = e.end;
          }
          break;
        }
        case 'flat': {
          const st: Statement = { kind: 'flat', from: base + e.at, to: base + e.end, clash: e.clash };
          this.r.statements.push(st);
          const g = this.cur ?? this.prev;
          if (g && !g.flat) g.flat = st;
          lowerBound = Math.max(lowerBound, e.end);
          break;
        }
        case 'zero': {
          const scope = this.scopeHint();
          let resolved = this.res.resolve(e.subject, scope);
          if (!resolved.term && !resolved.economic) resolved = this.res.resolve(e.subject.replace(/(支出|预算|安排)+$/, ''), scope);
          if (!resolved.term && !resolved.economic) break;
          const st: Statement = { kind: 'zero', from: base + e.at, to: base + e.end };
          this.r.statements.push(st);
          const g = this.newGroup(stripOrdinal(e.subject), resolved, pi, base + e.at);
          g.zero = st;
          this.place(g);
          lowerBound = Math.max(lowerBound, e.end);
          break;
        }
        case 'num':
          if (e.n.role !== 'figure') break;
          this.figure(p, base, pi, e.n, Math.max(lowerBound, sentStart));
          lowerBound = e.n.to;
          this.lastNumEnd = e.n.to;
          break;
      }
    }
    this.endSentence();
    // brackets never span paragraphs
    const k = lastParen(this.stack);
    if (k >= 0) this.stack.length = k;
  }

  scopeHint(): string | undefined {
    const inner = this.stack[this.stack.length - 1];
    return inner && !this.dormant ? this.listScope(inner) : undefined;
  }

  listScope(l: List): string | undefined {
    const h = this.r.groups[l.head];
    return h.resolved.term?.sets ?? h.scope;
  }

  endSentence(): void {
    if (this.stack.length) this.dormant = true;
    if (this.cur) this.prev = this.cur;
    this.cur = undefined;
    this.sentence++;
  }

  closeAll(): void {
    this.stack.length = 0;
    this.dormant = false;
    this.prev = undefined;
    this.cur = undefined;
  }

  openList(head: Group, at: number, partial: boolean, paren: boolean): void {
    const l: List = { i: this.r.lists.length, head: head.i, parts: [], partial, paren, at };
    this.r.lists.push(l);
    // a head that is itself not in the open lists starts afresh
    if (head.list === undefined || !this.stack.some((x) => x.i === head.list)) {
      if (!this.stack.some((x) => x.head === head.i)) this.stack.length = 0;
    } else {
      const k = this.stack.findIndex((x) => x.i === head.list);
      this.stack.length = k + 1;
    }
    this.stack.push(l);
    this.dormant = false;
  }

  newGroup(name: string, resolved: Resolved, para: number, from: number): Group {
    const g: Group = { i: this.r.groups.length, name, resolved, shares: [], more: [], para, sentence: this.sentence, from, year: this.sentenceYear };
    const code = /^(\d{7}|\d{5}|\d{3})(?!\d)/.exec(name) ?? /[（(](\d{7}|\d{5}|\d{3})[）)]/.exec(name);
    if (code) g.code = code[1];
    const path = namePath(name);
    if (path) g.path = path;
    const level = /[（(](类|款|项)[）)]$/.exec(name.replace(/[“”"]/g, ''));
    if (path?.length === 1 && level) g.pathDigits = level[1] === '类' ? 3 : level[1] === '款' ? 5 : 7;
    this.r.groups.push(g);
    return g;
  }

  /** Whether g may be a part of the list's head. */
  fits(l: List, g: Group): boolean {
    const h = this.r.groups[l.head];
    const t = h.resolved.term;
    if (!t) return false;
    // one list, one way of dividing the whole: by 科目 or by kind / fund, never both
    const subject = (x: Group) => !!(x.code || x.path || x.resolved.classCode);
    if (l.parts.length && subject(this.r.groups[l.parts[0]]) !== subject(g)) return false;
    // a part, or a part of a part ('“三公”经费…其中：…公务用车运行维护费…')
    if (g.resolved.term) return descends(this.res, t.id, g.resolved.term.id);
    if (g.resolved.economic) return t.sets === 'running';
    if (g.code || g.path || g.resolved.classCode) return /^(exp|expense|total)/.test(t.id);
    return false;
  }

  place(g: Group, reason = false): void {
    if (this.reprint || reason) {
      g.aside = true;
      this.cur = g;
      return;
    }
    const known = !!(g.resolved.term || g.resolved.economic || g.code || g.path || g.resolved.classCode);
    // '主要是' followed by reasons, not figures: the list ends with its clause
    const inner = this.stack[this.stack.length - 1];
    if (inner && inner.partial && !inner.parts.length && /[；;。！？]/.test(this.r.view.s.slice(inner.at, g.from))) this.stack.length--;
    if (this.stack.length && this.dormant) {
      // a new sentence continues a list only with a part it does not have yet
      const fresh = (l: List) => !l.parts.some((i) => sameThing(this.r.groups[i], g.resolved, g.name));
      const k = known ? innermost(this.stack, (l) => this.fits(l, g) && fresh(l)) : -1;
      if (k < 0) this.stack.length = 0;
      else this.stack.length = k + 1;
    } else if (this.stack.length && known) {
      const k = innermost(this.stack, (l) => this.fits(l, g));
      if (k >= 0) this.stack.length = k + 1;
      // a known thing none of the open lists can hold is not a part of a known head ('因公出国（境）经费
      // 120万元，…主要是…；公务接待费 1033万元'): it stands on its own
      else if (this.r.groups[this.stack[this.stack.length - 1].head].resolved.term) this.stack.length = 0;
    }
    this.dormant = false;
    let l = this.stack[this.stack.length - 1];
    // a part of the part before it ('1.财政拨款收入预算总计X。一般公共预算收入预算X'): listed under that part
    const before = l && l.parts.length ? this.r.groups[l.parts[l.parts.length - 1]] : undefined;
    if (l && before?.resolved.term && g.resolved.term && (before.amount || before.zero) && descends(this.res, before.resolved.term.id, g.resolved.term.id)) {
      this.openList(before, g.from, false, false);
      l = this.stack[this.stack.length - 1];
    }
    if (l) {
      l.parts.push(g.i);
      g.list = l.i;
      g.scope = this.listScope(l);
      if (!known && g.scope) {
        const again = this.res.resolve(g.name, g.scope);
        if (again.term || again.economic) g.resolved = again;
      }
    }
    this.cur = g;
  }

  figure(p: string, base: number, pi: number, n: Num, lower: number): void {
    // a cell of a table row without a unit (tabs, or wide spaces before it in a PDF's text layer): the unit
    // is in the table's header, read with the tables
    if (!n.unit && (this.r.view.tableRows[pi] || /( {4,}|\t|\u3000{2,})$/.test(this.r.doc.text.slice(Math.max(0, this.r.view.at[base + n.from] - 8), this.r.view.at[base + n.from])))) return;
    const start = phraseStart(p, n.from, lower);
    const a = analyse(p.slice(start, n.from), n.unit === '%' || n.unit === '个百分点');
    const isPct = n.unit === '%' || n.unit === '个百分点';
    let kind: ClaimKind;
    if (isPct) kind = a.share !== undefined ? 'share' : a.direction && n.unit === '%' ? 'pct' : 'other';
    else kind = a.direction ? 'change' : a.last ? 'last' : 'amount';
    const sign = a.direction === 'down' ? -1 : 1;
    // a figure in a row under a header that states the unit ('预算金额（元）'): in that unit
    const declared = n.unit ? undefined : (/[（(]\s*(万元|元)\s*[）)]|单位[：:]\s*(万元|元)/.exec(p.slice(0, n.from)) ?? undefined);
    const unit = n.unit ?? (declared ? ((declared[1] ?? declared[2]) as Unit) : undefined);
    const claim: Claim = {
      i: this.r.claims.length,
      kind,
      value: sign < 0 ? n.value.negated() : n.value,
      raw: n.raw,
      unit,
      decimals: n.decimals,
      noUnit: !unit,
      direction: a.direction,
      from: base + start + a.lead,
      to: base + n.to,
      numFrom: base + n.from,
      numTo: base + n.numTo,
      group: -1,
      para: pi,
      sentence: this.sentence,
      year: a.year,
      shareOf: a.share,
      checked: false,
    };
    const y = this.opts.year;
    const here = this.cur ?? (this.prev && this.prev.para === pi ? this.prev : undefined);
    // '检察（款）：2018年预算支出合计16,444.36万元': the 科目 before the colon is the subject
    // (only the clause's last 80 characters can hold it: the whole prefix made long paragraphs quadratic)
    const named = /([^，。；,;：:、]{2,30}?[（(](类|款|项)[）)])\s*[:：]\s*$/.exec(p.slice(Math.max(0, start - 80), start));
    if (named && (!a.subject || GENERIC_SUBJECT.test(a.subject) || this.res.resolve(a.subject).term?.match === 'exact')) a.subject = stripOrdinal(named[1]);
    // '预算安排45.41万元' after a subject: that subject's figure again
    const subject = here && GENERIC_SUBJECT.test(a.subject) ? '' : a.subject;
    // last year's figure: said so (上年, 执行数, 比…), or the year before beside this year's figure of the
    // same thing; a lone figure of another year is this year's figure with a wrong year (text-year)
    const priorYear = claim.year !== undefined && y !== undefined && claim.year === y - 1;
    if (kind === 'amount' && a.last) claim.kind = kind = 'last';
    // the year before in a sentence comparing with it ('与2016年度相比（2016年度部门支出预算安排为8,648.07万元）')
    else if (kind === 'amount' && priorYear && COMPARISON.test(p.slice(Math.max(p.lastIndexOf('。', n.from), 0), n.from))) claim.kind = kind = 'last';
    let target: Group | undefined;
    if (!subject) {
      // '较上年减少165.01万元', '增长6.5%', '占…的26.86%': about the subject before it; at the start of a
      // sentence after a list, about the list's whole ('…公务接待费0万元。与2023年预算相比增长16.75%')
      const whole = !this.cur && this.dormant && this.stack.length ? this.r.groups[this.stack[this.stack.length - 1].head] : undefined;
      if (whole && whole.para === pi && (kind === 'change' || kind === 'pct')) target = whole;
      else if (here && kind !== 'other') target = here;
      if (target && kind === 'amount' && priorYear && target.amount && !target.last) claim.kind = kind = 'last';
    } else {
      const resolved = this.res.resolve(subject, this.scopeHint());
      const same = here && sameThing(here, resolved, subject);
      if (same && kind === 'amount' && priorYear && here.amount && !here.last) {
        claim.kind = kind = 'last';
        target = here;
      } else if (same && kind !== 'amount' && kind !== 'other' && slotFree(here, kind)) target = here;
      else if (here && kind === 'last' && !resolved.term && !resolved.economic && !here.last) target = here;
      else {
        if (n.role === 'figure' && !n.unit && !resolved.term && !resolved.economic && !resolved.classCode && !(this.stack.length && !this.dormant)) return;
        const g = this.newGroup(subject, resolved, pi, base + start + a.lead);
        if (claim.year !== undefined) g.year = claim.year;
        // figures in a reason ('主要原因是基本支出增加人员经费1408.29万元') explain, they are no parts
        const sentence = p.slice(Math.max(p.lastIndexOf('。', n.from), p.lastIndexOf('；', n.from), 0), n.from);
        this.place(g, /(原因是|原因为|原因：|原因:|由于|因为)/.test(sentence));
        target = g;
      }
    }
    if (!unit && !target && !isPct) return; // a bare number about nothing: not a figure
    this.r.claims.push(claim);
    if (!target) return;
    claim.group = target.i;
    switch (claim.kind) {
      case 'amount':
        if (target.amount || target.zero) target.more.push(claim);
        else target.amount = claim;
        break;
      case 'change':
        target.change ??= claim;
        break;
      case 'pct':
        target.pct ??= claim;
        break;
      case 'last':
        target.last ??= claim;
        break;
      case 'share':
        target.shares.push(claim);
        break;
      case 'other':
        break;
    }
    this.cur = target;
  }
}

function descends(res: Resolver, head: string, id: string, depth = 0): boolean {
  const parts = res.byId(head)?.parts;
  if (!parts || depth > 3) return false;
  return parts.includes(id) || parts.some((p) => descends(res, p, id, depth + 1));
}

function lastParen(stack: List[]): number {
  for (let k = stack.length - 1; k >= 0; k--) if (stack[k].paren) return k;
  return -1;
}

function innermost(stack: List[], ok: (l: List) => boolean): number {
  for (let k = stack.length - 1; k >= 0; k--) if (ok(stack[k])) return k;
  return -1;
}

function slotFree(g: Group, kind: ClaimKind): boolean {
  if (kind === 'amount') return !g.amount && !g.zero;
  if (kind === 'change') return !g.change;
  if (kind === 'pct') return !g.pct;
  if (kind === 'last') return !g.last;
  return kind === 'share';
}

function sameThing(g: Group, r: Resolved, subject: string): boolean {
  if (r.term) return g.resolved.term === r.term;
  if (r.economic) return g.resolved.economic === r.economic;
  return g.name === subject;
}

/** A marker counts at the start of a clause: after punctuation, a figure, or at the sentence start. */
function clauseStart(p: string, at: number, nums: Num[]): boolean {
  let k = at - 1;
  while (k >= 0 && p[k] === ' ') k--;
  if (k < 0) return true;
  // '（含所属单位）' is a remark, not a list
  if (/[（(]/.test(p[k])) return false;
  if (/[，,；;：:。！？!?、]/.test(p[k])) return true;
  return nums.some((n) => n.role === 'figure' && n.to === k + 1);
}

/** A short line without figures that starts like a heading ('二、支出说明', '（三）比上年增减情况'). */
function isHeading(p: string, hasFigure: boolean): boolean {
  if (hasFigure || p.length > 40) return false;
  return /^([一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十\d]+部分|#)/.test(p.trim()) || !/[。；;，,]/.test(p);
}

/** A year at the start of a sentence ('2026年，我局…'), applying to its figures. */
function leadingYear(p: string, from: number): number | undefined {
  const m = /^\s*(\d{4})\s?年度?[，,]/.exec(p.slice(from, from + 12));
  return m ? Number(m[1]) : undefined;
}

/** Start of the phrase naming a figure: back to a clause boundary outside brackets and quotes. */
function phraseStart(p: string, at: number, lower: number): number {
  let depth = 0;
  let k = at - 1;
  for (; k >= lower; k--) {
    const c = p[k];
    if (CLOSE.includes(c)) depth++;
    else if (OPEN.includes(c)) {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && CLAUSE_BOUND.test(c)) break;
  }
  return k + 1;
}

interface Analysis {
  subject: string;
  /** characters of connectors dropped at the phrase start (其中、和 …) */
  lead: number;
  year?: number;
  last: boolean;
  direction?: 'up' | 'down' | 'flat';
  share?: string;
}

/** What a phrase before a figure says: '其中：基本支出比上年减少' -> subject 基本支出, change down. */
function analyse(phrase: string, percent: boolean): Analysis {
  const lead = (CONNECTOR.exec(phrase)?.[0].length ?? 0);
  let s = phrase.slice(lead);
  const out: Analysis = { subject: '', lead, last: false };
  const share = percent ? /占(.*?)(的)?(比重|比例)?(为)?\s*$/.exec(s) : null;
  if (share) {
    out.share = share[1].trim();
    s = s.slice(0, share.index);
  }
  const ch = CHANGE_END.exec(s);
  const fl = FLAT_END.exec(s);
  // '增加基本支出844.15万元': the change word before its subject
  const lead2 = !ch && !fl ? /^(增加|减少|增长|下降)(?=[\u4e00-\u9fa5]{2})/.exec(s) : null;
  if (lead2) {
    out.direction = UP.test(lead2[1]) ? 'up' : 'down';
    s = s.slice(lead2[0].length);
  } else if (ch) {
    out.direction = UP.test(ch[1]) ? 'up' : 'down';
    s = s.slice(0, ch.index);
  } else if (fl && COMPARISON.test(s)) {
    out.direction = 'flat';
    s = s.slice(0, fl.index);
  }
  const cmp = COMPARISON.exec(s);
  if (cmp) {
    s = s.slice(0, cmp.index);
    if (!out.direction && !out.share) out.last = true;
  }
  if (!cmp && LAST_WORDS.test(s) && !out.direction) out.last = true;
  const y = YEAR.exec(s);
  if (y && !/^\d*号/.test(s.slice(y.index + y[0].length))) {
    out.year = Number(y[1]);
    s = s.slice(0, y.index) + s.slice(y.index + y[0].length);
  }
  s = stripOrdinal(s.replace(/^[，,：:\s]+|[，,：:\s]+$/g, ''));
  out.subject = s.replace(/^(我部门|我单位|本部门|本单位|我局)/, '').trim();
  if (/^(预算|预算数|预算安排|安排|金额|共计|合计)$/.test(out.subject) && (out.direction || out.share !== undefined)) out.subject = '';
  return out;
}

/** '一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行' or '…（类）…（款）…（项）' -> its names. */
function namePath(name: string): string[] | undefined {
  const s = name.replace(/[“”"]/g, '').replace(/科目$/, '');
  const one = /^([^（）()]+)[（(](类|款|项)[）)]$/.exec(s);
  if (one) return [one[1].trim()];
  const byKind = /^(.+?)[（(]类[）)](.+?)[（(]款[）)](.+?)[（(]项[）)]$/.exec(s);
  if (byKind) return [byKind[1], byKind[2], byKind[3]].map((x) => x.trim());
  const parts = s.split(/[-－—–]+/).map((x) => x.trim()).filter(Boolean);
  return parts.length >= 2 && parts.length <= 3 ? parts : undefined;
}
