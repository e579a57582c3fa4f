import Decimal from 'decimal.js';
import type { AgingBucket, FunnelMonth, OverviewCharts, OverviewTiles } from '../../shared/api';
import type { SqlSession } from '../warehouse/session';
import { Binder } from './binder';

/** Worklist items older than this many days count as stuck. */
export const STUCK_AFTER_DAYS = 30;

const money = (value: unknown) => (value === null || value === undefined ? '0.00' : String(value));

async function martsBuilt(session: SqlSession): Promise<boolean> {
  const found = await session.all(
    "SELECT 1 AS found FROM information_schema.tables WHERE table_schema = 'marts' AND table_name = 'reconciliation'",
  );
  return found.length > 0;
}

const EMPTY: OverviewTiles = {
  ready: false,
  collected: '0.00',
  pendingByStatus: [],
  overdue: { altas: 0, amount: '0.00' },
  stuck: { items: 0, amount: '0.00', olderThanDays: STUCK_AFTER_DAYS },
  penaltiesAtRisk: '0.00',
  worklistByReason: [],
};

/** The overview's tiles, every amount an exact sum computed by the warehouse. */
export async function overviewTiles(session: SqlSession): Promise<OverviewTiles> {
  if (!(await martsBuilt(session))) return EMPTY;
  const [collected] = await session.all(
    "SELECT sum(alta_amount) AS amount FROM marts.reconciliation WHERE row_kind = 'alta' AND lifecycle_status = 'Pagado'",
  );
  const pending = await session.all(
    `SELECT lifecycle_status AS status, count(*) AS altas, sum(alta_amount) AS amount
     FROM marts.reconciliation WHERE row_kind = 'alta' AND lifecycle_status <> 'Pagado'
     GROUP BY lifecycle_status ORDER BY sum(alta_amount) DESC, lifecycle_status`,
  );
  const [overdue] = await session.all(
    `SELECT count(*) AS altas, sum(alta_amount) AS amount FROM marts.reconciliation
     WHERE row_kind = 'alta' AND lifecycle_status <> 'Pagado'
       AND expected_payment_date < (SELECT as_of_date FROM intermediate.int_as_of)`,
  );
  const stuckAfter = new Binder(session.dialect);
  const [stuck] = await session.all(
    `SELECT count(*) AS items, sum(amount) AS amount FROM marts.unmatched_invoices
     WHERE age_days > ${stuckAfter.bind(STUCK_AFTER_DAYS)}`,
    stuckAfter.values,
  );
  const [penalties] = await session.all(
    'SELECT sum(penalty_amount) AS amount FROM marts.fulfilment_penalties',
  );
  const reasons = await session.all(
    `SELECT reason_code AS reason, count(*) AS items, sum(amount) AS amount
     FROM marts.unmatched_invoices GROUP BY reason_code ORDER BY count(*) DESC, reason_code`,
  );
  return {
    ready: true,
    collected: money(collected?.amount),
    pendingByStatus: pending.map((row) => ({
      status: String(row.status),
      altas: Number(row.altas),
      amount: money(row.amount),
    })),
    overdue: { altas: Number(overdue?.altas ?? 0), amount: money(overdue?.amount) },
    stuck: {
      items: Number(stuck?.items ?? 0),
      amount: money(stuck?.amount),
      olderThanDays: STUCK_AFTER_DAYS,
    },
    penaltiesAtRisk: money(penalties?.amount),
    worklistByReason: reasons.map((row) => ({
      reason: String(row.reason),
      items: Number(row.items),
      amount: money(row.amount),
    })),
  };
}

/** The funnel by month, summed over the books; stages in funnel order, exceptions after. */
async function funnelByMonth(session: SqlSession): Promise<FunnelMonth[]> {
  const rows = await session.all(
    `SELECT CAST(month AS VARCHAR) AS month, lifecycle_status AS status,
       max(CASE WHEN is_exception THEN 1 ELSE 0 END) AS exception, sum(altas) AS altas, sum(amount) AS amount
     FROM marts.collection_funnel
     GROUP BY month, lifecycle_status
     ORDER BY month, min(stage_rank) NULLS LAST, lifecycle_status`,
  );
  const months = new Map<string, FunnelMonth>();
  for (const row of rows) {
    const month = String(row.month).slice(0, 10);
    const entry = months.get(month) ?? { month, altas: 0, amount: '0.00', stages: [] };
    const amount = money(row.amount);
    entry.stages.push({
      status: String(row.status),
      exception: Number(row.exception) === 1,
      altas: Number(row.altas),
      amount,
    });
    entry.altas += Number(row.altas);
    entry.amount = new Decimal(entry.amount).plus(amount).toFixed(2);
    months.set(month, entry);
  }
  return [...months.values()];
}

async function agingBuckets(session: SqlSession): Promise<AgingBucket[]> {
  const rows = await session.all(
    `SELECT bucket, sum(altas) AS altas, sum(amount) AS amount FROM marts.aging
     GROUP BY bucket, sort_order ORDER BY sort_order, bucket`,
  );
  return rows.map((row) => ({
    bucket: String(row.bucket),
    altas: Number(row.altas),
    amount: money(row.amount),
  }));
}

/** The overview's charts: the collection funnel by month and the aging of unpaid altas. */
export async function overviewCharts(session: SqlSession): Promise<OverviewCharts> {
  if (!(await martsBuilt(session))) return { ready: false, funnel: [], aging: [] };
  return { ready: true, funnel: await funnelByMonth(session), aging: await agingBuckets(session) };
}
