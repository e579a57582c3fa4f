/**
 * The names of the UI<->core contract, with no runtime dependency: the sandboxed preload can only
 * bundle plain code, so it checks calls against these lists and leaves the zod validation to main.
 * src/shared/api.ts gives every name its schemas (the compiler keeps both in step).
 */
export const API_METHODS = [
  'app.info',
  'status.get',
  'settings.get',
  'settings.update',
  'grid.columns',
  'grid.rows',
  'recon.detail',
  'decisions.record',
  'models.rebuild',
  'export.view',
  'export.workbook',
  'overview.tiles',
  'overview.charts',
  'dashboards.list',
  'export.saveAs',
  'sync.run',
  'sync.current',
  'runs.list',
  'files.landed',
  'files.staged',
  'credentials.status',
  'credentials.set',
  'credentials.clear',
  'settings.test',
] as const;
export const API_EVENTS = [
  'settings.changed',
  'models.rebuilt',
  'sync.started',
  'sync.progress',
  'sync.captcha',
  'sync.log',
  'sync.finished',
  'notifications.show',
] as const;

export type ApiMethod = (typeof API_METHODS)[number];
export type ApiEventName = (typeof API_EVENTS)[number];

/** Electron IPC channels: one for calls (invoke/handle), one for events (main -> renderer). */
export const IPC_CALL_CHANNEL = 'puente:call';
export const IPC_EVENT_CHANNEL = 'puente:event';

/** Browser mode: the header that carries the per-launch token, and the HTTP routes. */
export const TOKEN_HEADER = 'x-puente-token';
export const HTTP_CALL_PATH = '/api/call';
export const HTTP_EVENTS_PATH = '/api/events';
/** Browser mode: a finished export, fetched with the token header (GET /api/download/<id>). */
export const HTTP_DOWNLOAD_PREFIX = '/api/download/';

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && (API_METHODS as readonly string[]).includes(name);
}

export function isApiEventName(name: unknown): name is ApiEventName {
  return typeof name === 'string' && (API_EVENTS as readonly string[]).includes(name);
}
