// The explanatory texts of the real disclosures (seeds 000 巨鹿 2021, 002 高邑 2026, 004 乐亭 2022; cut
// from the seeds by tests/text/build.ts) against their workbooks in ../shared/examples, as .txt, as
// .docx and (000) as GB18030: every figure read, and exactly the findings a careful reader finds.
//
// Written down from reading the texts before running the check:
// - 000 巨鹿: every figure agrees with the tables and with the text itself (536.7 = 158.7 + 378,
//   158.7 = 143.73 + 14.97, the eight projects add up to 378, the 比上年 parts 9.16 + 23.45 = 32.61,
//   机关运行经费 14.97 = T6 公用经费, all 三公 zero as in T9): no finding. 28 figures; the only one no table
//   or sum can confirm is 上年末固定资产 45.90654万元.
// - 002 高邑: the 比上年 paragraph: 预算收支 较上年减少165.01万元, 其中 基本支出减少43.61万元 and
//   项目支出减少30.9万元 — 74.51, not 165.01 (an error). “公务用车购置及运维费0.97，” has no unit (a
//   warning). Everything else agrees (the percentages 15.17% and 1.27% are right for 243.88 and 2410.7).
// - 004 乐亭: “办公取暖费 1.87 差旅费” has no unit (a warning); every figure, list (income by source,
//   基本 = 人员 + 公用, the ten projects with the three 医疗救助 parts, the nine 机关运行经费 items against
//   T6, 比上年 233.61 = 8141.01 − 7907.40 = 65.44 + 6.17 + 162) and the 三公 figures agree.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ExampleName } from './fixtures/helpers';
import { describeReport, examplePath as examplePathOf, loadExampleGrid } from './fixtures/helpers';
import { validateWorkbook } from '../src/core/validate/engine';
import type { Finding, Report } from '../src/core/model/findings';
import { readTextBytes } from '../src/io/text-read';
import type { TextDoc } from '../src/core/validate/text/doc';

const DIR = path.join(__dirname, 'text');

interface Expect {
  name: ExampleName;
  claims: number;
  unchecked: string[];
  findings: { rule: string; severity: string; quote: RegExp }[];
}

const EXPECT: Expect[] = [
  { name: 'julu2021', claims: 28, unchecked: ['巨鹿县医疗保障局上年末固定资产金额为45.90654万元'], findings: [] },
  {
    name: 'gaoyi2026',
    // (“参保率达到 95%以上” is a threshold, not a figure)
    claims: 27,
    unchecked: [
      // the 三公 changes: 因公出国（境）费's change is not stated, so the list of changes cannot be summed
      '与上年相比减少0.03万元',
      '与上年相比减少0.03万元',
      // 绩效 targets
      '对特困人员在年度救助限额内政策范围内的住院救助比例达到90%',
      '低保对象达到70%',
      '高邑县医疗保障局（含所属单位）上年末固定资产金额为131.06万元',
      '本年度拟购置固定资产总额为0.00万元',
    ],
    findings: [
      { rule: 'text-sum', severity: 'error', quote: /较上年全年预算减少165\.01万元。其中：基本支出减少43\.61万元[\s\S]*项目支出减少30\.9万元/ },
      { rule: 'text-no-unit', severity: 'warning', quote: /^公务用车购置及运维费0\.97$/ },
    ],
  },
  {
    name: 'laoting2022',
    claims: 54,
    unchecked: ['已全员参保的单位按10%', '医疗保障安排政府采购预算5.86万元', '医疗保障（含所属单位）上年末固定资产金额为20.87万元', '本年度拟购置固定资产总额为5.86万元'],
    findings: [{ rule: 'text-no-unit', severity: 'warning', quote: /^办公取暖费 1\.87$/ }],
  },
];

async function check(name: ExampleName, doc: TextDoc): Promise<Report> {
  const g = await loadExampleGrid(name);
  return validateWorkbook(g, { file: name, text: doc });
}

const textFindings = (r: Report): Finding[] => r.findings.filter((f) => f.rule.startsWith('text-'));

