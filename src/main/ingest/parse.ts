import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { CanonicalBatch } from './datasets';
import { failure, type ParseFailure } from './failure';
import { MAX_CFDI_BYTES, readCfdi } from './readers/cfdi';
import { type PaqOptions, readPaq } from './readers/paq';
import { type PreiPreamble, type PreiQuery, readPrei } from './readers/prei';
import { readSaiAltas } from './readers/sai-altas';
import { readSaiOrders } from './readers/sai-orders';
import type { ReportKind } from './reports';
import type { ParseContext } from './table';
import { isIsoDate } from './values';

export const DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024;

/** What the file was downloaded to answer; each part given is checked against the file. */
export interface ParseQuery extends PreiQuery {
  /** Rows the portal's page said the result had. */
  expectedRows?: number;
}

export interface ParseRequest {
  path: string;
  report: ReportKind;
  /** The date the portal was read, ISO. */
  snapshotDate: string;
  /** Lineage: landing path relative to the data dir; defaults to `path`. */
  srcFile?: string;
  /** Name shown in messages; defaults to the file's base name. */
  fileName?: string;
  query?: ParseQuery;
  /** Files above this size are refused without being read (default 100 MB; CFDI XML: 5 MB). */
  maxBytes?: number;
  paq?: Partial<PaqOptions>;
}

export type ParseOutcome =
  | { ok: true; batches: CanonicalBatch[]; rows: number; uuid?: string; preamble?: PreiPreamble }
  | { ok: false; failure: ParseFailure };

const failed = (f: ParseFailure): ParseOutcome => ({ ok: false, failure: f });

function succeeded(
  batches: CanonicalBatch[],
  extra: { uuid?: string; preamble?: PreiPreamble } = {},
): ParseOutcome {
  const rows = batches[0]?.rows.length ?? 0;
  return { ok: true, batches, rows, ...extra };
}

/** Parses already-read bytes with the reader for the report kind. Never throws for bad input. */
export function parseRawBuffer(buf: Buffer, request: ParseRequest): ParseOutcome {
  const context: ParseContext = {
    fileName: request.fileName ?? basename(request.path),
    srcFile: request.srcFile ?? request.path,
    srcSha256: createHash('sha256').update(buf).digest('hex'),
    snapshotDate: request.snapshotDate,
  };
  const outcome = readByKind(buf, context, request);
  const expected = request.query?.expectedRows;
  if (outcome.ok && expected !== undefined && expected !== outcome.rows) {
    return failed(
      failure(
        'row_count_mismatch',
        `${context.fileName} has ${outcome.rows} rows but the portal showed ${expected}; download it again`,
      ),
    );
  }
  return outcome;
}

function readByKind(buf: Buffer, context: ParseContext, request: ParseRequest): ParseOutcome {
  switch (request.report) {
    case 'sai_altas':
      return single(readSaiAltas(buf, context));
    case 'sai_orders':
      return single(readSaiOrders(buf, context));
    case 'paq':
      return single(readPaq(buf, context, request.paq));
    case 'prei_facturas_cr': {
      const result = readPrei(buf, context, request.query);
      return 'reason' in result ? failed(result) : succeeded([result.batch], { preamble: result.preamble });
    }
    case 'cfdi': {
      const result = readCfdi(buf, context, request.maxBytes);
      return 'reason' in result
        ? failed(result)
        : succeeded([result.invoice, result.concepts], { uuid: result.uuid });
    }
  }
}

const single = (result: CanonicalBatch | ParseFailure): ParseOutcome =>
  'reason' in result ? failed(result) : succeeded([result]);

/** Reads a raw file (refusing oversized ones unread) and parses it. Never throws for bad input. */
export async function parseRawFile(request: ParseRequest): Promise<ParseOutcome> {
  const fileName = request.fileName ?? basename(request.path);
  if (!isIsoDate(request.snapshotDate)) {
    throw new Error(`snapshotDate must be an ISO date (YYYY-MM-DD), got "${request.snapshotDate}"`);
  }
  const limit = request.maxBytes ?? (request.report === 'cfdi' ? MAX_CFDI_BYTES : DEFAULT_MAX_FILE_BYTES);
  let buf: Buffer;
  try {
    const { size } = await stat(request.path);
    if (size > limit) {
      return failed(
        failure(
          'too_large',
          `${fileName} is ${size} bytes, over the ${limit}-byte limit; check that it is the right file`,
        ),
      );
    }
    buf = await readFile(request.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return failed(
      failure(
        'unreadable',
        `${fileName} cannot be read (${code}) at ${request.path}; check that the file exists and is readable`,
      ),
    );
  }
  return parseRawBuffer(buf, { ...request, fileName, maxBytes: limit });
}
