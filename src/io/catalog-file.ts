// --catalog <file.xlsx|csv>: a clerk-supplied 科目 catalog (code + name columns) -> Catalog.
import * as path from 'node:path';
import type { Cell, Sheet } from '../core/model/grid';
import { cellText } from '../core/model/grid';
import type { Catalog } from '../core/model/catalog';
import { catalogFromSheet } from '../core/model/catalog';
import { UserError } from './errors';
import { decodeText } from './text-read';
import { readInputFile, readWorkbookBuffer } from './xlsx-read';

export async function readCatalogFile(file: string): Promise<Catalog> {
  const ext = path.extname(file).toLowerCase();
  const source = path.basename(file);
  if (ext !== '.csv' && ext !== '.txt' && ext !== '.tsv' && ext !== '.xlsx' && ext !== '.xlsm') {
    throw new UserError(`科目表文件须为 .xlsx 或 .csv：${file}`);
  }
  const buf = await readInputFile(file);
  let sheet: Sheet;
  if (ext === '.xlsx' || ext === '.xlsm') {
    const wb = await readWorkbookBuffer(buf, source);
    sheet = wb.sheets.find((s) => s.name.trim() === '科目表') ?? wb.sheets.find((s) => !s.hidden) ?? wb.sheets[0];
  } else {
    if (buf.length === 0) throw new UserError(`科目表文件是空的：${file}`);
    sheet = { name: source, rows: parseDelimited(decodeText(buf)).map((r) => r.map(textCell)), merges: [] };
  }
  const catalog = catalogFromSheet(pickColumns(sheet), source);
  if (catalog.names.size === 0) {
    throw new UserError(`科目表文件中没有找到“科目编码 + 科目名称”两列：${file}`);
  }
  return catalog;
}

function textCell(s: string): Cell | undefined {
  return s === '' ? undefined : { value: s };
}

/** CSV/TSV with quotes (RFC 4180); the separator (tab, comma, or Chinese comma) is taken from the first line. */
export function parseDelimited(text: string): string[][] {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (ch: string) => first.split(ch).length - 1;
  const sep = count('\t') > 0 && count('\t') >= count(',') ? '\t' : count(',') > 0 ? ',' : count('，') > 0 ? '，' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === sep) {
      row.push(field.trim());
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field.trim());
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field.trim());
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f !== ''));
}

/**
 * With a header row (科目编码/编码/代码 … 科目名称/名称) in the first rows, keeps just those two columns so
 * catalogFromSheet cannot take a 序号 column for the code; without one the sheet is used as is.
 */
function pickColumns(sheet: Sheet): Sheet {
  const limit = Math.min(sheet.rows.length, 10);
  for (let r = 0; r < limit; r++) {
    const texts = (sheet.rows[r] ?? []).map((c) => cellText(c).replace(/\s+/g, ''));
    const code = texts.findIndex((t) => /^(科目)?(编码|代码)$|^(功能|经济)?(分类)?科目编码$|^code$/i.test(t));
    const name = texts.findIndex((t, i) => i !== code && /^(科目)?名称$|^(功能|经济)?(分类)?科目名称$|^name$/i.test(t));
    if (code >= 0 && name >= 0) {
      const rows = sheet.rows.slice(r + 1).map((row) => [row?.[code], row?.[name]]);
      return { name: sheet.name, rows, merges: [] };
    }
  }
  return sheet;
}
