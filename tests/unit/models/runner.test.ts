import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../../src/main/models/build';
import { topologicalOrder } from '../../../src/main/models/dag';
import { renderAll } from '../../../src/main/models/render';
import { resolveVars, sqlLiteral } from '../../../src/main/models/vars';
import { DuckDbSession } from '../../../src/main/warehouse/duckdb/session';

const REAL_SQL_DIR = join(process.cwd(), 'sql');

/** A throwaway sql/ dir with the real dialect macros and the given models. */
function project(models: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'puente-models-'));
  for (const [path, text] of Object.entries({
    'macros/duckdb.sql': readFileSync(join(REAL_SQL_DIR, 'macros/duckdb.sql'), 'utf8'),
    'macros/snowflake.sql': readFileSync(join(REAL_SQL_DIR, 'macros/snowflake.sql'), 'utf8'),
    ...models,
  })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('the model DAG', () => {
  it('orders each model after what it refs', () => {
    const order = topologicalOrder(
      new Map([
        ['mart', ['int']],
        ['int', ['stg_a', 'stg_b']],
        ['stg_a', []],
        ['stg_b', []],
      ]),
    );
    expect(order.indexOf('int')).toBeGreaterThan(order.indexOf('stg_a'));
    expect(order.indexOf('int')).toBeGreaterThan(order.indexOf('stg_b'));
    expect(order.at(-1)).toBe('mart');
  });

  it('names the models on a cycle', () => {
    expect(() =>
      topologicalOrder(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
        ]),
      ),
    ).toThrow('The models form a cycle: a -> b -> c -> a');
  });

  it('reports a cycle found through the templates', () => {
    const dir = project({
      'models/staging/one.sql': "SELECT * FROM {{ ref('two') }}",
      'models/staging/two.sql': "SELECT * FROM {{ ref('one') }}",
    });
    expect(() => renderAll('duckdb', {}, dir)).toThrow(/cycle: one -> two -> one/);
  });
});

describe('rendering', () => {
  it('renders one template for DuckDB and for Snowflake', () => {
    const dir = project({
      'models/staging/stg.sql':
        "SELECT {{ dialect.add_days('d', var('paymentTermsDays')) }} AS due FROM {{ source('raw', 'sai_altas') }}",
      'models/marts/mart.sql': "{{ config(materialized='table') }}SELECT * FROM {{ ref('stg') }}",
      'models/intermediate/v.sql': "{{ config(materialized='view') }}SELECT * FROM {{ ref('stg') }}",
    });
    const duck = Object.fromEntries(renderAll('duckdb', {}, dir).map((model) => [model.name, model]));
    const snow = Object.fromEntries(
      renderAll('snowflake', { paymentTermsDays: 30 }, dir).map((model) => [model.name, model]),
    );
    expect(duck.stg?.select).toBe(
      'SELECT CAST(CAST(d AS DATE) + CAST(45 AS INTEGER) AS DATE) AS due FROM raw.sai_altas',
    );
    expect(snow.stg?.select).toBe('SELECT dateadd(day, 30, CAST(d AS DATE)) AS due FROM raw.sai_altas');
    expect(duck.mart?.statement).toBe('CREATE OR REPLACE TABLE marts.mart AS\nSELECT * FROM staging.stg');
    expect(snow.mart?.statement).toMatch(
      /^CREATE OR REPLACE DYNAMIC TABLE marts\.mart TARGET_LAG = '1 hours' WAREHOUSE = PUENTE_WH AS\n/,
    );
    expect(snow.stg?.statement).toMatch(/TARGET_LAG = DOWNSTREAM/);
    expect(snow.v?.statement).toMatch(/^CREATE OR REPLACE VIEW intermediate\.v AS/);
  });

  it('refuses an unknown ref, an undefined var and an incremental model without a key', () => {
    expect(() =>
      renderAll('duckdb', {}, project({ 'models/staging/a.sql': "SELECT * FROM {{ ref('nope') }}" })),
    ).toThrow(/refs nope, which is not a model/);
    expect(() =>
      renderAll('duckdb', {}, project({ 'models/staging/a.sql': "SELECT {{ var('nope') }}" })),
    ).toThrow(/var\('nope'\), which is not defined/);
    expect(() =>
      renderAll(
        'duckdb',
        {},
        project({ 'models/staging/a.sql': "{{ config(materialized='incremental') }}SELECT 1" }),
      ),
    ).toThrow(/needs unique_key/);
  });

  it('validates vars so that none can inject SQL', () => {
    expect(() => resolveVars({ amountTolerance: '0; DROP TABLE x' })).toThrow();
    expect(() => resolveVars({ snowflakeWarehouse: 'WH; DROP' })).toThrow();
    expect(sqlLiteral('2025-06-30')).toBe("DATE '2025-06-30'");
    expect(sqlLiteral("O'Brien")).toBe("'O''Brien'");
    expect(sqlLiteral(null)).toBe('NULL');
  });

  it('renders every real model for both dialects', () => {
    for (const dialect of ['duckdb', 'snowflake'] as const) {
      const models = renderAll(dialect, {}, REAL_SQL_DIR);
      expect(models.map((model) => model.name)).toEqual(
        expect.arrayContaining(['reconciliation', 'status_changes']),
      );
    }
  });
});