function describeText(r: Report): string {
  return describeReport(r, 40) + '\n' + JSON.stringify(r.text, null, 1);
}

describe('the seeds’ explanatory texts against their workbooks', () => {
  for (const e of EXPECT) {
    for (const file of [`${e.name}-说明.txt`, `${e.name}-说明.docx`, ...(e.name === 'julu2021' ? [`${e.name}-说明-gb18030.txt`] : [])]) {
      test(`${file}: ${e.claims} figures read, exactly the real findings`, async () => {
        const doc = await readTextBytes(fs.readFileSync(path.join(DIR, file)), file);
        const rep = await check(e.name, doc);
        assert.ok(rep.text, 'report.text');
        assert.equal(rep.text!.source, file);
        assert.equal(rep.text!.claims, e.claims, describeText(rep));
        assert.deepEqual(rep.text!.unchecked, e.unchecked, describeText(rep));
        assert.equal(rep.text!.checked, e.claims - e.unchecked.length);
        const got = textFindings(rep);
        assert.equal(got.length, e.findings.length, describeText(rep));
        for (const want of e.findings) {
          const f = got.find((x) => x.rule === want.rule && want.quote.test(x.quote ?? ''));
          assert.ok(f, `${want.rule} quoting ${want.quote}\n${describeText(rep)}`);
          assert.equal(f!.severity, want.severity);
          // the quote is the text exactly as it reads
          assert.ok(doc.text.includes(f!.quote!), `quote is a substring of the text: ${f!.quote}`);
        }
        // and the tables themselves are clean
        assert.equal(rep.findings.filter((f) => !f.rule.startsWith('text-') && f.severity === 'error').length, 0, describeText(rep));
      });
    }
  }

  test('the .txt (a PDF copy, lines broken mid-word) and the .docx read the same figures', async () => {
    for (const e of EXPECT) {
      const a = await check(e.name, await readTextBytes(fs.readFileSync(path.join(DIR, `${e.name}-说明.txt`)), 'a.txt'));
      const b = await check(e.name, await readTextBytes(fs.readFileSync(path.join(DIR, `${e.name}-说明.docx`)), 'b.docx'));
      assert.deepEqual(b.text!.unchecked, a.text!.unchecked);
      assert.deepEqual(
        textFindings(b).map((f) => f.message),
        textFindings(a).map((f) => f.message),
      );
    }
  });
});

// ----------------------------------------------------------------------------------------------------
// One edit of each kind, anywhere: found every time, quoting the changed clause.

interface Edit {
  what: string;
  at: number;
  from: string;
  to: string;
}

/** Every figure the check confirmed, as [start, end) of its number in the text, with its unit after it. */
function figuresOf(text: string): { at: number; num: string; unitAt: number; unit: string }[] {
  const out: { at: number; num: string; unitAt: number; unit: string }[] = [];
  const re = /(\d[\d,]*(?:\.\d+)?)(\s*(?:\n\s*)*)(万元|元|%)/g;
  for (const m of text.matchAll(re)) {
    out.push({ at: m.index!, num: m[1], unitAt: m.index! + m[1].length + m[2].length, unit: m[3] });
  }
  return out;
}

