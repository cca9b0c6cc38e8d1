// A small notification module of our own: messages stacked at the top of the pane.
// Text only (textContent); errors stay until closed, the others fade after a few seconds.

export type NoticeKind = 'info' | 'success' | 'warning' | 'error';

const LABEL: Record<NoticeKind, string> = { info: '提示', success: '完成', warning: '注意', error: '错误' };
const AUTO_CLOSE_MS: Record<NoticeKind, number> = { info: 6000, success: 5000, warning: 10000, error: 0 };

let host: HTMLElement | null = null;

export function initNotify(container: HTMLElement): void {
  host = container;
}

export function clearNotices(): void {
  if (host) host.replaceChildren();
}

export function notify(kind: NoticeKind, text: string): HTMLElement | null {
  if (!host) return null;
  const box = document.createElement('div');
  box.className = `notice notice-${kind}`;
  box.setAttribute('role', kind === 'error' || kind === 'warning' ? 'alert' : 'status');
  const label = document.createElement('strong');
  label.textContent = LABEL[kind] + '：';
  const body = document.createElement('span');
  body.className = 'notice-text';
  body.textContent = text;
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'notice-close';
  close.setAttribute('aria-label', '关闭此消息');
  close.textContent = '×';
  close.addEventListener('click', () => box.remove());
  box.append(label, body, close);
  host.prepend(box);
  while (host.children.length > 4) host.lastElementChild?.remove();
  const ms = AUTO_CLOSE_MS[kind];
  if (ms > 0) window.setTimeout(() => box.remove(), ms);
  return box;
}
