// Command line entry: `budget-disclosure <validate|generate|template> ...`. Returns the exit code.
import { isUserError } from '../io/errors';
import type { CliIO } from './io';
import { processIO } from './io';
import { runValidate, VALIDATE_USAGE } from './validate';
import { errorText } from './validate-worker';
import { runGenerate } from './generate';
import { runTemplate } from './template';

export const USAGE = `budget-disclosure — 部门预算信息公开（九张公开表）校验与生成工具

用法：
  budget-disclosure validate <文件.xlsx|文件.pdf|文件夹> [--json] [--out <标记副本.xlsx|.pdf>] [--force] [--catalog <科目表.xlsx|csv>] [--text <情况说明.docx|txt>] [--profile <模板>] [--timeout <秒>]
      校验九张公开表（工作簿或公开的 PDF）；--out 另存一份标出问题单元格的副本（原文件不变，已有同名文件时须加 --force）；--text 同时核对情况说明
  budget-disclosure generate ...
      由预算录入表生成九张公开表（运行 budget-disclosure generate --help 查看用法）
  budget-disclosure template ...
      生成空白的预算录入表模板（运行 budget-disclosure template --help 查看用法）
  budget-disclosure --help | --version

运行 budget-disclosure validate --help 查看校验的全部选项。
退出码：0 未发现错误（可有警告）；1 发现错误；2 文件无法读取或用法有误。
`;

function version(): string {
  try {
    // lib/cli/main.js and src/cli/main.ts are both two levels below package.json
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return String(require('../../package.json').version);
  } catch {
    return '未知';
  }
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  let code: number;
  try {
    code = await dispatch(argv, io);
  } catch (e) {
    code = 2;
    if (isUserError(e)) io.err(`错误：${oneLine(e.message)}\n`);
    else io.err(`错误：${oneLine(errorText(e))}\n`);
    if (process.env.BUDGET_DEBUG === '1') {
      // the stack, and the parser's own error a Chinese message stands for
      for (let x: unknown = e; x instanceof Error; x = (x as Error & { cause?: unknown }).cause) if (x.stack) io.err(x.stack + '\n');
    }
  }
  if (io === processIO) await flush();
  return code;
}

async function dispatch(argv: string[], io: CliIO): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined) {
    io.out(USAGE);
    return 2;
  }
  switch (cmd) {
    case '-h':
    case '--help':
      io.out(USAGE);
      return 0;
    case 'help':
      if (rest[0] === 'validate') io.out(VALIDATE_USAGE);
      else if (rest[0] === 'generate' || rest[0] === 'template') return dispatch([rest[0], '--help'], io);
      else io.out(USAGE);
      return 0;
    case '-v':
    case '--version':
      io.out(version() + '\n');
      return 0;
    case 'validate':
      return runValidate(rest, io);
    case 'generate':
      return runGenerate(rest);
    case 'template':
      return runTemplate(rest);
  }
  // A workbook dropped onto the program: validate it.
  if (/\.(xls[xm]|pdf)$/i.test(cmd)) return runValidate(argv, io);
  if (cmd.startsWith('-')) {
    io.err(`错误：未知选项：${cmd}（运行 budget-disclosure --help 查看用法）\n`);
  } else {
    io.err(`错误：未知命令：${cmd}。可用命令：validate、generate、template（运行 budget-disclosure --help 查看用法）\n`);
  }
  return 2;
}

function oneLine(s: string): string {
  return s.replace(/\s*\r?\n\s*/g, ' ').trim();
}

/** Waits until stdout and stderr have taken everything (pipes are asynchronous on Windows). */
function flush(): Promise<void> {
  const one = (s: NodeJS.WriteStream) =>
    new Promise<void>((resolve) => {
      if (!s.writable) return resolve();
      s.write('', () => resolve());
    });
  return Promise.all([one(process.stdout), one(process.stderr)]).then(() => undefined);
}
