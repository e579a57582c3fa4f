import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApiErrorCode, type ApiResponse, apiRequestSchema } from '../../shared/api';
import { HTTP_CALL_PATH, HTTP_DOWNLOAD_PREFIX, HTTP_EVENTS_PATH, TOKEN_HEADER } from '../../shared/api-names';
import type { ApiHooks } from '../api/context';
import { createApi } from '../api/dispatcher';
import { sendDownload } from '../api/download-route';
import type { App } from '../app/create-app';
import { documentSecurityHeaders } from './content-security-policy';
import { openEventStream } from './event-stream';
import { guardRequest } from './request-guard';
import { contentTypeFor, resolveStaticFile } from './static-files';

export interface ServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Tests pass the simulator's clock and captcha solver here (see ApiHooks). */
  hooks?: ApiHooks;
}

export interface RunningServer {
  /** The address to open, with the token in the fragment (never sent to the server, kept by the page). */
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

const STATUS_BY_ERROR: Record<ApiErrorCode, number> = {
  unknown_method: 404,
  invalid_input: 400,
  invalid_settings: 422,
  invalid_output: 500,
  internal: 500,
  unauthorized: 401,
};

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end(`${text}\n`);
}

function sendJson(res: ServerResponse, status: number, body: ApiResponse): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(JSON.stringify(body));
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    throw new HttpProblem(415, 'send the call as application/json');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpProblem(413, 'request body too large');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpProblem(400, 'the request body is not valid JSON');
  }
}

async function serveFile(res: ServerResponse, rendererDir: string, urlPath: string, headOnly: boolean) {
  const lookup = resolveStaticFile(rendererDir, urlPath);
  if (lookup.kind === 'refused') return sendText(res, 403, `Refused: ${lookup.reason}.`);
  const info = await stat(lookup.path).catch(() => undefined);
  if (!info?.isFile()) return sendText(res, 404, 'Not found.');
  const body = await readFile(lookup.path);
  res.writeHead(200, {
    ...documentSecurityHeaders(),
    'Content-Type': contentTypeFor(lookup.path),
    'Content-Length': String(body.length),
    'Cache-Control': 'no-cache',
  });
  res.end(headOnly ? undefined : body);
}

/**
 * Browser mode: the built renderer and the API over HTTP on 127.0.0.1 only. Every API request
 * needs the per-launch token; Host and Origin are checked on every request; no CORS header is
 * ever sent, so other sites cannot read anything.
 */
export async function startServer(app: App, options: ServerOptions): Promise<RunningServer> {
  const token = randomBytes(32).toString('base64url');
  const api = createApi(app, 'browser', options.hooks);
  const log = app.logger.child({ face: 'browser' });
  let port = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const isApi = path.startsWith('/api/');
    const header = req.headers[TOKEN_HEADER];
    const verdict = guardRequest(
      {
        host: req.headers.host,
        origin: req.headers.origin,
        token: typeof header === 'string' ? header : undefined,
        needsToken: isApi,
      },
      port,
      token,
    );
    if (!verdict.ok) {
      log.warn('request refused', { reason: verdict.reason, method: req.method, path });
      return sendText(res, verdict.status, `Refused: ${verdict.reason}.`);
    }
    if (path === HTTP_CALL_PATH && req.method === 'POST') {
      const request = apiRequestSchema.safeParse(await readJsonBody(req));
      if (!request.success) {
        return sendJson(res, 400, {
          ok: false,
          error: {
            code: 'invalid_input',
            message: 'Send { "method": string, "input": object }.',
            problems: [],
          },
        });
      }
      const response = await api.call(request.data.method, request.data.input);
      return sendJson(res, response.ok ? 200 : STATUS_BY_ERROR[response.error.code], response);
    }
    if (path === HTTP_EVENTS_PATH && req.method === 'GET') return openEventStream(req, res, api.events);
    if (path.startsWith(HTTP_DOWNLOAD_PREFIX) && req.method === 'GET') {
      return sendDownload(res, api.downloads, path.slice(HTTP_DOWNLOAD_PREFIX.length));
    }
    if (isApi) return sendText(res, 404, 'No such API route.');
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed.');
    return serveFile(res, options.rendererDir, path, req.method === 'HEAD');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof HttpProblem) return sendText(res, error.status, error.message);
      log.error('request failed', { error });
      if (!res.headersSent) sendText(res, 500, 'Internal error.');
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  log.info('browser mode listening', { origin });

  return {
    url: `${origin}/#token=${token}`,
    token,
    port,
    close: async () => {
      api.close();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
