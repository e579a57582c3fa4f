import { z } from 'zod';

/**
 * Reference data and tolerances the models read through `var('name')`. Templates never hold these
 * literals; settings (or a caller) override the defaults. Each value is validated here so that
 * rendering it into SQL can never inject anything.
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use an ISO date, YYYY-MM-DD');
const decimalText = z.string().regex(/^\d+(\.\d+)?$/, 'use a plain non-negative decimal, e.g. "0.02"');
const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_$]*$/, 'use a plain SQL identifier');

export const modelVarsSchema = z.strictObject({
  /** The institute's RFC: invoices to any other receiver are not IMSS receivables and never match an alta. */
  customerRfc: z
    .string()
    .regex(/^[A-Z&]{3,4}\d{6}[A-Z0-9]{3}$/, 'use an RFC, e.g. IMS421231I45')
    .default('IMS421231I45'),
  /** Rounds of nearest-date tie-breaking among inferred candidates (each round links mutual best pairs). */
  tieBreakRounds: z.number().int().min(0).max(10).default(4),
  /** Absolute peso tolerance when comparing alta, invoice and PREI amounts. */
  amountTolerance: decimalText.default('0.00'),
  /** Absolute quantity tolerance when inferring an alta -> invoice match. */
  quantityTolerance: decimalText.default('0'),
  /** An inferred invoice may be dated this many days before its alta ... */
  matchWindowDaysBefore: z.number().int().min(0).max(365).default(3),
  /** ... and up to this many days after it. */
  matchWindowDaysAfter: z.number().int().min(0).max(365).default(45),
  /** Expected payment date when SAI leaves `fpp` empty: alta date + these days. */
  paymentTermsDays: z.number().int().min(0).max(365).default(45),
  /** Penalty defaults for contracts without their own row in seeds.contract_terms. */
  defaultPenaltyRatePerDay: decimalText.default('0.02'),
  defaultPenaltyCapDays: z.number().int().min(0).max(365).default(5),
  /** Weeks ahead that cash_forecast projects. */
  forecastWeeks: z.number().int().min(1).max(104).default(13),
  /** Days of ordering history used to project a contract's exhaustion date. */
  contractRateWindowDays: z.number().int().min(1).max(3650).default(90),
  /** Evaluate the marts as of this date; default: the latest snapshot loaded. */
  asOfDate: isoDate.optional(),
  /** Snowflake only: dynamic table freshness for marts and the warehouse that refreshes them. */
  snowflakeTargetLag: z
    .string()
    .regex(/^\d+ (seconds|minutes|hours|days)$/)
    .default('1 hours'),
  snowflakeWarehouse: identifier.default('PUENTE_WH'),
});

export type ModelVars = z.infer<typeof modelVarsSchema>;
export type ModelVarsInput = z.input<typeof modelVarsSchema>;

export function resolveVars(input: ModelVarsInput = {}): ModelVars {
  return modelVarsSchema.parse(input);
}

/** Renders a validated var as a SQL literal: numbers bare, ISO dates as DATE '...', text quoted. */
export function sqlLiteral(value: unknown): string {
  if (value === undefined || value === null) return 'NULL';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') {
    if (/^\d+(\.\d+)?$/.test(value)) return value;
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `DATE '${value}'`;
    return `'${value.replaceAll("'", "''")}'`;
  }
  throw new Error(`Cannot render ${JSON.stringify(value)} as a SQL literal`);
}
