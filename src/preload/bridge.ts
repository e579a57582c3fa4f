import type { ApiResponse, PuenteBridge } from '../shared/api';
import {
  type ApiEventName,
  type ApiMethod,
  IPC_CALL_CHANNEL,
  IPC_EVENT_CHANNEL,
  isApiEventName,
  isApiMethod,
} from '../shared/api-names';

type IpcListener = (event: unknown, message: unknown) => void;

/** The part of Electron's ipcRenderer the bridge uses (injected, so it can be tested without Electron). */
export interface IpcRendererLike {
  invoke(channel: string, payload: unknown): Promise<unknown>;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

function rejected(code: 'unknown_method' | 'invalid_input', message: string): Promise<ApiResponse> {
  return Promise.resolve({ ok: false, error: { code, message, problems: [] } });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * `window.puente`: two functions and nothing else. Only the two puente channels are ever used,
 * calls name a known method with a plain-object input (main validates it fully with zod), and
 * listeners receive the event's data, never Electron's event object.
 */
export function createBridge(ipc: IpcRendererLike): PuenteBridge {
  return {
    call(method: ApiMethod, input: unknown): Promise<ApiResponse> {
      if (!isApiMethod(method)) return rejected('unknown_method', `Unknown API method ${String(method)}.`);
      if (input !== undefined && !isPlainObject(input)) {
        return rejected('invalid_input', `The input of ${method} must be an object.`);
      }
      return ipc.invoke(IPC_CALL_CHANNEL, { method, input: input ?? {} }) as Promise<ApiResponse>;
    },
    on(event: ApiEventName, listener: (data: unknown) => void): () => void {
      if (!isApiEventName(event)) throw new TypeError(`Unknown API event ${String(event)}.`);
      if (typeof listener !== 'function') throw new TypeError('The listener must be a function.');
      const relay: IpcListener = (_event, message) => {
        if (isPlainObject(message) && message.event === event) listener(message.data);
      };
      ipc.on(IPC_EVENT_CHANNEL, relay);
      return () => {
        ipc.removeListener(IPC_EVENT_CHANNEL, relay);
      };
    },
  };
}
