// `generate <录入表.xlsx> -o <公开表.xlsx> [--year N] [--zero blank|0.00] [--catalog 科目表] [--force]`
// Exit codes: 0 written; 1 input problems or generated tables not clean (nothing written);
// 2 bad usage, unreadable input or output exists.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { validateWorkbook } from '../core/validate/engine';
import { problemText } from '../core/generate/input';
import { generateFromWorkbook } from '../core/generate/generate';
import { readWorkbookFile } from '../io/xlsx-read';
import { writeSpecsToFile } from '../io/xlsx-write';
import { isUserError } from '../io/errors';
import { UserError } from '../io/errors';

import { lazyCatalog } from './lazy';

export const GENERATE_USAGE = `用法：budget-disclosure generate <录入表.xlsx> -o <公开表.xlsx> [选项]

从一张“预算录入”表生成部门预算公开九张表（另附“情况说明（草稿）”工作表）。
先逐行检查录入表；有问题时列出行号、列名和原因，不生成文件。

选项：
  -o, --out <文件>        输出的 .xlsx 文件（必填）
  --year <年份>           预算年度（默认取录入表表头的“预算年度”）；2026 年起收支总表用“五、单位资金”
  --zero blank|0.00       零值显示为空白或 0.00（默认 0.00）
  --catalog <文件>        科目表（.xlsx 或 .csv：编码,名称），补充程序不认识的功能分类款名称
  --force                 输出文件已存在时覆盖
  -h, --help              显示本说明
`;

export interface GenerateOptions {
  input: string;
  out: string;
  year?: number;
  zero: 'blank' | '0.00';
  catalog?: string;
  force: boolean;
}

/** Parses arguments; throws UserError (Chinese) on bad usage. Returns undefined for --help. */
export function parseGenerateArgs(args: string[]): GenerateOptions | undefined {
  let input: string | undefined;
  let out: string | undefined;
  let year: number | undefined;
  let zero: 'blank' | '0.00' = '0.00';
  let catalog: string | undefined;
  let force = false;
  const need = (i: number, flag: string): string => {
    const v = args[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UserError(`选项 ${flag} 后面缺少取值。`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-h' || a === '--help') return undefined;
    else if (a === '-o' || a === '--out' || a === '--output') out = need(i++, a);
    else if (a === '--year') {
      const v = need(i++, a);
      if (!/^\d{4}$/.test(v)) throw new UserError(`--year 应为四位年份，例如 2026；收到“${v}”。`);
      year = Number(v);
    } else if (a === '--zero') {
      const v = need(i++, a);
      if (v !== 'blank' && v !== '0.00') throw new UserError(`--zero 只能是 blank 或 0.00；收到“${v}”。`);
      zero = v;
    } else if (a === '--catalog') catalog = need(i++, a);
    else if (a === '--force' || a === '-f') force = true;
    else if (a.startsWith('-') && a.length > 1) throw new UserError(`不认识的选项：${a}`);
    else if (input === undefined) input = a;
    else throw new UserError(`多余的参数：${a}（一次只能处理一个录入表）`);
  }
  if (!input) throw new UserError('缺少录入表文件名。');
  if (!out) throw new UserError('缺少输出文件：请用 -o <公开表.xlsx> 指定。');
  if (!/\.xlsx$/i.test(out)) throw new UserError(`输出文件应以 .xlsx 结尾：${out}`);
  if (path.resolve(out) === path.resolve(input)) throw new UserError('输出文件不能与录入表是同一个文件。');
  return { input, out, year, zero, catalog, force };
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.stat(file);
    return true;
  } catch {
    return false;
  }
}

export { generateFromWorkbook };

/** problems listed at most; the rest are counted */
export const LIST_MAX = 50;

export async function runGenerate(args: string[]): Promise<number> {
  let opts: GenerateOptions | undefined;
  try {
    opts = parseGenerateArgs(args);
  } catch (e) {
    if (!isUserError(e)) throw e;
    process.stderr.write(`错误：${e.message}\n\n${GENERATE_USAGE}`);
    return 2;
  }
  if (!opts) {
    process.stdout.write(GENERATE_USAGE);
    return 0;
  }
  try {
    if (!opts.force && (await exists(opts.out))) {
      process.stderr.write(`错误：输出文件已存在：${opts.out}。如确需覆盖，请加 --force。\n`);
      return 2;
    }
    const catalog = opts.catalog ? await lazyCatalog().readCatalogFile(opts.catalog) : undefined;
    const wb = await readWorkbookFile(opts.input);
    const g = generateFromWorkbook(wb, { year: opts.year, zero: opts.zero, catalog, yearHint: '，或用 --year 指定' });
    if (!g.specs || !g.grid) {
      const ps = [...g.problems].sort((a, b) => a.row - b.row);
      process.stderr.write(`录入表 ${path.basename(opts.input)} 有 ${ps.length} 处问题，未生成文件：\n`);
      for (const p of ps.slice(0, LIST_MAX)) process.stderr.write(`  ${problemText(p)}\n`);
      if (ps.length > LIST_MAX) process.stderr.write(`  ……另有 ${ps.length - LIST_MAX} 处问题未列出（先改正以上 ${LIST_MAX} 处再运行）。\n`);
      return 1;
    }
    for (const w of g.warnings.slice(0, LIST_MAX)) process.stderr.write(`提示：${problemText(w)}\n`);
    if (g.warnings.length > LIST_MAX) process.stderr.write(`提示：……另有 ${g.warnings.length - LIST_MAX} 行与前面某行完全相同，未列出。\n`);
    const report = validateWorkbook(g.grid, { catalog, file: opts.out });
    const errors = report.findings.filter((f) => f.severity === 'error');
    if (errors.length > 0) {
      process.stderr.write(`生成的公开表未通过校验（${errors.length} 个错误），未写入文件：\n`);
      for (const f of errors.slice(0, LIST_MAX)) process.stderr.write(`  ${f.message}\n`);
      if (errors.length > LIST_MAX) process.stderr.write(`  ……另有 ${errors.length - LIST_MAX} 个错误未列出。\n`);
      return 1;
    }
    await writeSpecsToFile(g.specs, opts.out);
    const warn = report.findings.filter((f) => f.severity !== 'error');
    for (const f of warn) process.stderr.write(`提示：${f.message}\n`);
    process.stdout.write(
      `已生成 ${opts.out}：${g.year} 年部门预算公开表九张及“情况说明（草稿）”，校验通过（0 个错误）。\n`,
    );
    return 0;
  } catch (e) {
    if (isUserError(e)) {
      process.stderr.write(`错误：${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
