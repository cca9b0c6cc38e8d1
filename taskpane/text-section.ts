// The pane section 核对情况说明: the clerk pastes the explanatory text or picks a Word (.docx) or text file;
// it is read here in the pane (never uploaded) and checked with the tables at the next 一键校验 / 核对情况说明.
// Every text shown comes through textContent / value (never innerHTML with data).
import type { TextDoc } from '../src/core/validate/text/doc';
import type { Finding, Report } from '../src/core/model/findings';
import { readTextBytes } from '../src/io/text-read';
import { notify } from './notify';

const PASTED = '窗格中粘贴的文字';
let current: TextDoc | undefined;
/** the file last read, while the textarea still holds its text unchanged */
let fromFile: { name: string; text: string } | undefined;

function byId<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`missing #${id}`);
  return e as T;
}

function status(text: string): void {
  byId('text-status').textContent = text;
}

function idleStatus(): void {
  if (!current) status('文字只在本窗格中读取，不会上传。');
  else status(`${fromFile ? `已读取“${fromFile.name}”` : '已粘贴文字'}：${current.text.replace(/\s/g, '').length} 字，将与九张表一同核对。`);
}

function setText(doc: TextDoc | undefined): void {
  current = doc && doc.text.trim() ? doc : undefined;
  byId<HTMLButtonElement>('btn-text-clear').hidden = !current;
  idleStatus();
}

/** The text to check with the tables, if the clerk gave one. */
export function currentText(): TextDoc | undefined {
  return current;
}

/** Wires the section; `check` runs the validation (the same as 一键校验, now with the text). */
export function initTextSection(check: () => void): void {
  const area = byId<HTMLTextAreaElement>('text-input');
  const file = byId<HTMLInputElement>('text-file');
  area.addEventListener('input', () => {
    const text = area.value;
    setText({ source: fromFile && fromFile.text === text ? fromFile.name : PASTED, text });
    if (fromFile && fromFile.text !== text) fromFile = undefined;
  });
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    file.value = '';
    if (!f) return;
    status(`正在读取“${f.name}”…`);
    void f
      .arrayBuffer()
      .then((buf) => readTextBytes(new Uint8Array(buf), f.name))
      .then(
        (doc) => {
          fromFile = { name: f.name, text: doc.text };
          area.value = doc.text;
          setText(doc);
        },
        (e: unknown) => {
          idleStatus();
          notify('error', e instanceof Error && e.name === 'UserError' ? e.message : `未能读取“${f.name}”：${e instanceof Error ? e.message : String(e)}`);
        },
      );
  });
  byId('btn-text-clear').addEventListener('click', () => {
    area.value = '';
    fromFile = undefined;
    setText(undefined);
  });
  byId('btn-text').addEventListener('click', () => {
    if (!current) {
      notify('info', '请先粘贴情况说明的文字，或选择 Word（.docx）/ 文本（.txt）文件。');
      return;
    }
    check();
  });
  setText(undefined);
}

/** The heading of the text findings' group: '情况说明（巨鹿.docx）'. */
export function textGroupTitle(report: Report): string {
  return report.text ? `情况说明（${report.text.source}）` : '情况说明';
}

/** The summary pill: how many figures were read and checked. */
export function textSummaryText(report: Report): string | undefined {
  const t = report.text;
  return t ? `情况说明：读到 ${t.claims} 个数字，核对 ${t.checked} 个` : undefined;
}

/** The clause of a text finding, as it reads in the text. */
export function quoteLine(f: Finding): string | undefined {
  return f.quote ? `原文：${f.quote.replace(/\s*\n\s*/g, '')}` : undefined;
}
