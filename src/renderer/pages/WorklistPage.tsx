import { useCallback, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnFilter, DecisionInput, GridRow } from '../../shared/api';
import type { ApiClient } from '../api/client';
import { ErrorNotice, PageHeader } from '../components';
import { DataGrid, type GridHandle } from '../grid/DataGrid';
import { useLoad } from '../use-api';
import { type DetailKey, DetailPanel } from './DetailPanel';
import { ExportButtons } from './ExportButtons';

type Item = DecisionInput['items'][number];

/** The reason choice that lists suggested (inferred, unconfirmed) matches instead of exceptions. */
const SUGGESTED = 'suggested_matches';
const SUGGESTED_FILTER: Record<string, ColumnFilter> = {
  match_status: { filterType: 'text', type: 'equals', filter: 'Suggested' },
};
const RECON_HIDDEN = [
  'row_id',
  'row_kind',
  'alta_src_file',
  'alta_src_row',
  'invoice_src_file',
  'prei_src_file',
];

const itemOf = (row: GridRow): Item => ({
  noAlta: row.no_alta ? String(row.no_alta) : undefined,
  invoiceUuid: row.invoice_uuid ? String(row.invoice_uuid) : undefined,
  noOrden: row.no_orden ? String(row.no_orden) : undefined,
});

/**
 * The analyst's worklist over marts.unmatched_invoices: filter by reason, select rows (mouse or
 * keyboard: Space toggles the focused row), act on them. Every action appends to the decisions log,
 * then the marts are rebuilt and the list reloads.
 */
export function WorklistPage({ client }: { client: ApiClient }) {
  const { t } = useTranslation();
  const ids = { reason: useId(), note: useId(), assignee: useId(), invoice: useId() };
  const grid = useRef<GridHandle>(null);
  const [reason, setReason] = useState('');
  const [selected, setSelected] = useState<GridRow[]>([]);
  const [open, setOpen] = useState<DetailKey>();
  const [note, setNote] = useState('');
  const [assignee, setAssignee] = useState('');
  const [invoice, setInvoice] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>();
  const loadTiles = useCallback(() => client.call('overview.tiles', {}), [client]);
  const tiles = useLoad(loadTiles);
  const suggested = reason === SUGGESTED;
  const fixedFilters = useMemo<Record<string, ColumnFilter> | undefined>(() => {
    if (reason === SUGGESTED) return SUGGESTED_FILTER;
    return reason ? { reason_code: { filterType: 'text', type: 'equals', filter: reason } } : undefined;
  }, [reason]);

  async function decide(input: DecisionInput) {
    setBusy(true);
    setError(undefined);
    setMessage('');
    try {
      const recorded = await client.call('decisions.record', input);
      const rebuilt = await client.call('models.rebuild', {});
      setMessage(t('worklist.recorded', { count: recorded.decisionIds.length, ms: rebuilt.ms }));
      setOpen(undefined);
      setSelected([]);
      grid.current?.refresh();
      tiles.reload();
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  }

  const items = selected.map(itemOf);
  const pairs = items.every((item) => item.noAlta && item.invoiceUuid);
  const withNote = note.trim() ? { note: note.trim() } : {};
  const none = items.length === 0 || busy;

  return (
    <>
      <PageHeader title={t('worklist.title')}>
        <ExportButtons client={client} grid={grid} />
      </PageHeader>
      <div className="panel worklist-controls">
        <div className="form-row">
          <label htmlFor={ids.reason}>{t('worklist.reason')}</label>
          <select
            id={ids.reason}
            value={reason}
            onChange={(event) => {
              setSelected([]);
              setReason(event.target.value);
            }}
          >
            <option value="">{t('worklist.allReasons')}</option>
            <option value={SUGGESTED}>{t('worklist.suggested')}</option>
            {(tiles.data?.worklistByReason ?? []).map((entry) => (
              <option key={entry.reason} value={entry.reason}>
                {t(`statuses.${entry.reason}`, { defaultValue: entry.reason })} ({entry.items})
              </option>
            ))}
          </select>
        </div>
        <p className="muted" aria-live="polite" data-testid="selected-count">
          {t('worklist.selected', { count: items.length })}
        </p>
        <div className="form-row">
          <label htmlFor={ids.note}>{t('worklist.note')}</label>
          <textarea
            id={ids.note}
            className="input"
            rows={2}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        <fieldset className="actions">
          <legend className="visually-hidden">{t('worklist.actions')}</legend>
          <button
            type="button"
            className="button"
            disabled={none || !pairs}
            onClick={() => void decide({ action: 'confirm_match', items, ...withNote })}
          >
            {t('worklist.confirm')}
          </button>
          <button
            type="button"
            className="button"
            disabled={none || !pairs}
            onClick={() => void decide({ action: 'reject_match', items, ...withNote })}
          >
            {t('worklist.reject')}
          </button>
          <button
            type="button"
            className="button"
            disabled={none || !note.trim()}
            onClick={() => void decide({ action: 'dispute', items, note: note.trim() })}
          >
            {t('worklist.dispute')}
          </button>
          <button
            type="button"
            className="button"
            disabled={none || !note.trim()}
            onClick={() => void decide({ action: 'note', items, note: note.trim() })}
          >
            {t('worklist.addNote')}
          </button>
        </fieldset>
        <div className="form-row inline">
          <label htmlFor={ids.assignee}>{t('worklist.assignee')}</label>
          <input
            id={ids.assignee}
            className="input"
            value={assignee}
            onChange={(e) => setAssignee(e.target.value)}
          />
          <button
            type="button"
            className="button"
            disabled={none || !assignee.trim()}
            onClick={() => void decide({ action: 'assign', items, assignee: assignee.trim(), ...withNote })}
          >
            {t('worklist.assign')}
          </button>
        </div>
        <div className="form-row inline">
          <label htmlFor={ids.invoice}>{t('worklist.invoiceUuid')}</label>
          <input
            id={ids.invoice}
            className="input"
            value={invoice}
            onChange={(e) => setInvoice(e.target.value)}
          />
          <button
            type="button"
            className="button"
            disabled={busy || items.length !== 1 || !items[0]?.noAlta || !invoice.trim()}
            onClick={() =>
              void decide({
                action: 'link_manual',
                items: [{ noAlta: items[0]?.noAlta, invoiceUuid: invoice.trim() }],
                ...withNote,
              })
            }
          >
            {t('worklist.link')}
          </button>
        </div>
        <p role="status" aria-live="polite" className="saved" data-testid="worklist-status">
          {busy ? t('worklist.working') : message}
        </p>
        {error !== undefined && <ErrorNotice error={error} />}
      </div>
      <div className="with-detail">
        <DataGrid
          client={client}
          key={suggested ? 'suggested' : 'exceptions'}
          view={suggested ? 'reconciliation' : 'unmatched_invoices'}
          label={t('worklist.title')}
          pinned={suggested ? ['no_alta'] : ['item_key']}
          hidden={suggested ? RECON_HIDDEN : undefined}
          fixedFilters={fixedFilters}
          selectable
          handle={grid}
          onSelectionChange={setSelected}
          onOpen={(row) =>
            setOpen(row.no_alta ? { noAlta: String(row.no_alta) } : { invoiceUuid: String(row.invoice_uuid) })
          }
        />
        {open && (
          <DetailPanel
            client={client}
            item={open}
            onConfirm={(noAlta, invoiceUuid) =>
              void decide({ action: 'confirm_match', items: [{ noAlta, invoiceUuid }], ...withNote })
            }
          />
        )}
      </div>
    </>
  );
}
