// `validate <file.xlsx|folder> [--json] [--out <marked.xlsx>] [--catalog <file>]`
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Catalog } from '../core/model/catalog';
import type { Report } from '../core/model/findings';
import { UserError } from '../io/errors';
import { samePath } from '../io/xlsx-mark';
import { folderLine, formatReport, reportJson } from './format';
import { validateFilesParallel } from './pool';
import { readAndValidate, writeMarked } from './validate-worker';
import { isPdfName } from '../io/pdf/read';
import type { CliIO } from './io';
import { PROFILES, profileById } from '../core/profiles';

import { lazyCatalog } from './lazy';

const PROFILE_LIST = PROFILES.map((p) => `${p.id} ${p.name}`).join('、');

/** Suffix of marked copies written in folder mode (such files are skipped when validating a folder). */
export const MARKED_SUFFIX = '-校验.xlsx';
/** The same for PDFs. */
export const MARKED_PDF_SUFFIX = '-校验.pdf';

export const VALIDATE_USAGE = `用法：budget-disclosure validate <文件.xlsx|文件.pdf|文件夹> [选项]

校验部门预算公开的九张表：表内合计、科目层级、表间勾稽等。也可校验公开的 PDF（读取其文字层）。

选项：
  --json                     以 JSON 格式输出校验结果
  --out <标记副本.xlsx|.pdf> 另存一份副本，问题单元格标红（错误）或标黄（警告）并加批注，
                             末尾附“校验结果”工作表（PDF：问题数字加高亮和批注，首页附全部结果）；
                             原文件不会被修改。
                             校验文件夹时 --out 为输出文件夹，副本命名为“原名${MARKED_SUFFIX}”（PDF 为“原名${MARKED_PDF_SUFFIX}”）
  --force                    标记副本已存在时覆盖（否则不覆盖，报错退出）
  --catalog <科目表.xlsx|csv> 按指定的科目表（科目编码、科目名称两列）核对科目名称
  --text <情况说明.docx|txt|pdf> 同时核对情况说明（校验 PDF 时默认核对其中表格以外的文字）：文中每个金额、合计、增减、占比、年度与九张表是否一致。
                             工作簿中名为“情况说明”“编制说明”“情况说明（草稿）”的工作表无需此选项即会核对；
                             校验文件夹时，与工作簿同名的 .docx / .txt 自动配对
  --timeout <秒>             每个文件的时限：单个文件超时即报错退出；校验文件夹时默认 300 秒，
                             超时的文件跳过并报告
  --profile <模板>           按指定地区的模板识别表格（${PROFILE_LIST}）；默认按表名自动识别
  -h, --help                 显示本帮助

文件过大时（如解压后的部分超过 200 MB、单元格超过 300 万个）不予读取并说明原因；
可用环境变量 BUDGET_MAX_PART_MB、BUDGET_MAX_TOTAL_MB、BUDGET_MAX_CELLS 调整上限。

退出码：0 未发现错误（可有警告）；1 发现错误（或文件夹中有文件无法读取）；
        2 文件无法读取或用法有误（文件夹中的文件全都无法读取时也是 2）
`;

interface Args {
  target?: string;
  json: boolean;
  out?: string;
  catalog?: string;
  profile?: string;
  /** the explanatory text to check with the workbook */
  text?: string;
  /** folder mode: per-file limit in ms */
  timeoutMs?: number;
  force: boolean;
  help: boolean;
}

function parseArgs(args: string[]): Args {
  const a: Args = { json: false, force: false, help: false };
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') {
      a.help = true;
      continue;
    }
    if (arg === '--json') {
      a.json = true;
      continue;
    }
    if (arg === '--force' || arg === '-f') {
      a.force = true;
      continue;
    }
    const m = /^(--out|--catalog|--timeout|--text|--profile)(?:=(.*))?$/.exec(arg);
    if (m) {
      let value = m[2];
      if (value === undefined) {
        value = args[i + 1];
        if (value === undefined || (value.startsWith('-') && value.length > 1)) {
          if (m[1] === '--timeout') throw new UsageError('选项 --timeout 后面需要秒数，例如 --timeout 120。');
          if (m[1] === '--profile') throw new UsageError(`选项 --profile 后面需要模板名称：${PROFILE_LIST}。`);
          throw new UsageError(`选项 ${m[1]} 后面需要一个${m[1] === '--catalog' ? '科目表文件' : m[1] === '--text' ? '情况说明文件（.docx、.txt 或 .pdf）' : '文件'}路径。`);
        }
        i++;
      }
      if (value === '') throw new UsageError(`选项 ${m[1]} 后面需要一个文件路径。`);
      if (m[1] === '--timeout') {
        const secs = Number(value);
        if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(secs > 0)) throw new UsageError(`--timeout 须为正的秒数，收到：${value}`);
        a.timeoutMs = secs * 1000;
      } else if (m[1] === '--profile') {
        if (!profileById(value)) throw new UsageError(`未知的模板：${value}（可用：${PROFILE_LIST}）`);
        a.profile = value;
      } else if (m[1] === '--catalog') a.catalog = value;
      else if (m[1] === '--text') a.text = value;
      else a.out = value;
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) throw new UsageError(`未知选项：${arg}（运行 budget-disclosure validate --help 查看用法）`);
    positional.push(arg);
  }
  if (positional.length > 1) throw new UsageError(`只能指定一个文件或文件夹，收到 ${positional.length} 个：${positional.join(' ')}`);
  a.target = positional[0];
  return a;
}

