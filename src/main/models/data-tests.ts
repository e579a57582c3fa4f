import type nunjucks from 'nunjucks';
import type { SqlRow, SqlSession, SqlValue } from '../warehouse/session';
import type { ModelFile, Project } from './project';
import { renderTemplate } from './render';
import type { ModelVars } from './vars';

/** One data test: a query returning the failing rows; it passes when it returns none. */
export interface DataTest {
  name: string;
  model: string | null;
  sql: string;
  binds: SqlValue[];
}

export interface DataTestResult {
  name: string;
  model: string | null;
  failures: number;
  /** Up to five failing rows, to show what went wrong. */
  sample: SqlRow[];
  ms: number;
}

function genericTests(model: ModelFile): DataTest[] {
  const relation = `${model.schema}.${model.name}`;
  const tests: DataTest[] = [];
  for (const key of model.tests.unique ?? []) {
    const columns = key.join(', ');
    tests.push({
      name: `unique(${model.name}: ${columns})`,
      model: model.name,
      sql: `SELECT ${columns}, count(*) AS copies FROM ${relation} GROUP BY ${columns} HAVING count(*) > 1`,
      binds: [],
    });
  }
  for (const column of model.tests.not_null ?? []) {
    tests.push({
      name: `not_null(${model.name}.${column})`,
      model: model.name,
      sql: `SELECT * FROM ${relation} WHERE ${column} IS NULL`,
      binds: [],
    });
  }
  for (const [column, values] of Object.entries(model.tests.accepted_values ?? {})) {
    const placeholders = values.map((_, index) => `$${index + 1}`).join(', ');
    tests.push({
      name: `accepted_values(${model.name}.${column})`,
      model: model.name,
      sql: `SELECT ${column}, count(*) AS n FROM ${relation} WHERE ${column} IS NOT NULL AND ${column} NOT IN (${placeholders}) GROUP BY ${column}`,
      binds: values,
    });
  }
  return tests;
}

function relationshipTests(model: ModelFile, project: Project): DataTest[] {
  const schemas = new Map(project.models.map((other) => [other.name, other.schema]));
  return (model.tests.relationships ?? []).map(({ column, to, field }) => {
    const parentSchema = schemas.get(to);
    if (!parentSchema) throw new Error(`${model.name}.tests.json: relationship to unknown model ${to}`);
    return {
      name: `relationships(${model.name}.${column} -> ${to}.${field})`,
      model: model.name,
      sql: `SELECT child.${column} FROM ${model.schema}.${model.name} AS child
        LEFT JOIN ${parentSchema}.${to} AS parent ON child.${column} = parent.${field}
        WHERE child.${column} IS NOT NULL AND parent.${field} IS NULL`,
      binds: [],
    };
  });
}

/**
 * Every declared generic test of the chosen models, then the singular tests in sql/tests that read one
 * of them (a build of selected models tests what it built, not the models it left as they were).
 */
export function collectDataTests(
  env: nunjucks.Environment,
  project: Project,
  models: ReadonlySet<string>,
  vars: ModelVars,
): DataTest[] {
  const tests = project.models
    .filter((model) => models.has(model.name))
    .flatMap((model) => [...genericTests(model), ...relationshipTests(model, project)]);
  for (const singular of project.singularTests) {
    const { sql, refs } = renderTemplate(env, project, singular, { dialect: 'duckdb', vars });
    if (!refs.some((ref) => models.has(ref))) continue;
    tests.push({ name: singular.name, model: null, sql: sql.replace(/;\s*$/, ''), binds: [] });
  }
  return tests;
}

export async function runDataTest(session: SqlSession, test: DataTest): Promise<DataTestResult> {
  const started = performance.now();
  const [counted] = await session.all(
    `SELECT count(*) AS failures FROM (${test.sql}) AS failing`,
    test.binds,
  );
  const failures = Number(counted?.failures ?? 0);
  const sample =
    failures > 0 ? await session.all(`SELECT * FROM (${test.sql}) AS failing LIMIT 5`, test.binds) : [];
  return {
    name: test.name,
    model: test.model,
    failures,
    sample,
    ms: Math.round(performance.now() - started),
  };
}
