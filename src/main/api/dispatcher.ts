import type { z } from 'zod';
import { type ApiErrorBody, type ApiErrorCode, type ApiResponse, apiMethods } from '../../shared/api';
import { type ApiMethod, isApiMethod } from '../../shared/api-names';
import type { App } from '../app/create-app';
import { DownloadRegistry } from '../export/downloads';
import { describeIssues, SettingsError } from '../settings/errors';
import { RefusedRequest } from '../util/refused';
import type { SqlSession } from '../warehouse/session';
import { appHandlers } from './app';
import type { ApiContext, ApiHooks } from './context';
import { dashboardHandlers } from './dashboards';
import { decisionHandlers } from './decisions';
import { ApiEventHub } from './events';
import { exportHandlers } from './export';
import { fileHandlers } from './files';
import { reconHandlers } from './recon';
import { saveAsHandlers } from './save-as';
import { SerialSession } from './serial-session';
import { settingsHandlers } from './settings';
import { statusHandlers } from './status';
import { createSyncService, type SyncService, syncHandlers } from './sync';

/** The API every face serves: one `call` that validates both ways, and the event hub. */
export interface Api {
  call(method: unknown, input: unknown): Promise<ApiResponse>;
  readonly events: ApiEventHub;
  readonly downloads: DownloadRegistry;
  /** The background sync and its daily schedule (started with the API, stopped by `close`). */
  readonly sync: SyncService;
  /** Stops the schedule; a running sync goes on to its end (its lock and records stay consistent). */
  close(): void;
}

function failure(code: ApiErrorCode, message: string, problems: string[] = []): ApiResponse {
  return { ok: false, error: { code, message, problems } satisfies ApiErrorBody };
}

type AnyHandler = (input: unknown) => unknown;

export function createApi(app: App, face: ApiContext['face'], hooks: ApiHooks = {}): Api {
  const events = new ApiEventHub();
  const downloads = new DownloadRegistry();
  let warehouse: Promise<SqlSession> | undefined;
  const shared = () => {
    warehouse ??= app.warehouse().then(
      (session) => new SerialSession(session),
      (error: unknown) => {
        warehouse = undefined;
        throw error;
      },
    );
    return warehouse;
  };
  const context: ApiContext = { app, events, face, warehouse: shared, downloads, hooks };
  const sync = createSyncService(context);
  sync.scheduler.start();
  const handlers: Record<ApiMethod, AnyHandler> = {
    ...appHandlers(context),
    ...statusHandlers(context),
    ...settingsHandlers(context),
    ...reconHandlers(context),
    ...decisionHandlers(context),
    ...exportHandlers(context),
    ...dashboardHandlers(context),
    ...syncHandlers(context, sync),
    ...fileHandlers(context),
    ...saveAsHandlers(context),
  } as Record<ApiMethod, AnyHandler>;

  /** Names what was sent as a method without echoing it back whole; any value, even one JSON cannot write. */
  function describeMethod(method: unknown): string {
    return typeof method === 'string' ? JSON.stringify(method.slice(0, 80)) : `of type ${typeof method}`;
  }

  async function call(method: unknown, input: unknown): Promise<ApiResponse> {
    if (!isApiMethod(method)) {
      return failure('unknown_method', `Unknown API method ${describeMethod(method)}.`);
    }
    const schemas: { input: z.ZodType; output: z.ZodType } = apiMethods[method];
    const parsed = schemas.input.safeParse(input ?? {});
    if (!parsed.success) {
      return failure('invalid_input', `Invalid input for ${method}.`, describeIssues(parsed.error.issues));
    }
    let value: unknown;
    try {
      value = await handlers[method](parsed.data);
    } catch (error) {
      if (error instanceof SettingsError) {
        return failure('invalid_settings', 'The settings were not saved.', error.problems);
      }
      if (error instanceof RefusedRequest) return failure('invalid_input', error.message);
      app.logger.error('api call failed', { method, error });
      return failure('internal', app.redactor.scrubText(`${method} failed: ${(error as Error).message}`));
    }
    const output = schemas.output.safeParse(value);
    if (!output.success) {
      app.logger.error('api output broke the contract', {
        method,
        problems: describeIssues(output.error.issues),
      });
      return failure('invalid_output', `${method} returned data outside the contract.`);
    }
    return { ok: true, value: output.data };
  }

  return { call, events, downloads, sync, close: () => sync.scheduler.stop() };
}
