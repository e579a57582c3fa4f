import type { ApiEventMessage, ApiResponse, PuenteBridge } from '../../shared/api';
import { HTTP_CALL_PATH, HTTP_EVENTS_PATH, TOKEN_HEADER } from '../../shared/api-names';

const TOKEN_KEY = 'puente.token';
const RECONNECT_MS = 2000;

/**
 * Takes the per-launch token from the address (#token=...), keeps it in sessionStorage for reloads,
 * and removes it from the address bar so it is not bookmarked or shared by accident.
 */
export function takeToken(): string | undefined {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

async function readResponse(response: Response): Promise<ApiResponse> {
  if ((response.headers.get('content-type') ?? '').startsWith('application/json')) {
    return (await response.json()) as ApiResponse;
  }
  const text = (await response.text()).trim();
  const code = response.status === 401 || response.status === 403 ? 'unauthorized' : 'internal';
  return { ok: false, error: { code, message: text || `HTTP ${response.status}`, problems: [] } };
}

/**
 * Parses a server-sent events stream (read with fetch, because EventSource cannot send the token
 * header). Resolves 'refused' when the server no longer accepts the token (it was restarted).
 */
async function readEvents(
  token: string,
  deliver: (message: ApiEventMessage) => void,
  signal: AbortSignal,
): Promise<'ended' | 'refused'> {
  const response = await fetch(HTTP_EVENTS_PATH, { headers: { [TOKEN_HEADER]: token }, signal });
  if (response.status === 401 || response.status === 403) return 'refused';
  if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return 'ended';
    buffer += value;
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) deliver({ event, data: JSON.parse(data) } as ApiEventMessage);
      end = buffer.indexOf('\n\n');
    }
  }
}

/** Browser mode's `window.puente`: the same two functions, over HTTP to the bridge that served the page. */
export function createHttpBridge(token: string): PuenteBridge {
  const listeners = new Set<(message: ApiEventMessage) => void>();
  let stream: AbortController | undefined;

  function connect(): void {
    const controller = new AbortController();
    stream = controller;
    const deliver = (message: ApiEventMessage) => {
      for (const listener of listeners) listener(message);
    };
    readEvents(token, deliver, controller.signal)
      .catch(() => 'ended' as const)
      .then((outcome) => {
        if (outcome === 'ended' && stream === controller && listeners.size > 0)
          setTimeout(connect, RECONNECT_MS);
      });
  }

  return {
    async call(method, input) {
      const response = await fetch(HTTP_CALL_PATH, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify({ method, input: input ?? {} }),
      });
      return readResponse(response);
    },
    on(event, listener) {
      const relay = (message: ApiEventMessage) => {
        if (message.event === event) listener(message.data);
      };
      listeners.add(relay);
      if (!stream) connect();
      return () => {
        listeners.delete(relay);
        if (listeners.size === 0) {
          stream?.abort();
          stream = undefined;
        }
      };
    },
  };
}
