import nunjucks from 'nunjucks';
import type { Dialect } from '../warehouse/session';
import { topologicalOrder } from './dag';
import { DEFAULT_SQL_DIR, loadProject, type ModelFile, type Project } from './project';
import { type ModelVars, type ModelVarsInput, resolveVars, sqlLiteral } from './vars';

export type Materialization = 'table' | 'view' | 'incremental';

export interface ModelConfig {
  materialized: Materialization;
  /**
   * An incremental model's key: a merge replaces every stored row with the key of an incoming row, so the
   * key may name a partition replaced whole.
   */
  uniqueKey: string[];
  /**
   * Statements the DuckDB runner runs after writing the model, in the same transaction: a table whose
   * as-of columns move every day refreshes them in place. Snowflake's dynamic tables compute
   * everything in their query, so a model must give the same rows with or without its hooks.
   */
  postHook: string[];
}

export interface RenderedModel {
  name: string;
  schema: string;
  relation: string;
  config: ModelConfig;
  refs: string[];
  /** Tables read through source() and seed(): with the refs, everything the model depends on. */
  sources: string[];
  seeds: string[];
  /** The model's SELECT, ready to run. */
  select: string;
}

export interface RenderOptions {
  dialect: Dialect;
  vars: ModelVars;
  /** Whether an incremental model renders its incremental branch (its table exists, no full refresh). */
  incremental?: boolean;
}

const MATERIALIZATIONS: readonly Materialization[] = ['table', 'view', 'incremental'];

/** One nunjucks environment per sql dir: templates shape SQL, so nothing is escaped. */
export function templateEnvironment(sqlDir: string): nunjucks.Environment {
  // Templates are cached for the environment's life: one build, or one render of the project.
  return new nunjucks.Environment(new nunjucks.FileSystemLoader(sqlDir), {
    autoescape: false,
    throwOnUndefined: true,
    trimBlocks: true,
    lstripBlocks: true,
  });
}

type Keywords = Record<string, unknown> & { __keywords?: true };

function readConfig(model: ModelFile, keywords: Keywords): ModelConfig {
  const materialized = (keywords.materialized ?? 'table') as Materialization;
  if (!MATERIALIZATIONS.includes(materialized)) {
    throw new Error(`Model ${model.name}: materialized must be one of ${MATERIALIZATIONS.join(', ')}`);
  }
  const key = keywords.unique_key;
  const uniqueKey = key === undefined ? [] : Array.isArray(key) ? key.map(String) : [String(key)];
  if (materialized === 'incremental' && uniqueKey.length === 0) {
    throw new Error(`Model ${model.name}: an incremental model needs unique_key`);
  }
  const hooks = keywords.post_hook;
  const postHook =
    hooks === undefined ? [] : (Array.isArray(hooks) ? hooks : [hooks]).map((hook) => String(hook).trim());
  return { materialized, uniqueKey, postHook };
}

/** Renders a template (model or singular test) with ref/source/var/config/this/is_incremental. */
export function renderTemplate(
  env: nunjucks.Environment,
  project: Project,
  template: { name: string; source: string; schema?: string },
  options: RenderOptions,
): { sql: string; refs: string[]; sources: string[]; seeds: string[]; config: Keywords } {
  const known = new Map(project.models.map((model) => [model.name, model]));
  const refs = new Set<string>();
  const sources = new Set<string>();
  const seeds = new Set<string>();
  let config: Keywords = {};
  const context = {
    ref: (name: string) => {
      const target = known.get(name);
      if (!target) throw new Error(`${template.name} refs ${name}, which is not a model`);
      refs.add(name);
      return `${target.schema}.${name}`;
    },
    source: (schema: string, table: string) => {
      sources.add(`${schema}.${table}`);
      return `${schema}.${table}`;
    },
    seed: (name: string) => {
      if (!project.seeds.some((seed) => seed.name === name)) {
        throw new Error(`${template.name} reads seed ${name}, which is not in sql/seeds`);
      }
      seeds.add(name);
      return `seeds.${name}`;
    },
    var: (name: string, ...fallback: unknown[]) => {
      const value = (options.vars as Record<string, unknown>)[name];
      if (value !== undefined) return sqlLiteral(value);
      if (fallback.length > 0 || name in options.vars) return sqlLiteral(fallback[0]);
      throw new Error(`${template.name} reads var('${name}'), which is not defined`);
    },
    config: (keywords: Keywords) => {
      config = keywords ?? {};
      return '';
    },
    is_incremental: () => options.incremental === true,
    this: template.schema ? `${template.schema}.${template.name}` : '',
    target: { dialect: options.dialect },
  };
  const header = `{% import "macros/${options.dialect}.sql" as dialect %}`;
  try {
    const sql = env.renderString(header + template.source, context).trim();
    return { sql, refs: [...refs], sources: [...sources], seeds: [...seeds], config };
  } catch (error) {
    throw new Error(`Cannot render ${template.name}: ${(error as Error).message}`);
  }
}

