import { describe, expect, it } from 'vitest';
import {
  bisect,
  mergeAdjacent,
  planWindows,
  splitRange,
  type WindowRecord,
} from '../../../src/main/portals/windows';

const record = (from: string, to: string, openRows = 0): WindowRecord => ({
  from,
  to,
  extractedAt: '2026-01-01T00:00:00Z',
  rows: 10,
  openRows,
});

describe('date windows', () => {
  it('splits a range into consecutive windows with no gap and a short last one', () => {
    expect(splitRange('2025-01-01', '2025-03-05', 31)).toEqual([
      { from: '2025-01-01', to: '2025-01-31' },
      { from: '2025-02-01', to: '2025-03-03' },
      { from: '2025-03-04', to: '2025-03-05' },
    ]);
  });

  it('bisects into two halves that tile the window; one day cannot be split', () => {
    expect(bisect({ from: '2025-01-01', to: '2025-01-31' })).toEqual([
      { from: '2025-01-01', to: '2025-01-16' },
      { from: '2025-01-17', to: '2025-01-31' },
    ]);
    expect(bisect({ from: '2025-01-02', to: '2025-01-03' })).toEqual([
      { from: '2025-01-02', to: '2025-01-02' },
      { from: '2025-01-03', to: '2025-01-03' },
    ]);
    expect(bisect({ from: '2025-01-05', to: '2025-01-05' })).toBeUndefined();
  });

  const options = { from: '2025-01-01', to: '2025-04-30', windowDays: 30, recentDays: 20 };

  it('a backfill plans every window', () => {
    const plan = planWindows(options, []);
    expect(plan.every((w) => w.reason === 'never extracted')).toBe(true);
    expect(plan[0]).toMatchObject({ from: '2025-01-01', to: '2025-01-30' });
    expect(plan.at(-1)?.to).toBe('2025-04-30');
  });

  it('an incremental run skips settled windows and keeps recent and open ones', () => {
    const remembered = [
      record('2025-01-01', '2025-01-30'),
      record('2025-01-31', '2025-03-01', 3),
      record('2025-03-02', '2025-03-31'),
      record('2025-04-01', '2025-04-30'),
    ];
    expect(planWindows(options, remembered).map((w) => [w.from, w.reason])).toEqual([
      ['2025-01-01', 'settled'],
      ['2025-01-31', 'open rows'],
      ['2025-03-02', 'settled'],
      ['2025-04-01', 'recent'],
    ]);
  });

  it('remembers the split of a window that bisection refined', () => {
    const remembered = [record('2025-01-01', '2025-01-15', 1), record('2025-01-16', '2025-01-30')];
    const plan = planWindows(options, remembered);
    expect(plan[0]).toEqual({ from: '2025-01-01', to: '2025-01-15', reason: 'open rows' });
    expect(plan[1]).toEqual({ from: '2025-01-16', to: '2025-01-30', reason: 'settled' });
  });

  it('a partial memory of a window keeps what it knows and plans its gaps as new windows', () => {
    const plan = planWindows(options, [record('2025-01-05', '2025-01-10')]);
    expect(plan.slice(0, 3)).toEqual([
      { from: '2025-01-01', to: '2025-01-04', reason: 'never extracted' },
      { from: '2025-01-05', to: '2025-01-10', reason: 'settled' },
      { from: '2025-01-11', to: '2025-01-30', reason: 'never extracted' },
    ]);
  });

  it('a last window clipped by yesterday keeps its memory when today extends it', () => {
    const plan = planWindows({ ...options, to: '2025-01-21' }, [record('2025-01-01', '2025-01-20')]);
    expect(plan).toEqual([
      { from: '2025-01-01', to: '2025-01-20', reason: 'recent' },
      { from: '2025-01-21', to: '2025-01-21', reason: 'never extracted' },
    ]);
  });

  it('overlapping memories never plan a day twice', () => {
    const plan = planWindows(options, [
      record('2025-01-01', '2025-01-10'),
      record('2025-01-05', '2025-01-12'),
    ]);
    expect(plan.slice(0, 2)).toEqual([
      { from: '2025-01-01', to: '2025-01-10', reason: 'settled' },
      { from: '2025-01-11', to: '2025-01-30', reason: 'never extracted' },
    ]);
  });

  it('open windows are checked less often as they age, and always once their interval has passed', () => {
    const cadence = { ...options, openAgeStepDays: 30, openMaxIntervalDays: 7 };
    const read = (from: string, to: string, readOn: string) => ({ ...record(from, to, 2), readOn });
    // Ends 90 days before `to`: every 3 days; read two days ago -> not yet, three days ago -> due.
    expect(planWindows(cadence, [read('2025-01-01', '2025-01-30', '2025-04-28')])[0]?.reason).toBe(
      'checked lately',
    );
    expect(planWindows(cadence, [read('2025-01-01', '2025-01-30', '2025-04-27')])[0]?.reason).toBe(
      'open rows',
    );
    // Without a cadence, or without a known read date, an open window is always due.
    expect(planWindows(options, [read('2025-01-01', '2025-01-30', '2025-04-29')])[0]?.reason).toBe(
      'open rows',
    );
    expect(planWindows(cadence, [record('2025-01-01', '2025-01-30', 2)])[0]?.reason).toBe('open rows');
  });

  it('merges touching windows up to the window size, for portals with no cap', () => {
    expect(
      mergeAdjacent(
        [
          { from: '2025-03-04', to: '2025-03-31' },
          { from: '2025-04-01', to: '2025-04-01' },
          { from: '2025-04-02', to: '2025-04-30' },
          { from: '2025-06-01', to: '2025-06-02' },
        ],
        31,
      ),
    ).toEqual([
      { from: '2025-03-04', to: '2025-04-01' },
      { from: '2025-04-02', to: '2025-04-30' },
      { from: '2025-06-01', to: '2025-06-02' },
    ]);
  });
});
