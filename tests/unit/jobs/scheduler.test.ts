import { describe, expect, it } from 'vitest';
import { nextRunAfter, Scheduler } from '../../../src/main/jobs/scheduler';

/** A fake clock and timer: tests move time and fire the armed timer by hand. */
function fakeWorld(start: string) {
  let now = new Date(start);
  let armed: { run: () => void; at: number } | undefined;
  return {
    now: () => now,
    setTimer: (run: () => void, ms: number) => {
      armed = { run, at: now.getTime() + ms };
      return { cancel: () => (armed = undefined) };
    },
    /** Advances the clock to each armed timer in turn, until `until`. */
    advanceTo(until: string) {
      const end = new Date(until).getTime();
      while (armed && armed.at <= end) {
        const { run, at } = armed;
        now = new Date(at);
        run();
      }
      now = new Date(end);
    },
  };
}

describe('the daily schedule', () => {
  it('plans the next local HH:MM strictly after now, or nothing when off', () => {
    const at = (iso: string) => new Date(iso);
    expect(nextRunAfter(at('2025-03-10T05:00:00'), { enabled: true, dailyAt: '06:30' })).toEqual(
      at('2025-03-10T06:30:00'),
    );
    expect(nextRunAfter(at('2025-03-10T06:30:00'), { enabled: true, dailyAt: '06:30' })).toEqual(
      at('2025-03-11T06:30:00'),
    );
    expect(nextRunAfter(at('2025-12-31T23:59:00'), { enabled: true, dailyAt: '00:00' })).toEqual(
      at('2026-01-01T00:00:00'),
    );
    expect(nextRunAfter(at('2025-03-10T05:00:00'), { enabled: false, dailyAt: '06:30' })).toBeNull();
  });

  it('starts one sync a day at the time, skips while one runs, and follows a changed setting', () => {
    const world = fakeWorld('2025-03-10T05:00:00');
    let schedule = { enabled: true, dailyAt: '06:30' };
    let busy = false;
    const started: string[] = [];
    const skipped: string[] = [];
    const scheduler = new Scheduler({
      now: world.now,
      setTimer: world.setTimer,
      schedule: () => schedule,
      busy: () => busy,
      startSync: () => started.push(world.now().toISOString()),
      onSkip: (reason) => skipped.push(reason),
      checkEveryMs: 60_000,
    });
    scheduler.start();
    expect(scheduler.next()).toEqual(new Date('2025-03-10T06:30:00'));
    world.advanceTo('2025-03-10T06:29:00');
    expect(started).toEqual([]);
    world.advanceTo('2025-03-10T12:00:00');
    expect(started).toEqual([new Date('2025-03-10T06:30:00').toISOString()]);
    expect(scheduler.next()).toEqual(new Date('2025-03-11T06:30:00'));

    busy = true;
    world.advanceTo('2025-03-11T07:00:00');
    expect(started).toHaveLength(1);
    expect(skipped).toEqual(['a sync is already running']);
    busy = false;

    // Moved to 20:00 at noon: today's 20:00 runs, never a catch-up for the past time.
    world.advanceTo('2025-03-11T12:00:00');
    schedule = { enabled: true, dailyAt: '20:00' };
    world.advanceTo('2025-03-11T21:00:00');
    expect(started).toHaveLength(2);
    expect(started[1]).toBe(new Date('2025-03-11T20:00:00').toISOString());

    schedule = { enabled: false, dailyAt: '20:00' };
    world.advanceTo('2025-03-14T00:00:00');
    expect(started).toHaveLength(2);
    expect(scheduler.next()).toBeNull();
    scheduler.stop();
  });
});
