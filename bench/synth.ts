// Synthetic consistent budgets for benchmarks and property tests: BudgetLine[] spread over many
// functional 类/款/项, every fund source, every spending type, basic and project spending.
import Decimal from 'decimal.js';
import type { BudgetLine, FundSource, SpendingType } from '../src/core/generate/input';
import { FISCAL_SOURCES, FUND_SOURCES } from '../src/core/generate/input';
import { KUAN_NAMES } from '../src/core/generate/kuan-names';
import type { Disclosure } from '../src/core/generate/aggregate';
import { aggregate } from '../src/core/generate/aggregate';
import type { SheetSpec } from '../src/core/generate/layout-types';
import { layoutDisclosure } from '../src/core/generate/layout';

/** Economic 款 with names (including the four T9 links 30212 / 31013 / 30231 / 30217). */
export const ECON_KUAN: [string, string][] = [
  ['30101', '基本工资'],
  ['30102', '津贴补贴'],
  ['30103', '奖金'],
  ['30108', '机关事业单位基本养老保险缴费'],
  ['30110', '职工基本医疗保险缴费'],
  ['30201', '办公费'],
  ['30205', '水费'],
  ['30211', '差旅费'],
  ['30212', '因公出国（境）费用'],
  ['30217', '公务接待费'],
  ['30231', '公务用车运行维护费'],
  ['30299', '其他商品和服务支出'],
  ['30301', '离休费'],
  ['30302', '退休费'],
  ['31002', '办公设备购置'],
  ['31013', '公务用车购置'],
  ['39999', '其他支出'],
];

export const KUAN_CODES = Object.keys(KUAN_NAMES).sort();

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `n` budget lines over `xiangPerKuan` 项 in every known 款 (so every 类 with a known 款). By default
 * the 项 count grows with n (about 3 lines per 项, at most 99 项 per 款) so the tables grow with the input.
 */
export function synthLines(
  n: number,
  seed = 1,
  xiangPerKuan = Math.max(2, Math.min(99, Math.ceil(n / (KUAN_CODES.length * 3)))),
  /** distinct project names (a project spreads over several lines); default n / 4 */
  projects = Math.max(1, Math.floor(n / 4)),
): BudgetLine[] {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const xiang: [string, string][] = [];
  for (const k of KUAN_CODES) {
    for (let i = 1; i <= xiangPerKuan; i++) {
      const code = k + String(i === xiangPerKuan ? 99 : i).padStart(2, '0');
      xiang.push([code, i === 1 ? '行政运行' : i === xiangPerKuan ? `其他${KUAN_NAMES[k]}支出` : `${KUAN_NAMES[k]}项目${i}`]);
    }
  }
  const lines: BudgetLine[] = [];
  for (let i = 0; i < n; i++) {
    // first pass covers every 项 once, then random
    const [funcCode, funcName] = i < xiang.length ? xiang[i] : pick(xiang);
    const source: FundSource = i < FUND_SOURCES.length ? FUND_SOURCES[i] : pick(FUND_SOURCES);
    const fiscal = FISCAL_SOURCES.includes(source);
    const kinds: SpendingType[] = fiscal
      ? ['基本支出', '项目支出']
      : ['基本支出', '项目支出', '经营支出', '上缴上级支出', '对附属单位补助支出'];
    const kind = pick(kinds);
    const [econCode, econName] = pick(ECON_KUAN);
    const cents = 1 + Math.floor(rand() * 5_000_000);
    lines.push({
      row: i + 2,
      funcCode,
      funcName,
      econCode,
      econName,
      kind,
      source,
      carry: rand() < 0.1,
      project: kind === '项目支出' ? `项目${Math.floor(rand() * projects)}` : '',
      amount: new Decimal(cents).div(100),
    });
  }
  return lines;
}

export const SYNTH_HEADER = { unitCode: '999001', unitName: '基准测试县财政局本级', year: 2024, currency: '万元' };

export function synthDisclosure(lines: BudgetLine[], year = SYNTH_HEADER.year): Disclosure {
  return aggregate(lines, { ...SYNTH_HEADER, year }, (c) => KUAN_NAMES[c]);
}

/** lines -> the nine tables' sheet specs (the generator's pure part). */
export function synthSpecs(lines: BudgetLine[], year = SYNTH_HEADER.year): SheetSpec[] {
  return layoutDisclosure(synthDisclosure(lines, year));
}
