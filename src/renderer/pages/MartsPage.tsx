import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GridView } from '../../shared/api';
import type { ApiClient } from '../api/client';
import { PageHeader } from '../components';
import { DataGrid, type GridHandle } from '../grid/DataGrid';
import { ExportButtons } from './ExportButtons';

/** One tab per mart: contracts, fulfilment and penalties, logistics, aging, forecast, what changed. */
export const MART_TABS: readonly GridView[] = [
  'contract_balances',
  'fulfilment_penalties',
  'logistics_kpis',
  'aging',
  'cash_forecast',
  'receivables',
  'collection_funnel',
  'status_changes',
];

export function MartsPage({ client }: { client: ApiClient }) {
  const { t } = useTranslation();
  const tabsId = useId();
  const [view, setView] = useState<GridView>('contract_balances');
  const grid = useRef<GridHandle>(null);
  return (
    <>
      <PageHeader title={t('marts.title')}>
        <ExportButtons client={client} grid={grid} />
      </PageHeader>
      <div role="tablist" aria-label={t('marts.title')} className="tabs">
        {MART_TABS.map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            id={`${tabsId}-${tab}`}
            aria-selected={view === tab}
            className="tab"
            onClick={() => setView(tab)}
          >
            {t(`marts.${tab}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-labelledby={`${tabsId}-${view}`}>
        <DataGrid key={view} client={client} view={view} label={t(`marts.${view}`)} handle={grid} />
      </div>
    </>
  );
}
