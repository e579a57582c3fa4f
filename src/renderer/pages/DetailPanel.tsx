import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridRow, ReconDetail } from '../../shared/api';
import type { ApiClient } from '../api/client';
import { ErrorNotice } from '../components';
import { StatusChip } from '../grid/StatusChip';
import { useLoad } from '../use-api';

export interface DetailKey {
  noAlta?: string;
  invoiceUuid?: string;
}

function Fields({ row, fields }: { row: GridRow | null; fields: string[] }) {
  const { t } = useTranslation();
  if (!row) return <p className="muted">{t('detail.none')}</p>;
  return (
    <dl className="detail-fields">
      {fields.map((field) => (
        <div key={field}>
          <dt>{t(`columns.${field}`, { defaultValue: field })}</dt>
          <dd>{row[field] === null || row[field] === undefined ? '—' : String(row[field])}</dd>
        </div>
      ))}
    </dl>
  );
}

function Table({ rows, fields }: { rows: GridRow[]; fields: string[] }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <p className="muted">{t('detail.none')}</p>;
  return (
    <table className="table compact">
      <thead>
        <tr>
          {fields.map((field) => (
            <th key={field} scope="col">
              {t(`columns.${field}`, { defaultValue: field })}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={fields.map((field) => String(row[field])).join('|')}>
            {fields.map((field) => (
              <td key={field}>
                {row[field] === null || row[field] === undefined ? '—' : String(row[field])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The chain behind one row: order -> altas -> invoice -> PREI status history -> decisions -> raw
 * file and row. `onConfirm` offers each match candidate for confirmation (the worklist).
 */
export function DetailPanel({
  client,
  item,
  onConfirm,
}: {
  client: ApiClient;
  item: DetailKey;
  onConfirm?: (noAlta: string, invoiceUuid: string) => void;
}) {
  const { t } = useTranslation();
  const load = useCallback(() => client.call('recon.detail', item), [client, item]);
  const { data, error } = useLoad<ReconDetail>(load);
  return (
    <aside className="detail panel" aria-label={t('detail.title')} data-testid="detail-panel">
      <h2>
        {t('detail.title')}: <code>{item.noAlta ?? item.invoiceUuid}</code>
      </h2>
      {error !== undefined && <ErrorNotice error={error} />}
      {data && (
        <>
          {data.row && <StatusChip value={data.row.lifecycle_status} />}
          <h3>{t('detail.order')}</h3>
          <Fields
            row={data.order}
            fields={['no_orden', 'no_contrato', 'clave', 'estatus', 'fecha_entrega', 'cantidad_solicitada']}
          />
          <h3>{t('detail.altas')}</h3>
          <Table rows={data.altas} fields={['no_alta', 'fecha_alta', 'cant_recibida', 'importe']} />
          <h3>{t('detail.invoice')}</h3>
          <Fields
            row={data.invoice}
            fields={['uuid', 'serie_folio', 'invoice_date', 'total', 'is_cancelled']}
          />
          <h3>{t('detail.prei')}</h3>
          <Table
            rows={data.preiHistory}
            fields={['estado_cr', 'contra_recibo', 'unidad_negocio', 'valid_from', 'valid_to']}
          />
          <h3>{t('detail.candidates')}</h3>
          {data.candidates.length === 0 ? (
            <p className="muted">{t('detail.none')}</p>
          ) : (
            <ul className="candidates">
              {data.candidates.map((candidate) => (
                <li key={`${candidate.no_alta}|${candidate.invoice_uuid}`}>
                  <code>{String(candidate.no_alta)}</code> ↔ <code>{String(candidate.invoice_uuid)}</code>{' '}
                  <span className="muted">{String(candidate.invoice_date)}</span>
                  {onConfirm && (
                    <button
                      type="button"
                      className="button small"
                      onClick={() => onConfirm(String(candidate.no_alta), String(candidate.invoice_uuid))}
                    >
                      {t('worklist.confirmCandidate')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          <h3>{t('detail.decisions')}</h3>
          <Table rows={data.decisions} fields={['made_at', 'made_by', 'action', 'assignee', 'note']} />
          <h3>{t('detail.lineage')}</h3>
          <ul className="lineage">
            {data.lineage.map((entry) => (
              <li key={`${entry.step}|${entry.file}|${entry.row}`}>
                {t(`detail.steps.${entry.step}`)}: <code>{entry.file}</code>
                {entry.row && <> · {t('detail.row', { row: entry.row })}</>}
              </li>
            ))}
          </ul>
        </>
      )}
    </aside>
  );
}
