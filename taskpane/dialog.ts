// The ribbon command's result dialog: shows the notices passed in the query string (as text), 关闭 closes it.
import type { Notice } from './messages';

const LABEL: Record<string, string> = { info: '提示', success: '完成', warning: '注意', error: '错误' };

function notices(): Notice[] {
  try {
    const raw = new URLSearchParams(window.location.search).get('n');
    const list = raw ? (JSON.parse(raw) as unknown) : [];
    return Array.isArray(list) ? list.filter((n): n is Notice => !!n && typeof n.text === 'string' && typeof n.kind === 'string') : [];
  } catch {
    return [];
  }
}

function render(): void {
  const host = document.getElementById('notices');
  if (!host) return;
  for (const n of notices()) {
    const box = document.createElement('div');
    box.className = `notice notice-${LABEL[n.kind] ? n.kind : 'info'}`;
    const label = document.createElement('strong');
    label.textContent = (LABEL[n.kind] ?? LABEL.info) + '：';
    const body = document.createElement('span');
    body.className = 'notice-text';
    body.textContent = n.text;
    box.append(label, body);
    host.append(box);
  }
  document.getElementById('btn-close')?.addEventListener('click', () => {
    try {
      Office.context.ui.messageParent('close');
    } catch {
      window.close();
    }
  });
}

render();
if (typeof Office !== 'undefined') void Office.onReady(() => undefined);
