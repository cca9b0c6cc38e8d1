// Office.js errors -> one clear Chinese sentence for the clerk.
import { isUserError } from '../errors';

const BY_CODE: Record<string, string> = {
  InvalidOperationInCellEditMode: 'Excel 正处于单元格编辑状态：请先按 Enter 或 Esc 结束编辑，再重试。',
  AccessDenied: '工作簿或工作表受保护，无法写入：请先撤消保护（“审阅”→“撤消工作表保护/保护工作簿”），再重试。',
  InvalidOperation: '此操作被 Excel 拒绝：工作簿结构可能受保护，或工作簿处于只读/共享状态。请检查后重试。',
  RequestPayloadSizeLimitExceeded: '工作簿太大，一次无法传给 Excel：请删除不需要的工作表或把公开表另存为单独的工作簿后再试。',
  ResponsePayloadSizeLimitExceeded: '工作簿太大，一次无法从 Excel 读出：请把公开表另存为单独的工作簿后再试。',
  ItemNotFound: '找不到需要的工作表或单元格：它可能刚被改名或删除。请重新校验。',
  ItemAlreadyExists: '工作簿中已有同名的工作表：请改名或删除后重试。',
  InvalidArgument: 'Excel 不接受本次操作的参数：请保存工作簿后重试；若仍失败，请把问题报告给维护人员。',
  GeneralException: 'Excel 内部出错：请保存工作簿、关闭后重新打开再试。',
  Unauthenticated: '登录状态已失效：请重新登录 Office 后再试。',
};

export function errorText(e: unknown): string {
  if (isUserError(e)) return (e as Error).message;
  const code = (e as { code?: string })?.code;
  if (code && BY_CODE[code]) return BY_CODE[code];
  if (code) return `操作未能完成：Excel 返回错误（代码 ${code}）。请保存工作簿后重试。`;
  return '操作未能完成：出现了意外错误。请保存工作簿后重试；若仍失败，请把问题报告给维护人员。';
}
