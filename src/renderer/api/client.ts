import {
  ApiError,
  type ApiEventData,
  type ApiInput,
  type ApiOutput,
  type PuenteBridge,
} from '../../shared/api';
import type { ApiEventName, ApiMethod } from '../../shared/api-names';
import { createHttpBridge, takeToken } from './http-bridge';

/** The typed API the pages use; it throws ApiError (code, message, problems) when a call fails. */
export interface ApiClient {
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>>;
  on<E extends ApiEventName>(event: E, listener: (data: ApiEventData<E>) => void): () => void;
}

export function wrapBridge(bridge: PuenteBridge): ApiClient {
  return {
    async call(method, input) {
      const response = await bridge.call(method, input);
      if (!response.ok) throw new ApiError(response.error);
      return response.value as never;
    },
    on(event, listener) {
      return bridge.on(event, listener as (data: unknown) => void);
    },
  };
}

export type ClientSetup = { ok: true; client: ApiClient } | { ok: false; reason: 'missing-token' };

/** Electron's preload bridge when present, otherwise the HTTP bridge with the launch token. */
export function connectClient(): ClientSetup {
  if (window.puente) return { ok: true, client: wrapBridge(window.puente) };
  const token = takeToken();
  return token
    ? { ok: true, client: wrapBridge(createHttpBridge(token)) }
    : { ok: false, reason: 'missing-token' };
}
