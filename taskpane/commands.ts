// Ribbon commands: 清除标记 runs without opening the pane (ExecuteFunction).
import type { XContext } from '../src/io/office/api';
import { detectCapabilities } from '../src/io/office/api';
import { clearMarks } from '../src/io/office/marks';

async function clearMarksCommand(event: Office.AddinCommands.Event): Promise<void> {
  try {
    const caps = detectCapabilities((n, v) => Office.context.requirements.isSetSupported(n, v));
    await Excel.run((context) => clearMarks(context as unknown as XContext, caps));
  } catch {
    // nothing to show without a pane; the pane's 清除标记 explains errors
  } finally {
    event.completed();
  }
}

Office.onReady(() => {
  Office.actions.associate('clearMarks', clearMarksCommand);
});
