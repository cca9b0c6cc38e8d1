// The explanatory texts of the 18 regional disclosures (../shared/regional/*/*.text.txt) checked with
// their rebuilt workbooks, read with their template's profile and table of names (text-terms-shanghai.ts,
// text-terms-jiangsu.ts). Every finding below was checked by hand against the text and the tables; those
// known.json lists are marked `known` (all of its text inconsistencies are found), the others were found by
// the check and confirmed by recomputing the figures.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SHARED } from './fixtures/helpers';
import { validateWorkbook } from '../src/core/validate/engine';
import { readWorkbookFile } from '../src/io/xlsx-read';

const DIR = path.join(SHARED, 'regional');

interface Want {
  rule: string;
  /** the finding's actual figure (or a part of its quote when it has none) */
  actual?: string;
  quote?: string;
  /** listed in known.json's textInconsistencies */
  known?: boolean;
  /** the message says it is probably rounding */
  rounding?: boolean;
}

const W = (rule: string, actual: string | undefined, more: Partial<Want> = {}): Want => ({ rule, actual, ...more });

const EXPECT: Record<string, Want[]> = {
  // 865.57 / (1959.99 − 865.57) = 79.09%
  'jiangsu-2017-gaoji-fayuan': [W('text-change', '79.05%'), W('text-share', '45.43%', { known: true, rounding: true })],
  'jiangsu-2017-jianchayuan': [
    W('text-figure', '12323.46 万元'), // 此外，基本支出预算数为 12323.46 万元: 12323.48 in the table and the text's 其中
    W('text-change', '2.31%', { rounding: true }), // 2.3153% cut off
    W('text-change', '129.97%'), // 3401.59 / 2630.96 = 129.29%
    W('text-share', '18.85%', { known: true }),
    W('text-share', '54.43%', { known: true }),
    W('text-share', '26.72%', { known: true }),
  ],
  'jiangsu-2017-renda-bangongting': [
    W('text-no-unit', undefined, { quote: '公务用车购置为' }),
    W('text-change', '254.23%', { rounding: true }),
    W('text-share', '8.75%', { known: true }),
    W('text-share', '7.22%', { known: true }),
    W('text-share', '16.81%', { known: true }),
  ],
  'jiangsu-2017-shengwei-bangongting': [W('text-change', '1.66%')], // 101.48 / 6005.51 = 1.69%
  'jiangsu-2017-zhengxie-bangongting': [],
  'jiangsu-2018-gaoji-fayuan': [
    W('text-no-unit', undefined, { quote: '减少9.52' }), // 100 / 1050 = 9.52%: the % is missing
    W('text-change', '-5.95%'), // 392.92 / 6442.89 = 6.10%
  ],
  'jiangsu-2018-jianchayuan': [
    W('text-change', '36.58%', { rounding: true }),
    W('text-change', '0.06%'), // 21.8 / (3666 − 21.8) = 0.60% (its line broken inside the sentence in the PDF copy)
    W('text-share', '99.94%'), // 21940.96 / 21955.35 = 99.93%
  ],
  'jiangsu-2018-renda-bangongting': [
    W('text-change', '1312.56%'), // 1557.29 / 128.43 = 1212.56%
    W('text-share', '22.03%', { known: true, rounding: true }),
    // the template's 增加（减少） left for the clerk to choose
    W('text-leftover', undefined, { quote: '政府性基金收入预算' }),
    W('text-leftover', undefined, { quote: '增长（减' }),
    W('text-leftover', undefined, { quote: '增加（减' }),
    W('text-leftover', undefined, { quote: '国有资本经营预算收入' }),
    W('text-leftover', undefined, { quote: '公务用车购置预算支出' }), // '增加（减' / '少）' broken over two lines
  ],
  'jiangsu-2018-shengwei-bangongting': [W('text-share', '80.92%', { known: true })],
  'jiangsu-2018-zhengxie-bangongting': [W('text-change', '-66.69%')], // 2233.13 / 3348.98 = 66.68%
  'shanghai-putuo-2023-wanli-jiedao-dept': [
    // 政府性基金拨款支出预算0万元，比2022年预算增加1421.25万元: the parts' changes add up to twice the whole's,
    // and last year's figure would be negative
    W('text-sum', '2842.50 万元'),
    W('text-sum', '16497.85 万元', { rounding: true }),
    W('text-change', '1421.25 万元'),
    W('text-change', '314.82%', { known: true }),
    W('text-change', '60.54%', { known: true }),
    W('text-figure', '441.25 万元', { known: true }), // 职业年金 220.63 in T5 (2206272 元)
    W('text-restated', '441.25 万元'),
  ],
  // the six 科目 of 财政拨款支出 add up to 991.59, not 950.12 (社会福利事业单位 738.66: known.json, against T5)
  'shanghai-putuo-2024-shehui-fuliyuan-unit': [
    W('text-figure', '738.66 万元', { known: true, quote: '社会福利事业单位' }),
    W('text-figure', '738.66 万元', { known: true, quote: '预算安排738.66' }),
    W('text-sum', '991.59 万元'),
    W('text-leftover', undefined, { quote: '主要原因是。', known: true }),
    // 210 has been 卫生健康支出 since 2019 (so the table); the text keeps 医疗卫生与计划生育支出
    W('text-subject', '医疗卫生与计划生育支出（类）行政事业单位医疗（款）事业单位医疗（项）', { quote: '医疗卫生与计划生育支出' }),
  ],
  'shanghai-putuo-2024-wanli-jiedao-dept': [
    W('text-figure', '352.67 万元', { known: true }), // 住房公积金 350.35 in T5
    W('text-sum', '15621.10 万元', { rounding: true }),
    W('text-change', '0.53%', { known: true }),
    W('text-restated', '352.67 万元'),
  ],
  // 887.36 for 87.36 (known.json, against T5): the 科目 add up to 3921.38, not 3121.42
  'shanghai-putuo-2025-caizhengju-dept': [
    // the texts' 万元 figures against T5's 元: four cut off (87.708 written 87.70), one 887.36 for 87.36
    W('text-figure', '87.70 万元', { known: true, rounding: true }),
    W('text-figure', '887.36 万元', { known: true }),
    W('text-figure', '78.21 万元', { known: true, rounding: true }),
    W('text-figure', '204.91 万元', { known: true, rounding: true }),
    W('text-figure', '268.77 万元', { known: true, rounding: true }),
    W('text-sum', '3921.38 万元'),
    W('text-duplicate', undefined, { quote: '887.36万元', known: true }),
  ],
  'shanghai-putuo-2025-shangwu-weiyuanhui-dept': [W('text-sum', '37151.46 万元', { rounding: true }), W('text-duplicate', undefined, { quote: '组织协调本区工商业', known: true })],
  'shanghai-putuo-2025-shangwu-weiyuanhui-unit': [W('text-sum', '37151.46 万元', { rounding: true }), W('text-duplicate', undefined, { quote: '组织协调本区工商业', known: true })],
  'shanghai-putuo-2025-zhengfu-bangongshi-dept': [],
  'shanghai-putuo-2025-zhengfu-bangongshi-unit': [],
};

