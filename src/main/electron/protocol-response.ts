import { readFile } from 'node:fs/promises';
import { documentSecurityHeaders } from '../server/content-security-policy';
import { contentTypeFor, resolveStaticFile } from '../server/static-files';
import { APP_HOST } from './security';

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * The answer of the app:// protocol for one URL: a file of the built renderer with the CSP and
 * security headers, 404 for another host or a missing file, 403 for a path leaving the folder.
 */
export async function rendererFileResponse(rendererDir: string, requestUrl: string): Promise<Response> {
  const url = new URL(requestUrl);
  if (url.host !== APP_HOST) return plain(404, 'Not found.');
  const lookup = resolveStaticFile(rendererDir, url.pathname);
  if (lookup.kind === 'refused') return plain(403, `Refused: ${lookup.reason}.`);
  const body = await readFile(lookup.path).catch(() => undefined);
  if (!body) return plain(404, 'Not found.');
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: { ...documentSecurityHeaders(), 'Content-Type': contentTypeFor(lookup.path) },
  });
}
