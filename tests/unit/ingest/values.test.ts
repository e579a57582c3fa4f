import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  type CellValue,
  date,
  decimal,
  identifier,
  integer,
  money,
  text,
  timestamp,
  uuid,
  type ValueParser,
} from '../../../src/main/ingest/values';

const value = (parse: ValueParser, cell: CellValue) => {
  const result = parse(cell);
  if (!result.ok) throw new Error(`expected a value, got problem: ${result.problem}`);
  return result.value;
};
const problem = (parse: ValueParser, cell: CellValue) => {
  const result = parse(cell);
  if (result.ok) throw new Error(`expected a problem, got ${result.value}`);
  return result.problem;
};

describe('text', () => {
  it('trims padding, collapses inner runs, and treats a lone space as null', () => {
    expect(value(text, `${'ALMACEN  DELEGACIONAL'.padEnd(70, ' ')}`)).toBe('ALMACEN DELEGACIONAL');
    expect(value(text, '\u00a0HOSPITAL\u00a0')).toBe('HOSPITAL');
    expect(value(text, ' ')).toBeNull();
    expect(value(text, '')).toBeNull();
    expect(value(text, null)).toBeNull();
    expect(value(text, 7001234)).toBe('7001234');
  });
});

describe('identifier', () => {
  it('keeps leading zeros of text and re-pads numbers only where the width is known', () => {
    expect(value(identifier(12), ' 015801000000 ')).toBe('015801000000');
    expect(value(identifier(12), 15801000000)).toBe('015801000000');
    expect(value(identifier(5), 30)).toBe('00030');
    expect(value(identifier(8), ' ')).toBeNull();
    expect(problem(identifier(), 4011)).toMatch(/leading zeros may be lost/);
    expect(problem(identifier(5), 1234567)).toMatch(/more than 5 digits/);
    expect(problem(identifier(8), 12.5)).toMatch(/whole digits/);
  });
});

describe('money', () => {
  it('parses portal amounts exactly to two places', () => {
    expect(value(money, '1,234.50')).toBe('1234.50');
    expect(value(money, '$1,234.5')).toBe('1234.50');
    expect(value(money, '$ -10')).toBe('-10.00');
    expect(value(money, '(10.00)')).toBe('-10.00');
    expect(value(money, '0')).toBe('0.00');
    expect(value(money, 10450.1)).toBe('10450.10');
    // A cell computed with floats carries noise that Excel itself would not show.
    expect(value(money, 0.1 + 0.2)).toBe('0.30');
    expect(value(money, '123456789012345.67')).toBe('123456789012345.67');
  });

  it('rejects garbage, ambiguous separators and lost precision, naming the value', () => {
    expect(problem(money, 'abc')).toMatch(/"abc" is not a number/);
    expect(problem(money, '1,23')).toMatch(/not a number/);
    expect(problem(money, '1.2.3')).toMatch(/not a number/);
    expect(problem(money, Number.NaN)).toMatch(/not a number/);
    expect(problem(money, '10.005')).toMatch(/more than 2 decimal places/);
    expect(value(money, '10.500')).toBe('10.50');
  });

  it('sums canonical amounts exactly', () => {
    const amounts = ['0.10', '0.20'].map((a) => value(money, a) as string);
    expect(amounts.reduce((s, a) => s.plus(a), new Decimal(0)).toFixed(2)).toBe('0.30');
  });
});

describe('decimal and integer', () => {
  it('keeps up to four places and whole numbers', () => {
    expect(value(decimal, '87.0842')).toBe('87.0842');
    expect(value(decimal, '120.00')).toBe('120');
    expect(value(decimal, 120)).toBe('120');
    expect(problem(decimal, '1.23456')).toMatch(/more than 4 decimal places/);
    expect(value(integer, '1,234')).toBe('1234');
    expect(value(integer, 42)).toBe('42');
    expect(problem(integer, '4.5')).toMatch(/not a whole number/);
  });
});

describe('date and timestamp', () => {
  it('reads dd/mm/yyyy, ISO, Excel serials and Date cells', () => {
    expect(value(date, '15/05/2025')).toBe('2025-05-15');
    expect(value(date, '5/1/2025')).toBe('2025-01-05');
    expect(value(date, '2025-06-30')).toBe('2025-06-30');
    expect(value(date, 45838)).toBe('2025-06-30');
    expect(value(date, new Date(Date.UTC(2025, 5, 30)))).toBe('2025-06-30');
    expect(value(date, ' ')).toBeNull();
  });

  it('rejects impossible dates and dates with a time', () => {
    expect(problem(date, '31/02/2025')).toMatch(/not a date/);
    expect(problem(date, '2025/06/30')).toMatch(/not a date/);
    expect(problem(date, 45838.5)).toMatch(/has a time/);
  });

  it('reads date-times from text and serials, to the second', () => {
    expect(value(timestamp, '16/05/2025 10:32:05')).toBe('2025-05-16T10:32:05');
    expect(value(timestamp, '16/05/2025 10:32')).toBe('2025-05-16T10:32:00');
    expect(value(timestamp, '16/05/2025 02:05:00 p. m.')).toBe('2025-05-16T14:05:00');
    expect(value(timestamp, '2025-05-16T10:32:05')).toBe('2025-05-16T10:32:05');
    expect(value(timestamp, 45838.75)).toBe('2025-06-30T18:00:00');
    expect(problem(timestamp, '16/05/2025 25:00')).toMatch(/not a date-time/);
  });
});

describe('uuid', () => {
  it('validates 8-4-4-4-12 hex and upper-cases', () => {
    expect(value(uuid, ' a1b2c3d4-e5f6-4789-abcd-0123456789ef ')).toBe(
      'A1B2C3D4-E5F6-4789-ABCD-0123456789EF',
    );
    expect(problem(uuid, 'a1b2c3d4e5f64789abcd0123456789ef')).toMatch(/not a UUID/);
    expect(problem(uuid, 'g1b2c3d4-e5f6-4789-abcd-0123456789ef')).toMatch(/not a UUID/);
  });
});
