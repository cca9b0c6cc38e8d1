#!/usr/bin/env node
'use strict';
// CLI entry: the compiled TypeScript lives in lib/ (built by `npm ci` through the `prepare` script).
let main;
try {
  ({ main } = require('../lib/cli/main.js'));
} catch (e) {
  process.stderr.write('错误：程序尚未编译，请先在项目目录运行 npm run build:node（首次使用请先运行 npm ci 安装）。\n');
  process.exit(2);
}
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write('错误：程序内部错误，未能完成（设置环境变量 BUDGET_DEBUG=1 可查看详细信息）。\n');
    if (process.env.BUDGET_DEBUG === '1' && e && e.stack) process.stderr.write(e.stack + '\n');
    process.exit(2);
  },
);
