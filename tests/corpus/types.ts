import type { FailureReason } from '../../src/main/ingest/failure';
import type { ReportKind, SourceName } from '../../src/main/ingest/reports';

/** What the pipeline must do with a corpus file: load it (with this many rows) or quarantine it. */
export type CorpusExpectation =
  | { outcome: 'parsed'; rows: number }
  | { outcome: 'quarantined'; reason: FailureReason };

/** One hostile file: the report it pretends to be, what was asked of the portal, and the expected outcome. */
export interface CorpusCase {
  /** File name as the portal or the analyst would have saved it; unique in the corpus. */
  name: string;
  report: ReportKind;
  portal: SourceName;
  /** Landing parameters (snapshotDate, from, to, supplierNumber, expectedRows, sheet). */
  parameters: Record<string, string>;
  expect: CorpusExpectation;
  /** Why this file is hostile, in one line. */
  why: string;
}

/** A case with its content: bytes, or a writer for files too large to hold in memory. */
export interface CorpusSource extends CorpusCase {
  bytes: Buffer | ((path: string) => Promise<void>);
}

/** The snapshot date every corpus file is landed under. */
export const CORPUS_SNAPSHOT = '2025-06-03';

export const parsed = (rows: number): CorpusExpectation => ({ outcome: 'parsed', rows });
export const quarantined = (reason: FailureReason): CorpusExpectation => ({ outcome: 'quarantined', reason });
