import type { CanonicalBatch, CanonicalRow, DatasetName } from '../datasets';
import type { ParseFailure } from '../failure';
import { type ParseContext, type SourceColumn, sheetToBatch } from '../table';
import { isSheetFailure, readSheet } from '../workbook';

export interface SpreadsheetReport {
  dataset: DatasetName;
  /** Sheet name, or undefined for the first sheet. */
  sheet?: string;
  columns: readonly SourceColumn[];
}

/** Reads a one-table report: one sheet, a header row, one row per record. */
export function readSpreadsheetReport(
  buf: Buffer,
  context: ParseContext,
  report: SpreadsheetReport,
  constants: CanonicalRow = {},
): CanonicalBatch | ParseFailure {
  const sheet = readSheet(buf, { fileName: context.fileName, sheet: report.sheet });
  if (isSheetFailure(sheet)) return sheet;
  return sheetToBatch({
    dataset: report.dataset,
    context,
    columns: report.columns,
    rows: sheet.rows,
    firstRow: sheet.firstRow,
    constants: { snapshot_date: context.snapshotDate, ...constants },
  });
}
