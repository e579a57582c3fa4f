import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, type BrowserWindow, dialog } from 'electron';
import type { Download } from '../export/downloads';

/** "Save as" for a finished export: the system dialog in the Downloads folder, then a copy there. */
export function saveExportAs(window: () => BrowserWindow | undefined) {
  return async (download: Download): Promise<string | null> => {
    const options = {
      title: download.fileName,
      defaultPath: join(app.getPath('downloads'), download.fileName),
      filters: [{ name: 'Excel', extensions: ['xlsx'] }],
    };
    const parent = window();
    const answer = parent
      ? await dialog.showSaveDialog(parent, options)
      : await dialog.showSaveDialog(options);
    if (answer.canceled || !answer.filePath) return null;
    await copyFile(download.path, answer.filePath);
    return answer.filePath;
  };
}
