import type { SqlRow, SqlSession } from '../warehouse/session';
import { type CompactionPolicy, compactionPolicy } from './compaction';
import { downstreamOf } from './dag';
import { collectDataTests, type DataTestResult, runTestSuite } from './data-tests';
import { decisionsTableDdl } from './decisions';
import {
  forgetState,
  type ModelState,
  modelDefinitions,
  modelFingerprint,
  modelStateDdl,
  recordState,
  seedHashes,
  sourceCounts,
  storedStates,
} from './fingerprints';
import { DEFAULT_SQL_DIR, loadProject, type Project } from './project';
import {
  modelStatement,
  type RenderedBranches,
  type RenderedModel,
  resolveGraph,
  templateEnvironment,
} from './render';
import { loadSeed, parseSeed } from './seeds';
import { type ModelVars, type ModelVarsInput, resolveVars } from './vars';

const SCHEMAS = ['staging', 'intermediate', 'marts', 'seeds', 'app'];

export interface ModelRun {
  name: string;
  relation: string;
  materialized: RenderedModel['config']['materialized'];
  /**
   * 'incremental' when only new rows were merged into an existing table; 'skipped' when nothing it
   * reads changed, or for a view, when its SQL did not change (it reads its data when queried).
   */
  mode: 'created' | 'incremental' | 'skipped';
  ms: number;
  /** Rows in the relation after the build (views are not counted: that would run them). */
  rows: number | null;
  /** For an incremental merge: rows replaced or added by this run. */
  merged: number | null;
  /** Whether this merge also compacted the rows earlier merges deleted (see compaction.ts). */
  compacted: boolean;
}

export interface BuildResult {
  ok: boolean;
  ms: number;
  models: ModelRun[];
  /** Relations of models that no longer exist in sql/, dropped by this build. */
  retired: string[];
  tests: DataTestResult[];
}

export interface BuildOptions {
  vars?: ModelVarsInput;
  /** Build only these models and everything downstream of them. */
  select?: string[];
  /** Rebuild incremental models from scratch. */
  fullRefresh?: boolean;
  /** Skip the data tests (the caller runs them itself). */
  skipTests?: boolean;
  sqlDir?: string;
}

/** Existing relations and their kind ('BASE TABLE' or 'VIEW'). */
async function existingRelations(session: SqlSession): Promise<Map<string, string>> {
  const rows = await session.all(
    "SELECT table_schema || '.' || table_name AS relation, table_type FROM information_schema.tables",
  );
  return new Map(rows.map((row) => [String(row.relation), String(row.table_type)]));
}

/** Drops a relation of the other kind (a model that became a view, or a table), which CREATE OR REPLACE refuses. */
async function dropIfOtherKind(
  session: SqlSession,
  model: RenderedModel,
  kind: string | undefined,
): Promise<void> {
  const isView = model.config.materialized === 'view';
  if (kind === undefined || (kind === 'VIEW') === isView) return;
  await session.run(`DROP ${kind === 'VIEW' ? 'VIEW' : 'TABLE'} ${model.relation}`);
}

/** The column an incremental branch may add: a row with it true deletes its key and is not stored. */
const TOMBSTONE_COLUMN = '_deleted';

/**
 * Merges an incremental model's new rows by its unique key, inside the caller's transaction: every
 * stored row with the key of an incoming row is replaced. The key need not be unique in the table
 * (a partition of rows is replaced whole), and an incoming row whose `_deleted` is true only deletes.
 */
async function mergeIncremental(tx: SqlSession, model: RenderedModel): Promise<number> {
  const staged = `__incoming_${model.name}`;
  const keys = model.config.uniqueKey.join(', ');
  const matches = model.config.uniqueKey
    .map((column) => `${model.relation}.${column} IS NOT DISTINCT FROM incoming_keys.${column}`)
    .join(' AND ');
  await tx.run(`CREATE OR REPLACE TEMP TABLE ${staged} AS ${model.select}`);
  const tombstones =
    (await tx.all(`SELECT name FROM pragma_table_info('${staged}') WHERE name = '${TOMBSTONE_COLUMN}'`))
      .length > 0;
  await tx.run(
    `DELETE FROM ${model.relation} USING (SELECT DISTINCT ${keys} FROM ${staged}) AS incoming_keys WHERE ${matches}`,
  );
  await tx.run(
    tombstones
      ? `INSERT INTO ${model.relation} BY NAME SELECT * EXCLUDE (${TOMBSTONE_COLUMN}) FROM ${staged} WHERE NOT ${TOMBSTONE_COLUMN}`
      : `INSERT INTO ${model.relation} BY NAME SELECT * FROM ${staged}`,
  );
  const [counted] = await tx.all(`SELECT count(*) AS n FROM ${staged}`);
  await tx.run(`DROP TABLE ${staged}`);
  return Number(counted?.n ?? 0);
}