const known = JSON.parse(fs.readFileSync(path.join(DIR, 'known.json'), 'utf8')) as Record<string, { textInconsistencies?: unknown[] }>;

describe('regional explanatory texts with their workbooks', () => {
  for (const [name, want] of Object.entries(EXPECT)) {
    test(`${name}: ${want.length} findings, as read by hand`, async () => {
      const text = fs.readFileSync(path.join(DIR, name, `${name}.text.txt`), 'utf8');
      const g = await readWorkbookFile(path.join(DIR, name, `${name}.xlsx`));
      const rep = validateWorkbook(g, { text: { source: name, text } });
      assert.equal(rep.profile, name.startsWith('jiangsu') ? 'jiangsu' : 'shanghai');
      const got = rep.findings.filter((f) => f.rule.startsWith('text-'));
      const describe = got.map((f) => `${f.rule} ${f.actual ?? ''} ${f.message.slice(0, 120)}`).join('\n');
      assert.equal(got.length, want.length, describe);
      const left = [...got];
      for (const w of want) {
        const k = left.findIndex((x) => x.rule === w.rule && (w.actual === undefined || x.actual === w.actual) && (w.quote === undefined || (x.quote ?? '').replace(/\s/g, '').includes(w.quote)));
        assert.ok(k >= 0, `${w.rule} ${w.actual ?? w.quote}\n${describe}`);
        const f = left.splice(k, 1)[0];
        assert.equal(/四舍五入/.test(f.message), !!w.rounding, f.message);
        assert.ok(text.includes(f.quote!), 'quote is a substring of the text');
      }
      const r = { text: rep.text! };
      // every inconsistency of the text known.json lists is found
      const listed = known[name]?.textInconsistencies?.length ?? 0;
      assert.equal(want.filter((w) => w.known).length, listed);
      assert.ok(r.text.claims > 30 && r.text.checked > r.text.claims / 3, JSON.stringify({ claims: r.text.claims, checked: r.text.checked }));
    });
  }
});
