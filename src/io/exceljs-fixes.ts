// Workaround for exceljs 4.4 internal hyperlinks ({ hyperlink: "#'Sheet'!A1" }): it writes both an external
// relationship and a `location`, which Excel opens as "#'Sheet'!A1##'Sheet'!A1" (exceljs issue #3027).
// Patched once per process: a '#'-target is written as a pure in-workbook link (location only).
/* eslint-disable @typescript-eslint/no-require-imports */

interface HyperlinkModel {
  address: string;
  rId?: string;
  tooltip?: string;
  target?: string;
}
interface XmlStream {
  leafNode(name: string, attrs: Record<string, string | undefined>): void;
}

let applied = false;

export function applyExcelJSFixes(): void {
  if (applied) return;
  applied = true;
  let Xform: { prototype: { render(xml: XmlStream, model: HyperlinkModel): void } } | undefined;
  try {
    Xform = require('exceljs/lib/xlsx/xform/sheet/hyperlink-xform.js');
  } catch {
    return; // layout changed: leave exceljs as is
  }
  if (!Xform?.prototype?.render) return;
  const original = Xform.prototype.render;
  Xform.prototype.render = function render(xml: XmlStream, model: HyperlinkModel) {
    if (model && typeof model.target === 'string' && model.target.startsWith('#')) {
      xml.leafNode('hyperlink', { ref: model.address, location: model.target.slice(1), tooltip: model.tooltip });
      return;
    }
    original.call(this, xml, model);
  };
  // ...and drops the external relationships exceljs prepared for those links (targets with spaces and
  // Chinese are not valid URIs; Excel may offer to "repair" the file).
  let Sheet: { prototype: { prepare(model: SheetModel, options: unknown): void } } | undefined;
  try {
    Sheet = require('exceljs/lib/xlsx/xform/sheet/worksheet-xform.js');
  } catch {
    return;
  }
  if (!Sheet?.prototype?.prepare) return;
  const prepare = Sheet.prototype.prepare;
  Sheet.prototype.prepare = function prepareFixed(model: SheetModel, options: unknown) {
    prepare.call(this, model, options);
    const internal = new Set<string>();
    for (const h of model.hyperlinks ?? []) {
      if (typeof h.target === 'string' && h.target.startsWith('#') && h.rId) {
        internal.add(h.rId);
        delete h.rId;
      }
    }
    if (internal.size > 0 && Array.isArray(model.rels)) model.rels = model.rels.filter((r) => !internal.has(r.Id));
  };
}

interface SheetModel {
  hyperlinks?: HyperlinkModel[];
  rels?: { Id: string }[];
}
