import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Random } from '../world/random';
import type { PortalCounters, PortalFaults } from './faults';

export interface Request {
  method: string;
  path: string;
  query: URLSearchParams;
  cookies: Record<string, string>;
  /** The page the request came from, when the browser sent one. */
  referer?: string;
  /** Form (urlencoded) or JSON body fields, as strings. */
  body: Record<string, string>;
}

export type Reply =
  | { kind: 'html'; status?: number; body: string; headers?: Record<string, string> }
  | { kind: 'json'; status?: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'redirect'; location: string; headers?: Record<string, string> }
  | { kind: 'file'; name: string; contentType: string; bytes: Buffer };

export type Handler = (req: Request) => Promise<Reply> | Reply;

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = decodeURIComponent(part.slice(eq + 1).trim());
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  if ((req.headers['content-type'] ?? '').includes('application/json')) {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v ?? '')]));
  }
  return Object.fromEntries(new URLSearchParams(text));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** RFC 6266 header: an ASCII fallback plus the exact UTF-8 name (PREI's brackets survive both). */
function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const ERROR_PAGE = (title: string, text: string) =>
  `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body><h1>${title}</h1><p>${text}</p></body></html>`;

export const MAINTENANCE_PAGE = ERROR_PAGE(
  'Sitio en mantenimiento',
  'El sistema se encuentra en mantenimiento programado. Intente más tarde.',
);

/** A report page opened by address while the portal refuses deep links (faults.refuseDeepLinks). */
export function refusedDeepLink(request: Request, faults: PortalFaults): Reply | undefined {
  if (!faults.refuseDeepLinks || request.referer) return undefined;
  return { kind: 'html', status: 404, body: ERROR_PAGE('Error 404', 'La página solicitada no existe.') };
}

/** A faulty download: an HTML error page, or the first half of the bytes. */
function faultyFile(reply: Extract<Reply, { kind: 'file' }>, faults: PortalFaults): Buffer {
  if (faults.htmlInsteadOfFile)
    return Buffer.from(ERROR_PAGE('Error', 'Ocurrió un error al generar el archivo.'));
  if (faults.truncateFile) return reply.bytes.subarray(0, Math.floor(reply.bytes.length / 2));
  return reply.bytes;
}

async function send(res: ServerResponse, reply: Reply, faults: PortalFaults, counters: PortalCounters) {
  const headers: Record<string, string> = 'headers' in reply && reply.headers ? { ...reply.headers } : {};
  headers['cache-control'] = 'no-store';
  switch (reply.kind) {
    case 'html':
      res.writeHead(reply.status ?? 200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
      res.end(reply.body);
      return;
    case 'json':
      res.writeHead(reply.status ?? 200, { ...headers, 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(reply.body));
      return;
    case 'redirect':
      res.writeHead(302, { ...headers, location: reply.location });
      res.end();
      return;
    case 'file': {
      counters.downloads += 1;
      const bytes = faultyFile(reply, faults);
      res.writeHead(200, {
        ...headers,
        'content-type': faults.htmlInsteadOfFile ? 'text/html; charset=utf-8' : reply.contentType,
        'content-disposition': attachment(reply.name),
        'content-length': String(bytes.length),
      });
      res.end(bytes);
    }
  }
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/**
 * An HTTP server on 127.0.0.1 that applies a portal's faults (latency, maintenance, HTTP 500s)
 * and counts its requests before handing each request to the portal.
 */
export async function servePortal(
  handler: Handler,
  faults: () => PortalFaults,
  counters: PortalCounters,
  port: number,
  seed: number,
): Promise<RunningServer> {
  const rng = new Random(seed);
  const server: Server = createServer(async (req, res) => {
    try {
      counters.requests += 1;
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const key = `${req.method ?? 'GET'} ${url.pathname}`;
      counters.byPath[key] = (counters.byPath[key] ?? 0) + 1;
      const f = faults();
      if (f.latencyMs > 0) await sleep(f.latencyMs);
      if (f.maintenance) {
        await send(res, { kind: 'html', status: 503, body: MAINTENANCE_PAGE }, f, counters);
        return;
      }
      if (f.fail500OnRequest === counters.requests || rng.chance(f.fail500Probability)) {
        const body = ERROR_PAGE('Error 500', 'Error interno del servidor.');
        await send(res, { kind: 'html', status: 500, body }, f, counters);
        return;
      }
      const request: Request = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        cookies: parseCookies(req.headers.cookie),
        referer: req.headers.referer,
        body: await readBody(req),
      };
      await send(res, await handler(request), faults(), counters);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`simulator error: ${(error as Error).message}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function newToken(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
