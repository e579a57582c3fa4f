import type { ProgressEvent } from '../../shared/progress';

const BAR_WIDTH = 24;

function bar(done: number, total: number): string {
  const share = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(share * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${done}/${total}`;
}

/**
 * Shows a run's progress in a terminal: one redrawn line with a bar for the current step on a TTY,
 * and one plain line per finished or failed task elsewhere (cron mail, CI logs).
 */
export function terminalProgress(out: NodeJS.WriteStream = process.stderr): (event: ProgressEvent) => void {
  let lastLineWasBar = false;
  return (event) => {
    const label = `${event.step.padEnd(7)} ${bar(event.done, event.total)} ${event.task}`;
    if (out.isTTY) {
      out.write(`\r\x1b[2K${label.slice(0, (out.columns ?? 100) - 1)}`);
      lastLineWasBar = true;
      if (event.state === 'failed') {
        out.write(`\n  failed: ${event.message ?? ''}\n`);
        lastLineWasBar = false;
      }
      return;
    }
    if (event.state === 'done' || event.state === 'failed') {
      out.write(
        `${lastLineWasBar ? '\n' : ''}${label} ${event.state}${event.message ? `: ${event.message}` : ''}\n`,
      );
    }
  };
}
