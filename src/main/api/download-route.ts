import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import type { DownloadRegistry } from '../export/downloads';

/**
 * Browser mode's GET /api/download/<id> (behind the token check like every /api route): streams a
 * finished export as an attachment; an unknown or expired id is a 404.
 */
export async function sendDownload(
  res: ServerResponse,
  downloads: DownloadRegistry,
  id: string,
): Promise<void> {
  const download = /^[A-Za-z0-9_-]{16,64}$/.test(id) ? downloads.find(id) : undefined;
  const info = download ? await stat(download.path).catch(() => undefined) : undefined;
  if (!download || !info?.isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
    res.end('No such download.\n');
    return;
  }
  res.writeHead(200, {
    'Content-Type': download.contentType,
    'Content-Length': String(info.size),
    'Content-Disposition': `attachment; filename="${download.fileName.replace(/[^\w.-]/g, '_')}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  await new Promise<void>((resolve, reject) => {
    createReadStream(download.path).on('error', reject).pipe(res).on('finish', resolve).on('error', reject);
  });
}
