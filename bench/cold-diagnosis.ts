// One validation in a fresh process, as the CLI runs it (cold: nothing compiled yet): the 20,000-line
// synthetic disclosure with faults injected; prints {engine, diagnosis} in ms. Spawned by bench/run.ts.
// `node --import tsx bench/cold-diagnosis.ts <lines> <faults>` (needs lib/, built by the bench)
import { synthLines, synthSpecs } from './synth';
import { injectFaults } from './inject';
/* eslint-disable @typescript-eslint/no-require-imports */
const { validateWorkbook } = require('../lib/core/validate/engine') as typeof import('../src/core/validate/engine');
const { gridFromLayout } = require('../lib/core/generate/layout') as typeof import('../src/core/generate/layout');

const [lines, faults] = process.argv.slice(2).map(Number);
const wb = gridFromLayout(synthSpecs(synthLines(lines, 42)));
injectFaults(wb, faults, 7 + faults);
const timings: { diagnosis?: number } = {};
const t0 = performance.now();
validateWorkbook(wb, { timings });
console.log(JSON.stringify({ engine: performance.now() - t0, diagnosis: timings.diagnosis }));
