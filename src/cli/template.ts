// `template -o <录入模板.xlsx> [--year N] [--force]`: an input workbook a clerk fills in without a manual.
// Exit codes: 0 written; 2 bad usage or output exists.
import { promises as fs } from 'node:fs';
import { templateSpecs } from '../core/generate/template';
import { isUserError, UserError } from '../io/errors';
import { writeSpecsToFile } from '../io/xlsx-write';

export const TEMPLATE_USAGE = `用法：budget-disclosure template -o <录入模板.xlsx> [--year <年份>] [--force]

生成“预算录入”模板：表头（单位编码、单位名称、预算年度、金额单位），录入列（带下拉选择），
“科目表”（补充款名称）和“说明”（每种行各一条示例）。填好后用 generate 命令生成九张公开表。

选项：
  -o, --out <文件>   输出的 .xlsx 文件（必填）
  --year <年份>      预算年度（默认下一年）
  --force            输出文件已存在时覆盖
  -h, --help         显示本说明
`;

export function parseTemplateArgs(args: string[], now = new Date()): { out: string; year: number; force: boolean } | undefined {
  let out: string | undefined;
  let year = now.getFullYear() + 1;
  let force = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = () => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new UserError(`选项 ${a} 后面缺少取值。`);
      return v;
    };
    if (a === '-h' || a === '--help') return undefined;
    else if (a === '-o' || a === '--out' || a === '--output') out = next();
    else if (a === '--year') {
      const v = next();
      if (!/^\d{4}$/.test(v)) throw new UserError(`--year 应为四位年份，例如 2026；收到“${v}”。`);
      year = Number(v);
    } else if (a === '--force' || a === '-f') force = true;
    else if (a.startsWith('-')) throw new UserError(`不认识的选项：${a}`);
    else if (out === undefined) out = a;
    else throw new UserError(`多余的参数：${a}`);
  }
  if (!out) throw new UserError('缺少输出文件：请用 -o <录入模板.xlsx> 指定。');
  if (!/\.xlsx$/i.test(out)) throw new UserError(`输出文件应以 .xlsx 结尾：${out}`);
  return { out, year, force };
}

export async function runTemplate(args: string[]): Promise<number> {
  try {
    const opts = parseTemplateArgs(args);
    if (!opts) {
      process.stdout.write(TEMPLATE_USAGE);
      return 0;
    }
    if (!opts.force) {
      const there = await fs.stat(opts.out).then(
        () => true,
        () => false,
      );
      if (there) {
        process.stderr.write(`错误：输出文件已存在：${opts.out}。如确需覆盖，请加 --force。\n`);
        return 2;
      }
    }
    await writeSpecsToFile(templateSpecs({ year: opts.year }), opts.out);
    process.stdout.write(`已生成录入模板 ${opts.out}（预算年度 ${opts.year}）。\n`);
    return 0;
  } catch (e) {
    if (isUserError(e)) {
      process.stderr.write(`错误：${e.message}\n\n${TEMPLATE_USAGE}`);
      return 2;
    }
    throw e;
  }
}
