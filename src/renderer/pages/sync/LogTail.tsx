import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncLogLine } from '../../../shared/api';

/** The last lines of the run's log (redacted in main), newest at the bottom, kept in view. */
export function LogTail({ lines }: { lines: SyncLogLine[] }) {
  const { t } = useTranslation();
  const end = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (lines.length) end.current?.scrollIntoView({ block: 'nearest' });
  }, [lines]);
  return (
    <section className="panel" aria-labelledby="sync-log">
      <h2 id="sync-log">{t('sync.log')}</h2>
      {lines.length === 0 ? (
        <p className="muted">{t('sync.logEmpty')}</p>
      ) : (
        <ol className="log-tail" role="log" aria-live="polite" data-testid="sync-log">
          {lines.map((line, index) => (
            <li
              // Lines are appended only; time + position is unique within the tail.
              // biome-ignore lint/suspicious/noArrayIndexKey: the tail only grows at its end
              key={`${line.time}-${index}`}
              className={`log-${line.level}`}
              ref={index === lines.length - 1 ? end : undefined}
            >
              <time dateTime={line.time}>{line.time.slice(11, 19)}</time>{' '}
              <span className="log-level">{line.level}</span> {line.msg}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
