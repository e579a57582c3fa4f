import type { OverviewTiles } from '../../shared/api';
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
