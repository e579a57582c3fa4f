import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does to the requests it receives; change it at any time. */
export interface ProxyFaults {
  /** Answer 503 SlowDown to this many requests, then pass the rest through. */
  fail503: number;
  /** Answer 503 to every request. */
  always503: boolean;
  /** Hold every request this long before passing it on. */
  delayMs: number;
}

export interface FaultProxy {
  endpoint: string;
  faults: ProxyFaults;
  /** Requests received, and how many of them were answered 503. */
  counts: { requests: number; refused: number };
  close(): Promise<void>;
}

const SLOW_DOWN = `<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>`;

/**
 * A tiny HTTP proxy in front of an S3 server (s3rver) on 127.0.0.1 that answers 503 or delays, so
 * the stage meets an unavailable or slow S3 over the real wire. Headers pass through unchanged, Host
 * included, so the server checks each signature against the address the client signed for.
 */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const faults: ProxyFaults = { fail503: 0, always503: false, delayMs: 0 };
  const counts = { requests: 0, refused: 0 };
  const server = createServer((req, res) => {
    counts.requests += 1;
    if (faults.always503 || faults.fail503 > 0) {
      faults.fail503 = Math.max(0, faults.fail503 - 1);
      counts.refused += 1;
      req.resume();
      req.on('end', () => {
        res.writeHead(503, { 'Content-Type': 'application/xml', Connection: 'close' });
        res.end(req.method === 'HEAD' ? undefined : SLOW_DOWN);
      });
      return;
    }
    setTimeout(() => {
      const forward = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      req.pipe(forward);
    }, faults.delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    faults,
    counts,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
