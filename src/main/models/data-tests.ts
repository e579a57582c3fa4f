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
  /**
   * For a test of one relation's columns: an aggregate over the relation that is 0 exactly when the test
   * passes, its binds numbered from `firstBind`. A relation's screens run as one query, so a view (an
   * aggregate mart) is computed once for all its tests; a test whose screen is not 0 then runs alone.
   */
  screen?: { relation: string; expression: (firstBind: number) => string };
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
    // A struct is never NULL and DISTINCT takes NULL fields as equal, as GROUP BY does.
    const struct = key.map((column) => `${column}: ${column}`).join(', ');
    tests.push({
      name: `unique(${model.name}: ${columns})`,
      model: model.name,
      sql: `SELECT ${columns}, count(*) AS copies FROM ${relation} GROUP BY ${columns} HAVING count(*) > 1`,
      binds: [],
      screen: { relation, expression: () => `count(*) - count(DISTINCT {${struct}})` },
    });
  }
  for (const column of model.tests.not_null ?? []) {
    tests.push({
      name: `not_null(${model.name}.${column})`,
      model: model.name,
      sql: `SELECT * FROM ${relation} WHERE ${column} IS NULL`,
      binds: [],
      screen: { relation, expression: () => `count(*) FILTER (WHERE ${column} IS NULL)` },
    });
  }
  for (const [column, values] of Object.entries(model.tests.accepted_values ?? {})) {
    const unaccepted = (firstBind: number) =>
      `${column} IS NOT NULL AND ${column} NOT IN (${values.map((_, index) => `$${firstBind + index}`).join(', ')})`;
    tests.push({
      name: `accepted_values(${model.name}.${column})`,
      model: model.name,
      sql: `SELECT ${column}, count(*) AS n FROM ${relation} WHERE ${unaccepted(1)} GROUP BY ${column}`,
      binds: values,
      screen: { relation, expression: (firstBind) => `count(*) FILTER (WHERE ${unaccepted(firstBind)})` },
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

/**
 * Runs the tests, in their order. The screens of one relation's tests run first as one query; a test
 * screened as passing is given an equal share of that query's time, the others run alone.
 */
export async function runTestSuite(
  session: SqlSession,
  tests: readonly DataTest[],
): Promise<DataTestResult[]> {
  const passed = new Map<DataTest, number>();
  const byRelation = new Map<string, Array<{ test: DataTest; screen: NonNullable<DataTest['screen']> }>>();
  for (const test of tests) {
    if (!test.screen) continue;
    const screened = byRelation.get(test.screen.relation) ?? [];
    screened.push({ test, screen: test.screen });
    byRelation.set(test.screen.relation, screened);
  }
  for (const [relation, screened] of byRelation) {
    const started = performance.now();
    const binds: SqlValue[] = [];
    const expressions = screened.map(({ test, screen }, index) => {
      const expression = screen.expression(binds.length + 1);
      binds.push(...test.binds);
      return `${expression} AS screen_${index}`;
    });
    const [row] = await session.all(`SELECT ${expressions.join(', ')} FROM ${relation}`, binds);
    const share = Math.round((performance.now() - started) / screened.length);
    screened.forEach(({ test }, index) => {
      // A missing column counts as flagged: the test then runs alone.
      if (Number(row?.[`screen_${index}`] ?? 1) === 0) passed.set(test, share);
    });
  }
  const results: DataTestResult[] = [];
  for (const test of tests) {
    const ms = passed.get(test);
    results.push(
      ms === undefined
        ? await runDataTest(session, test)
        : { name: test.name, model: test.model, failures: 0, sample: [], ms },
    );
  }
  return results;
}

async function runDataTest(session: SqlSession, test: DataTest): Promise<DataTestResult> {
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
