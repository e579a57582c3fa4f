import { z } from 'zod';
import type { ApiEventName, ApiMethod } from './api-names';
import { progressEventSchema } from './progress';
import { runSummarySchema, statusReportSchema } from './status';

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

/** The marts the grids show; the core keeps a whitelist of columns for each. */
export const GRID_VIEWS = [
  'reconciliation',
  'unmatched_invoices',
  'receivables',
  'collection_funnel',
  'contract_balances',
  'fulfilment_penalties',
  'logistics_kpis',
  'aging',
  'cash_forecast',
  'status_changes',
] as const;
export const gridViewSchema = z.enum(GRID_VIEWS);
export type GridView = z.infer<typeof gridViewSchema>;

/** How a column is typed, formatted and filtered: money is an exact decimal string, dates ISO. */
export const columnKindSchema = z.enum(['text', 'money', 'number', 'date', 'timestamp', 'boolean']);
export type ColumnKind = z.infer<typeof columnKindSchema>;

export const gridColumnSchema = z.object({ id: z.string(), kind: columnKindSchema });
export type GridColumn = z.infer<typeof gridColumnSchema>;

export const gridColumnsSchema = z.object({
  view: gridViewSchema,
  columns: z.array(gridColumnSchema),
  /** The columns whose values, joined with '|', identify a row. */
  key: z.array(z.string()),
});
export type GridColumns = z.infer<typeof gridColumnsSchema>;

const shortText = z.string().max(200);
const isoDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/, 'use YYYY-MM-DD');

/** AG Grid's filter models (text, number, date), one condition or several joined by AND/OR. */
export const textConditionSchema = z.strictObject({
  filterType: z.literal('text'),
  type: z.enum([
    'contains',
    'notContains',
    'equals',
    'notEqual',
    'startsWith',
    'endsWith',
    'blank',
    'notBlank',
  ]),
  filter: shortText.nullish(),
});
export const numberConditionSchema = z.strictObject({
  filterType: z.literal('number'),
  type: z.enum([
    'equals',
    'notEqual',
    'lessThan',
    'lessThanOrEqual',
    'greaterThan',
    'greaterThanOrEqual',
    'inRange',
    'blank',
    'notBlank',
  ]),
  filter: z.number().finite().nullish(),
  filterTo: z.number().finite().nullish(),
});
export const dateConditionSchema = z.strictObject({
  filterType: z.literal('date'),
  type: z.enum(['equals', 'notEqual', 'lessThan', 'greaterThan', 'inRange', 'blank', 'notBlank']),
  dateFrom: isoDateTime.nullish(),
  dateTo: isoDateTime.nullish(),
});
const conditionSchema = z.discriminatedUnion('filterType', [
  textConditionSchema,
  numberConditionSchema,
  dateConditionSchema,
]);
const combinedSchema = z.strictObject({
  filterType: z.enum(['text', 'number', 'date']),
  operator: z.enum(['AND', 'OR']),
  conditions: z.array(conditionSchema).min(1).max(10),
});
export const columnFilterSchema = z.union([conditionSchema, combinedSchema]);
export type ColumnFilter = z.infer<typeof columnFilterSchema>;
export type FilterCondition = z.infer<typeof conditionSchema>;

export const gridStateSchema = z.strictObject({
  view: gridViewSchema,
  sort: z
    .array(z.strictObject({ colId: z.string(), sort: z.enum(['asc', 'desc']) }))
    .max(10)
    .default([]),
  filters: z.record(z.string(), columnFilterSchema).default({}),
  quickSearch: shortText.default(''),
});
export type GridState = z.input<typeof gridStateSchema>;

export const MAX_GRID_PAGE = 5000;
export const gridRequestSchema = gridStateSchema
  .extend({
    startRow: z.number().int().min(0),
    endRow: z.number().int().min(1),
  })
  .refine(
    (request) => request.endRow > request.startRow && request.endRow - request.startRow <= MAX_GRID_PAGE,
    {
      message: `ask for 1 to ${MAX_GRID_PAGE} rows (endRow > startRow)`,
    },
  );
export type GridRequest = z.input<typeof gridRequestSchema>;

const cellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const gridRowSchema = z.record(z.string(), cellSchema);
export type GridRow = z.infer<typeof gridRowSchema>;

export const gridPageSchema = z.object({
  rows: z.array(gridRowSchema),
  /** Rows matching the filters: the Infinite Row Model's last row. */
  lastRow: z.number().int(),
  /** Exact sums (decimal strings) of the money columns over every matching row. */
  totals: z.record(z.string(), z.string()),
});
export type GridPage = z.infer<typeof gridPageSchema>;

