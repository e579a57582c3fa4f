import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { type DecisionInput, decisionInputSchema } from '../../shared/api';
import type { DecisionAction } from '../models/decisions';
import type { SqlSession } from '../warehouse/session';
import { Binder } from './binder';

export interface RecordedDecisions {
  decisionIds: string[];
  madeBy: string;
  /** UTC, 'YYYY-MM-DD HH:MM:SS', as stored in app.decisions.made_at. */
  madeAt: string;
}

/** Who decides: the operating system's user name (the desktop app has no other login). */
export function currentAnalyst(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

function insertStatement(session: SqlSession, action: DecisionAction, values: Array<string | null>) {
  const binder = new Binder(session.dialect);
  const placeholders = [...values, action].map((value) => binder.bind(value));
  const sql = `INSERT INTO app.decisions
    (decision_id, made_at, made_by, alta, invoice_uuid, order_no, assignee, note, action)
    VALUES (${placeholders[0]}, CAST(${placeholders[1]} AS TIMESTAMP), ${placeholders.slice(2).join(', ')})`;
  return { sql, binds: binder.values };
}

/**
 * Appends one decision per item to app.decisions (append-only: a later decision supersedes an
 * earlier one in the models), all in one transaction, every value bound.
 */
export async function recordDecisions(
  session: SqlSession,
  input: DecisionInput,
  madeBy: string = currentAnalyst(),
  now: Date = new Date(),
): Promise<RecordedDecisions> {
  const decision = decisionInputSchema.parse(input);
  const madeAt = now.toISOString().slice(0, 19).replace('T', ' ');
  const decisionIds = decision.items.map(() => randomUUID().toUpperCase());
  await session.transaction(async (tx) => {
    for (const [index, item] of decision.items.entries()) {
      const { sql, binds } = insertStatement(tx, decision.action, [
        decisionIds[index] ?? randomUUID().toUpperCase(),
        madeAt,
        madeBy,
        item.noAlta ?? null,
        item.invoiceUuid?.toUpperCase() ?? null,
        item.noOrden ?? null,
        decision.assignee ?? null,
        decision.note ?? null,
      ]);
      await tx.run(sql, binds);
    }
  });
  return { decisionIds, madeBy, madeAt };
}
