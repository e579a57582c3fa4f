import { type CanonicalBatch, type CanonicalRow, DATASETS, type DatasetName } from './datasets';
import { failure, type ParseFailure, type ValueProblem } from './failure';
import type { CellValue, ValueParser } from './values';

/** What every reader needs to know about the file it reads. */
export interface ParseContext {
  /** Name used in messages (the original download name). */
  fileName: string;
  /** Landing path relative to the data dir: the rows' lineage. */
  srcFile: string;
  srcSha256: string;
  /** The date the portal was read, ISO. */
  snapshotDate: string;
}

/** A source column: its header in the file, the dataset column it fills and how its cells parse. */
export interface SourceColumn {
  header: string;
  column: string;
  parse: ValueParser;
}

const MAX_LISTED_PROBLEMS = 20;

/** Header names compare without accents, case, spaces or punctuation: "descripciónEntrega" = "Descripcion Entrega". */
export function headerKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const cellText = (cell: CellValue): string =>
  cell === null || cell === undefined ? '' : String(cell).trim();

/** Collects bad cells across a file; the file fails whole when there is any. */
export class ProblemLog {
  readonly listed: ValueProblem[] = [];
  count = 0;
  private missingOnly = true;

  add(problem: ValueProblem, missing = false): void {
    this.count++;
    this.missingOnly &&= missing;
    if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push(problem);
  }

  /** A failure listing the first problems, or null when there were none. */
  toFailure(fileName: string): ParseFailure | null {
    const first = this.listed[0];
    if (!first) return null;
    const shown = this.listed.map((p) => `row ${p.row}, ${p.field}: ${p.message}`).join('; ');
    const more = this.count > this.listed.length ? ` (and ${this.count - this.listed.length} more)` : '';
    return failure(
      this.missingOnly ? 'missing_value' : 'bad_value',
      `${fileName}: ${this.count} bad value${this.count > 1 ? 's' : ''}, nothing loaded: ${shown}${more}. Fix these cells at the source or download the file again`,
      { row: first.row, field: first.field, problems: this.listed },
    );
  }
}

/** One cell to parse into one dataset column, with the field name shown to people. */
export interface FieldCell {
  column: string;
  field: string;
  parse: ValueParser;
  cell: CellValue;
}

/** Builds a row in dataset column order; bad cells and empty required values go to the log. */
export function canonicalRow(
  dataset: DatasetName,
  cells: readonly FieldCell[],
  constants: CanonicalRow,
  row: number,
  log: ProblemLog,
): CanonicalRow {
  const parsed = new Map<string, { value: string | null; field: string; bad: boolean }>();
  for (const { column, field, parse, cell } of cells) {
    const result = parse(cell);
    if (!result.ok) log.add({ row, field, value: cellText(cell), message: result.problem });
    parsed.set(column, { value: result.ok ? result.value : null, field, bad: !result.ok });
  }
  const values: CanonicalRow = {};
  for (const spec of DATASETS[dataset]) {
    const source = parsed.get(spec.name);
    const value = spec.name in constants ? (constants[spec.name] ?? null) : (source?.value ?? null);
    if (spec.required && value === null && !source?.bad) {
      const field = source?.field ?? spec.name;
      log.add({ row, field, value: '', message: 'is empty but required' }, true);
    }
    values[spec.name] = value;
  }
  return values;
}

/**
 * Finds the header row: the first of the first rows naming at least half the expected columns.
 * Returns its index in `rows`, or -1.
 */
export function findHeaderRow(
  rows: readonly CellValue[][],
  columns: readonly SourceColumn[],
  within = 20,
): number {
  const expected = new Set(columns.map((c) => headerKey(c.header)));
  const limit = Math.min(rows.length, within);
  for (let i = 0; i < limit; i++) {
    const hits = (rows[i] ?? []).filter((cell) => expected.has(headerKey(cellText(cell)))).length;
    if (hits * 2 >= expected.size) return i;
  }
  return -1;
}

export function headerNotFound(fileName: string, columns: readonly SourceColumn[]): ParseFailure {
  return failure(
    'bad_header',
    `${fileName}: no header row with the expected columns (${columns.map((c) => c.header).join(', ')}); check that this is the right report`,
  );
}

export interface TableInput {
  dataset: DatasetName;
  context: ParseContext;
  columns: readonly SourceColumn[];
  /** The sheet's rows and the 1-based sheet row number of rows[0]. */
  rows: readonly CellValue[][];
  firstRow: number;
  /** Values that every row gets (snapshot date, query window). */
  constants: CanonicalRow;
}

/**
 * Maps a sheet to a canonical batch by header name (so reordered columns parse), keeping unknown columns
 * in `extraColumns`. A missing required column, or any bad cell, fails the whole file.
 */
export function sheetToBatch(input: TableInput): CanonicalBatch | ParseFailure {
  const { dataset, context, columns, rows, firstRow } = input;
  const { fileName } = context;
  const headerIndex = findHeaderRow(rows, columns);
  if (headerIndex === -1) return headerNotFound(fileName, columns);
  const header = (rows[headerIndex] ?? []).map(cellText);
  const headerRow = firstRow + headerIndex;

  const positions = new Map<string, number>();
  const extraColumns: string[] = [];
  const known = new Set(columns.map((c) => headerKey(c.header)));
  for (const [index, name] of header.entries()) {
    if (name === '') continue;
    const key = headerKey(name);
    if (positions.has(key)) {
      return failure(
        'bad_header',
        `${fileName}: column "${name}" appears twice in row ${headerRow}; keep one`,
        {
          row: headerRow,
          field: name,
        },
      );
    }
    positions.set(key, index);
    if (!known.has(key)) extraColumns.push(name);
  }

  const specs = new Map<string, boolean>(DATASETS[dataset].map((s) => [s.name, s.required === true]));
  const missing = columns.filter((c) => specs.get(c.column) && !positions.has(headerKey(c.header)));
  if (missing.length > 0) {
    const names = missing.map((c) => `"${c.header}"`).join(', ');
    return failure(
      'missing_column',
      `${fileName}: required column${missing.length > 1 ? 's' : ''} ${names} missing from the header in row ${headerRow}; download the report again with all its columns`,
      { row: headerRow, field: missing[0]?.header },
    );
  }

  const log = new ProblemLog();
  const batchRows: CanonicalBatch['rows'] = [];
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const cells = rows[i] ?? [];
    if (cells.every((cell) => cellText(cell) === '')) continue;
    const srcRow = firstRow + i;
    const fields = columns.map((c) => {
      const at = positions.get(headerKey(c.header));
      return { column: c.column, field: c.header, parse: c.parse, cell: at === undefined ? null : cells[at] };
    });
    batchRows.push({ srcRow, values: canonicalRow(dataset, fields, input.constants, srcRow, log) });
  }
  return (
    log.toFailure(fileName) ?? {
      dataset,
      srcFile: context.srcFile,
      srcSha256: context.srcSha256,
      rows: batchRows,
      extraColumns,
    }
  );
}