/** One link of the chain order -> altas -> invoice -> PREI history -> decisions -> raw files. */
export const reconDetailSchema = z.object({
  row: gridRowSchema.nullable(),
  order: gridRowSchema.nullable(),
  altas: z.array(gridRowSchema),
  invoice: gridRowSchema.nullable(),
  preiHistory: z.array(gridRowSchema),
  candidates: z.array(gridRowSchema),
  decisions: z.array(gridRowSchema),
  lineage: z.array(z.object({ step: z.string(), file: z.string(), row: z.string().nullable() })),
});
export type ReconDetail = z.infer<typeof reconDetailSchema>;

export const DECISION_ACTIONS = [
  'confirm_match',
  'reject_match',
  'link_manual',
  'dispute',
  'assign',
  'note',
] as const;
export const decisionActionSchema = z.enum(DECISION_ACTIONS);
export type DecisionActionName = z.infer<typeof decisionActionSchema>;

const idText = z.string().trim().min(1).max(64);
export const decisionItemSchema = z
  .strictObject({ noAlta: idText.optional(), invoiceUuid: idText.optional(), noOrden: idText.optional() })
  .refine((item) => item.noAlta || item.invoiceUuid || item.noOrden, {
    message: 'name an alta, invoice or order',
  });

export const decisionInputSchema = z
  .strictObject({
    action: decisionActionSchema,
    items: z.array(decisionItemSchema).min(1).max(1000),
    assignee: z.string().trim().min(1).max(100).optional(),
    /** Why: required for disputes and notes, optional otherwise. */
    note: z.string().trim().max(2000).optional(),
  })
  .refine((input) => input.action !== 'assign' || input.assignee, { message: 'assign needs an assignee' })
  .refine((input) => !['dispute', 'note'].includes(input.action) || input.note, {
    message: 'disputes and notes need a note saying why',
  })
  .refine(
    (input) =>
      !['confirm_match', 'reject_match', 'link_manual'].includes(input.action) ||
      input.items.every((item) => item.noAlta && item.invoiceUuid),
    { message: 'a match decision names both the alta and the invoice' },
  );
export type DecisionInput = z.input<typeof decisionInputSchema>;

export const recordedDecisionsSchema = z.object({
  decisionIds: z.array(z.string()),
  madeBy: z.string(),
  madeAt: z.string(),
});

export const rebuildResultSchema = z.object({
  ok: z.boolean(),
  ms: z.number(),
  models: z.number().int(),
  failedTests: z.array(z.string()),
});
export type RebuildResult = z.infer<typeof rebuildResultSchema>;

export const exportViewInputSchema = gridStateSchema.extend({
  /** The visible columns in their on-screen order. */
  columns: z.array(z.string()).min(1).max(200),
});
export type ExportViewInput = z.input<typeof exportViewInputSchema>;

export const exportResultSchema = z.object({
  fileName: z.string(),
  /** Where main wrote the file (the data dir's exports folder). */
  path: z.string(),
  /** Browser mode: GET /api/download/<downloadId> with the token header. */
  downloadId: z.string(),
  rows: z.number().int(),
  ms: z.number(),
});
export type ExportResult = z.infer<typeof exportResultSchema>;

const moneyText = z.string();
export const overviewTilesSchema = z.object({
  ready: z.boolean(),
  collected: moneyText,
  pendingByStatus: z.array(z.object({ status: z.string(), altas: z.number().int(), amount: moneyText })),
  overdue: z.object({ altas: z.number().int(), amount: moneyText }),
  stuck: z.object({ items: z.number().int(), amount: moneyText, olderThanDays: z.number().int() }),
  penaltiesAtRisk: moneyText,
  worklistByReason: z.array(z.object({ reason: z.string(), items: z.number().int(), amount: moneyText })),
});
export type OverviewTiles = z.infer<typeof overviewTilesSchema>;

/** One month of marts.collection_funnel: its altas and pesos, split by lifecycle status in funnel order. */
export const funnelMonthSchema = z.object({
  month: z.string(),
  altas: z.number().int(),
  amount: moneyText,
  stages: z.array(
    z.object({ status: z.string(), exception: z.boolean(), altas: z.number().int(), amount: moneyText }),
  ),
});
export type FunnelMonth = z.infer<typeof funnelMonthSchema>;

