// One injected fault per workbook: the engine must report it (rule id, severity) at the faulty cell, and
// where checkable no error finding may name only cells far from the fault.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import type { CellRef } from '../src/core/model/grid';
import { parseAddress } from '../src/core/model/grid';
import type { Finding } from '../src/core/model/findings';
import { at, brief, describeReport, errorsOf, hasCell, loadExampleGrid, sameCell, sheetOf, validate } from './fixtures/helpers';
import { FAULTS, type Fault } from './fixtures/faults';
import type { Workbook } from '../src/core/model/grid';
import type { TableId } from '../src/core/model/findings';

function nearMatcher(g: Workbook, patterns: string[]): (c: CellRef) => boolean {
  const ms = patterns.map((p) => {
    const [t, rest] = p.split('!');
    const sheet = sheetOf(g, t as TableId).name;
    if (rest === '*') return (c: CellRef) => c.sheet === sheet;
    if (/^\d+$/.test(rest)) return (c: CellRef) => c.sheet === sheet && parseAddress(c.address).r === Number(rest) - 1;
    return (c: CellRef) => sameCell(c, { sheet, address: rest });
  });
  return (c) => ms.some((m) => m(c));
}

async function run(f: Fault) {
  const g = await loadExampleGrid(f.example);
  // resolve cell specs against the unmodified workbook (sheet names do not change, rows may)
  const resolve = (s: string) => at(g, s);
  const near = f.near ? nearMatcher(g, f.near) : undefined;
  const expects = f.expect.map((e) => ({
    ...e,
    refs: (e.cells ?? []).map(resolve),
    anyRefs: (e.anyCells ?? []).map(resolve),
    firstRef: e.first ? resolve(e.first) : undefined,
  }));
  const opts = f.opts ? f.opts(g) : {};
  f.apply(g);
  const rep = validate(g, opts);
  return { rep, expects, near };
}

describe('injected faults', () => {
  for (const f of FAULTS) {
    test(`${f.id}: ${f.describe}`, async () => {
      const { rep, expects, near } = await run(f);
      const ctx = () => describeReport(rep, 40);
      for (const e of expects) {
        const sev = e.severity ?? 'error';
        const matches = rep.findings.filter(
          (x: Finding) =>
            x.rule === e.rule &&
            x.severity === sev &&
            (e.table === undefined || x.table === e.table) &&
            e.refs.every((c) => hasCell(x, c)) &&
            (e.anyRefs.length === 0 || e.anyRefs.some((c) => hasCell(x, c))),
        );
        const want = `${sev} ${e.rule}${e.table ? ' on ' + e.table : ''}${e.refs.length ? ' naming ' + e.refs.map((c) => c.sheet + '!' + c.address).join(', ') : ''}${e.anyRefs.length ? ' naming one of ' + e.anyRefs.map((c) => c.sheet + '!' + c.address).join(', ') : ''}`;
        assert.ok(matches.length > 0, `expected ${want}\n${ctx()}`);
        if (e.firstRef) {
          const ok = matches.some((x) => x.cells.length > 0 && sameCell(x.cells[0], e.firstRef!));
          assert.ok(ok, `expected ${want} with ${e.firstRef.sheet}!${e.firstRef.address} first (the total)\n${matches.map(brief).join('\n')}`);
        }
        if (e.message) assert.ok(matches.some((x) => e.message!.test(x.message)), `expected ${want} whose message matches ${e.message}\n${matches.map(brief).join('\n')}`);
        if (e.messageNot) assert.ok(matches.every((x) => !e.messageNot!.test(x.message)), `expected ${want} whose message does not match ${e.messageNot}\n${matches.map(brief).join('\n')}`);
      }
      if (f.noErrors) assert.equal(errorsOf(rep).length, 0, `no error expected\n${ctx()}`);
      if (near) {
        const far = errorsOf(rep).filter((x) => x.cells.length > 0 && !x.cells.some(near));
        assert.equal(far.length, 0, `errors far from the fault:\n${far.map(brief).join('\n')}\n${ctx()}`);
      }
    });
  }
});
