import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgingBucket, FunnelMonth } from '../../shared/api';
import type { ApiClient } from '../api/client';
import { chipClass } from '../grid/StatusChip';
import { useLoad } from '../use-api';
import { type Bar, BarChart } from './BarChart';

/** "2025-03-01" as "mar 2025" / "Mar 2025"; the day is the month's first, read in UTC. */
function monthLabel(month: string, locale: string): string {
  const date = new Date(`${month}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return month;
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

function useFunnelBars(funnel: FunnelMonth[]): Bar[] {
  const { t, i18n } = useTranslation();
  return funnel.map((month) => ({
    key: month.month,
    label: monthLabel(month.month, i18n.language),
    amount: month.amount,
    altas: month.altas,
    segments: month.stages.map((stage) => ({
      label: t(`statuses.${stage.status}`, { defaultValue: stage.status }),
      amount: stage.amount,
      altas: stage.altas,
      tone: `tone-${chipClass(stage.status)}${stage.exception ? ' tone-exception' : ''}`,
    })),
  }));
}

const agingBars = (aging: AgingBucket[]): Bar[] =>
  aging.map((bucket) => ({
    key: bucket.bucket,
    label: bucket.bucket,
    amount: bucket.amount,
    altas: bucket.altas,
    segments: [{ label: bucket.bucket, amount: bucket.amount, altas: bucket.altas, tone: 'tone-aging' }],
  }));

/** The funnel by month and the aging of unpaid altas, read from the marts. */
export function OverviewCharts({ client }: { client: ApiClient }) {
  const { t } = useTranslation();
  const load = useCallback(() => client.call('overview.charts', {}), [client]);
  const { data } = useLoad(load);
  const funnel = useFunnelBars(data?.funnel ?? []);
  if (!data?.ready) return null;
  return (
    <div className="charts">
      <BarChart
        testId="chart-funnel"
        title={t('charts.funnelTitle')}
        description={t('charts.funnelDescription')}
        category={t('charts.month')}
        bars={funnel}
      />
      <BarChart
        testId="chart-aging"
        title={t('charts.agingTitle')}
        description={t('charts.agingDescription')}
        category={t('charts.bucket')}
        bars={agingBars(data.aging)}
      />
    </div>
  );
}
