import { RefusedRequest } from '../util/refused';
import type { ApiContext, ApiHandlers } from './context';

/**
 * The Electron window's "save as" for a finished export: main asks where (the shell's save dialog)
 * and copies the file there. Browser mode has no dialog here: the browser downloads the file itself.
 */
export function saveAsHandlers({ downloads, hooks }: ApiContext): ApiHandlers<'export.saveAs'> {
  return {
    'export.saveAs': async ({ downloadId }) => {
      const download = downloads.find(downloadId);
      if (!download) throw new RefusedRequest('That export has expired: export it again.');
      const path = hooks.saveAs ? await hooks.saveAs(download) : null;
      return { saved: path !== null, path };
    },
  };
}