/** One bucket of marts.aging (unpaid altas by days past due), in the buckets' order. */
export const agingBucketSchema = z.object({ bucket: z.string(), altas: z.number().int(), amount: moneyText });
export type AgingBucket = z.infer<typeof agingBucketSchema>;

export const overviewChartsSchema = z.object({
  ready: z.boolean(),
  funnel: z.array(funnelMonthSchema),
  aging: z.array(agingBucketSchema),
});
export type OverviewCharts = z.infer<typeof overviewChartsSchema>;

export const dashboardsSchema = z.object({
  accountRoot: z.string().nullable(),
  links: z.array(z.object({ name: z.string(), url: z.string() })),
});
export type Dashboards = z.infer<typeof dashboardsSchema>;

/** Browser mode downloads; the Electron window asks main to show a save dialog and copy the file. */
export const saveAsResultSchema = z.object({ saved: z.boolean(), path: z.string().nullable() });

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');
export const SYNC_SOURCES = ['sai_altas', 'sai_orders', 'prei'] as const;
export const syncSourceSchema = z.enum(SYNC_SOURCES);
export type SyncSource = z.infer<typeof syncSourceSchema>;

export const syncRunInputSchema = z
  .strictObject({
    /** Portal reports to extract; all configured ones when absent. */
    sources: z.array(syncSourceSchema).min(1).max(SYNC_SOURCES.length).optional(),
    from: isoDay.optional(),
    to: isoDay.optional(),
  })
  .refine((input) => !input.from || !input.to || input.from <= input.to, {
    message: 'the first day must not be after the last day',
  });
export type SyncRunInput = z.input<typeof syncRunInputSchema>;

export const syncTriggerSchema = z.enum(['manual', 'schedule']);
export const syncStartedSchema = z.object({ runId: z.string(), trigger: syncTriggerSchema });

/** A captcha waiting for the person (never the page itself): where to look and how long is left. */
export const captchaPromptSchema = z.object({
  runId: z.string(),
  portal: z.enum(['sai', 'prei']),
  /** The core's sentence, in English, as logged; the app shows its own translated one. */
  message: z.string(),
  /** Whether Puente opened a browser window to solve it in (else none can be shown here). */
  visible: z.boolean(),
  timeoutMs: z.number().int().nonnegative(),
  /** When the wait started (ISO), so a page opened later shows the right countdown. */
  since: z.string(),
  state: z.enum(['waiting', 'solved', 'timeout']),
});
export type CaptchaPrompt = z.infer<typeof captchaPromptSchema>;

/** A log line of the current run, already redacted by the logger. */
export const syncLogLineSchema = z.object({
  runId: z.string(),
  time: z.string(),
  level: z.enum(['debug', 'info', 'warn', 'error']),
  msg: z.string(),
});
export type SyncLogLine = z.infer<typeof syncLogLineSchema>;

/** What a page opened mid-run needs to catch up: the run, its latest progress per task, captcha, log tail. */
export const syncCurrentSchema = z.object({
  runId: z.string().nullable(),
  trigger: syncTriggerSchema.nullable(),
  progress: z.array(progressEventSchema),
  captcha: captchaPromptSchema.nullable(),
  log: z.array(syncLogLineSchema),
  /** The next scheduled sync (ISO, local time made UTC), or null when the schedule is off. */
  nextScheduled: z.string().nullable(),
});
export type SyncCurrent = z.infer<typeof syncCurrentSchema>;

export const landedFileSchema = z.object({
  sha256: z.string(),
  name: z.string(),
  report: z.string(),
  portal: z.string(),
  /** The query window (from..to) for portal files, null for local files. */
  window: z.object({ from: z.string(), to: z.string() }).nullable(),
  downloadedAt: z.string(),
  runId: z.string(),
  outcome: z.enum(['pending', 'parsed', 'quarantined']),
  rows: z.number().int().nullable(),
  reason: z.string().nullable(),
  message: z.string().nullable(),
});
export type LandedFile = z.infer<typeof landedFileSchema>;

export const stagedFileSchema = z.object({
  key: z.string(),
  dataset: z.string(),
  rows: z.number().int(),
  stagedAt: z.string(),
  load: z.enum(['loaded', 'pending', 'partially_loaded', 'failed', 'unknown']),
  loadedAt: z.string().nullable(),
  loadedRows: z.number().int().nullable(),
  error: z.string().nullable(),
});
export type StagedFile = z.infer<typeof stagedFileSchema>;
export const stagedFilesSchema = z.object({
  warehouse: z.enum(['duckdb', 'snowflake']),
  files: z.array(stagedFileSchema),
  /** Why the load outcome could not be read (warehouse unreachable), or null. */
  problem: z.string().nullable(),
});

