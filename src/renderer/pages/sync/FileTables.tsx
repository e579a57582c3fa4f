import { useTranslation } from 'react-i18next';
import type { LandedFile, StagedFile } from '../../../shared/api';

/** Files that could not be read, with the reason and the fix the reader gave. */
export function QuarantinedFiles({ files }: { files: LandedFile[] }) {
  const { t } = useTranslation();
  const quarantined = files.filter((file) => file.outcome === 'quarantined');
  return (
    <section className="panel" aria-labelledby="sync-quarantined">
      <h2 id="sync-quarantined">
        {t('sync.quarantined')} <span className="badge">{quarantined.length}</span>
      </h2>
      {quarantined.length === 0 ? (
        <p className="muted">{t('sync.noQuarantined')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid="quarantined-files">
            <thead>
              <tr>
                <th scope="col">{t('sync.file')}</th>
                <th scope="col">{t('sync.report')}</th>
                <th scope="col">{t('sync.window')}</th>
                <th scope="col">{t('sync.reason')}</th>
                <th scope="col">{t('sync.whatToDo')}</th>
              </tr>
            </thead>
            <tbody>
              {quarantined.map((file) => (
                <tr key={file.sha256}>
                  <td className="cell-wrap">{file.name}</td>
                  <td>{file.report}</td>
                  <td>{file.window ? `${file.window.from} – ${file.window.to}` : '—'}</td>
                  <td>
                    <span className="chip chip-load-failed">{file.reason}</span>
                  </td>
                  <td className="cell-wrap">{file.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Staged files and what the warehouse says of each (DuckDB's ledger, or Snowpipe's COPY_HISTORY). */
export function StagedFiles({ files, problem }: { files: StagedFile[]; problem: string | null }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <section className="panel" aria-labelledby="sync-staged">
      <h2 id="sync-staged">
        {t('sync.staged')} <span className="badge">{files.length}</span>
      </h2>
      {problem && (
        <p className="notice notice-error" role="alert">
          {t('sync.loadProblem', { problem })}
        </p>
      )}
      {files.length === 0 ? (
        <p className="muted">{t('sync.noStaged')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid="staged-files">
            <thead>
              <tr>
                <th scope="col">{t('sync.dataset')}</th>
                <th scope="col">{t('sync.key')}</th>
                <th scope="col" className="numeric">
                  {t('sync.rows')}
                </th>
                <th scope="col">{t('sync.loadState')}</th>
                <th scope="col">{t('sync.loadedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {files.map((file) => (
                <tr key={file.key}>
                  <td>{file.dataset}</td>
                  <td className="cell-wrap">
                    <code>{file.key}</code>
                  </td>
                  <td className="numeric">{number.format(file.rows)}</td>
                  <td>
                    <span className={`chip chip-load-${file.load}`}>{t(`sync.loads.${file.load}`)}</span>
                    {file.error && <span className="muted"> {file.error}</span>}
                  </td>
                  <td>
                    {file.loadedAt
                      ? new Intl.DateTimeFormat(i18n.language, {
                          dateStyle: 'short',
                          timeStyle: 'medium',
                        }).format(new Date(file.loadedAt))
                      : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
