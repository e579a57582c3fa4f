import type { ColumnFilter, ColumnKind, FilterCondition } from '../../shared/api';
import type { Binder } from './binder';
import { GridRequestError } from './views';

/** Escapes LIKE wildcards so a user's % or _ matches itself. */
function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function textCondition(
  column: string,
  condition: Extract<FilterCondition, { filterType: 'text' }>,
  binder: Binder,
) {
  const value = (condition.filter ?? '').toLowerCase();
  const lowered = `lower(CAST(${column} AS VARCHAR))`;
  const like = (pattern: string) => `${lowered} LIKE ${binder.bind(pattern)} ESCAPE '\\'`;
  switch (condition.type) {
    case 'contains':
      return `contains(${lowered}, ${binder.bind(value)})`;
    case 'notContains':
      return `(${column} IS NULL OR NOT contains(${lowered}, ${binder.bind(value)}))`;
    case 'startsWith':
      return like(`${likeEscaped(value)}%`);
    case 'endsWith':
      return like(`%${likeEscaped(value)}`);
    case 'equals':
      return `${lowered} = ${binder.bind(value)}`;
    case 'notEqual':
      return `(${column} IS NULL OR ${lowered} <> ${binder.bind(value)})`;
    case 'blank':
      return `(${column} IS NULL OR CAST(${column} AS VARCHAR) = '')`;
    case 'notBlank':
      return `(${column} IS NOT NULL AND CAST(${column} AS VARCHAR) <> '')`;
  }
}

const COMPARISONS = {
  equals: '=',
  notEqual: '<>',
  lessThan: '<',
  lessThanOrEqual: '<=',
  greaterThan: '>',
  greaterThanOrEqual: '>=',
} as const;

function required<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new GridRequestError(`The filter needs ${what}`);
  return value;
}

type Bound<V> = [value: V | null | undefined, missing: string];

/**
 * Number and date filters share one shape: blanks, an open range, inequality (which keeps NULLs) and
 * the comparisons. `compared` is the expression compared (the column, or its day); `literal` binds a
 * value and casts it; each operand names what the filter lacks when its value is missing.
 */
function orderedCondition<V>(
  column: string,
  compared: string,
  type: keyof typeof COMPARISONS | 'inRange' | 'blank' | 'notBlank',
  operands: { from: Bound<V>; to: Bound<V>; one: Bound<V> },
  literal: (value: V) => string,
): string {
  const bound = ([value, missing]: Bound<V>) => literal(required(value, missing));
  switch (type) {
    case 'blank':
      return `${column} IS NULL`;
    case 'notBlank':
      return `${column} IS NOT NULL`;
    case 'inRange':
      return `(${compared} > ${bound(operands.from)} AND ${compared} < ${bound(operands.to)})`;
    case 'notEqual':
      return `(${column} IS NULL OR ${compared} <> ${bound(operands.one)})`;
    default:
      return `${compared} ${COMPARISONS[type]} ${bound(operands.one)}`;
  }
}

/** Numbers travel as decimal text and are cast in SQL, so money is compared exactly. */
function numberCondition(
  column: string,
  condition: Extract<FilterCondition, { filterType: 'number' }>,
  binder: Binder,
) {
  return orderedCondition(
    column,
    column,
    condition.type,
    {
      from: [condition.filter, 'a lower bound'],
      to: [condition.filterTo, 'an upper bound'],
      one: [condition.filter, 'a number'],
    },
    (value) => `CAST(${binder.bind(String(value))} AS DECIMAL(38,6))`,
  );
}

/** Dates compare by day, whatever the column's time of day. */
function dateCondition(
  column: string,
  condition: Extract<FilterCondition, { filterType: 'date' }>,
  binder: Binder,
) {
  return orderedCondition(
    column,
    `CAST(${column} AS DATE)`,
    condition.type,
    {
      from: [condition.dateFrom, 'a start date'],
      to: [condition.dateTo, 'an end date'],
      one: [condition.dateFrom, 'a date'],
    },
    (value) => `CAST(${binder.bind(value.slice(0, 10))} AS DATE)`,
  );
}

const FILTER_TYPE_FOR: Record<ColumnKind, FilterCondition['filterType']> = {
  text: 'text',
  boolean: 'text',
  money: 'number',
  number: 'number',
  date: 'date',
  timestamp: 'date',
};

function condition(column: string, kind: ColumnKind, filter: FilterCondition, binder: Binder): string {
  if (FILTER_TYPE_FOR[kind] !== filter.filterType) {
    throw new GridRequestError(
      `A ${filter.filterType} filter does not apply to the ${kind} column ${column}`,
    );
  }
  if (filter.filterType === 'text') return textCondition(column, filter, binder);
  if (filter.filterType === 'number') return numberCondition(column, filter, binder);
  return dateCondition(column, filter, binder);
}

/**
 * One AG Grid column filter as a SQL predicate over a whitelisted column; every value is bound.
 * `column` must already be a whitelisted identifier.
 */
export function filterPredicate(
  column: string,
  kind: ColumnKind,
  filter: ColumnFilter,
  binder: Binder,
): string {
  if (!('operator' in filter)) return condition(column, kind, filter, binder);
  const parts = filter.conditions.map((part) => condition(column, kind, part, binder));
  return `(${parts.join(` ${filter.operator} `)})`;
}

/** The words of a quick search, lower-cased (at most eight). */
export function searchWords(search: string): string[] {
  return search.trim().toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
}

/**
 * Quick search as a plain predicate: each word must appear (case-insensitive) in some text column.
 * contains() needs no wildcard escaping and runs far faster than LIKE with ESCAPE (DuckDB and
 * Snowflake both have it).
 */
export function quickSearchPredicate(
  columns: readonly string[],
  words: readonly string[],
  binder: Binder,
): string {
  return words
    .map((word) => {
      const any = columns.map((column) => `contains(lower(${column}), ${binder.bind(word)})`);
      return `(${any.join(' OR ')})`;
    })
    .join(' AND ');
}
