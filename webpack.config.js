// Builds the task pane, the commands page and the commands' result dialog into dist/.
//   ADDIN_URL=https://host/path/ npm run build   production bundle; the manifest gets that address
//                                                (a production build without ADDIN_URL fails)
//   npm start                                    https://localhost:3000 with office-addin-dev-certs
// Guards: exceljs (and other Node-only modules) must never enter the pane bundle.
'use strict';
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const DEV_URL = 'https://localhost:3000/';
const MAX_GZIP_KB = 250;

/**
 * The pages' Content-Security-Policy (one for all three): our own origin; office.js from Microsoft's CDN,
 * with the frames it opens itself (its telemetry frame and Office's hosts on the web); no other network.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self' https://appsforoffice.microsoft.com",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self' https://appsforoffice.microsoft.com https://telemetryservice.firstpartyapps.oaspapps.com https://*.officeapps.live.com https://*.office.com https://*.sharepoint.com https://*.cloud.microsoft",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/** The address the add-in is served from in production: ADDIN_URL, required (https, ending in '/'). */
function prodUrl(env = process.env) {
  const raw = (env.ADDIN_URL || '').trim();
  if (!raw) throw new Error('ADDIN_URL is not set: a production build needs the https address the add-in is served from, e.g. ADDIN_URL=https://budget.example.gov.cn/addin/ npm run build (请设置 ADDIN_URL 为加载项的正式 https 地址)');
  if (!/^https:\/\/[^/\s]+/.test(raw)) throw new Error(`ADDIN_URL must be an https address, got ${raw} (ADDIN_URL 须为 https 地址)`);
  return raw.replace(/\/?$/, '/');
}

/** Fails the build if a forbidden module is bundled, and reports the pane's gzipped size. */
class BundleGuardPlugin {
  apply(compiler) {
    // (jszip alone is allowed: the pane reads the clerk's .docx 情况说明 with it, src/io/docx.ts)
    const forbidden = /[\\/]node_modules[\\/](exceljs|archiver|unzipper|@microsoft[\\/]office-js-helpers)[\\/]/;
    compiler.hooks.compilation.tap('BundleGuard', (compilation) => {
      compilation.hooks.finishModules.tap('BundleGuard', (modules) => {
        for (const m of modules) {
          const res = m.resource || '';
          if (forbidden.test(res)) compilation.errors.push(new Error(`BundleGuard: ${res} must not enter the task pane bundle (exceljs and friends are Node-only).`));
        }
      });
    });
    compiler.hooks.thisCompilation.tap('BundleGuardSize', (compilation) => {
      const { Compilation } = compiler.webpack;
      compilation.hooks.processAssets.tap({ name: 'BundleGuardSize', stage: Compilation.PROCESS_ASSETS_STAGE_REPORT }, (assets) => {
        if (compiler.options.mode !== 'production') return;
        const zlib = require('node:zlib');
        for (const name of ['taskpane.js', 'commands.js', 'dialog.js']) {
          const asset = assets[name];
          if (!asset) continue;
          const gz = zlib.gzipSync(Buffer.from(asset.source()), { level: 9 }).length;
          const kb = (gz / 1024).toFixed(1);
          console.log(`BundleGuard: ${name} ${(asset.size() / 1024).toFixed(1)} KB, ${kb} KB gzipped (limit ${MAX_GZIP_KB} KB)`);
          if (gz > MAX_GZIP_KB * 1024) compilation.errors.push(new Error(`BundleGuard: ${name} is ${kb} KB gzipped, over ${MAX_GZIP_KB} KB.`));
        }
      });
    });
  }
}

/** office-addin-dev-certs' certificates; where the CA cannot be installed (no sudo, containers) the
 *  generated certificates are used as they are and the browser/Office must trust ca.crt by hand. */
async function httpsOptions() {
  const devCerts = require('office-addin-dev-certs');
  try {
    return await devCerts.getHttpsServerOptions();
  } catch (e) {
    const fs = require('node:fs');
    const { defaults } = require('office-addin-dev-certs/lib/main');
    const d = defaults || require('office-addin-dev-certs/lib/defaults');
    if (!fs.existsSync(d.localhostCertificatePath)) throw e;
    console.warn(`office-addin-dev-certs: ${e.message.split('\n')[0]} -- serving with ${d.localhostCertificatePath}; trust ${d.caCertificatePath} manually.`);
    return { ca: fs.readFileSync(d.caCertificatePath), cert: fs.readFileSync(d.localhostCertificatePath), key: fs.readFileSync(d.localhostKeyPath) };
  }
}

module.exports = async (env, argv) => {
  const dev = argv.mode !== 'production';
  const PROD_URL = dev ? DEV_URL : prodUrl();
  const config = {
    mode: dev ? 'development' : 'production',
    devtool: dev ? 'source-map' : false,
    entry: {
      taskpane: './taskpane/taskpane.ts',
      commands: './taskpane/commands.ts',
      dialog: './taskpane/dialog.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: '[name].js',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.js'],
      // Node built-ins have no place in the pane
      fallback: { fs: false, path: false, 'node:fs': false, 'node:path': false },
    },
    module: {
      rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: 'ts-loader', options: { configFile: 'tsconfig.taskpane.json' } } }],
    },
    performance: { hints: false },
    plugins: [
      new BundleGuardPlugin(),
      ...['taskpane', 'commands', 'dialog'].map(
        (name) => new HtmlWebpackPlugin({ filename: `${name}.html`, template: `./taskpane/${name}.html`, chunks: [name], scriptLoading: 'defer', templateParameters: { csp: CSP } }),
      ),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'taskpane/taskpane.css', to: 'taskpane.css' },
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => (dev ? content : content.toString().split(DEV_URL).join(PROD_URL).split(DEV_URL.slice(0, -1)).join(PROD_URL.slice(0, -1))),
          },
        ],
      }),
    ],
  };
  if (dev) {
    config.devServer = {
      port: 3000,
      hot: false,
      liveReload: true,
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: { type: 'https', options: await httpsOptions() },
      static: { directory: path.resolve(__dirname, 'dist') },
    };
  }
  return config;
};
module.exports.CSP = CSP;
module.exports.prodUrl = prodUrl;
