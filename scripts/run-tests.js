#!/usr/bin/env node
'use strict';
// Runs every tests/**/*.test.ts with node's built-in test runner (TypeScript through tsx).
// Optional args filter test files by substring: `npm test -- recognize`.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const root = path.join(__dirname, '..');
function walk(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { if (!e.name.startsWith('.') && e.name !== 'e2e') out.push(...walk(p)); }
    else if (e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}
const filters = process.argv.slice(2);
const files = walk(path.join(root, 'tests')).filter((f) => filters.length === 0 || filters.some((s) => path.relative(root, f).includes(s))).sort();
if (files.length === 0) { console.error('no test files found'); process.exit(1); }
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit', cwd: root });
process.exit(r.status === null ? 1 : r.status);
