// `npm run bench:hostile`: every hostile or huge file through the real command line, one process each,
// with its wall time, peak memory (RSS, /usr/bin/time), exit status and first line of output. The README
// figures come from here. Heavy cases built here: a real zip bomb (a 450 MB sheet in a 0.5 MB file), a
// directory lying about it, 3.5 million cells, a sheet of 1,048,576 rows, a folder of the heavy ones,
// 20,000 and 100,000 budget lines.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { hostileFiles, JULU } from '../tests/fixtures/hostile';
import { crc32, openZip, writeZip, type OutPart } from '../src/io/xlsx/zip';
import { readXlsx } from '../src/io/xlsx/read';
import { synthLines, synthSpecs } from './synth';
import { writeSpecsToFile } from '../src/io/xlsx-write';

const ROOT = path.resolve(__dirname, '..');
const TMP = path.join(__dirname, '.tmp', 'hostile');

/** The julu package with table 3's sheet replaced by `rows` of generated XML, deflated as it streams. */
function juluWithBigSheet(rowXml: (i: number) => string, rows: number, declared?: number): Promise<Buffer> {
  const src = fs.readFileSync(JULU);
  const zip = openZip(src, 'julu');
  const target = readXlsx(src, 'julu').pkg.sheets[2].path;
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  const tail = '</sheetData></worksheet>';
  const chunks: Buffer[] = [];
  // streamed: the sheet is compressed piece by piece, never held whole
  const z = zlib.createDeflateRaw({ level: 9 });
  let size = 0;
  let crc = 0;
  const feed = (s: string) => {
    const b = Buffer.from(s, 'utf8');
    size += b.length;
    crc = crc32(b, crc);
    z.write(b);
  };
  z.on('data', (c: Buffer) => chunks.push(c));
  feed(head);
  let buf = '';
  for (let i = 0; i < rows; i++) {
    buf += rowXml(i);
    if (buf.length > 8_000_000) {
      feed(buf);
      buf = '';
    }
  }
  feed(buf + tail);
  z.end();
  return new Promise<Buffer>((resolve) => z.on('end', () => {
    const deflated = Buffer.concat(chunks);
    const parts: OutPart[] = zip.entries.map((e) => (e.name === target ? { name: e.name, deflated, size: declared ?? size, crc } : { name: e.name, copy: e }));
    resolve(writeZip(zip, parts, 'bench'));
  }));
}

interface Run {
  name: string;
  bytes: number;
  ms: number;
  rssMb: number;
  code: number | null;
  line: string;
}

function run(name: string, file: string, env: Record<string, string> = {}): Run {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, path.join(ROOT, 'bin', 'budget-disclosure.js'), 'validate', file], {
    encoding: 'utf8',
    env: { ...process.env, BUDGET_DEBUG: '', ...env },
    maxBuffer: 1 << 30,
    timeout: 600_000,
  });
  const ms = performance.now() - t0;
  const m = /(\d+)\s*$/.exec(r.stderr ?? '');
  const err = (r.stderr ?? '').replace(/\d+\s*$/, '').replace(/^Command exited with non-zero status \d+$/m, '').trim();
  const first = err.split('\n')[0] || (r.stdout ?? '').split('\n').find((l) => /共 \d+ 个(错误|文件)/.test(l)) || '';
  const st = fs.statSync(file);
  const bytes = st.isDirectory() ? fs.readdirSync(file).reduce((n, f) => n + fs.statSync(path.join(file, f)).size, 0) : st.size;
  return { name, bytes, ms, rssMb: m ? Number(m[1]) / 1024 : NaN, code: r.status, line: first.slice(0, 90) };
}