/** Bad command line: message shown, exit 2. */
export class UsageError extends UserError {}

export async function runValidate(args: string[], io: CliIO): Promise<number> {
  const a = parseArgs(args);
  if (a.help) {
    io.out(VALIDATE_USAGE);
    return 0;
  }
  if (!a.target) throw new UsageError('缺少要校验的文件或文件夹（运行 budget-disclosure validate --help 查看用法）');

  let stat;
  try {
    stat = await fs.stat(a.target);
  } catch {
    throw new UserError(`找不到文件或文件夹：${a.target}`);
  }
  const catalog = a.catalog ? await lazyCatalog().readCatalogFile(a.catalog) : undefined;
  if (stat.isDirectory()) {
    if (a.text) throw new UsageError('校验文件夹时不用 --text：每个工作簿自动与同名的 .docx / .txt 情况说明配对。');
    return validateFolder(a.target, a, catalog, io);
  }

  let out = a.out;
  if (out) {
    const outStat = await fs.stat(out).catch(() => undefined);
    if (outStat?.isDirectory()) out = path.join(out, markedName(a.target));
    if (await samePath(a.target, out)) {
      throw new UsageError(`--out 不能是输入文件本身（${out}）：校验不会修改原文件，请为标记副本另取一个文件名。`);
    }
    const want = isPdfName(a.target) ? '.pdf' : '.xlsx';
    if (path.extname(out).toLowerCase() !== want) throw new UsageError(`标记副本的文件名须以 ${want} 结尾：${out}`);
    if (!a.force && (await fs.stat(out).catch(() => undefined))) throw new UsageError(`标记副本已存在：${out}。如确需覆盖，请加 --force。`);
  }

  let report: Report;
  if (a.timeoutMs !== undefined) {
    // a time limit needs the file in a worker thread (a synchronous read cannot be interrupted otherwise)
    const text = a.text;
    const [r] = await validateFilesParallel([a.target], { catalog, profile: a.profile, timeoutMs: a.timeoutMs, force: a.force, texts: () => text, out: out ? () => out : undefined, workers: 1, inWorker: true });
    if (!r.report) throw new UserError(r.error ?? '校验未能完成。');
    if (r.markError) throw new UserError(r.markError);
    report = r.report;
    printReport(report, a, io);
  } else {
    const read = await readAndValidate(a.target, catalog, !!out, a.text, a.profile);
    report = read.report;
    printReport(report, a, io);
    if (out) await writeMarked(a.target, out, read, a.force);
  }
  if (out) (a.json ? io.err : io.out)(`已写入标记副本：${out}\n`);
  return report.summary.errors > 0 ? 1 : 0;
}

function printReport(report: Report, a: Args, io: CliIO): void {
  if (a.json) io.out(JSON.stringify(reportJson(report), null, 2) + '\n');
  else io.out(formatReport(report));
}

/** Explanatory texts beside the workbooks, by lower-case base name (a .docx before a .txt of the same name). */
function textPairs(names: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const ext of ['.txt', '.docx']) {
    for (const n of names) {
      if (n.startsWith('~$') || path.extname(n).toLowerCase() !== ext) continue;
      out.set(path.basename(n, path.extname(n)).toLowerCase(), n);
    }
  }
  return out;
}

function markedName(file: string): string {
  return path.basename(file, path.extname(file)) + (isPdfName(file) ? MARKED_PDF_SUFFIX : MARKED_SUFFIX);
}

/**
 * Why a folder entry is not validated: undefined for a workbook or PDF to validate, null for what is
 * passed over without a word (hidden files, explanatory texts paired with a workbook), else the reason.
 */
export function skipReason(name: string, isDir: boolean): string | undefined | null {
  if (name.startsWith('.')) return null;
  if (isDir) return '子文件夹（不校验子文件夹中的文件）';
  const lower = name.toLowerCase();
  if (name.startsWith('~$')) return 'Office 打开文件时的临时文件';
  if (name.endsWith(MARKED_SUFFIX) || name.endsWith(MARKED_PDF_SUFFIX)) return '本工具写出的标记副本';
  if (lower.endsWith('.xlsx') || lower.endsWith('.xlsm') || lower.endsWith('.pdf')) return undefined;
  if (lower.endsWith('.xls')) return '旧版 Excel 97-2003 格式（.xls）：请在 Excel 中另存为 .xlsx';
  if (lower.endsWith('.xlsb')) return 'Excel 二进制工作簿（.xlsb）：请另存为 .xlsx';
  if (lower.endsWith('.et') || lower.endsWith('.ett')) return 'WPS 表格格式（.et）：请在 WPS 中另存为 .xlsx';
  if (lower.endsWith('.ods')) return 'OpenDocument 表格（.ods）：请另存为 .xlsx';
  if (lower.endsWith('.csv')) return 'CSV 文本文件：不含九张表的格式，请在 Excel 中另存为 .xlsx';
  if (lower.endsWith('.numbers')) return 'Numbers 表格：请导出为 .xlsx';
  if (lower.endsWith('.docx') || lower.endsWith('.txt')) return '情况说明，但没有同名的工作簿可与之配对';
  return '不是 Excel 工作簿或 PDF';
}

