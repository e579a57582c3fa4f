import { z } from 'zod';
import { modelVarsSchema } from '../models/vars';

/**
 * The one settings schema. Every object is strict so that a typo ("warehous") is reported as an
 * unknown key instead of being silently dropped; every field has a default so that an empty file
 * (or no file) is the embedded default: simulated-free local folder stage + DuckDB.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use an ISO date, YYYY-MM-DD');
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use a 24-hour time, HH:MM');

const portalBase = {
  enabled: z.boolean().default(true),
  url: z.url('use a full URL such as https://portal.example.gob.mx/'),
  /** The analyst's user name. The password never lives here: it goes to the credential vault. */
  user: z.string().min(1).optional(),
};

export const saiPortalSchema = z.strictObject({
  ...portalBase,
  /** Size in days of each SAI query window. */
  windowDays: z.number().int().min(1).max(366).default(31),
});

export const preiPortalSchema = z.strictObject({
  ...portalBase,
  /** Ten-digit supplier number printed in PREI's file names and preamble. */
  supplierNumber: z
    .string()
    .regex(/^\d{10}$/, 'use the ten-digit supplier number, leading zeros included')
    .optional(),
  windowDays: z.number().int().min(1).max(366).default(31),
});

export const portalsSchema = z.strictObject({
  sai: saiPortalSchema.optional(),
  prei: preiPortalSchema.optional(),
  /** Pause between portal requests and a cap per minute, so a run is polite to the portals. */
  pacingMs: z.number().int().min(0).default(500),
  maxRequestsPerMinute: z.number().int().min(1).default(30),
  /** First day a backfill extracts from. */
  backfillFrom: isoDate.optional(),
  /** Browser executable; the PUENTE_BROWSER environment variable overrides it. */
  browserPath: z.string().optional(),
});

export const localStageSchema = z.strictObject({
  kind: z.literal('local'),
  /** Folder for staged files; relative paths are inside the data dir. */
  folder: z.string().default('stage'),
});

export const s3StageSchema = z.strictObject({
  kind: z.literal('s3'),
  bucket: z.string().min(3, 'name the S3 bucket'),
  prefix: z.string().default(''),
  region: z.string().default('us-east-1'),
  profile: z.string().optional(),
  /** For S3-compatible servers; leave empty for AWS. */
  endpoint: z.url().optional(),
  kmsKeyId: z.string().optional(),
  /** IAM role Snowflake's storage integration assumes to read the bucket (for `puente snowflake`). */
  storageIntegrationRoleArn: z
    .string()
    .regex(
      /^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/,
      'use an IAM role ARN, arn:aws:iam::<12 digits>:role/<name>',
    )
    .optional(),
});

export const stageSchema = z.discriminatedUnion('kind', [localStageSchema, s3StageSchema]);

export const duckdbWarehouseSchema = z.strictObject({
  kind: z.literal('duckdb'),
  /** Database file; relative paths are inside the data dir. */
  file: z.string().default('warehouse.duckdb'),
});

export const snowflakeWarehouseSchema = z.strictObject({
  kind: z.literal('snowflake'),
  account: z.string().min(1, 'give the account identifier, e.g. myorg-myaccount'),
  user: z.string().min(1),
  role: z.string().optional(),
  warehouse: z.string().min(1),
  database: z.string().min(1),
  schema: z.string().default('RAW'),
  authenticator: z
    .enum(['EXTERNALBROWSER', 'SNOWFLAKE_JWT', 'PROGRAMMATIC_ACCESS_TOKEN'])
    .default('EXTERNALBROWSER'),
  /** Key pair authentication: path to the private key file (never the key itself). */
  privateKeyPath: z.string().optional(),
  /** Snowsight dashboard links copied from Share -> Copy link, shown in the app. */
  dashboards: z.array(z.strictObject({ name: z.string().min(1), url: z.url() })).default([]),
});

export const warehouseSchema = z.discriminatedUnion('kind', [
  duckdbWarehouseSchema,
  snowflakeWarehouseSchema,
]);

export const scheduleSchema = z.strictObject({
  enabled: z.boolean().default(false),
  dailyAt: clockTime.default('06:30'),
});

export const notificationsSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** An invoice waiting this many days in one status is reported as stuck (once, when it crosses). */
  stuckDays: z.number().int().min(1).max(365).default(30),
});

export const settingsSchema = z.strictObject({
  portals: portalsSchema.default({ pacingMs: 500, maxRequestsPerMinute: 30 }),
  stage: stageSchema.default({ kind: 'local', folder: 'stage' }),
  warehouse: warehouseSchema.default({ kind: 'duckdb', file: 'warehouse.duckdb' }),
  schedule: scheduleSchema.default({ enabled: false, dailyAt: '06:30' }),
  notifications: notificationsSchema.default({ enabled: true, stuckDays: 30 }),
  locale: z.enum(['es-MX', 'en']).default('es-MX'),
  /** Folders scanned (recursively) for CFDI XML invoices. */
  cfdiFolders: z.array(z.string()).default([]),
  /** The supplier's hand-kept PAQ workbook (invoice folio -> order -> alta), imported on every sync. */
  paqWorkbook: z
    .strictObject({
      file: z.string().min(1),
      sheet: z.string().default('Reporte Paq'),
    })
    .optional(),
  /** Tolerances, date windows and reference values the reconciliation models read. */
  models: modelVarsSchema.default(modelVarsSchema.parse({})),
});

export type Settings = z.infer<typeof settingsSchema>;
export type StageSettings = z.infer<typeof stageSchema>;
export type WarehouseSettings = z.infer<typeof warehouseSchema>;
export type PortalsSettings = z.infer<typeof portalsSchema>;
export type ScheduleSettings = z.infer<typeof scheduleSchema>;
export type NotificationSettings = z.infer<typeof notificationsSchema>;
