// What the clerk is told after marking and after clearing (shared by the pane and the ribbon's 清除标记).
import type { Report } from '../src/core/model/findings';
import type { ClearResult, MarkResult } from '../src/io/office/marks';
import type { NoticeKind } from './notify';

export interface Notice {
  kind: NoticeKind;
  text: string;
}

function sheetsText(list: { sheet: string; cells: number }[]): string {
  return list.map((p) => `“${p.sheet}”（${p.cells} 个单元格）`).join('、');
}

/** After the report is on screen and the marks are written. */
export function markNotices(report: Report, res: MarkResult): Notice[] {
  const out: Notice[] = [];
  if (report.tables.length === 0 && report.findings.length === 0) out.push({ kind: 'info', text: '没有在本工作簿中识别到部门预算公开表（九张表的标题都没有找到）。' });
  else if (report.findings.length === 0) out.push({ kind: 'success', text: '校验完成，未发现问题。' });
  else if (res.notMarked) out.push({ kind: 'warning', text: `校验完成：发现 ${report.findings.length} 处问题，见下方列表。${res.notMarked}` });
  else out.push({ kind: 'warning', text: `校验完成：发现 ${report.findings.length} 处问题，已在 ${res.marked} 个单元格标上底色。` });
  if (res.protectedSkipped.length) out.push({ kind: 'warning', text: `工作表${sheetsText(res.protectedSkipped)}受保护，其中的问题单元格未标记（见下方列表）：撤消工作表保护后重新校验即可标记。` });
  if (res.noteWarning) out.push({ kind: 'warning', text: res.noteWarning });
  if (res.skipped) out.push({ kind: 'info', text: `有 ${res.skipped} 个单元格所在的工作表不存在，未能标记。` });
  return out;
}

/** After 清除标记. */
export function clearNotices(r: ClearResult): Notice[] {
  const out: Notice[] = [];
  if (r.restored === 0 && r.notesRemoved === 0 && r.protectedKept.length === 0) out.push({ kind: 'info', text: '工作簿中没有本工具的标记。' });
  else out.push({ kind: 'success', text: `已清除标记：${r.restored} 个单元格恢复原底色，删除说明 ${r.notesRemoved} 条。` });
  if (r.protectedKept.length) out.push({ kind: 'warning', text: `工作表${sheetsText(r.protectedKept)}受保护，其中的标记未清除：撤消工作表保护后再点“清除标记”。` });
  return out;
}

/** Marking failed after the report was shown: the findings stay, the clerk learns why nothing is coloured. */
export function markFailedText(reason: string): string {
  return `校验结果已列在下方，但未能在工作簿中标记问题单元格：${reason}`;
}

/** office.js did not start (opened outside Excel, or its script could not be loaded). */
export const NOT_READY_TEXT = 'Office 组件未能启动：请在 Excel 中（“开始”→“加载项”）打开本加载项，并确认网络能访问 appsforoffice.microsoft.com；然后关闭任务窗格重新打开。';
