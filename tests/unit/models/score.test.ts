import { describe, expect, it } from 'vitest';
import { scoreMatches } from '../../../src/main/models/score';

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