export function renderModel(
  env: nunjucks.Environment,
  project: Project,
  model: ModelFile,
  options: RenderOptions,
): RenderedModel {
  const { sql, refs, sources, seeds, config } = renderTemplate(env, project, model, options);
  return {
    name: model.name,
    schema: model.schema,
    relation: `${model.schema}.${model.name}`,
    config: readConfig(model, config),
    refs,
    sources,
    seeds,
    select: sql.replace(/;\s*$/, ''),
  };
}

/** A model rendered for DuckDB, as a whole build and as its incremental branch. */
export interface RenderedBranches {
  full: RenderedModel;
  incremental: RenderedModel;
}

/** Every model's refs (from both branches), the build order, and each model rendered for DuckDB. */
export function resolveGraph(
  env: nunjucks.Environment,
  project: Project,
  vars: ModelVars,
): { order: string[]; dependencies: Map<string, string[]>; rendered: Map<string, RenderedBranches> } {
  const dependencies = new Map<string, string[]>();
  const rendered = new Map<string, RenderedBranches>();
  for (const model of project.models) {
    const full = renderModel(env, project, model, { dialect: 'duckdb', vars });
    const incremental = renderModel(env, project, model, { dialect: 'duckdb', vars, incremental: true });
    rendered.set(model.name, { full, incremental });
    dependencies.set(model.name, [...new Set([...full.refs, ...incremental.refs])].sort());
  }
  return { order: topologicalOrder(dependencies), dependencies, rendered };
}

/**
 * The statement that materializes a model: DuckDB tables or views; on Snowflake views, or dynamic
 * tables whose marts refresh within the configured lag and whose upstream layers refresh DOWNSTREAM.
 */
export function modelStatement(
  env: nunjucks.Environment,
  dialect: Dialect,
  model: RenderedModel,
  vars: ModelVars,
): string {
  const kind = model.config.materialized === 'view' ? 'view' : 'table';
  const lag = model.schema === 'marts' ? sqlLiteral(vars.snowflakeTargetLag) : 'DOWNSTREAM';
  const create = env
    .renderString(
      `{% import "macros/${dialect}.sql" as dialect %}{{ dialect.create_relation(kind, relation, lag, warehouse) }}`,
      { kind, relation: model.relation, lag, warehouse: vars.snowflakeWarehouse },
    )
    .trim();
  return `${create}\n${model.select}`;
}

/** Every model rendered for one dialect, in build order: name -> the statement that creates it. */
export function renderAll(
  dialect: Dialect,
  varsInput: ModelVarsInput = {},
  sqlDir = DEFAULT_SQL_DIR,
): Array<{ name: string; select: string; statement: string }> {
  const vars = resolveVars(varsInput);
  const project = loadProject(sqlDir);
  const env = templateEnvironment(project.sqlDir);
  const byName = new Map(project.models.map((model) => [model.name, model]));
  return resolveGraph(env, project, vars).order.map((name) => {
    const file = byName.get(name);
    if (!file) throw new Error(`Unknown model ${name}`);
    const model = renderModel(env, project, file, { dialect, vars });
    return { name, select: model.select, statement: modelStatement(env, dialect, model, vars) };
  });
}