describe('incremental models', () => {
  it('merges only new rows into an existing table, and a full refresh rebuilds it', async () => {
    const dir = project({
      'models/staging/events.sql': `{{ config(materialized='incremental', unique_key=['id']) }}
SELECT id, max(v) AS v, max(loaded) AS loaded FROM {{ source('raw', 'events') }}
{% if is_incremental() %}WHERE loaded > (SELECT max(loaded) FROM {{ this }}){% endif %}
GROUP BY id`,
    });
    const session = await DuckDbSession.open(':memory:');
    try {
      await session.run('CREATE SCHEMA raw; CREATE TABLE raw.events (id INTEGER, v VARCHAR, loaded INTEGER)');
      await session.run("INSERT INTO raw.events VALUES (1, 'a', 1), (2, 'b', 1)");
      const created = await build(session, { sqlDir: dir });
      expect(created.models[0]).toMatchObject({ mode: 'created', rows: 2 });
      await session.run("INSERT INTO raw.events VALUES (2, 'c', 2), (3, 'd', 2)");
      const merged = await build(session, { sqlDir: dir });
      expect(merged.models[0]).toMatchObject({ mode: 'incremental', merged: 2, rows: 3 });
      expect(await session.all('SELECT id, v FROM staging.events ORDER BY id')).toEqual([
        { id: 1, v: 'a' },
        { id: 2, v: 'c' },
        { id: 3, v: 'd' },
      ]);
      const unchanged = await build(session, { sqlDir: dir });
      expect(unchanged.models[0]).toMatchObject({ mode: 'skipped', merged: null });
      const refreshed = await build(session, { sqlDir: dir, fullRefresh: true });
      expect(refreshed.models[0]).toMatchObject({ mode: 'created', rows: 3 });
    } finally {
      await session.close();
    }
  });

  it('replaces a partition of rows whole, and deletes the keys of tombstone rows', async () => {
    // Per group: its members, replaced whole when one arrives; a group whose members all left is deleted.
    const dir = project({
      'models/staging/groups.sql': `{{ config(materialized='incremental', unique_key=['grp']) }}
{% if is_incremental() %}
WITH touched AS (
  SELECT grp FROM {{ source('raw', 'members') }} WHERE loaded > (SELECT max(loaded) FROM {{ this }})
  UNION SELECT grp FROM {{ this }} WHERE member IN (
    SELECT member FROM {{ source('raw', 'members') }} WHERE loaded > (SELECT max(loaded) FROM {{ this }}))
),
current_members AS (
  SELECT * FROM {{ source('raw', 'members') }} QUALIFY row_number() OVER (PARTITION BY member ORDER BY loaded DESC) = 1
)
SELECT touched.grp, m.member, m.loaded, m.member IS NULL AS _deleted
FROM touched LEFT JOIN current_members AS m ON m.grp = touched.grp
{% else %}
SELECT grp, member, loaded FROM {{ source('raw', 'members') }}
QUALIFY row_number() OVER (PARTITION BY member ORDER BY loaded DESC) = 1
{% endif %}`,
    });
    const session = await DuckDbSession.open(':memory:');
    try {
      await session.run(
        'CREATE SCHEMA raw; CREATE TABLE raw.members (grp VARCHAR, member INTEGER, loaded INTEGER)',
      );
      await session.run("INSERT INTO raw.members VALUES ('a', 1, 1), ('a', 2, 1), ('b', 3, 1)");
      await build(session, { sqlDir: dir });
      // Member 3 moves to group a: group b is left empty and must go; group a gains a row.
      await session.run("INSERT INTO raw.members VALUES ('a', 3, 2)");
      const merged = await build(session, { sqlDir: dir });
      expect(merged.models[0]).toMatchObject({ mode: 'incremental', rows: 3 });
      expect(await session.all('SELECT grp, member FROM staging.groups ORDER BY ALL')).toEqual([
        { grp: 'a', member: 1 },
        { grp: 'a', member: 2 },
        { grp: 'a', member: 3 },
      ]);
      const columns = await session.all("SELECT name FROM pragma_table_info('staging.groups') ORDER BY cid");
      expect(columns.map((column) => column.name)).toEqual(['grp', 'member', 'loaded']);
    } finally {
      await session.close();
    }
  });

  it('runs post hooks after writing a model, and rolls the model back with a failing hook', async () => {
    const model = (hook: string) => ({
      'models/staging/ages.sql': `{% set refresh %}${hook}{% endset %}
{{ config(materialized='incremental', unique_key=['id'], post_hook=refresh) }}
SELECT id, born, loaded, CAST(NULL AS INTEGER) AS age FROM {{ source('raw', 'people') }}
{% if is_incremental() %}WHERE loaded > (SELECT max(loaded) FROM {{ this }}){% endif %}`,
    });
    const dir = project(model('UPDATE {{ this }} SET age = (SELECT max(loaded) FROM {{ this }}) - born'));
    const session = await DuckDbSession.open(':memory:');
    try {
      await session.run(
        'CREATE SCHEMA raw; CREATE TABLE raw.people (id INTEGER, born INTEGER, loaded INTEGER)',
      );
      await session.run('INSERT INTO raw.people VALUES (1, 1990, 2020)');
      await build(session, { sqlDir: dir });
      await session.run('INSERT INTO raw.people VALUES (2, 2000, 2025)');
      const merged = await build(session, { sqlDir: dir });
      expect(merged.models[0]).toMatchObject({ mode: 'incremental', merged: 1 });
      // The hook refreshed the row the merge did not touch.
      expect(await session.all('SELECT id, age FROM staging.ages ORDER BY id')).toEqual([
        { id: 1, age: 35 },
        { id: 2, age: 25 },
      ]);
      const broken = project(model('UPDATE {{ this }} SET age = no_such_column'));
      await session.run('INSERT INTO raw.people VALUES (3, 2010, 2026)');
      await expect(build(session, { sqlDir: broken })).rejects.toThrow(/Model ages failed/);
      expect(await session.all('SELECT count(*) AS n FROM staging.ages')).toEqual([{ n: '2' }]);
    } finally {
      await session.close();
    }
  });

  it('rebuilds an incremental model whole when a seed it reads changes', async () => {
    const model = {
      'models/staging/labelled.sql': `{{ config(materialized='incremental', unique_key=['id']) }}
SELECT e.id, s.label, e.loaded FROM {{ source('raw', 'events') }} AS e
LEFT JOIN {{ seed('labels') }} AS s ON s.code = e.code
{% if is_incremental() %}WHERE e.loaded > (SELECT max(loaded) FROM {{ this }}){% endif %}`,
    };
    const dir = project({ ...model, 'seeds/labels.csv': 'code:text,label:text\nA,first\n' });
    const session = await DuckDbSession.open(':memory:');
    try {
      await session.run(
        'CREATE SCHEMA raw; CREATE TABLE raw.events (id INTEGER, code VARCHAR, loaded INTEGER)',
      );
      await session.run("INSERT INTO raw.events VALUES (1, 'A', 1)");
      await build(session, { sqlDir: dir });
      await session.run("INSERT INTO raw.events VALUES (2, 'A', 2)");
      // Only the new row would be merged; the seed renamed A, so every row must be built again.
      writeFileSync(join(dir, 'seeds/labels.csv'), 'code:text,label:text\nA,renamed\n');
      const rebuilt = await build(session, { sqlDir: dir });
      expect(rebuilt.models[0]).toMatchObject({ mode: 'created', rows: 2 });
      expect(await session.all('SELECT id, label FROM staging.labelled ORDER BY id')).toEqual([
        { id: 1, label: 'renamed' },
        { id: 2, label: 'renamed' },
      ]);
    } finally {
      await session.close();
    }
  });

  it('skips a model when nothing it reads changed, and rebuilds what reads changed data', async () => {
    const dir = project({
      'models/staging/stg_x.sql': "SELECT count(*) AS n FROM {{ source('raw', 'x') }}",
      'models/staging/stg_y.sql': "SELECT count(*) AS n FROM {{ source('raw', 'y') }}",
      'models/marts/both.sql': "SELECT x.n + y.n AS n FROM {{ ref('stg_x') }} AS x, {{ ref('stg_y') }} AS y",
    });
    const session = await DuckDbSession.open(':memory:');
    try {
      await session.run('CREATE SCHEMA raw; CREATE TABLE raw.x (v INTEGER); CREATE TABLE raw.y (v INTEGER)');
      await session.run('INSERT INTO raw.x VALUES (1); INSERT INTO raw.y VALUES (1)');
      const modes = async (options = {}) =>
        Object.fromEntries(
          (await build(session, { sqlDir: dir, ...options })).models.map((m) => [m.name, m.mode]),
        );
      expect(await modes()).toEqual({ stg_x: 'created', stg_y: 'created', both: 'created' });
      expect(await modes()).toEqual({ stg_x: 'skipped', stg_y: 'skipped', both: 'skipped' });
      await session.run('INSERT INTO raw.y VALUES (2)');
      expect(await modes()).toEqual({ stg_x: 'skipped', stg_y: 'created', both: 'created' });
      expect(await session.all('SELECT n FROM marts.both')).toEqual([{ n: '3' }]);
      // A dropped table is rebuilt; what reads it is not, since what it was built from did not change.
      await session.run('DROP TABLE staging.stg_x');
      expect(await modes()).toEqual({ stg_x: 'created', stg_y: 'skipped', both: 'skipped' });
      expect(await modes({ fullRefresh: true })).toEqual({
        stg_x: 'created',
        stg_y: 'created',
        both: 'created',
      });
    } finally {
      await session.close();
    }
  });

  it('fills an incremental model built first on an empty source', async () => {
    const dir = project({
      'models/staging/events.sql': `{{ config(materialized='incremental', unique_key=['id']) }}
SELECT id, loaded FROM {{ source('raw', 'events') }}
{% if is_incremental() %}WHERE loaded > (SELECT max(loaded) FROM {{ this }}){% endif %}`,
    });
    const session = await DuckDbSession.open(':memory:');
    try {
      await session.run('CREATE SCHEMA raw; CREATE TABLE raw.events (id INTEGER, loaded INTEGER)');
      expect((await build(session, { sqlDir: dir })).models[0]).toMatchObject({ rows: 0 });
      await session.run('INSERT INTO raw.events VALUES (1, 1), (2, 1)');
      expect((await build(session, { sqlDir: dir })).models[0]).toMatchObject({ mode: 'created', rows: 2 });
      await session.run('INSERT INTO raw.events VALUES (3, 2)');
      expect((await build(session, { sqlDir: dir })).models[0]).toMatchObject({
        mode: 'incremental',
        rows: 3,
        merged: 1,
      });
    } finally {
      await session.close();
    }
  });

  it('rebuilds an incremental model whole when a view it reads changes (a var the view uses)', async () => {
    const dir = project({
      'models/staging/event_rows.sql': `{{ config(materialized='view') }}
SELECT id, loaded, loaded + {{ var('paymentTermsDays') }} AS due FROM {{ source('raw', 'events') }}`,
      'models/staging/events.sql': `{{ config(materialized='incremental', unique_key=['id']) }}
SELECT * FROM {{ ref('event_rows') }}
{% if is_incremental() %}WHERE loaded > (SELECT max(loaded) FROM {{ this }}){% endif %}`,
    });
    const session = await DuckDbSession.open(':memory:');
    const mode = async (paymentTermsDays: number) =>
      (await build(session, { sqlDir: dir, vars: { paymentTermsDays } })).models.find(
        (m) => m.name === 'events',
      )?.mode;
    try {
      await session.run('CREATE SCHEMA raw; CREATE TABLE raw.events (id INTEGER, loaded INTEGER)');
      await session.run('INSERT INTO raw.events VALUES (1, 1)');
      expect(await mode(30)).toBe('created');
      await session.run('INSERT INTO raw.events VALUES (2, 2)');
      expect(await mode(30)).toBe('incremental');
      expect(await mode(60)).toBe('created');
      expect(await session.all('SELECT id, due FROM staging.events ORDER BY id')).toEqual([
        { id: 1, due: 61 },
        { id: 2, due: 62 },
      ]);
    } finally {
      await session.close();
    }
  });

  it('leaves the previous table and its state when a model fails', async () => {
    const good = "SELECT v FROM {{ source('raw', 'x') }}";
    const dir = project({ 'models/marts/x.sql': good });
    const session = await DuckDbSession.open(':memory:');
    try {
      await session.run('CREATE SCHEMA raw; CREATE TABLE raw.x (v VARCHAR); INSERT INTO raw.x VALUES (1)');
      await build(session, { sqlDir: dir });
      writeFileSync(
        join(dir, 'models/marts/x.sql'),
        "SELECT CAST(v || 'x' AS INTEGER) AS v FROM {{ source('raw', 'x') }}",
      );
      await expect(build(session, { sqlDir: dir })).rejects.toThrow(/Model x failed/);
      expect(await session.all('SELECT v FROM marts.x')).toEqual([{ v: '1' }]);
      // The recorded state still describes the table: restoring the SQL finds it up to date.
      writeFileSync(join(dir, 'models/marts/x.sql'), good);
      expect((await build(session, { sqlDir: dir })).models[0]).toMatchObject({ name: 'x', mode: 'skipped' });
    } finally {
      await session.close();
    }
  });

  it('drops the relation of a model removed from sql/, and nothing it did not build', async () => {
    const dir = project({
      'models/marts/kept.sql': 'SELECT 1 AS n',
      'models/marts/old_name.sql': 'SELECT 2 AS n',
    });
    const session = await DuckDbSession.open(':memory:');
    try {
      expect((await build(session, { sqlDir: dir })).retired).toEqual([]);
      await session.run('CREATE TABLE marts.analyst_notes AS SELECT 3 AS n');
      rmSync(join(dir, 'models/marts/old_name.sql'));
      const next = await build(session, { sqlDir: dir });
      expect(next.retired).toEqual(['marts.old_name']);
      const tables = await session.all(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'marts' ORDER BY 1",
      );
      expect(tables).toEqual([{ table_name: 'analyst_notes' }, { table_name: 'kept' }]);
      expect((await build(session, { sqlDir: dir })).retired).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('leaves a view alone while its SQL is unchanged, and still rebuilds the tables that read it', async () => {
    const dir = project({
      'models/staging/stg_v.sql': "{{ config(materialized='view') }}\nSELECT v FROM {{ source('raw', 'x') }}",
      'models/marts/total.sql': "SELECT sum(v) AS n FROM {{ ref('stg_v') }}",
    });
    const session = await DuckDbSession.open(':memory:');
    try {
      await session.run('CREATE SCHEMA raw; CREATE TABLE raw.x (v INTEGER); INSERT INTO raw.x VALUES (1)');
      const modes = async () =>
        Object.fromEntries((await build(session, { sqlDir: dir })).models.map((m) => [m.name, m.mode]));
      expect(await modes()).toEqual({ stg_v: 'created', total: 'created' });
      await session.run('INSERT INTO raw.x VALUES (2)');
      expect(await modes()).toEqual({ stg_v: 'skipped', total: 'created' });
      expect(await session.all('SELECT n FROM marts.total')).toEqual([{ n: '3' }]);
      expect(await modes()).toEqual({ stg_v: 'skipped', total: 'skipped' });
      writeFileSync(
        join(dir, 'models/staging/stg_v.sql'),
        "{{ config(materialized='view') }}\nSELECT v * 10 AS v FROM {{ source('raw', 'x') }}",
      );
      expect(await modes()).toEqual({ stg_v: 'created', total: 'created' });
      expect(await session.all('SELECT n FROM marts.total')).toEqual([{ n: '30' }]);
    } finally {
      await session.close();
    }
  });

  it('rebuilds an incremental model whole when its SQL changes, and swaps a table for a view', async () => {
    const incremental = (columns: string) => `{{ config(materialized='incremental', unique_key=['id']) }}
SELECT ${columns} FROM {{ source('raw', 'events') }}
{% if is_incremental() %}WHERE loaded > (SELECT max(loaded) FROM {{ this }}){% endif %}`;
    const dir = project({ 'models/staging/events.sql': incremental('id, loaded') });
    const session = await DuckDbSession.open(':memory:');
    try {
      await session.run('CREATE SCHEMA raw; CREATE TABLE raw.events (id INTEGER, v VARCHAR, loaded INTEGER)');
      await session.run("INSERT INTO raw.events VALUES (1, 'a', 1)");
      expect((await build(session, { sqlDir: dir })).models[0]).toMatchObject({ mode: 'created' });
      writeFileSync(join(dir, 'models/staging/events.sql'), incremental('id, v, loaded'));
      expect((await build(session, { sqlDir: dir })).models[0]).toMatchObject({ mode: 'created', rows: 1 });
      expect(await session.all('SELECT id, v FROM staging.events')).toEqual([{ id: 1, v: 'a' }]);
      writeFileSync(
        join(dir, 'models/staging/events.sql'),
        "{{ config(materialized='view') }}\nSELECT id FROM {{ source('raw', 'events') }}",
      );
      expect((await build(session, { sqlDir: dir })).models[0]).toMatchObject({
        mode: 'created',
        rows: null,
      });
      expect(await session.all('SELECT id FROM staging.events')).toEqual([{ id: 1 }]);
    } finally {
      await session.close();
    }
  });

  it('runs the singular tests that read a selected model, and every one without a selection', async () => {
    const dir = project({
      'models/staging/stg_x.sql': "SELECT v FROM {{ source('raw', 'x') }}",
      'models/marts/mart_y.sql': "SELECT v FROM {{ source('raw', 'y') }}",
      'tests/x_positive.sql': "SELECT v FROM {{ ref('stg_x') }} WHERE v <= 0",
      'tests/y_positive.sql': "SELECT v FROM {{ ref('mart_y') }} WHERE v <= 0",
    });
    const session = await DuckDbSession.open(':memory:');
    try {
      await session.run('CREATE SCHEMA raw; CREATE TABLE raw.x (v INTEGER); CREATE TABLE raw.y (v INTEGER)');
      await session.run('INSERT INTO raw.x VALUES (1); INSERT INTO raw.y VALUES (-1)');
      const tested = async (options = {}) =>
        (await build(session, { sqlDir: dir, ...options })).tests.map((test) => [test.name, test.failures]);
      expect(await tested()).toEqual([
        ['x_positive', 0],
        ['y_positive', 1],
      ]);
      expect(await tested({ select: ['stg_x'] })).toEqual([['x_positive', 0]]);
    } finally {
      await session.close();
    }
  });

  it("screens a relation's declared tests in one query, and runs a flagged test alone for its failures", async () => {
    const dir = project({
      'models/marts/m.sql': "{{ config(materialized='view') }}SELECT * FROM {{ source('raw', 'm') }}",
      'models/marts/m.tests.json': JSON.stringify({
        unique: [['k'], ['a', 'b'], ['b', 's']],
        not_null: ['k', 'a'],
        accepted_values: { s: ['x', 'y'], t: ['p'] },
      }),
    });
    const session = await DuckDbSession.open(':memory:');
    try {
      await session.run(
        'CREATE SCHEMA raw; CREATE TABLE raw.m (k INTEGER, a INTEGER, b INTEGER, s VARCHAR, t VARCHAR)',
      );
      // k 1 twice; (a, b) = (2, 1) twice; a NULL once; s 'z' unaccepted; t 'x' unaccepted, which only
      // the screen's third bind ('p') rejects: read with the first ('x') it would pass.
      await session.run(
        "INSERT INTO raw.m VALUES (1, NULL, 1, 'x', 'p'), (1, 2, 1, 'z', 'p'), (2, 2, 1, 'y', 'x'), (3, 4, 5, NULL, NULL)",
      );
      const result = await build(session, { sqlDir: dir });
      expect(result.tests.map((test) => [test.name, test.failures])).toEqual([
        ['unique(m: k)', 1],
        ['unique(m: a, b)', 1],
        ['unique(m: b, s)', 0],
        ['not_null(m.k)', 0],
        ['not_null(m.a)', 1],
        ['accepted_values(m.s)', 1],
        ['accepted_values(m.t)', 1],
      ]);
      const sample = (name: string) => result.tests.find((test) => test.name === name)?.sample;
      expect(sample('unique(m: k)')).toEqual([{ k: 1, copies: '2' }]);
      expect(sample('accepted_values(m.t)')).toEqual([{ t: 'x', n: '1' }]);
      expect(sample('unique(m: b, s)')).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('writes an incremental model whole when an incremental model it reads (through a view) was', async () => {
    const events = (columns: string) => `{{ config(materialized='incremental', unique_key=['id']) }}
SELECT ${columns} FROM {{ source('raw', 'events') }}
{% if is_incremental() %}WHERE loaded > (SELECT max(loaded) FROM {{ this }}){% endif %}`;
    const dir = project({
      'models/staging/events.sql': events('id, loaded'),
      'models/intermediate/events_view.sql':
        "{{ config(materialized='view') }}\nSELECT * FROM {{ ref('events') }}",
      'models/marts/totals.sql': `{{ config(materialized='incremental', unique_key=['id']) }}
SELECT id, loaded FROM {{ ref('events_view') }}
{% if is_incremental() %}WHERE loaded > (SELECT max(loaded) FROM {{ this }}){% endif %}`,
    });
    const session = await DuckDbSession.open(':memory:');
    try {
      await session.run('CREATE SCHEMA raw; CREATE TABLE raw.events (id INTEGER, loaded INTEGER)');
      await session.run('INSERT INTO raw.events VALUES (1, 1)');
      const modes = async () =>
        Object.fromEntries((await build(session, { sqlDir: dir })).models.map((m) => [m.name, m.mode]));
      await modes();
      await session.run('INSERT INTO raw.events VALUES (2, 2)');
      expect(await modes()).toEqual({ events: 'incremental', events_view: 'skipped', totals: 'incremental' });
      // events written whole (its SQL changed): totals cannot tell its new rows by their marks.
      writeFileSync(join(dir, 'models/staging/events.sql'), events('id, loaded, 0 AS unused'));
      await session.run('INSERT INTO raw.events VALUES (3, 3)');
      expect(await modes()).toEqual({ events: 'created', events_view: 'skipped', totals: 'created' });
    } finally {
      await session.close();
    }
  });
});