async function main(): Promise<void> {
  fs.mkdirSync(TMP, { recursive: true });
  if (!fs.existsSync('/usr/bin/time')) throw new Error('needs /usr/bin/time (apt-get install time)');
  const runs: Run[] = [];
  for (const h of hostileFiles()) {
    const f = path.join(TMP, h.name);
    fs.writeFileSync(f, h.bytes);
    runs.push(run(h.name, f));
  }
  // a real zip bomb: 450 MB of sheet XML (rows of one long text cell) in well under a megabyte
  const row = (i: number) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${'0'.repeat(4000)}</t></is></c></row>`;
  const bomb = await juluWithBigSheet(row, 116_600);
  fs.writeFileSync(path.join(TMP, 'zip-bomb-450mb.xlsx'), bomb);
  runs.push(run('zip-bomb-450mb.xlsx', path.join(TMP, 'zip-bomb-450mb.xlsx')));
  runs.push(run('zip-bomb-450mb.xlsx, BUDGET_MAX_PART_MB=2000', path.join(TMP, 'zip-bomb-450mb.xlsx'), { BUDGET_MAX_PART_MB: '2000', BUDGET_MAX_TOTAL_MB: '2000' }));
  const lying = await juluWithBigSheet(row, 116_600, 100_000);
  fs.writeFileSync(path.join(TMP, 'zip-bomb-lying.xlsx'), lying);
  runs.push(run('zip-bomb-lying.xlsx (declares 100 KB)', path.join(TMP, 'zip-bomb-lying.xlsx')));
  // 3.5 million cells of small numbers
  const cells = await juluWithBigSheet((i) => `<row r="${i + 1}">${Array.from({ length: 35 }, (_, c) => `<c><v>${c}</v></c>`).join('')}</row>`, 100_000);
  fs.writeFileSync(path.join(TMP, 'cells-3.5m.xlsx'), cells);
  runs.push(run('cells-3.5m.xlsx', path.join(TMP, 'cells-3.5m.xlsx')));
  // Excel's last row: a sheet of 1,048,576 rows, a text and an amount in each (2.1 million cells, under the limit: read)
  const million = await juluWithBigSheet((i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>line ${i + 1}</t></is></c><c r="B${i + 1}"><v>${i + 1}.25</v></c></row>`, 1_048_576);
  fs.writeFileSync(path.join(TMP, 'rows-1m.xlsx'), million);
  runs.push(run('rows-1m.xlsx', path.join(TMP, 'rows-1m.xlsx')));
  // a folder of the heavy ones: two workers at once share the heap budget (WORKERS_HEAP_MB)
  const heavy = path.join(TMP, 'heavy');
  fs.mkdirSync(heavy, { recursive: true });
  for (const f of ['rows-1m.xlsx', 'cells-3.5m.xlsx', 'zip-bomb-450mb.xlsx']) fs.copyFileSync(path.join(TMP, f), path.join(heavy, f));
  fs.copyFileSync(path.join(TMP, 'rows-1m.xlsx'), path.join(heavy, 'rows-1m-copy.xlsx'));
  runs.push(run('folder: rows-1m twice, cells-3.5m, zip-bomb-450mb', heavy));
  // big valid disclosures
  for (const n of [20_000, 100_000]) {
    const f = path.join(TMP, `synth-${n}.xlsx`);
    if (!fs.existsSync(f)) await writeSpecsToFile(synthSpecs(synthLines(n, 42)), f);
    runs.push(run(`${n.toLocaleString('en-US')} budget lines`, f));
  }
  const w = Math.max(...runs.map((r) => r.name.length));
  console.log(`${'file'.padEnd(w)}  ${'size'.padStart(9)}  ${'time'.padStart(8)}  ${'peak RSS'.padStart(9)}  exit  first line`);
  for (const r of runs) {
    const size = r.bytes > 1048576 ? `${(r.bytes / 1048576).toFixed(1)} MB` : `${(r.bytes / 1024).toFixed(0)} KB`;
    console.log(`${r.name.padEnd(w)}  ${size.padStart(9)}  ${(r.ms / 1000).toFixed(2).padStart(6)} s  ${r.rssMb.toFixed(0).padStart(6)} MB  ${String(r.code).padStart(4)}  ${r.line}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