function edits(text: string, unchecked: string[]): Edit[] {
  const out: Edit[] = [];
  const flat = text.replace(/\s/g, '');
  for (const f of figuresOf(text)) {
    // figures no check can confirm (固定资产, 绩效 targets) cannot be caught when changed
    const ctx = text.slice(Math.max(0, f.at - 40), f.at + f.num.length).replace(/\s/g, '');
    if (unchecked.some((u) => ctx.endsWith(u.replace(/\s/g, '').replace(/(万元|元|%)$/, '')))) continue;
    if (f.unit === '%') continue; // percentages: the change test below
    const digits = f.num.replace(/\D/g, '');
    // a figure: its last digit + 1 (9 -> 0 carries into a different figure all the same)
    const last = f.num.search(/\d(?!.*\d)/);
    const bumped = f.num.slice(0, last) + String((Number(f.num[last]) + 1) % 10) + f.num.slice(last + 1);
    out.push({ what: 'figure', at: f.at, from: f.num, to: bumped });
    // two adjacent digits swapped
    for (let i = 0; i + 1 < f.num.length; i++) {
      if (/\d/.test(f.num[i]) && /\d/.test(f.num[i + 1]) && f.num[i] !== f.num[i + 1]) {
        out.push({ what: 'digits swapped', at: f.at, from: f.num, to: f.num.slice(0, i) + f.num[i + 1] + f.num[i] + f.num.slice(i + 2) });
        break;
      }
    }
    // a unit: 万元 written 元 (a zero is zero in any unit)
    if (f.unit === '万元' && /[1-9]/.test(digits)) out.push({ what: 'unit', at: f.unitAt, from: '万元', to: '元' });
  }
  // a year: this year's budget named as the year before
  for (const m of text.matchAll(/(\d{4})(\s?年)(度)?(\s*)(部门|预算|收入|支出|，)/g)) {
    void flat;
    out.push({ what: 'year', at: m.index!, from: m[1], to: String(Number(m[1]) - 1) });
  }
  return out;
}

function apply(text: string, e: Edit): string {
  assert.equal(text.slice(e.at, e.at + e.from.length), e.from);
  return text.slice(0, e.at) + e.to + text.slice(e.at + e.from.length);
}

/** Whether a finding quotes the clause that holds position `at` of the edited text. */
function quotes(f: Finding, text: string, at: number): boolean {
  if (!f.quote) return false;
  for (let i = text.indexOf(f.quote); i >= 0; i = text.indexOf(f.quote, i + 1)) if (i <= at && at < i + f.quote.length) return true;
  return false;
}

