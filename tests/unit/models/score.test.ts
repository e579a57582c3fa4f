import { describe, expect, it } from 'vitest';
import { decidableScore, scoreMatches, undecidableMisses } from '../../../src/main/models/score';
import { DuckDbSession } from '../../../src/main/warehouse/duckdb/session';

describe('scoreMatches', () => {
  it('scores precision and recall and lists every miss', () => {
    const truth = [
      { alta: '058001-000001', invoiceUuid: 'AAAA' },
      { alta: '058001-000002', invoiceUuid: 'BBBB' },
      { alta: '058001-000003', invoiceUuid: 'CCCC' },
    ];
    const predicted = [
      { alta: '058001-000001', invoiceUuid: 'aaaa ' },
      { alta: '058001-000002', invoiceUuid: 'CCCC' },
      { alta: '058001-000004', invoiceUuid: 'DDDD' },
    ];
    const score = scoreMatches(predicted, truth);
    expect(score.truePositives).toBe(1);
    expect(score.precision).toBeCloseTo(1 / 3);
    expect(score.recall).toBeCloseTo(1 / 3);
    expect(score.misses).toEqual([
      { alta: '058001-000002', expected: 'BBBB', predicted: 'CCCC' },
      { alta: '058001-000003', expected: 'CCCC', predicted: null },
      { alta: '058001-000004', expected: null, predicted: 'DDDD' },
    ]);
  });

  it('refuses an alta paired with two invoices', () => {
    expect(() =>
      scoreMatches(
        [
          { alta: 'x', invoiceUuid: 'A' },
          { alta: 'x', invoiceUuid: 'B' },
        ],
        [],
      ),
    ).toThrow(/two invoices/);
  });
});

describe('undecidable misses', () => {
  it('sets aside swaps between candidates with the same evidence, and only those', async () => {
    const session = await DuckDbSession.open(':memory:');
    try {
      await session.run(`CREATE SCHEMA intermediate;
        CREATE TABLE intermediate.int_match_candidates AS SELECT * FROM (VALUES
          ('A1', 'I1', 2), ('A1', 'I2', 2), ('A2', 'I1', 2), ('A2', 'I2', 2),
          ('B1', 'J1', 1), ('B1', 'J2', 4)) AS t(no_alta, invoice_uuid, date_rank)`);
      const truth = [
        { alta: 'A1', invoiceUuid: 'I1' },
        { alta: 'A2', invoiceUuid: 'I2' },
        { alta: 'B1', invoiceUuid: 'J2' },
      ];
      const predicted = [
        { alta: 'A1', invoiceUuid: 'I2' },
        { alta: 'A2', invoiceUuid: 'I1' },
        { alta: 'B1', invoiceUuid: 'J1' },
      ];
      const score = scoreMatches(predicted, truth);
      const twins = await undecidableMisses(session, score.misses);
      expect(twins.map((miss) => miss.alta)).toEqual(['A1', 'A2']);
      const decidable = decidableScore(score, twins);
      expect(decidable).toMatchObject({ predicted: 1, expected: 1, precision: 0, recall: 0 });
      expect(decidable.misses.map((miss) => miss.alta)).toEqual(['B1']);
    } finally {
      await session.close();
    }
  });
});
