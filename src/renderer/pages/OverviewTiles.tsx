import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../api/client';
import { formatMoney } from '../grid/format';
import { StatusChip } from '../grid/StatusChip';
import { useLoad } from '../use-api';

/** Tiles over the marts: collected, pending by status, overdue, stuck, penalties at risk. */
export function OverviewTiles({ client }: { client: ApiClient }) {
  const { t, i18n } = useTranslation();
  const load = useCallback(() => client.call('overview.tiles', {}), [client]);
  const { data } = useLoad(load);
  if (!data?.ready) return null;
  const money = (value: string) => formatMoney(value, i18n.language);
  return (
    <section className="tiles" aria-label={t('tiles.title')} data-testid="overview-tiles">
      <div className="tile">
        <h2>{t('tiles.collected')}</h2>
        <p className="tile-value">{money(data.collected)}</p>
      </div>
      <div className="tile">
        <h2>{t('tiles.overdue')}</h2>
        <p className="tile-value">{money(data.overdue.amount)}</p>
        <p className="muted">{t('tiles.altas', { count: data.overdue.altas })}</p>
      </div>
      <div className="tile">
        <h2>{t('tiles.stuck', { days: data.stuck.olderThanDays })}</h2>
        <p className="tile-value">{money(data.stuck.amount)}</p>
        <p className="muted">{t('tiles.items', { count: data.stuck.items })}</p>
      </div>
      <div className="tile">
        <h2>{t('tiles.penalties')}</h2>
        <p className="tile-value">{money(data.penaltiesAtRisk)}</p>
      </div>
      <div className="tile tile-wide">
        <h2>{t('tiles.pending')}</h2>
        <ul className="tile-list">
          {data.pendingByStatus.map((entry) => (
            <li key={entry.status}>
              <StatusChip value={entry.status} /> {money(entry.amount)}{' '}
              <span className="muted">({t('tiles.altas', { count: entry.altas })})</span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
