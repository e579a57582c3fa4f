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
 * runs nothing and a new day's data rebuilds only what reads it. The definition hash (SQL and
 * config alone) tells whether an incremental model may merge into its table or must be rebuilt whole.
 */
export const STATE_TABLE = 'app.model_builds';

export function modelStateDdl(): string {
  return `CREATE TABLE IF NOT EXISTS ${STATE_TABLE} (
  name VARCHAR NOT NULL PRIMARY KEY,
  fingerprint VARCHAR NOT NULL,
  definition VARCHAR NOT NULL,
  built_at TIMESTAMP NOT NULL
)`;
}

export interface ModelState {
  fingerprint: string;
  definition: string;
}

export async function storedStates(session: SqlSession): Promise<Map<string, ModelState>> {
  const rows = await session.all(`SELECT name, fingerprint, definition FROM ${STATE_TABLE}`);
  return new Map(
    rows.map((row) => [
      String(row.name),
      { fingerprint: String(row.fingerprint), definition: String(row.definition) },
    ]),
  );
}

export async function recordState(session: SqlSession, name: string, state: ModelState): Promise<void> {
  await session.run(`INSERT OR REPLACE INTO ${STATE_TABLE} VALUES ($1, $2, $3, current_timestamp)`, [
    name,
    state.fingerprint,
    state.definition,
  ]);
}

/** Forgets a model's state (before rebuilding it), so a failed build is never taken as current. */
export async function forgetState(session: SqlSession, name: string): Promise<void> {
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

/**
 * Each model's definition: its SQL and config, the contents of the seeds it reads, and the definitions
 * of the views it reads, whose SQL runs inside its own. When it changes, an incremental model's table
 * no longer fits it (a var that a staging view uses, or a seed's mapping, changed the rows already
 * merged), so it is built whole. `models` in dependency order; `seeds` each seed's hash.
 */
export function modelDefinitions(
  models: readonly RenderedModel[],
  seeds: ReadonlyMap<string, string>,
): Map<string, string> {
  const definitions = new Map<string, string>();
  const views = new Set(models.filter((model) => model.config.materialized === 'view').map((m) => m.name));
  for (const model of models) {
    const viewsRead = model.refs
      .filter((ref) => views.has(ref))
      .sort()
      .map((ref) => [ref, definitions.get(ref) ?? null]);
    definitions.set(
      model.name,
      sha256(
        JSON.stringify({
          select: model.select,
          config: model.config,
          seeds: [...model.seeds].sort().map((seed) => [seed, seeds.get(seed) ?? null]),
          views: viewsRead,
        }),
      ),
    );
  }
  return definitions;
}

export function modelFingerprint(
  model: RenderedModel,
  inputs: {
    definition: string;
    sources: ReadonlyMap<string, string>;
    seeds: ReadonlyMap<string, string>;
    refs: ReadonlyMap<string, string>;
  },
): string {
  const entries = (names: readonly string[], values: ReadonlyMap<string, string>) =>
    [...names].sort().map((name) => [name, values.get(name) ?? null]);
  return sha256(
    JSON.stringify({
      definition: inputs.definition,
      sources: entries(model.sources, inputs.sources),
      seeds: entries(model.seeds, inputs.seeds),
      refs: entries(model.refs, inputs.refs),
    }),
  );
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
