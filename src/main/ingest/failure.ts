/** Why a raw file could not become canonical rows. Each code maps to one fix an analyst can apply. */
export type FailureReason =
  | 'empty'
  | 'too_large'
  | 'truncated'
  | 'corrupt'
  | 'not_a_spreadsheet'
  | 'html_instead_of_xls'
  | 'missing_sheet'
  | 'bad_header'
  | 'missing_column'
  | 'bad_preamble'
  | 'range_mismatch'
  | 'supplier_mismatch'
  | 'row_count_mismatch'
  | 'bad_value'
  | 'missing_value'
  | 'xml_malformed'
  | 'xml_entity_expansion'
  | 'not_a_cfdi'
  | 'unsupported_version'
  | 'unreadable';

/** One bad cell: where it is, what it held and how to fix it. */
export interface ValueProblem {
  row: number;
  field: string;
  value: string;
  message: string;
}

export interface ParseFailure {
  reason: FailureReason;
  /** A sentence naming the file (and row and field when known) and the fix. */
  message: string;
  row?: number;
  field?: string;
  /** For bad_value / missing_value: the first problems found (capped), in file order. */
  problems?: ValueProblem[];
}

export function failure(
  reason: FailureReason,
  message: string,
  extra: Partial<ParseFailure> = {},
): ParseFailure {
  return { reason, message, ...extra };
}