async function countRows(session: SqlSession, relation: string): Promise<number> {
  const [row] = (await session.all(`SELECT count(*) AS n FROM ${relation}`)) as SqlRow[];
  return Number(row?.n ?? 0);
}

/**
 * Drops what earlier builds made for models that sql/ no longer has (a renamed or removed model
 * would otherwise keep its table, and its storage, for ever). Only relations the runner recorded as
 * built are touched, in the model schemas.
 */
async function dropRetiredModels(
  session: SqlSession,
  project: Project,
  existing: ReadonlyMap<string, string>,
  stored: ReadonlyMap<string, unknown>,
): Promise<string[]> {
  const models = new Set(project.models.map((model) => model.name));
  const schemas = [...new Set(project.models.map((model) => model.schema))];
  const retired: string[] = [];
  for (const name of stored.keys()) {
    if (models.has(name)) continue;
    for (const schema of schemas) {
      const relation = `${schema}.${name}`;
      const kind = existing.get(relation);
      if (kind === undefined) continue;
      await session.run(`DROP ${kind === 'VIEW' ? 'VIEW' : 'TABLE'} ${relation}`);
      retired.push(relation);
    }
    await forgetState(session, name);
  }
  return retired;
}

/** Creates the schemas, the decisions log and the seed tables the models read. */
export async function prepareWarehouse(session: SqlSession, project: Project): Promise<void> {
  for (const schema of SCHEMAS) await session.run(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await session.run(decisionsTableDdl(session.dialect));
  await session.run(modelStateDdl());
  for (const seed of project.seeds) await loadSeed(session, parseSeed(seed));
}

async function runTests(
  session: SqlSession,
  project: Project,
  env: ReturnType<typeof templateEnvironment>,
  models: ReadonlySet<string>,
  vars: ModelVars,
): Promise<DataTestResult[]> {
  return runTestSuite(session, collectDataTests(env, project, models, vars));
}

/** Runs every data test (generic and singular) against models already built. */
export async function runDataTests(
  session: SqlSession,
  options: Pick<BuildOptions, 'vars' | 'sqlDir'> = {},
): Promise<DataTestResult[]> {
  const vars = resolveVars(options.vars);
  const project = loadProject(options.sqlDir ?? DEFAULT_SQL_DIR);
  const env = templateEnvironment(project.sqlDir);
  return runTests(session, project, env, new Set(project.models.map((model) => model.name)), vars);
}

/** What one build knows while it goes through the models. */
interface BuildContext {
  session: SqlSession;
  env: ReturnType<typeof templateEnvironment>;
  vars: ModelVars;
  fullRefresh: boolean;
  definitions: ReadonlyMap<string, string>;
  /** Row counts of the sources and hashes of the seeds: what a fingerprint reads of the data. */
  sources: ReadonlyMap<string, string>;
  seeds: ReadonlyMap<string, string>;
  /** Each model's fingerprint: as stored, then as this build computes them in order. */
  fingerprints: Map<string, string>;
  stored: ReadonlyMap<string, ModelState>;
  existing: ReadonlyMap<string, string>;
  compaction: CompactionPolicy;
  /** Incremental models this build wrote whole: what reads them may find any row changed. */
  rebuiltWhole: Set<string>;
}

/** Skips, creates or merges one model; its table and recorded state commit together. */
async function buildModel(
  context: BuildContext,
  { full: probe, incremental }: RenderedBranches,
): Promise<ModelRun> {
  const { session, stored, existing, sources, seeds, fingerprints } = context;
  const { name } = probe;
  const started = performance.now();
  const definition = context.definitions.get(name) ?? '';
  const state = {
    fingerprint: modelFingerprint(probe, { definition, sources, seeds, refs: fingerprints }),
    definition,
  };
  fingerprints.set(name, state.fingerprint);
  const kind = existing.get(probe.relation);
  const previous = stored.get(name);
  const isView = probe.config.materialized === 'view';
  const upstreamRebuilt = [...probe.refs, ...incremental.refs].some((ref) => context.rebuiltWhole.has(ref));
  // A view passes on what it reads: a table written whole upstream of it.
  if (isView && upstreamRebuilt) context.rebuiltWhole.add(name);
  // A view reads its data when queried: it needs creating again only when its own SQL changed.
  const sameView = isView && kind === 'VIEW' && previous?.definition === state.definition;
  const unchanged = previous?.fingerprint === state.fingerprint || sameView;
  if (!context.fullRefresh && kind !== undefined && unchanged) {
    // A view skipped for its unchanged SQL keeps its stored state: only its definition is ever compared.
    const rows = isView ? null : await countRows(session, probe.relation);
    return { ...runOf(probe, 'skipped', 0, rows), merged: null, compacted: false };
  }
  // An empty table is built whole: its incremental filter (rows newer than the table's latest) would
  // compare with NULL and let nothing in, ever, after a first build on an empty warehouse.
  // A merge finds what changed upstream by its load marks (rows whose _loaded_at is newer than its own):
  // an upstream table written whole (its SQL changed) may have changed rows of any load, so then this
  // model is written whole too.
  const mergeable =
    probe.config.materialized === 'incremental' &&
    !context.fullRefresh &&
    kind !== undefined &&
    previous?.definition === state.definition &&
    !upstreamRebuilt;
  const rowsBefore = mergeable ? await countRows(session, probe.relation) : 0;
  const merge = rowsBefore > 0;
  const model = merge ? incremental : probe;
  // A failed or interrupted model leaves the previous table and the previous fingerprint, never a
  // table the state does not describe.
  const write = () =>
    session.transaction(async (tx) => {
      let count: number | null = null;
      if (merge) count = await mergeIncremental(tx, model);
      else {
        await dropIfOtherKind(tx, model, kind);
        await tx.run(modelStatement(context.env, 'duckdb', model, context.vars));
      }
      for (const hook of model.config.postHook) await tx.run(hook);
      await recordState(tx, name, state);
      return count;
    });
  let written: { result: number | null; compacted: boolean };
  try {
    written = merge
      ? await context.compaction.merge(model.relation, rowsBefore, write)
      : { result: await write(), compacted: false };
  } catch (error) {
    throw new Error(`Model ${name} failed: ${(error as Error).message}`);
  }
  if (!merge && probe.config.materialized === 'incremental') context.rebuiltWhole.add(name);
  const rows = isView ? null : await countRows(session, model.relation);
  const ms = Math.round(performance.now() - started);
  return {
    ...runOf(model, merge ? 'incremental' : 'created', ms, rows),
    merged: written.result,
    compacted: written.compacted,
  };
}

function runOf(model: RenderedModel, mode: ModelRun['mode'], ms: number, rows: number | null) {
  return {
    name: model.name,
    relation: model.relation,
    materialized: model.config.materialized,
    mode,
    ms,
    rows,
  };
}

/** Renders and runs the models in dependency order on DuckDB, then the data tests. */
export async function build(session: SqlSession, options: BuildOptions = {}): Promise<BuildResult> {
  if (session.dialect !== 'duckdb') {
    throw new Error('build() runs on DuckDB; for Snowflake, deploy renderAll("snowflake") once');
  }
  const started = performance.now();
  const vars = resolveVars(options.vars);
  const project = loadProject(options.sqlDir ?? DEFAULT_SQL_DIR);
  const env = templateEnvironment(project.sqlDir);
  const { order, dependencies, rendered: branches } = resolveGraph(env, project, vars);
  const chosen = options.select ? downstreamOf(order, dependencies, options.select) : order;

  await prepareWarehouse(session, project);
  const inOrder = (names: readonly string[]) =>
    names.map((name) => {
      const model = branches.get(name);
      if (!model) throw new Error(`Unknown model ${name}`);
      return model;
    });
  const rendered = inOrder(chosen);
  const stored = await storedStates(session);
  const existing = await existingRelations(session);
  const retired = options.select ? [] : await dropRetiredModels(session, project, existing, stored);
  for (const relation of retired) existing.delete(relation);
  const seeds = seedHashes(project.seeds);
  const context: BuildContext = {
    session,
    env,
    vars,
    fullRefresh: options.fullRefresh === true,
    definitions: modelDefinitions(
      inOrder(order).map(({ full }) => full),
      seeds,
    ),
    sources: await sourceCounts(session, [...new Set(rendered.flatMap(({ full }) => full.sources))]),
    seeds,
    fingerprints: new Map([...stored].map(([name, state]) => [name, state.fingerprint])),
    stored,
    existing,
    compaction: await compactionPolicy(session),
    rebuiltWhole: new Set(),
  };
  const models: ModelRun[] = [];
  for (const branchesOfModel of rendered) models.push(await buildModel(context, branchesOfModel));

  const tests = options.skipTests ? [] : await runTests(session, project, env, new Set(chosen), vars);
  return {
    ok: tests.every((test) => test.failures === 0),
    ms: Math.round(performance.now() - started),
    models,
    retired,
    tests,
  };
}
