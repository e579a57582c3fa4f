import { extname, isAbsolute, join, relative, resolve } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
};

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticLookup = { kind: 'file'; path: string } | { kind: 'refused'; reason: string };

/**
 * Maps a URL path to a file inside the renderer folder. "/" is index.html; anything that decodes
 * to a path outside the folder (../, encoded dots, backslashes, NUL, absolute) is refused.
 */
export function resolveStaticFile(rootDir: string, urlPath: string): StaticLookup {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return { kind: 'refused', reason: 'malformed URL encoding' };
  }
  if (decoded.includes('\0') || decoded.includes('\\'))
    return { kind: 'refused', reason: 'illegal character' };
  const wanted = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = resolve(rootDir);
  const target = resolve(join(root, wanted));
  const inside = relative(root, target);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    return { kind: 'refused', reason: 'path outside the renderer folder' };
  }
  return { kind: 'file', path: target };
}
