import type { ExportResult } from '../../shared/api';
import { HTTP_DOWNLOAD_PREFIX, TOKEN_HEADER } from '../../shared/api-names';
import { takeToken } from './http-bridge';

/**
 * Browser mode: fetches a finished export with the token header (a plain link cannot send it) and
 * hands it to the browser as a download. In the Electron window main shows a save dialog and copies
 * the file (it is already in the data dir's exports folder); false when the person cancelled.
 */
export async function downloadExport(result: ExportResult): Promise<boolean> {
  if (window.puente) {
    const response = await window.puente.call('export.saveAs', { downloadId: result.downloadId });
    if (!response.ok) throw new Error(response.error.message);
    return (response.value as { saved: boolean }).saved;
  }
  const token = takeToken();
  if (!token) throw new Error('missing token');
  const response = await fetch(`${HTTP_DOWNLOAD_PREFIX}${result.downloadId}`, {
    headers: { [TOKEN_HEADER]: token },
  });
  if (!response.ok) throw new Error(`download: HTTP ${response.status}`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = result.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return true;
}