describe('one edit injected into a real text is found, quoting the changed clause', () => {
  for (const e of EXPECT) {
    test(`${e.name}: every checked figure, digit swap, unit and year`, async () => {
      const base = fs.readFileSync(path.join(DIR, `${e.name}-说明.txt`), 'utf8');
      const g = await loadExampleGrid(e.name);
      const before = validateWorkbook(g, { text: { source: 't', text: base } });
      const baseline = new Set(textFindings(before).map((f) => f.message));
      const list = edits(base, e.unchecked);
      assert.ok(list.length > 40, `edits: ${list.length}`);
      const missed: string[] = [];
      for (const ed of list) {
        const text = apply(base, ed);
        const rep = validateWorkbook(g, { text: { source: 't', text } });
        const fresh = textFindings(rep).filter((f) => !baseline.has(f.message));
        if (!fresh.some((f) => quotes(f, text, ed.at))) {
          missed.push(`${ed.what} ${ed.from}->${ed.to} at “${text.slice(Math.max(0, ed.at - 20), ed.at + 12).replace(/\s+/g, '')}”: ${fresh.map((f) => f.rule + ' ' + f.message).join(' | ') || 'nothing'}`);
        }
      }
      assert.deepEqual(missed, [], `${missed.length} of ${list.length} edits missed`);
    });
  }

  test('one part of a 其中 list and one project amount: the list no longer adds up', async () => {
    const base = fs.readFileSync(path.join(DIR, 'julu2021-说明.txt'), 'utf8');
    const g = await loadExampleGrid('julu2021');
    // a project under 项目支出 (no table holds projects: only the list can tell)
    const t1 = base.replace('医疗救助经费 10万元', '医疗救助经费 12万元');
    const r1 = validateWorkbook(g, { text: { source: 't', text: t1 } });
    const f1 = textFindings(r1);
    assert.equal(f1.length, 1, describeReport(r1));
    assert.equal(f1[0].rule, 'text-sum');
    assert.match(f1[0].message, /之和 380\.00 万元大于所说的项目支出 378\.00 万元（相差 2\.00 万元）/);
    assert.match(f1[0].quote!, /医疗救助经费 12万元/);
    // a part of the 比上年 其中 list
    const t2 = base.replace('基本支出增加 9.16万元', '基本支出增加 9.61万元');
    const f2 = textFindings(validateWorkbook(g, { text: { source: 't', text: t2 } }));
    assert.equal(f2.length, 1);
    assert.equal(f2[0].rule, 'text-sum');
    assert.match(f2[0].message, /比上年合计增加 33\.06 万元，与所说的收支总预算比上年增加 32\.61 万元不一致（相差 0\.45 万元）/);
  });

  test('a text about another unit and year (the wrong file beside the workbook): errors naming both', async () => {
    const text = fs.readFileSync(path.join(DIR, 'gaoyi2026-说明.txt'), 'utf8');
    const rep = validateWorkbook(await loadExampleGrid('julu2021'), { text: { source: 't', text } });
    const entity = textFindings(rep).filter((f) => f.rule === 'text-entity');
    assert.equal(entity.length, 1, describeReport(rep));
    assert.equal(entity[0].severity, 'error');
    assert.equal(entity[0].message, '情况说明写的是“高邑县医疗保障局”，而工作簿是“巨鹿县医疗保障局本级”的预算：两者不是同一单位');
    assert.equal(entity[0].quote, '高邑县医疗保障局');
    const year = textFindings(rep).filter((f) => f.rule === 'text-year');
    assert.ok(year.length >= 1 && year.every((f) => f.severity === 'error'), describeReport(rep));
    assert.match(year[0].message, /写的是 2026 年，与工作簿的预算年度 2021 年不一致/);
    assert.deepEqual([year[0].expected, year[0].actual], ['2021', '2026']);
    // its own workbook: neither
    const own = validateWorkbook(await loadExampleGrid('gaoyi2026'), { text: { source: 't', text } });
    assert.deepEqual(textFindings(own).filter((f) => f.rule === 'text-entity' || f.rule === 'text-year'), []);
  });

  test('the example message of the issue: 基本支出 from an earlier draft', async () => {
    const base = fs.readFileSync(path.join(DIR, 'gaoyi2026-说明.txt'), 'utf8');
    const g = await loadExampleGrid('gaoyi2026');
    const rep = validateWorkbook(g, { text: { source: 't', text: base.replace('基本支出243.88万元', '基本支出220.19万元') } });
    const f = textFindings(rep).find((x) => x.rule === 'text-figure');
    assert.ok(f, describeReport(rep));
    assert.equal(f!.message, '情况说明“基本支出220.19万元”与 表3 部门预算支出总表 合计行 基本支出（E6）243.88 万元不一致（相差 23.69 万元）');
    assert.deepEqual(f!.cells, [{ sheet: '3 部门预算支出总表', address: 'E6' }]);
    assert.equal(f!.expected, '243.88 万元');
    assert.equal(f!.actual, '220.19 万元');
    assert.equal(f!.quote, '基本支出220.19万元');
  });
});

// ----------------------------------------------------------------------------------------------------
// The 情况说明（草稿） that generate writes passes the check and names no zero item.

describe('the generated draft text', () => {
  for (const name of ['julu2021', 'gaoyi2026', 'laoting2022'] as ExampleName[]) {
    test(`${name}: 情况说明（草稿） is checked with the tables, every figure confirmed, no finding`, async () => {
      const { readWorkbookFile } = await import('../src/io/xlsx-read');
      const { generateFromWorkbook } = await import('../src/core/generate/generate');
      const g = generateFromWorkbook(await readWorkbookFile(path.join(path.dirname(examplePathOf(name)), `${name}-input.xlsx`)), {});
      const rep = validateWorkbook(g.grid!, {});
      assert.equal(rep.text?.source, '工作表“情况说明（草稿）”');
      assert.ok(rep.text!.claims >= 20, JSON.stringify(rep.text));
      assert.equal(rep.text!.checked, rep.text!.claims, JSON.stringify(rep.text));
      assert.deepEqual(rep.findings.map((f) => f.message), []);
      const sheet = g.grid!.sheets.find((s) => s.name === '情况说明（草稿）')!;
      const text = sheet.rows.map((r) => String(r?.[0]?.value ?? '')).join('\n');
      // no item named with a zero amount (无… statements say there is none)
      assert.doesNotMatch(text, /[^\d.]0\.00万元/, text);
    });
  }
});
