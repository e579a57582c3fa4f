import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SqlSession } from '../warehouse/session';
import type { SeedFile } from './project';
import type { RenderedModel } from './render';

/**
 * What a model was built from, as one hash: its rendered SQL and materialization, the row counts of
 * the source tables it reads (raw tables and the decisions log are append-only, so their count moves
 * whenever they do), the content of the seeds it reads, and its refs' own fingerprints. A model whose
 * fingerprint equals the one stored at its last build is up to date, so a rebuild with no new data
 * runs nothing and a new day's data rebuilds only what reads it.
 */
const STATE_TABLE = 'app.model_state';

export function modelStateDdl(): string {
  return `CREATE TABLE IF NOT EXISTS ${STATE_TABLE} (
  name VARCHAR NOT NULL PRIMARY KEY,
  fingerprint VARCHAR NOT NULL,
  built_at TIMESTAMP NOT NULL
)`;
}

export async function storedFingerprints(session: SqlSession): Promise<Map<string, string>> {
  const rows = await session.all(`SELECT name, fingerprint FROM ${STATE_TABLE}`);
  return new Map(rows.map((row) => [String(row.name), String(row.fingerprint)]));
}

export async function recordFingerprint(
  session: SqlSession,
  name: string,
  fingerprint: string,
): Promise<void> {
  await session.run(`INSERT OR REPLACE INTO ${STATE_TABLE} VALUES ($1, $2, current_timestamp)`, [
    name,
    fingerprint,
  ]);
}

/** Forgets a model's fingerprint (before rebuilding it), so a failed build is never taken as current. */
export async function forgetFingerprint(session: SqlSession, name: string): Promise<void> {
  await session.run(`DELETE FROM ${STATE_TABLE} WHERE name = $1`, [name]);
}

/** Row counts of the source tables, in one query. */
export async function sourceCounts(
  session: SqlSession,
  sources: readonly string[],
): Promise<Map<string, string>> {
  if (sources.length === 0) return new Map();
  const counts = sources.map((table, index) => `(SELECT count(*) FROM ${table}) AS c${index}`).join(', ');
  const [row] = await session.all(`SELECT ${counts}`);
  return new Map(sources.map((table, index) => [table, String(row?.[`c${index}`] ?? '')]));
}

export function seedHashes(seeds: readonly SeedFile[]): Map<string, string> {
  return new Map(seeds.map((seed) => [seed.name, sha256(readFileSync(seed.path))]));
}

export function modelFingerprint(
  model: RenderedModel,
  inputs: {
    sources: ReadonlyMap<string, string>;
    seeds: ReadonlyMap<string, string>;
    refs: ReadonlyMap<string, string>;
  },
): string {
  const entries = (names: readonly string[], values: ReadonlyMap<string, string>) =>
    [...names].sort().map((name) => [name, values.get(name) ?? null]);
  return sha256(
    JSON.stringify({
      select: model.select,
      config: model.config,
      sources: entries(model.sources, inputs.sources),
      seeds: entries(model.seeds, inputs.seeds),
      refs: entries(model.refs, inputs.refs),
    }),
  );
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
