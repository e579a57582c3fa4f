import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SYNC_SOURCES, type SyncRunInput, type SyncSource } from '../../../shared/api';

/** "Sincronizar ahora": every configured source or the chosen ones, over an optional date range. */
export function SyncForm({ running, onStart }: { running: boolean; onStart: (input: SyncRunInput) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [chosen, setChosen] = useState<SyncSource[]>([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');

  function toggle(source: SyncSource, on: boolean) {
    setChosen((current) => (on ? [...current, source] : current.filter((known) => known !== source)));
  }

  return (
    <form
      className="panel sync-form"
      onSubmit={(event) => {
        event.preventDefault();
        onStart({
          ...(chosen.length ? { sources: SYNC_SOURCES.filter((source) => chosen.includes(source)) } : {}),
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
        });
      }}
    >
      <fieldset className="sync-sources">
        <legend>{t('sync.sources')}</legend>
        <p className="muted">{t('sync.allSources')}</p>
        {SYNC_SOURCES.map((source) => (
          <label key={source} className="check">
            <input
              type="checkbox"
              checked={chosen.includes(source)}
              onChange={(event) => toggle(source, event.target.checked)}
            />
            {t(`sync.sourceNames.${source}`)}
          </label>
        ))}
      </fieldset>
      <div className="sync-range">
        <label htmlFor={`${id}-from`}>{t('sync.from')}</label>
        <input
          id={`${id}-from`}
          className="input"
          type="date"
          value={from}
          max={to || undefined}
          aria-describedby={`${id}-help`}
          onChange={(event) => setFrom(event.target.value)}
        />
        <label htmlFor={`${id}-to`}>{t('sync.to')}</label>
        <input
          id={`${id}-to`}
          className="input"
          type="date"
          value={to}
          min={from || undefined}
          aria-describedby={`${id}-help`}
          onChange={(event) => setTo(event.target.value)}
        />
        <p id={`${id}-help`} className="muted">
          {t('sync.rangeHelp')}
        </p>
      </div>
      <button type="submit" className="button sync-start" disabled={running}>
        {running ? t('sync.running') : t('sync.start')}
      </button>
    </form>
  );
}