async function validateFolder(dir: string, a: Args, catalog: Catalog | undefined, io: CliIO): Promise<number> {
  let outDir: string | undefined;
  if (a.out) {
    const st = await fs.stat(a.out).catch(() => undefined);
    if (st && !st.isDirectory()) throw new UsageError(`校验文件夹时，--out 须为一个文件夹：${a.out}`);
    outDir = a.out;
  }
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const texts = textPairs(entries.filter((e) => e.isFile()).map((e) => e.name));
  const names: string[] = [];
  const skipped: { name: string; why: string }[] = [];
  for (const e of entries) {
    const why = skipReason(e.name, e.isDirectory());
    if (why === undefined && e.isFile()) names.push(e.name);
    else if (why === undefined) skipped.push({ name: e.name, why: '不是普通文件' });
    else if (why) skipped.push({ name: e.name, why });
  }
  names.sort((x, y) => x.localeCompare(y, 'zh-CN'));
  // explanatory texts paired with a workbook are used, not skipped
  const paired = new Set(names.map((n) => texts.get(path.basename(n, path.extname(n)).toLowerCase())).filter(Boolean));
  const listed = skipped.filter((s) => !paired.has(s.name)).sort((x, y) => x.name.localeCompare(y.name, 'zh-CN'));
  if (names.length === 0) {
    const also = listed.length ? `（跳过了 ${listed.length} 项：${listed.slice(0, 5).map((s) => `${s.name}——${s.why}`).join('；')}${listed.length > 5 ? '……' : ''}）` : '';
    throw new UserError(`文件夹中没有 .xlsx 或 .pdf 文件：${dir}${also}`);
  }
  if (outDir && !a.force) {
    const exist: string[] = [];
    for (const n of names) if (await fs.stat(path.join(outDir, markedName(n))).catch(() => undefined)) exist.push(markedName(n));
    if (exist.length) throw new UsageError(`${outDir} 中已有 ${exist.length} 个标记副本（${exist.slice(0, 3).join('、')}${exist.length > 3 ? ' 等' : ''}）。如确需覆盖，请加 --force。`);
  }

  // Files are spread over worker threads (one per core); results come back in input order.
  const files = names.map((name) => path.join(dir, name));
  const pooled = await validateFilesParallel(files, {
    catalog,
    profile: a.profile,
    texts: (file) => {
      const t = texts.get(path.basename(file, path.extname(file)).toLowerCase());
      return t ? path.join(dir, t) : undefined;
    },
    timeoutMs: a.timeoutMs,
    force: a.force,
    out: outDir ? (file: string) => path.join(outDir!, markedName(path.basename(file))) : undefined,
  });
  const results: { name: string; report?: Report; error?: string }[] = [];
  let failed = false;
  pooled.forEach((p, i) => {
    const name = names[i];
    const result = { name, report: p.report, error: p.error };
    if (p.markError) {
      io.err(`${name}：标记副本未能写入 — ${p.markError}\n`);
      failed = true;
    }
    if (!result.report || result.report.summary.errors > 0) failed = true;
    if (!a.json) io.out(folderLine(name, result) + '\n');
    results.push(result);
  });
  if (a.json) {
    const arr = results.map((r) => (r.report ? reportJson(r.report) : { file: path.join(dir, r.name), error: r.error }));
    io.out(JSON.stringify(arr, null, 2) + '\n');
  } else {
    const unreadable = results.filter((r) => !r.report).length;
    const withErrors = results.filter((r) => r.report && r.report.summary.errors > 0).length;
    const ok = results.length - unreadable - withErrors;
    if (listed.length) {
      io.out(`\n跳过 ${listed.length} 项：\n`);
      for (const sk of listed) io.out(`  ${sk.name}：${sk.why}\n`);
    }
    io.out(`\n共 ${results.length} 个文件：${ok} 个未发现错误，${withErrors} 个有错误，${unreadable} 个无法读取\n`);
    if (outDir) io.out(`标记副本已写入：${outDir}\n`);
  }
  if (a.json && listed.length) io.err(`跳过 ${listed.length} 项：${listed.map((sk) => `${sk.name}（${sk.why}）`).join('；')}\n`);
  // nothing could be read at all: that is bad input, not a finding
  if (results.every((r) => !r.report)) return 2;
  return failed ? 1 : 0;
}