export const SECRET_NAMES = ['sai', 'prei', 'snowflake'] as const;
export const secretNameSchema = z.enum(SECRET_NAMES);
export type SecretName = z.infer<typeof secretNameSchema>;

export const SETTINGS_TESTS = ['portal:sai', 'portal:prei', 'stage', 'warehouse'] as const;
export const settingsTestSchema = z.enum(SETTINGS_TESTS);
export type SettingsTest = z.infer<typeof settingsTestSchema>;
export const settingsTestResultSchema = z.object({
  target: settingsTestSchema,
  ok: z.boolean(),
  /** What was checked, or the clear error naming the fix. */
  message: z.string(),
  ms: z.number(),
});
export type SettingsTestResult = z.infer<typeof settingsTestResultSchema>;

export const NOTIFICATION_KINDS = [
  'sync_failed',
  'invoices_paid',
  'contrarecibo_withdrawn',
  'invoices_stuck',
] as const;
export const appNotificationSchema = z.object({
  kind: z.enum(NOTIFICATION_KINDS),
  severity: z.enum(['info', 'warning', 'error']),
  title: z.string(),
  body: z.string(),
  count: z.number().int().nonnegative(),
  /** Exact sum of the amounts involved (decimal string), when money is involved. */
  amount: z.string().nullable(),
});
export type AppNotification = z.infer<typeof appNotificationSchema>;

export const apiMethods = {
  'app.info': { input: noInput, output: appInfoSchema },
  'status.get': { input: noInput, output: statusReportSchema },
  'settings.get': { input: noInput, output: settingsViewSchema },
  'settings.update': { input: settingsUpdateSchema, output: settingsViewSchema },
  'grid.columns': { input: z.strictObject({ view: gridViewSchema }), output: gridColumnsSchema },
  'grid.rows': { input: gridRequestSchema, output: gridPageSchema },
  'recon.detail': {
    input: z
      .strictObject({ noAlta: idText.optional(), invoiceUuid: idText.optional() })
      .refine((input) => input.noAlta || input.invoiceUuid, { message: 'name an alta or an invoice' }),
    output: reconDetailSchema,
  },
  'decisions.record': { input: decisionInputSchema, output: recordedDecisionsSchema },
  'models.rebuild': { input: noInput, output: rebuildResultSchema },
  'export.view': { input: exportViewInputSchema, output: exportResultSchema },
  'export.workbook': { input: noInput, output: exportResultSchema },
  'overview.tiles': { input: noInput, output: overviewTilesSchema },
  'overview.charts': { input: noInput, output: overviewChartsSchema },
  'dashboards.list': { input: noInput, output: dashboardsSchema },
  'export.saveAs': {
    input: z.strictObject({ downloadId: z.string().min(1).max(100) }),
    output: saveAsResultSchema,
  },
  'sync.run': { input: syncRunInputSchema, output: z.object({ runId: z.string() }) },
  'sync.current': { input: noInput, output: syncCurrentSchema },
  'runs.list': {
    input: z.strictObject({ limit: z.number().int().min(1).max(200).default(20) }),
    output: z.array(runSummarySchema),
  },
  'files.landed': { input: noInput, output: z.array(landedFileSchema) },
  'files.staged': { input: noInput, output: stagedFilesSchema },
  /** Which secrets the vault holds (never their values). */
  'credentials.status': { input: noInput, output: z.record(secretNameSchema, z.boolean()) },
  /** The secret goes to the vault and is never returned, logged or saved in settings. */
  'credentials.set': {
    input: z.strictObject({ name: secretNameSchema, secret: z.string().min(1).max(4096) }),
    output: z.object({ stored: z.literal(true) }),
  },
  'credentials.clear': {
    input: z.strictObject({ name: secretNameSchema }),
    output: z.object({ cleared: z.boolean() }),
  },
  'settings.test': {
    input: z.strictObject({ target: settingsTestSchema }),
    output: settingsTestResultSchema,
  },
} as const satisfies Record<ApiMethod, { input: z.ZodType; output: z.ZodType }>;

export const apiEvents = {
  'settings.changed': settingsViewSchema,
  'models.rebuilt': rebuildResultSchema,
  'sync.started': syncStartedSchema,
  'sync.progress': progressEventSchema,
  'sync.captcha': captchaPromptSchema,
  'sync.log': syncLogLineSchema,
  'sync.finished': runSummarySchema,
  'notifications.show': appNotificationSchema,
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
