import { useTranslation } from 'react-i18next';
import type { LandedFile, StagedFile } from '../../../shared/api';
import { TablePanel } from './TablePanel';

/** Files that could not be read, with the reason and the fix the reader gave. */
export function QuarantinedFiles({ files }: { files: LandedFile[] }) {
  const { t } = useTranslation();
  const quarantined = files.filter((file) => file.outcome === 'quarantined');
  return (
    <TablePanel
      id="sync-quarantined"
      title={
        <>
          {t('sync.quarantined')} <span className="badge">{quarantined.length}</span>
        </>
      }
      empty={t('sync.noQuarantined')}
      testId="quarantined-files"
      columns={[
        { label: t('sync.file') },
        { label: t('sync.report') },
        { label: t('sync.window') },
        { label: t('sync.reason') },
        { label: t('sync.whatToDo') },
      ]}
      rowCount={quarantined.length}
    >
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
    </TablePanel>
  );
}

/** Staged files and what the warehouse says of each (DuckDB's ledger, or Snowpipe's COPY_HISTORY). */
export function StagedFiles({ files, problem }: { files: StagedFile[]; problem: string | null }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <TablePanel
      id="sync-staged"
      title={
        <>
          {t('sync.staged')} <span className="badge">{files.length}</span>
        </>
      }
      empty={t('sync.noStaged')}
      testId="staged-files"
      notice={
        problem && (
          <p className="notice notice-error" role="alert">
            {t('sync.loadProblem', { problem })}
          </p>
        )
      }
      columns={[
        { label: t('sync.dataset') },
        { label: t('sync.key') },
        { label: t('sync.rows'), numeric: true },
        { label: t('sync.loadState') },
        { label: t('sync.loadedAt') },
      ]}
      rowCount={files.length}
    >
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
    </TablePanel>
  );
}
