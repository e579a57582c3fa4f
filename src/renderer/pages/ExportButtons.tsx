import { type RefObject, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportResult } from '../../shared/api';
import type { ApiClient } from '../api/client';
import { downloadExport } from '../api/download';
import { ErrorNotice } from '../components';
import type { GridHandle } from '../grid/DataGrid';

/** "What I see" (the grid's filters, sort and visible columns) and the full reconciliation workbook. */
export function ExportButtons({ client, grid }: { client: ApiClient; grid: RefObject<GridHandle | null> }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ExportResult>();
  const [error, setError] = useState<unknown>();

  async function run(work: () => Promise<ExportResult>) {
    setBusy(true);
    setError(undefined);
    try {
      const result = await work();
      await downloadExport(result);
      setDone(result);
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => {
          const state = grid.current?.state();
          if (state) void run(() => client.call('export.view', state));
        }}
      >
        {t('export.view')}
      </button>
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => void run(() => client.call('export.workbook', {}))}
      >
        {t('export.workbook')}
      </button>
      <span role="status" aria-live="polite" className="muted" data-testid="export-status">
        {busy ? t('export.busy') : done ? t('export.done', { file: done.path, rows: done.rows }) : ''}
      </span>
      {error !== undefined && <ErrorNotice error={error} />}
    </>
  );
}
