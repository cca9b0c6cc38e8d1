// Builds the explanatory-text fixtures from the real disclosures in ../shared/seeds (run by hand:
// `npx tsx tests/text/build.ts`; the outputs are committed, CI has neither the seeds nor LibreOffice).
// Each seed is a whole published disclosure (tables, text, performance tables); the fixture is its
// 情况说明 as published: the text's own lines in order, the tables printed inside it left out (project
// performance-target tables, the procurement and fixed-asset tables). 000 and 004 keep the PDF copy's
// line breaks (every printed line, blank lines between, sentences broken mid-word); 002 was published
// with one paragraph per line, its Markdown marks (#, **, <b>, '- ') are removed. Nothing is retyped.
// Then LibreOffice converts each .txt to .docx, and 000's text is also written in GB18030.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';

const SEEDS = process.env.BUDGET_SHARED_DIR ? path.join(process.env.BUDGET_SHARED_DIR, 'seeds') : '/work/shared/seeds';
const OUT = __dirname;

/** 1-based inclusive line ranges of each seed that make its explanatory text. */
const CUTS: { seed: string; out: string; ranges: [number, number][]; markdown?: boolean }[] = [
  // 巨鹿 2021 (部门 text; the seed repeats it for the 本级 unit from line 2660)
  { seed: '000_c328fb562608ea0c.txt', out: 'julu2021-说明', ranges: [[475, 893], [2118, 2118], [2124, 2124], [2142, 2186]] },
  // 高邑 2026
  { seed: '002_09a266ca87a25e76.txt', out: 'gaoyi2026-说明', ranges: [[401, 515], [516, 518], [691, 691], [704, 708], [726, 743]], markdown: true },
  // 乐亭 2022
  { seed: '004_557094fde91f170b.txt', out: 'laoting2022-说明', ranges: [[754, 1020], [1366, 1368], [1582, 1586], [1605, 1638]] },
];

function demarkdown(line: string): string {
  return line
    .replace(/^#+\s*/, '')
    .replace(/^- /, '')
    .replace(/\*\*/g, '')
    .replace(/<\/?b>/g, '');
}

for (const c of CUTS) {
  const lines = fs.readFileSync(path.join(SEEDS, c.seed), 'utf8').split('\n');
  const kept: string[] = [];
  for (const [a, b] of c.ranges) kept.push(...lines.slice(a - 1, b).map((l) => (c.markdown ? demarkdown(l) : l)));
  const txt = path.join(OUT, `${c.out}.txt`);
  fs.writeFileSync(txt, kept.join('\n').replace(/\n+$/, '') + '\n');
  execFileSync('soffice', ['--headless', '--infilter=Text (encoded):UTF8,LF,,', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', OUT, txt], { stdio: 'inherit' });
}
// a text saved by Notepad on Chinese Windows: GB18030, CRLF
const julu = fs.readFileSync(path.join(OUT, 'julu2021-说明.txt'), 'utf8').replace(/\n/g, '\r\n');
fs.writeFileSync(path.join(OUT, 'julu2021-说明-gb18030.txt'), execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: julu }));
