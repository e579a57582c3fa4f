import { z } from 'zod';
import type { ApiEventName, ApiMethod } from './api-names';
import { statusReportSchema } from './status';

/**
 * The UI<->core contract: every method has an input and an output schema, validated in main for
 * both directions; every event has a payload schema. The faces move these objects unchanged:
 * Electron over IPC, browser mode over HTTP (POST /api/call, server-sent events on /api/events).
 * To add a method: add its name to API_METHODS (api-names.ts), its schemas here, its handler in
 * src/main/api.
 */

const noInput = z.strictObject({});

export const localeSchema = z.enum(['es-MX', 'en']);
export type Locale = z.infer<typeof localeSchema>;

export const appInfoSchema = z.object({
  name: z.literal('Puente'),
  version: z.string(),
  dataDir: z.string(),
  locale: localeSchema,
  /** Which face the UI runs in: the Electron window or a browser through the HTTP bridge. */
  face: z.enum(['electron', 'browser']),
});

/**
 * Settings as the UI sees them: the fields it reads are typed, every other field is kept as is
 * (the core's schema in src/main/settings is the one that validates).
 */
export const settingsViewSchema = z.object({
  file: z.string(),
  settings: z.looseObject({
    locale: localeSchema,
    stage: z.looseObject({ kind: z.enum(['local', 's3']) }),
    warehouse: z.looseObject({ kind: z.enum(['duckdb', 'snowflake']) }),
    schedule: z.looseObject({ enabled: z.boolean(), dailyAt: z.string() }),
  }),
});

/** Replaces whole top-level sections (`{ locale: 'en' }`, `{ stage: {...} }`); the core validates the result. */
export const settingsUpdateSchema = z.strictObject({
  changes: z.record(z.string(), z.unknown()),
});

export const apiMethods = {
  'app.info': { input: noInput, output: appInfoSchema },
  'status.get': { input: noInput, output: statusReportSchema },
  'settings.get': { input: noInput, output: settingsViewSchema },
  'settings.update': { input: settingsUpdateSchema, output: settingsViewSchema },
} as const satisfies Record<ApiMethod, { input: z.ZodType; output: z.ZodType }>;

export const apiEvents = {
  'settings.changed': settingsViewSchema,
} as const satisfies Record<ApiEventName, z.ZodType>;

export type ApiInput<M extends ApiMethod> = z.input<(typeof apiMethods)[M]['input']>;
export type ApiOutput<M extends ApiMethod> = z.output<(typeof apiMethods)[M]['output']>;
export type ApiEventData<E extends ApiEventName> = z.output<(typeof apiEvents)[E]>;
export type AppInfo = z.output<typeof appInfoSchema>;
export type SettingsView = z.output<typeof settingsViewSchema>;

export const apiErrorCodeSchema = z.enum([
  'unknown_method',
  'invalid_input',
  'invalid_settings',
  'invalid_output',
  'internal',
  /** Transport level: browser mode refused the request (token, Host or Origin). */
  'unauthorized',
]);
export type ApiErrorCode = z.infer<typeof apiErrorCodeSchema>;

export const apiErrorBodySchema = z.object({
  code: apiErrorCodeSchema,
  message: z.string(),
  /** One line per problem, naming the field and the fix (settings and input errors). */
  problems: z.array(z.string()).default([]),
});
export type ApiErrorBody = z.output<typeof apiErrorBodySchema>;

/** What every transport returns for a call: the value, or a typed error (never a thrown stack). */
export type ApiResponse<T = unknown> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

export const apiRequestSchema = z.strictObject({ method: z.string(), input: z.unknown() });

/** An event as it travels: its name and its payload. */
export interface ApiEventMessage<E extends ApiEventName = ApiEventName> {
  event: E;
  data: ApiEventData<E>;
}

/** What the preload exposes as `window.puente` and what browser mode implements over HTTP. */
export interface PuenteBridge {
  call(method: ApiMethod, input: unknown): Promise<ApiResponse>;
  on(event: ApiEventName, listener: (data: unknown) => void): () => void;
}

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly problems: string[];
  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.problems = body.problems;
  }
}
