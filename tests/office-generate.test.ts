// Generation through the Office.js adapter: input sheet in the workbook -> nine new sheets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeExcel, FakeRequestContext } from './fakes/excel-fake';
import { loadXlsxIntoFake } from './fakes/load-xlsx';
import { readWorkbook } from '../src/io/office/read';
import { existingSheets, writeSheetSpecs } from '../src/io/office/write-sheets';
import type { XContext } from '../src/io/office/api';
import { generateFromWorkbook } from '../src/core/generate/generate';
import { templateSpecs } from '../src/core/generate/template';
import { validateWorkbook } from '../src/core/validate/engine';
import { cellText, parseAddress } from '../src/core/model/grid';

const asCtx = (c: FakeRequestContext): XContext => c as unknown as XContext;

test('generates the nine tables from the input sheet into new sheets, replacing on request', async () => {
  const data = await loadXlsxIntoFake('/work/shared/examples/julu2021-input.xlsx');
  const excel = new FakeExcel(data);
  const specs = await excel.run(async (ctx) => {
    const read = await readWorkbook(asCtx(ctx));
    const g = generateFromWorkbook(read.workbook);
    assert.deepEqual(g.problems, []);
    assert.ok(g.specs && g.specs.length >= 9);
    const existing = await existingSheets(asCtx(ctx), g.specs!.map((s) => s.name));
    assert.deepEqual(existing, []);
    await writeSheetSpecs(asCtx(ctx), g.specs!, existing);
    assert.ok(ctx.stats.syncs - read.syncs <= 3, `syncs ${ctx.stats.syncs}`);
    return g.specs!;
  });
  for (const spec of specs) {
    const sheet = data.sheet(spec.name);
    assert.ok(sheet, spec.name);
    for (const c of spec.cells.slice(0, 200)) {
      const got = data.cell(spec.name, `${String.fromCharCode(65 + c.c)}${c.r + 1}`);
      assert.equal(got?.value ?? '', c.value ?? '', `${spec.name} r${c.r} c${c.c}`);
    }
    assert.equal(sheet!.merges.length, spec.merges.length);
  }
  // the written workbook validates like the generated grid
  const after = await excel.run((ctx) => readWorkbook(asCtx(ctx)));
  const rep = validateWorkbook(after.workbook);
  assert.equal(rep.tables.length, 9);
  const t3 = after.workbook.sheets.find((s) => s.name === specs[2].name)!;
  const cell = specs[2].cells.find((c) => typeof c.value === 'number')!;
  const { r, c } = parseAddress(`${String.fromCharCode(65 + cell.c)}${cell.r + 1}`);
  assert.equal(cellText(t3.rows[r]?.[c]), String(cell.value));

  // second time: same names exist -> replaced in place, still one sheet per name
  await excel.run(async (ctx) => {
    const existing = await existingSheets(asCtx(ctx), specs.map((s) => s.name));
    assert.equal(existing.length, specs.length);
    await writeSheetSpecs(asCtx(ctx), specs, existing);
  });
  for (const spec of specs) assert.equal(data.sheets.filter((s) => s.name === spec.name).length, 1);
  assert.ok(!data.sheets.some((s) => s.name.startsWith('~')));
});

test('inserts the input template sheets', async () => {
  const data = await loadXlsxIntoFake('/work/shared/examples/julu2021-disclosure.xlsx');
  const excel = new FakeExcel(data);
  const specs = templateSpecs({ year: 2027 });
  await excel.run((ctx) => writeSheetSpecs(asCtx(ctx), specs, []));
  for (const s of specs) assert.ok(data.sheet(s.name), s.name);
});
