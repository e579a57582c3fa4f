import { describe, expect, it } from 'vitest';
import { Binder } from '../../../src/main/recon/binder';
import { filterPredicate } from '../../../src/main/recon/filters';
import type { ColumnFilter } from '../../../src/shared/api';

function predicate(kind: 'money' | 'date', filter: ColumnFilter) {
  const binder = new Binder('duckdb');
  return { sql: filterPredicate('amount', kind, filter, binder), binds: binder.values };
}

describe('number and date filters', () => {
  it('a number range is open at both ends, cast exactly, every value bound', () => {
    expect(predicate('money', { filterType: 'number', type: 'inRange', filter: 10.5, filterTo: 20 })).toEqual(
      {
        sql: '(amount > CAST($1 AS DECIMAL(38,6)) AND amount < CAST($2 AS DECIMAL(38,6)))',
        binds: ['10.5', '20'],
      },
    );
  });

  it('inequality keeps the NULLs; comparisons map to their operators; blanks bind nothing', () => {
    expect(predicate('money', { filterType: 'number', type: 'notEqual', filter: 3 }).sql).toBe(
      '(amount IS NULL OR amount <> CAST($1 AS DECIMAL(38,6)))',
    );
    expect(predicate('money', { filterType: 'number', type: 'greaterThanOrEqual', filter: 0 }).sql).toBe(
      'amount >= CAST($1 AS DECIMAL(38,6))',
    );
    expect(predicate('money', { filterType: 'number', type: 'blank' })).toEqual({
      sql: 'amount IS NULL',
      binds: [],
    });
  });

  it('dates compare by day and bind only the ISO date', () => {
    expect(
      predicate('date', {
        filterType: 'date',
        type: 'inRange',
        dateFrom: '2025-01-01 00:00:00',
        dateTo: '2025-01-31 00:00:00',
      }),
    ).toEqual({
      sql: '(CAST(amount AS DATE) > CAST($1 AS DATE) AND CAST(amount AS DATE) < CAST($2 AS DATE))',
      binds: ['2025-01-01', '2025-01-31'],
    });
    expect(predicate('date', { filterType: 'date', type: 'lessThan', dateFrom: '2025-06-30' }).sql).toBe(
      'CAST(amount AS DATE) < CAST($1 AS DATE)',
    );
  });

  it('a filter missing its value is refused, naming what it lacks', () => {
    expect(() => predicate('money', { filterType: 'number', type: 'inRange', filter: 1 })).toThrow(
      'The filter needs an upper bound',
    );
    expect(() => predicate('date', { filterType: 'date', type: 'equals' })).toThrow(
      'The filter needs a date',
    );
  });
});
