// Running the command line from tests: in process (fast) or as the real `node bin/budget-disclosure.js`.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../src/cli/main';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Calls main() in this process with captured output. */
export async function runCli(args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { out: (t) => void (stdout += t), err: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

function newestMtime(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newestMtime(p));
    else if (e.name.endsWith('.ts')) t = Math.max(t, fs.statSync(p).mtimeMs);
  }
  return t;
}

/** Builds lib/ with tsc when lib/cli/main.js is missing or older than src/. */
export function ensureBuilt(): void {
  const entry = path.join(ROOT, 'lib', 'cli', 'main.js');
  const fresh = fs.existsSync(entry) && fs.statSync(entry).mtimeMs >= newestMtime(path.join(ROOT, 'src'));
  if (fresh) return;
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  // tsc emits even with type errors elsewhere in src/; all that matters here is that lib/ exists
  spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.json')], { cwd: ROOT, encoding: 'utf8' });
  if (!fs.existsSync(entry)) throw new Error('tsc did not produce lib/cli/main.js');
}

/** Spawns the real `node bin/budget-disclosure.js` (builds lib/ first when needed). */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  ensureBuilt();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'budget-disclosure.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, BUDGET_DEBUG: '', ...env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** True when text contains something that looks like a JavaScript stack trace. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+(\(|:\d+)/m.test(text) || /node:internal|\.js:\d+:\d+/.test(text);
}

/** Runs fn with process.stdout/stderr captured (for the commands that write there directly, e.g. generate). */
export async function captureStd(fn: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  const ow = process.stdout.write.bind(process.stdout);
  const ew = process.stderr.write.bind(process.stderr);
  let out = '';
  let err = '';
  process.stdout.write = ((s: string | Uint8Array) => ((out += String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => ((err += String(s)), true)) as typeof process.stderr.write;
  try {
    return { code: await fn(), out, err };
  } finally {
    process.stdout.write = ow;
    process.stderr.write = ew;
  }
}
