import type { ScheduleSettings } from '../settings/schema';

/**
 * The in-app schedule: one sync a day at settings.schedule.dailyAt (the machine's local time), only
 * while the app runs. A missed time (the app was closed, the machine slept) is not caught up later
 * the same day: the next run is the next occurrence after the app is up again.
 */

/** The first local `HH:MM` strictly after `now`, or null when the schedule is off. */
export function nextRunAfter(now: Date, schedule: ScheduleSettings): Date | null {
  if (!schedule.enabled) return null;
  const [hours, minutes] = schedule.dailyAt.split(':').map(Number) as [number, number];
  const next = new Date(now);
  next.setHours(hours, minutes, 0, 0);
  if (next.getTime() <= now.getTime()) next.setDate(next.getDate() + 1);
  // setDate keeps the wall-clock time across a DST change; re-apply it for days where it moved.
  next.setHours(hours, minutes, 0, 0);
  return next;
}

/** What the scheduler needs from the world: time, timers, the settings and a way to start a sync. */
export interface SchedulerDeps {
  now: () => Date;
  schedule: () => ScheduleSettings;
  /** Whether a sync (manual or scheduled, in this process) is already running. */
  busy: () => boolean;
  /** Starts a sync in the background. */
  startSync: () => void;
  /** Told when a due run was skipped, and why. */
  onSkip?: (reason: string) => void;
  setTimer?: (run: () => void, ms: number) => { cancel(): void };
  /** How often the schedule is re-read (a changed time applies without a restart). */
  checkEveryMs?: number;
}

const defaultTimer = (run: () => void, ms: number) => {
  const handle = setTimeout(run, ms);
  handle.unref?.();
  return { cancel: () => clearTimeout(handle) };
};

/** Wakes at most every `checkEveryMs`; starts the sync once the planned time has passed. */
export class Scheduler {
  private planned: Date | null = null;
  private timer: { cancel(): void } | undefined;
  private stopped = true;

  constructor(private readonly deps: SchedulerDeps) {}

  start(): void {
    this.stopped = false;
    this.planned = nextRunAfter(this.deps.now(), this.deps.schedule());
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = undefined;
  }

  /** The next planned run (following the current settings), null when the schedule is off. */
  next(): Date | null {
    this.replan(this.deps.now());
    return this.planned;
  }

  /** Runs one check: called by the timer, and by tests driving a fake clock. */
  tick(): void {
    const now = this.deps.now();
    const due = this.planned !== null && now.getTime() >= this.planned.getTime();
    this.replan(now);
    if (due && this.planned !== null) {
      if (this.deps.busy()) this.deps.onSkip?.('a sync is already running');
      else this.deps.startSync();
      this.planned = nextRunAfter(now, this.deps.schedule());
    }
    this.arm();
  }

  /** Turned off, on, or moved to another time: plan from now, never for a time already past. */
  private replan(now: Date): void {
    const schedule = this.deps.schedule();
    if (!schedule.enabled) this.planned = null;
    else if (this.planned === null || plannedAtOtherTime(this.planned, schedule))
      this.planned = nextRunAfter(now, schedule);
  }

  private arm(): void {
    this.timer?.cancel();
    if (this.stopped) return;
    const every = this.deps.checkEveryMs ?? 30_000;
    const untilDue = this.planned ? this.planned.getTime() - this.deps.now().getTime() : every;
    const wait = Math.max(0, Math.min(every, untilDue));
    this.timer = (this.deps.setTimer ?? defaultTimer)(() => this.tick(), wait);
  }
}

function plannedAtOtherTime(planned: Date, schedule: ScheduleSettings): boolean {
  const at = `${String(planned.getHours()).padStart(2, '0')}:${String(planned.getMinutes()).padStart(2, '0')}`;
  return at !== schedule.dailyAt;
}
