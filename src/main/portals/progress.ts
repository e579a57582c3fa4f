import type { ProgressEvent } from '../../shared/progress';
import type { ExtractSource } from './types';
import type { DateWindow } from './windows';

export const windowTask = (source: ExtractSource, window: DateWindow): string =>
  `${source} ${window.from}..${window.to}`;

type Extra = Pick<ProgressEvent, 'rows' | 'message'>;

/** The extract step's progress: one task per window, counted so that a bar can reach its end. */
export class ExtractProgress {
  private done = 0;
  private total = 0;

  constructor(
    private readonly runId: string,
    private readonly listener: ((event: ProgressEvent) => void) | undefined,
  ) {}

  planned(task: string): void {
    this.total += 1;
    this.emit(task, 'planned');
  }

  skipped(task: string): void {
    this.total += 1;
    this.done += 1;
    this.emit(task, 'skipped', { message: 'settled: nothing there can change' });
  }

  running(task: string): void {
    this.emit(task, 'running');
  }

  finished(task: string, state: 'done' | 'failed', extra: Extra = {}): void {
    this.done += 1;
    this.emit(task, state, extra);
  }

  private emit(task: string, state: ProgressEvent['state'], extra: Extra = {}): void {
    this.listener?.({
      runId: this.runId,
      step: 'extract',
      task,
      state,
      done: this.done,
      total: this.total,
      ...extra,
    });
  }
}
