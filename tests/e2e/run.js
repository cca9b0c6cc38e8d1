#!/usr/bin/env node
// End-to-end test of the task pane in headless Chromium (npm run test:e2e). Installs nothing:
// needs /usr/bin/chromium (apt-get install -y chromium) and the dev dependencies.
//  1. builds dist/ if missing; 2. prepares the example workbook as fake-Excel JSON (Node, tsx);
//  3. bundles the office.js stand-in (tests/e2e/office-stub.ts + the fake) with webpack;
//  4. serves dist/ on 127.0.0.1, routes https://appsforoffice.microsoft.com/... to the stand-in,
//     blocks every other request; 5. clicks through the pane and checks what a clerk sees.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const http = require('node:http');
const { spawnSync } = require('node:child_process');
const assert = require('node:assert/strict');

const root = path.join(__dirname, '..', '..');
const dist = path.join(root, 'dist');
const tmp = path.join(root, 'tests', '.tmp', 'e2e');
const shotDir = path.join(root, 'tests', '.tmp');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const XSS = '<img src=x onerror=alert(1)>';

function step(s) {
  process.stdout.write(`• ${s}\n`);
}

function run(cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status})`);
}

async function bundleStub() {
  const webpack = require('webpack');
  const compiler = webpack({
    mode: 'development',
    devtool: false,
    entry: path.join(__dirname, 'office-stub.ts'),
    output: { path: tmp, filename: 'office-stub.js' },
    resolve: { extensions: ['.ts', '.js'] },
    module: { rules: [{ test: /\.ts$/, loader: 'ts-loader', options: { transpileOnly: true, configFile: path.join(root, 'tsconfig.taskpane.json') } }] },
  });
  await new Promise((resolve, reject) =>
    compiler.run((err, stats) => {
      if (err || stats.hasErrors()) reject(err || new Error(stats.toString('errors-only')));
      else compiler.close(() => resolve());
    }),
  );
  return fs.readFileSync(path.join(tmp, 'office-stub.js'), 'utf8');
}

function serve(dir) {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.xml': 'application/xml' };
  const server = http.createServer((req, res) => {
    const p = path.normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^([/\\])+/, '');
    const file = path.join(dir, p || 'taskpane.html');
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404);
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The screenshots are for people to judge the pane: without a CJK font its Chinese would be boxes. */
function checkCjkFont() {
  const r = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  const listed = r.status === 0 && r.stdout.trim() !== '';
  // without fontconfig's tools, Debian's fonts-noto-cjk files
  const files = ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc'].some((f) => fs.existsSync(f));
  if (!listed && !files) throw new Error('没有中文字体：截图中的中文会显示为方框。请先 apt-get install -y fonts-noto-cjk（.ci/run 会安装）。');
}

async function main() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`找不到 Chromium：${CHROMIUM}（请先 apt-get install -y chromium）`);
  checkCjkFont();
  fs.mkdirSync(tmp, { recursive: true });
  if (!fs.existsSync(path.join(dist, 'taskpane.html'))) {
    step('building dist/ (npm run build)');
    run('npm', ['run', 'build'], { ...process.env, ADDIN_URL: process.env.ADDIN_URL || 'https://localhost:3000/' });
  }
  step('preparing workbook data');
  run(process.execPath, ['--import', 'tsx', path.join(__dirname, 'prepare.ts'), tmp]);
  const disclosure = fs.readFileSync(path.join(tmp, 'disclosure.json'), 'utf8');
  const input = fs.readFileSync(path.join(tmp, 'input.json'), 'utf8');
  step('bundling the office.js stand-in');
  const stub = await bundleStub();
  const server = await serve(dist);
  const base = `http://127.0.0.1:${server.address().port}/`;

  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const problems = [];
  try {
    const context = await browser.newContext({ viewport: { width: 340, height: 760 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    page.on('dialog', async (d) => {
      problems.push(`unexpected dialog: ${d.type()} ${d.message()}`);
      await d.dismiss();
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    const blocked = [];
    // what https://appsforoffice.microsoft.com/.../office.js answers: the stand-in, or (to test the
    // start-up) a script that never calls back, or nothing at all
    let officeJs = `window.__E2E_WORKBOOK__ = ${disclosure};\n${stub}`;
    const route = (p) =>
      p.route('**/*', (r) => {
        const url = r.request().url();
        if (url.startsWith('https://appsforoffice.microsoft.com/')) {
          if (officeJs === null) return r.abort();
          return r.fulfill({ status: 200, contentType: 'text/javascript', body: officeJs });
        }
        if (url.startsWith(base)) return r.continue();
        blocked.push(url);
        return r.abort();
      });
    await route(page);

    step('start-up: office.js that never starts, then office.js that cannot be loaded: the pane says so');
    const stuck = `window.Office = { HostType: { Excel: 'Excel' }, onReady: () => new Promise(() => {}) };`;
    for (const [body, wait] of [[stuck, 12000], [null, 5000]]) {
      officeJs = body;
      const p = await context.newPage();
      p.on('pageerror', (e) => problems.push(`page error (start-up): ${e.message}`));
      await route(p);
      await p.goto(base + 'taskpane.html');
      await p.waitForSelector('.notice-error', { timeout: wait });
      const text = await p.$eval('.notice-error', (e) => e.textContent);
      assert.match(text, /Office 组件未能启动/);
      assert.equal(await p.$eval('#btn-validate', (b) => b.disabled), true);
      await p.close();
    }
    officeJs = `window.__E2E_WORKBOOK__ = ${disclosure};\n${stub}`;

    step('opening the pane');
    await page.goto(base + 'taskpane.html');
    await page.waitForSelector('#btn-validate:not([disabled])', { timeout: 15000 });

    step('一键校验');
    await page.click('#btn-validate');
    await page.waitForSelector('#summary:not([hidden])', { timeout: 30000 });
    await page.waitForSelector('#progress[hidden]', { state: 'attached' });
    const syncs = await page.evaluate(() => window.__E2E__.syncs());
    assert.ok(syncs <= 10, `validation took ${syncs} syncs`);
    // the markup sheet name is shown literally and creates no element
    const sheetTexts = await page.$$eval('.sheets li', (lis) => lis.map((li) => li.textContent));
    assert.ok(sheetTexts.includes(XSS), 'sheet name shown literally');
    assert.equal(await page.$$eval('#results img, #notices img', (x) => x.length), 0, 'no <img> injected');
    const findings = await page.$$eval('.finding', (bs) => bs.map((b) => b.textContent));
    step(`findings shown: ${findings.length}; groups: ${(await page.$$eval('.group-title', (x) => x.map((e) => e.textContent))).join(' | ')}`);
    assert.ok(findings.length > 0, 'the wrong amount produces at least one finding');

    step('clicking a finding selects its cell');
    const first = page.locator('.finding:not([disabled])').first();
    const metaText = (await first.locator('.where').allTextContents()).join('\n');
    await first.click();
    await page.waitForFunction(() => window.__E2E__.selection() !== null, null, { timeout: 10000 });
    const sel = await page.evaluate(() => window.__E2E__.selection());
    const firstLine = metaText.split('\n')[0];
    assert.ok(firstLine.startsWith(`${sel.sheet}：${sel.address}`), `selected ${sel.sheet}!${sel.address} is the finding's first cell (${metaText})`);

    step('causes first: the cell to fix with its figure, the findings it explains folded under it; click selects the cause cells');
    const cause = page.locator('.finding.cause').first();
    const causeText = await cause.textContent();
    assert.match(causeText, /^原因 1/, causeText);
    assert.match(causeText, /部门预算支出总表 合计行 合计（D6）为 537\.70，应为 536\.70；可解释 \d+ 个问题。/, causeText);
    const folded = await page.$$eval('.cause-item > details.explains', (ds) => ds.map((d) => d.open));
    assert.ok(folded.length > 0 && folded.every((open) => !open), 'the explained findings are folded under their cause');
    await cause.click();
    await page.waitForFunction(() => { const s = window.__E2E__.selection(); return s && s.address === 'D6'; }, null, { timeout: 10000 });
    const causeSel = await page.evaluate(() => window.__E2E__.selection());
    assert.equal(causeSel.sheet, '3 部门预算支出总表', 'the cause selects its cell');
    // the cause cell is marked more strongly than the cells where its consequences show
    const fills = await page.evaluate(() => ['D6', 'D7'].map((a) => window.__E2E__.fill('3 部门预算支出总表', a)?.color ?? null));
    assert.deepEqual(fills, ['#FF7C80', '#FFC7CE'], 'the cause cell in the strong red, a cell where a consequence shows in the light one');
    await page.click('.cause-item > details.explains > summary');

    await page.click('.sheets > summary');

    await page.screenshot({ path: path.join(shotDir, 'taskpane.png'), fullPage: true });

    step('核对情况说明: a Word file read in the pane, then edited; its findings under their own heading; click selects the compared cell');
    await page.setInputFiles('#text-file', path.join(root, 'tests', 'text', 'julu2021-说明.docx'));
    await page.waitForFunction(() => /已读取“julu2021-说明\.docx”/.test(document.getElementById('text-status').textContent), null, { timeout: 15000 });
    const docText = await page.$eval('#text-input', (t) => t.value);
    assert.ok(docText.includes('机关运行经费共计安排 14.97万元'), 'the .docx text is shown in the pane');
    await page.fill('#text-input', docText.replace('机关运行经费共计安排 14.97万元', '机关运行经费共计安排 14.79万元'));
    await page.click('#btn-text');
    await page.waitForFunction(() => [...document.querySelectorAll('.group-title')].some((e) => e.textContent.startsWith('情况说明')), null, { timeout: 30000 });
    await page.waitForSelector('#progress[hidden]', { state: 'attached' });
    const pills = await page.$$eval('#summary .pill', (x) => x.map((e) => e.textContent));
    assert.ok(pills.includes('情况说明：读到 28 个数字，核对 27 个'), `summary: ${pills.join(' | ')}`);
    const textGroup = page.locator('details.group', { has: page.locator('.group-title', { hasText: '情况说明' }) });
    const textFindings = await textGroup.locator('.finding').allTextContents();
    assert.equal(textFindings.length, 1, textFindings.join('\n'));
    assert.match(textFindings[0], /情况说明“机关运行经费共计安排 ?14\.79万元”与 表6 .*（F6）14\.97 万元不一致/);
    assert.match(textFindings[0], /原文：机关运行经费共计安排 14\.79万元/);
    await textGroup.locator('.finding').first().click();
    await page.waitForFunction(() => window.__E2E__.selection() && window.__E2E__.selection().address === 'F6', null, { timeout: 10000 });
    assert.equal((await page.evaluate(() => window.__E2E__.selection())).sheet, '6 部门预算一般公共预算财政拨款基本支出表');
    await textGroup.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shotDir, 'taskpane-text.png'), fullPage: true });
    await page.click('#btn-text-clear');
    assert.equal(await page.$eval('#text-input', (t) => t.value), '');

    step('清除标记 restores the clerk\'s own fill');
    await page.click('#btn-clear');
    await page.waitForSelector('.notice-success', { timeout: 10000 });
    const fill = await page.evaluate(() => window.__E2E__.fill('3 部门预算支出总表', 'A1'));
    assert.equal(fill && fill.color, '#FFFF00');

    step('marking fails after the report: the findings stay on screen with a clear note');
    await page.evaluate(() => window.__E2E__.failNextWrite('GeneralException'));
    await page.click('#btn-validate');
    await page.waitForSelector('.notice-error', { timeout: 30000 });
    assert.match(await page.$eval('.notice-error', (e) => e.textContent), /校验结果已列在下方，但未能在工作簿中标记/);
    assert.ok((await page.$$('.finding')).length > 0, 'findings still listed');
    await page.waitForSelector('#progress[hidden]', { state: 'attached' });

    step('protected workbook structure: findings listed, nothing marked, the reason in Chinese');
    await page.evaluate(() => window.__E2E__.protectStructure(true));
    await page.click('#btn-validate');
    await page.waitForSelector('.notice-warning', { timeout: 30000 });
    assert.match((await page.$$eval('.notice-warning', (x) => x.map((e) => e.textContent))).join(' '), /工作簿结构受保护/);
    assert.ok((await page.$$('.finding')).length > 0, 'findings listed');
    assert.deepEqual(await page.evaluate(() => window.__E2E__.fill('3 部门预算支出总表', 'A1')), { color: '#FFFF00', pattern: 'Solid', patternColor: '#000000', tintAndShade: 0, patternTintAndShade: 0 });
    await page.evaluate(() => window.__E2E__.protectStructure(false));

    step('ribbon 清除标记 (no pane): the outcome is shown in a dialog');
    await page.click('#btn-validate');
    await page.waitForSelector('#progress[hidden]', { state: 'attached' });
    await page.waitForSelector('.notice-warning', { timeout: 30000 });
    const cmd = await context.newPage();
    cmd.on('pageerror', (e) => problems.push(`page error (commands): ${e.message}`));
    await route(cmd);
    await cmd.goto(base + 'commands.html');
    await cmd.waitForFunction(() => window.__E2E__ !== undefined);
    // the commands page has its own fake workbook: give it the marked one
    const marked = await page.evaluate(() => window.__E2E__.state());
    await cmd.evaluate((json) => window.__E2E__.load(json), marked);
    await cmd.evaluate(() => window.__E2E__.runAction('clearMarks'));
    const dialogUrl = (await cmd.evaluate(() => window.__E2E__.dialogs()))[0];
    assert.ok(dialogUrl, 'a dialog was opened');
    const shown = JSON.parse(new URL(dialogUrl).searchParams.get('n'));
    assert.match(shown[0].text, /已清除标记：\d+ 个单元格恢复原底色/);
    await cmd.goto(dialogUrl.replace(/^https?:\/\/[^/]+\//, base));
    await cmd.waitForSelector('.notice-success');
    assert.match(await cmd.$eval('.notice-success', (e) => e.textContent), /已清除标记/);
    await cmd.screenshot({ path: path.join(shotDir, 'command-dialog.png') });
    await cmd.close();

    step('生成公开表 from the input sheet, then again: in-pane confirm before replacing');
    await page.evaluate((json) => window.__E2E__.load(json), JSON.parse(input));
    await page.click('#btn-generate');
    await page.waitForSelector('.notice-success', { timeout: 30000 });
    const names = await page.evaluate(() => window.__E2E__.sheetNames());
    assert.ok(names.length >= 10, `sheets after generation: ${names.join(', ')}`);
    await page.click('#btn-generate');
    await page.waitForSelector('#dialog-backdrop:not([hidden])', { timeout: 30000 });
    await page.screenshot({ path: path.join(shotDir, 'taskpane-confirm.png') });
    await page.click('#dialog-cancel');
    await page.waitForSelector('.notice-info', { timeout: 10000 });
    assert.deepEqual(await page.evaluate(() => window.__E2E__.sheetNames()), names);

    if (blocked.length) problems.push(`blocked network requests: ${blocked.join(', ')}`);
  } finally {
    await browser.close();
    server.close();
  }
  if (problems.length) throw new Error(problems.join('\n'));
  step(`ok — screenshots in ${path.relative(root, shotDir)}/taskpane.png, taskpane-text.png, taskpane-confirm.png, command-dialog.png`);
}

main().catch((e) => {
  process.stderr.write(`e2e failed: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});
