// Ribbon commands: 清除标记 runs without opening the pane (ExecuteFunction) and reports its outcome in
// a small dialog (Office.context.ui.displayDialogAsync, the way a function command shows something).
import type { XContext } from '../src/io/office/api';
import { detectCapabilities } from '../src/io/office/api';
import { clearMarks } from '../src/io/office/marks';
import { errorText } from '../src/io/office/errors';
import { clearNotices, type Notice } from './messages';

/** Opens dialog.html with the notices; resolves when the clerk closes it (or the dialog cannot open). */
function showNotices(notices: Notice[]): Promise<void> {
  const url = new URL('dialog.html', window.location.href);
  url.searchParams.set('n', JSON.stringify(notices));
  return new Promise((resolve) => {
    try {
      Office.context.ui.displayDialogAsync(url.toString(), { height: 30, width: 35, displayInIframe: true }, (result) => {
        if (result.status !== Office.AsyncResultStatus.Succeeded) return resolve();
        const dialog = result.value;
        const done = (): void => {
          try {
            dialog.close();
          } catch {
            // already closed by the clerk
          }
          resolve();
        };
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, done);
        dialog.addEventHandler(Office.EventType.DialogEventReceived, done);
      });
    } catch {
      resolve();
    }
  });
}

async function clearMarksCommand(event: Office.AddinCommands.Event): Promise<void> {
  let notices: Notice[];
  try {
    const caps = detectCapabilities((n, v) => Office.context.requirements.isSetSupported(n, v));
    const r = await Excel.run({ delayForCellEdit: true }, (context) => clearMarks(context as unknown as XContext, caps));
    notices = clearNotices(r);
  } catch (e) {
    notices = [{ kind: 'error', text: `未能清除标记：${errorText(e)}` }];
  }
  try {
    await showNotices(notices);
  } finally {
    event.completed();
  }
}

Office.onReady(() => {
  Office.actions.associate('clearMarks', clearMarksCommand);
});
