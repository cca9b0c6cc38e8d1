// The pane's build: a production build needs ADDIN_URL (no placeholder domain in a deployed manifest);
// every page carries the one Content-Security-Policy, which lets office.js open its own frames; CI has the
// CJK font the end-to-end screenshots need.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('../webpack.config.js') as ((env: unknown, argv: { mode: string }) => Promise<{ plugins: unknown[] }>) & { CSP: string };
const ROOT = path.join(__dirname, '..');

async function withEnv<T>(value: string | undefined, fn: () => Promise<T>): Promise<T> {
  const old = process.env.ADDIN_URL;
  if (value === undefined) delete process.env.ADDIN_URL;
  else process.env.ADDIN_URL = value;
  try {
    return await fn();
  } finally {
    if (old === undefined) delete process.env.ADDIN_URL;
    else process.env.ADDIN_URL = old;
  }
}

test('a production build without ADDIN_URL fails with the reason; with one it is taken', async () => {
  await withEnv(undefined, () => assert.rejects(config({}, { mode: 'production' }), /ADDIN_URL/));
  await withEnv('http://plain.example/', () => assert.rejects(config({}, { mode: 'production' }), /https/));
  const cfg = await withEnv('https://budget.example.gov.cn/addin', () => config({}, { mode: 'production' }));
  assert.ok(cfg.plugins.length > 0);
});

test('every page uses the one CSP; it allows office.js and its frames, and nothing else off-site', () => {
  for (const page of ['taskpane', 'commands', 'dialog']) {
    const html = fs.readFileSync(path.join(ROOT, 'taskpane', `${page}.html`), 'utf8');
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="<%= csp %>" \/>/, page);
  }
  assert.match(config.CSP, /frame-src [^;]*https:\/\/appsforoffice\.microsoft\.com/);
  assert.match(config.CSP, /frame-src [^;]*https:\/\/\*\.officeapps\.live\.com/);
  assert.match(config.CSP, /connect-src 'self'(;|$)/);
  assert.match(config.CSP, /script-src 'self' https:\/\/appsforoffice\.microsoft\.com(;|$)/);
});

test('CI installs the CJK font before the end-to-end test, and that test refuses to take screenshots without one', () => {
  const ci = fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
  const install = ci.indexOf('apt-get install');
  assert.ok(install > 0 && /need\+=\(fonts-noto-cjk\)/.test(ci), '.ci/run installs fonts-noto-cjk when it is missing');
  assert.ok(install < ci.lastIndexOf('npm run test:e2e'), 'before the end-to-end test');
  const e2e = fs.readFileSync(path.join(ROOT, 'tests', 'e2e', 'run.js'), 'utf8');
  assert.match(e2e, /checkCjkFont\(\);[\s\S]*chromium\.launch/, 'the font is checked before Chromium starts');
});
