import { describe, expect, it } from 'vitest';
import { decideNotifications, type NotificationFacts } from '../../../src/main/jobs/notifications';
import { parseSettings } from '../../../src/main/settings/store';
import type { RunSummary } from '../../../src/shared/status';

const run = (state: RunSummary['state'], error?: string): RunSummary => ({
  runId: 'r1',
  command: 'sync',
  startedAt: '2025-03-10T06:30:00Z',
  state,
  steps: [{ step: 'extract', state: state === 'failed' ? 'failed' : 'done', detail: 'PREI down' }],
  ...(error ? { error } : {}),
});

const facts: NotificationFacts = {
  snapshot: '2025-03-10',
  changes: [
    { changeType: 'paid', amount: '0.10' },
    { changeType: 'paid', amount: '0.20' },
    { changeType: 'withdrawn', amount: '1500.00' },
    { changeType: 'approved', amount: '99.00' },
  ],
  waiting: [
    { days: 29, amount: '100.00' },
    { days: 30, amount: '200.00' },
    { days: 31, amount: '300.00' },
    { days: 90, amount: '400.00' },
  ],
};

describe('what the analyst is told after a sync', () => {
  it('a failed run is reported with its error, and nothing else is read from stale marts', () => {
    const { notifications, memory } = decideNotifications({
      run: run('failed', 'PREI: wrong password'),
      facts: { snapshot: null, changes: [], waiting: [] },
      memory: { lastSnapshot: '2025-03-09' },
      stuckDays: 30,
      locale: 'es-MX',
    });
    expect(notifications).toEqual([
      expect.objectContaining({ kind: 'sync_failed', severity: 'error', body: 'PREI: wrong password' }),
    ]);
    expect(memory).toEqual({ lastSnapshot: '2025-03-09' });
  });

  it('payments and withdrawals with exact sums; stuck only for invoices that crossed the threshold since the last snapshot', () => {
    const { notifications, memory } = decideNotifications({
      run: run('succeeded'),
      facts,
      memory: { lastSnapshot: '2025-03-09' },
      stuckDays: 30,
      locale: 'en',
    });
    expect(notifications.map((n) => [n.kind, n.count, n.amount])).toEqual([
      ['invoices_paid', 2, '0.30'],
      ['contrarecibo_withdrawn', 1, '1500.00'],
      // 30 days today (29 yesterday): crossed; 31 and 90 crossed on earlier snapshots.
      ['invoices_stuck', 1, '200.00'],
    ]);
    expect(notifications[0]?.body).toBe('2 invoices moved to Paid, MX$0.30 in all.');
    expect(memory).toEqual({ lastSnapshot: '2025-03-10' });
  });

  it('the first snapshot reports every stuck invoice; the same snapshot twice reports nothing', () => {
    const first = decideNotifications({
      run: run('succeeded'),
      facts,
      memory: { lastSnapshot: null },
      stuckDays: 30,
      locale: 'es-MX',
    });
    expect(first.notifications.find((n) => n.kind === 'invoices_stuck')).toMatchObject({
      count: 3,
      amount: '900.00',
      title: 'Facturas atoradas',
    });
    const again = decideNotifications({
      run: run('succeeded'),
      facts,
      memory: first.memory,
      stuckDays: 30,
      locale: 'es-MX',
    });
    expect(again.notifications).toEqual([]);
  });

  it('the settings default the threshold to 30 days and accept another', () => {
    expect(parseSettings({}).notifications).toEqual({ enabled: true, stuckDays: 30 });
    expect(parseSettings({ notifications: { stuckDays: 45 } }).notifications.stuckDays).toBe(45);
    expect(() => parseSettings({ notifications: { stuckDays: 0 } })).toThrow(/stuckDays/);
  });
});
