import Decimal from 'decimal.js';
import type { AppNotification, Locale } from '../../shared/api';
import type { RunSummary } from '../../shared/status';
import type { SqlSession } from '../warehouse/session';

/**
 * Decides what to tell the analyst after a sync: the run failed, invoices were paid, contrarecibos
 * were withdrawn, invoices crossed the stuck threshold. Pure: the faces show the result (Electron
 * with a system notification, browser mode with a toast). Each snapshot is announced once.
 */

export interface StatusChange {
  /** marts.status_changes.change_type: paid, withdrawn, approved, new_in_prei... */
  changeType: string;
  amount: string | null;
}

export interface WaitingInvoice {
  /** Days in its current status as of the snapshot (marts.reconciliation.days_in_status). */
  days: number;
  amount: string | null;
}

export interface NotificationFacts {
  /** The latest PREI snapshot the marts compare (null before any). */
  snapshot: string | null;
  changes: StatusChange[];
  /** Invoices not paid yet, with how long they have waited in their status. */
  waiting: WaitingInvoice[];
}

/** What was announced already (kept in the data dir between runs). */
export interface NotificationMemory {
  lastSnapshot: string | null;
}

export interface NotificationInput {
  run: RunSummary;
  facts: NotificationFacts;
  memory: NotificationMemory;
  stuckDays: number;
  locale: Locale;
}

type Kind = AppNotification['kind'];

const MESSAGES: Record<Locale, Record<Kind, { title: string; body: string }>> = {
  'es-MX': {
    sync_failed: { title: 'La sincronización falló', body: '{error}' },
    invoices_paid: { title: 'Facturas pagadas', body: '{count} facturas pasaron a Pagado por {amount}.' },
    contrarecibo_withdrawn: {
      title: 'Contrarecibos retirados',
      body: '{count} facturas perdieron su contrarecibo ({amount}); vuelven a Sin contrarecibo.',
    },
    invoices_stuck: {
      title: 'Facturas atoradas',
      body: '{count} facturas llevan más de {days} días en el mismo estado ({amount}).',
    },
  },
  en: {
    sync_failed: { title: 'The sync failed', body: '{error}' },
    invoices_paid: { title: 'Invoices paid', body: '{count} invoices moved to Paid, {amount} in all.' },
    contrarecibo_withdrawn: {
      title: 'Contrarecibos withdrawn',
      body: '{count} invoices lost their contrarecibo ({amount}); they are back to no contrarecibo.',
    },
    invoices_stuck: {
      title: 'Invoices stuck',
      body: '{count} invoices have waited over {days} days in the same status ({amount}).',
    },
  },
};

const SEVERITY: Record<Kind, AppNotification['severity']> = {
  sync_failed: 'error',
  invoices_paid: 'info',
  contrarecibo_withdrawn: 'warning',
  invoices_stuck: 'warning',
};

function exactSum(amounts: ReadonlyArray<string | null>): string {
  return amounts.reduce((total, amount) => total.plus(amount ?? 0), new Decimal(0)).toFixed(2);
}

function formatMoney(amount: string, locale: Locale): string {
  // Intl formats a decimal string exactly (no float on the way).
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency: 'MXN' }).format;
  return (format as (value: string) => string)(amount);
}

function notification(
  kind: Kind,
  locale: Locale,
  count: number,
  amount: string | null,
  values: Record<string, string | number>,
): AppNotification {
  const text = MESSAGES[locale][kind];
  const all: Record<string, string | number> = {
    count,
    amount: amount === null ? '' : formatMoney(amount, locale),
    ...values,
  };
  const fill = (template: string) =>
    template.replace(/\{(\w+)\}/g, (_, name: string) => String(all[name] ?? ''));
  return { kind, severity: SEVERITY[kind], title: text.title, body: fill(text.body), count, amount };
}

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The notifications for one finished run, and the memory to keep for the next. */
export function decideNotifications(input: NotificationInput): {
  notifications: AppNotification[];
  memory: NotificationMemory;
} {
  const { run, facts, memory, stuckDays, locale } = input;
  const notifications: AppNotification[] = [];
  if (run.state === 'failed' || run.state === 'interrupted') {
    const failedStep = run.steps.find((step) => step.state === 'failed');
    const error = run.error ?? failedStep?.detail ?? run.state;
    notifications.push(notification('sync_failed', locale, 1, null, { error }));
  }
  const fresh =
    facts.snapshot !== null && (memory.lastSnapshot === null || facts.snapshot > memory.lastSnapshot);
  if (!fresh || facts.snapshot === null) return { notifications, memory };

  for (const [kind, changeType] of [
    ['invoices_paid', 'paid'],
    ['contrarecibo_withdrawn', 'withdrawn'],
  ] as const) {
    const changes = facts.changes.filter((change) => change.changeType === changeType);
    if (changes.length)
      notifications.push(
        notification(kind, locale, changes.length, exactSum(changes.map((change) => change.amount)), {}),
      );
  }
  // Only invoices that crossed the threshold since the last announced snapshot: no daily repeats.
  const elapsed =
    memory.lastSnapshot === null
      ? Number.POSITIVE_INFINITY
      : daysBetween(memory.lastSnapshot, facts.snapshot);
  const crossed = facts.waiting.filter(
    (invoice) => invoice.days >= stuckDays && invoice.days - elapsed < stuckDays,
  );
  if (crossed.length)
    notifications.push(
      notification(
        'invoices_stuck',
        locale,
        crossed.length,
        exactSum(crossed.map((invoice) => invoice.amount)),
        {
          days: stuckDays,
        },
      ),
    );
  return { notifications, memory: { lastSnapshot: facts.snapshot } };
}

async function hasTable(session: SqlSession, schema: string, table: string): Promise<boolean> {
  const found = await session.all(
    'SELECT 1 AS found FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2',
    [schema, table],
  );
  return found.length > 0;
}

/** Reads the facts from the built marts; empty before the first build. */
export async function readNotificationFacts(session: SqlSession): Promise<NotificationFacts> {
  if (
    !(await hasTable(session, 'marts', 'status_changes')) ||
    !(await hasTable(session, 'marts', 'reconciliation'))
  )
    return { snapshot: null, changes: [], waiting: [] };
  const changes = await session.all(
    'SELECT change_type, CAST(amount AS VARCHAR) AS amount FROM marts.status_changes',
  );
  const [asOf] = await session.all(
    'SELECT CAST(as_of_date AS VARCHAR) AS snapshot FROM intermediate.int_as_of',
  );
  const waiting = await session.all(
    `SELECT days_in_status AS days, CAST(alta_amount AS VARCHAR) AS amount FROM marts.reconciliation
     WHERE invoice_uuid IS NOT NULL AND lifecycle_status <> 'Pagado' AND days_in_status IS NOT NULL`,
  );
  const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
  return {
    snapshot: text(asOf?.snapshot),
    changes: changes.map((row) => ({ changeType: String(row.change_type), amount: text(row.amount) })),
    waiting: waiting.map((row) => ({ days: Number(row.days), amount: text(row.amount) })),
  };
}
