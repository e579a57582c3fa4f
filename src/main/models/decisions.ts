import { DECISION_ACTIONS } from '../../shared/api';
import type { Dialect } from '../warehouse/session';

/**
 * The analyst decisions log, append-only: a decision is never updated or deleted, a later one
 * supersedes it. The models read it through source('app', 'decisions'), so confirmed matches, manual
 * links and rejections survive every re-ingestion and rebuild.
 */
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

export function decisionsTableDdl(dialect: Dialect): string {
  const actions = DECISION_ACTIONS.map((action) => `'${action}'`).join(', ');
  const timestamp = dialect === 'snowflake' ? 'TIMESTAMP_NTZ' : 'TIMESTAMP';
  return `CREATE TABLE IF NOT EXISTS app.decisions (
  decision_id VARCHAR NOT NULL PRIMARY KEY,
  made_at ${timestamp} NOT NULL,
  made_by VARCHAR NOT NULL,
  action VARCHAR NOT NULL${dialect === 'duckdb' ? ` CHECK (action IN (${actions}))` : ''},
  alta VARCHAR,
  invoice_uuid VARCHAR,
  order_no VARCHAR,
  assignee VARCHAR,
  note VARCHAR
)`;
}
