import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiEventHub } from '../api/events';

const HEARTBEAT_MS = 25_000;

/** Server-sent events: every API event as `event: <name>` + one JSON data line, until the client leaves. */
export function openEventStream(req: IncomingMessage, res: ServerResponse, hub: ApiEventHub): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.write(': connected\n\n');
  const unsubscribe = hub.subscribe(({ event, data }) => {
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  req.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
