// The pane's list of causes: each likely cause first, with the findings it explains folded under it;
// clicking a cause selects its cells (the ones to fix). The findings no cause explains are listed by the
// pane as before. Every text shown comes through textContent (never innerHTML with data).
import type { Cause, CauseCell, Finding, Report } from '../src/core/model/findings';
import type { CellRef } from '../src/core/model/grid';
import { causeSeverity } from '../src/core/model/marks';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** '3 部门预算支出总表：D20 142.98 → 142.97' per cell (at most 8). */
function cellLines(cells: CauseCell[]): string[] {
  const lines = cells.slice(0, 8).map((c) => {
    const a = c.address.replace(/\$/g, '');
    const where = c.place ?? `${c.sheet}：${a}`;
    return c.proposed !== undefined ? `${where}　${c.value || '空白'} → ${c.proposed}` : `${where}${c.value ? `　“${c.value}”` : ''}`;
  });
  if (cells.length > 8) lines.push(`等共 ${cells.length} 个单元格`);
  return lines;
}

/** The findings no cause explains, in report order. */
export function unexplained(report: Report): Finding[] {
  const explained = new Set((report.causes ?? []).flatMap((c) => c.explains));
  return report.findings.filter((_, i) => !explained.has(i));
}

function causeItem(report: Report, cause: Cause, n: number, findingItem: (f: Finding) => HTMLElement, select: (cells: CellRef[]) => void): HTMLElement {
  const li = el('li', 'cause-item');
  const sev = causeSeverity(report, cause);
  const b = el('button', `finding cause sev-${sev}${cause.ambiguous ? ' ambiguous' : ''}`);
  b.type = 'button';
  const msg = el('span', 'msg');
  msg.append(el('span', `sev cause-tag sev-tag-${sev}`, cause.ambiguous ? `原因 ${n}（无法确定）` : `原因 ${n}`), document.createTextNode(cause.message));
  b.append(msg);
  for (const line of cellLines(cause.cells)) b.append(el('span', 'where', line));
  if (cause.cells.length) {
    b.title = '点击选中应修改的单元格';
    b.addEventListener('click', () => select(cause.cells));
  } else b.disabled = true;
  li.append(b);
  for (const alt of cause.alternatives) {
    const a = el('button', 'finding alternative');
    a.type = 'button';
    a.append(el('span', 'msg', `或：${alt.message}`));
    for (const line of cellLines(alt.cells)) a.append(el('span', 'where', line));
    if (alt.cells.length) a.addEventListener('click', () => select(alt.cells));
    else a.disabled = true;
    li.append(a);
  }
  // the findings it explains, folded
  const det = el('details', 'explains');
  det.append(el('summary', undefined, `可解释的 ${cause.explains.length} 个问题`));
  const ul = el('ul', 'findings');
  for (const i of cause.explains) ul.append(findingItem(report.findings[i]));
  det.append(ul);
  li.append(det);
  return li;
}

/**
 * The causes section (undefined when there is none): a group titled 可能的原因, open, each cause with its
 * cells and the findings it explains under it. `findingItem` draws a finding as the pane does elsewhere.
 */
export function causesSection(report: Report, findingItem: (f: Finding) => HTMLElement, select: (cells: CellRef[]) => void): HTMLElement | undefined {
  const causes = report.causes ?? [];
  if (causes.length === 0) return undefined;
  const det = el('details', 'group causes');
  det.open = true;
  const sum = el('summary');
  sum.append(el('span', 'group-title', '可能的原因（建议修改，工具不会改动数据）'), el('span', 'count', `${causes.length} 个`));
  const ul = el('ul', 'findings');
  causes.forEach((c, n) => ul.append(causeItem(report, c, n + 1, findingItem, select)));
  det.append(sum, ul);
  return det;
}

/** A heading between the causes and the findings no cause explains. */
export function restHeading(count: number): HTMLElement {
  return el('p', 'rest-heading', `以下 ${count} 个问题未归入上述原因：`);
}
