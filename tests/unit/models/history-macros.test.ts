import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../../src/main/models/build';
import { DuckDbSession } from '../../../src/main/warehouse/duckdb/session';
import { Random } from '../../sim/world/random';

const REAL_SQL_DIR = join(process.cwd(), 'sql');
const PREFER = '_loaded_at DESC, _src_file DESC, _src_row DESC';

/** A throwaway sql/ dir with the real dialect, typing, history and latest macros and the given models. */
function project(models: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'puente-history-macros-'));
  const macros = ['duckdb.sql', 'snowflake.sql', 'typing.sql', 'history.sql', 'latest.sql'].map(
    (name): [string, string] => [`macros/${name}`, readFileSync(join(REAL_SQL_DIR, 'macros', name), 'utf8')],
  );
  for (const [path, text] of [...macros, ...Object.entries(models)]) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** The key is typed as the real ones are (trimmed, upper-cased): raw variants of one key must merge. */
const TYPED = `{% set typed = {'k': 'upper(trim(k))', 'st': 'st', 'cr': 'cr', 'doc': 'doc'} %}`;

const HISTORY_MODEL = `{{ config(materialized='incremental', unique_key=['k']) }}
{% import "macros/history.sql" as history with context %}
${TYPED}
{{ history.changes(source('raw', 'status_rows'), typed, this, is_incremental(), 'k', ['k', 'st', 'cr', 'doc'],
   'k', ['st', 'cr'], ['doc'], '${PREFER}') }}`;

const LATEST_MODEL = `{{ config(materialized='incremental', unique_key=['k']) }}
{% import "macros/latest.sql" as latest with context %}
${TYPED}
{{ latest.latest_per_key(source('raw', 'alta_rows'), typed, this, is_incremental(), 'k', 'k', '${PREFER}') }}`;

/** The key as the models type it. */
const typedKey = (k: string) => k.trim().toUpperCase();

interface RawRow {
  k: string;
  snapshot_date: string;
  st: string | null;
  cr: string | null;
  doc: string;
  _src_file: string;
  _src_row: number;
  _loaded_at: string;
}

interface HistoryRow {
  k: string;
  st: string | null;
  cr: string | null;
  doc: string;
  valid_from: string;
  valid_to: string | null;
  last_seen: string;
  _src_file: string;
  _src_row: number;
}

/** The simulator's seeded generator as a function: every failure replays from its seed. */
function prng(seed: number): () => number {
  const random = new Random(seed);
  return () => random.next();
}

const STATES = ['ACEPTADA', 'EN_REVISION', 'PAGADA', null];
const CONTRA_RECIBOS = [null, 'CR-0001', 'CR-0002'];

function isoDay(start: string, days: number): string {
  const date = new Date(`${start}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Snapshots of `keys` keys over `snapshots` dates: keys missing from some snapshots, states that
 * return to an earlier value, and keys shown twice in one snapshot with the same or another state.
 */
function generateRows(seed: number, keys = 24, snapshots = 9): RawRow[] {
  const random = prng(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const state = () => ({ st: pick(STATES), cr: pick(CONTRA_RECIBOS) });
  const rows: RawRow[] = [];
  const dates: string[] = [];
  for (let day = 1; dates.length < snapshots; day += 1 + Math.floor(random() * 3)) {
    dates.push(isoDay('2025-03-01', day));
  }
  for (let n = 0; n < keys; n += 1) {
    const k = `K${String(n).padStart(4, '0')}`;
    let current = state();
    const shownTwice = random() < 0.4 ? 0.3 : 0;
    for (const snapshot_date of dates) {
      if (random() < 0.15) continue;
      if (random() < 0.3) current = state();
      const copies = random() < shownTwice ? [current, random() < 0.5 ? current : state()] : [current];
      copies.forEach((copy, index) => {
        // Copies of one snapshot were usually loaded at different times; sometimes in one load.
        const hour = random() < 0.2 ? 9 : 9 + index * 2 + Math.floor(random() * 2);
        rows.push({
          // Now and then the portal writes the key padded or in lower case: the same key once typed.
          k: pick([k, k, k, k, ` ${k}`, `${k.toLowerCase()} `]),
          snapshot_date,
          ...copy,
          doc: `D${String(Math.floor(random() * 900) + 100)}`,
          _src_file: `snap_${snapshot_date}_${pick(['a', 'b', 'c'])}.xlsx`,
          _src_row: rows.length + 1,
          _loaded_at: `${snapshot_date} ${String(hour).padStart(2, '0')}:00:00`,
        });
      });
    }
  }
  return rows;
}

/** Orders copies as PREFER does: latest load, then the greatest file, then the greatest row. */
function preferOrder(a: RawRow, b: RawRow): number {
  if (a._loaded_at !== b._loaded_at) return a._loaded_at > b._loaded_at ? -1 : 1;
  if (a._src_file !== b._src_file) return a._src_file > b._src_file ? -1 : 1;
  return b._src_row - a._src_row;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

/** Each key's snapshots in date order, each with its preferred copy first. */
function snapshotsPerKey(rows: readonly RawRow[]): Map<string, RawRow[][]> {
  const result = new Map<string, RawRow[][]>();
  for (const [k, keyRows] of groupBy(rows, (row) => typedKey(row.k))) {
    const bySnapshot = [...groupBy(keyRows, (row) => row.snapshot_date)].sort(([a], [b]) => (a < b ? -1 : 1));
    result.set(
      k,
      bySnapshot.map(([, copies]) => [...copies].sort(preferOrder)),
    );
  }
  return result;
}

/**
 * The plain definition of a status history: per key, each snapshot's state is its preferred copy's;
 * the copies that agree with it belong to the snapshot, the others are dropped. In snapshot order, a
 * run is a maximal sequence of equal (st, cr), NULL equal to NULL. doc is the smallest doc of every
 * copy in the run; the lineage is the smallest file, then row, among the copies of its first snapshot.
 */
function expectedHistory(rows: readonly RawRow[]): HistoryRow[] {
  const history: HistoryRow[] = [];
  for (const [k, snapshots] of snapshotsPerKey(rows)) {
    const runs: RawRow[][][] = [];
    for (const copies of snapshots) {
      const [preferred] = copies;
      if (!preferred) continue;
      const agreeing = copies.filter((copy) => sameState(copy, preferred));
      const run = runs.at(-1);
      if (run?.[0]?.[0] && sameState(run[0][0], preferred)) run.push(agreeing);
      else runs.push([agreeing]);
    }
    runs.forEach((run, index) => {
      const firstSnapshot = run[0] as RawRow[];
      const [lineage] = [...firstSnapshot].sort((a, b) =>
        a._src_file < b._src_file ? -1 : a._src_file > b._src_file ? 1 : a._src_row - b._src_row,
      ) as [RawRow];
      history.push({
        k,
        st: lineage.st,
        cr: lineage.cr,
        doc: run
          .flat()
          .map((row) => row.doc)
          .sort()[0] as string,
        valid_from: lineage.snapshot_date,
        valid_to: runs[index + 1]?.[0]?.[0]?.snapshot_date ?? null,
        last_seen: ((run.at(-1) as RawRow[])[0] as RawRow).snapshot_date,
        _src_file: lineage._src_file,
        _src_row: lineage._src_row,
      });
    });
  }
  return sortHistory(history);
}

function sameState(a: RawRow, b: RawRow): boolean {
  return a.st === b.st && a.cr === b.cr;
}

/** What the generated data exercises: each case the macro must handle has to occur. */
function features(rows: readonly RawRow[]) {
  const counts = {
    absent: 0,
    returns: 0,
    twoStatesInOneSnapshot: 0,
    twoCopiesOfOneState: 0,
    fastKeys: 0,
    rawVariants: 0,
  };
  const allDates = [...new Set(rows.map((row) => row.snapshot_date))];
  for (const snapshots of snapshotsPerKey(rows).values()) {
    if (snapshots.length < allDates.length) counts.absent += 1;
    if (new Set(snapshots.flat().map((row) => row.k)).size > 1) counts.rawVariants += 1;
    let tangled = false;
    const seen: RawRow[] = [];
    for (const copies of snapshots) {
      const [preferred] = copies as [RawRow];
      if (copies.some((copy) => !sameState(copy, preferred))) {
        counts.twoStatesInOneSnapshot += 1;
        tangled = true;
      } else if (copies.length > 1) counts.twoCopiesOfOneState += 1;
      const last = seen.at(-1);
      if (last && !sameState(last, preferred) && seen.some((row) => sameState(row, preferred))) {
        counts.returns += 1;
        tangled = true;
      }
      seen.push(preferred);
    }
    if (!tangled) counts.fastKeys += 1;
  }
  return counts;
}

/** One row per key: the preferred copy of its newest snapshot. */
function expectedLatest(rows: readonly RawRow[]): RawRow[] {
  return [...snapshotsPerKey(rows).values()]
    .map((snapshots) => snapshots.at(-1)?.[0] as RawRow)
    .map((row) => ({ ...row, k: typedKey(row.k) }))
    .sort((a, b) => (a.k < b.k ? -1 : 1));
}

function sortHistory(rows: HistoryRow[]): HistoryRow[] {
  return rows.sort((a, b) => (a.k === b.k ? (a.valid_from < b.valid_from ? -1 : 1) : a.k < b.k ? -1 : 1));
}

function literal(value: string | number | null): string {
  if (value === null) return 'NULL';
  return typeof value === 'number' ? String(value) : `'${value.replaceAll("'", "''")}'`;
}

async function createRawTable(session: DuckDbSession, table: string): Promise<void> {
  await session.run(`CREATE SCHEMA IF NOT EXISTS raw; CREATE TABLE raw.${table} (k VARCHAR, snapshot_date DATE,
    st VARCHAR, cr VARCHAR, doc VARCHAR, _src_file VARCHAR, _src_row INTEGER, _stage_key VARCHAR, _loaded_at TIMESTAMP)`);
}

async function insertRows(session: DuckDbSession, table: string, rows: readonly RawRow[]): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map(
    (row) =>
      `(${[
        row.k,
        row.snapshot_date,
        row.st,
        row.cr,
        row.doc,
        row._src_file,
        row._src_row,
        row._src_file, // the stage key: here, the file itself
        row._loaded_at,
      ]
        .map(literal)
        .join(', ')})`,
  );
  await session.run(`INSERT INTO raw.${table} VALUES ${values.join(',\n')}`);
}

async function builtHistory(session: DuckDbSession): Promise<HistoryRow[]> {
  const rows = await session.all(`SELECT k, st, cr, doc, CAST(valid_from AS VARCHAR) AS valid_from,
    CAST(valid_to AS VARCHAR) AS valid_to, CAST(last_seen AS VARCHAR) AS last_seen, _src_file, _src_row
    FROM staging.status_history`);
  return sortHistory(rows as unknown as HistoryRow[]);
}

async function builtLatest(session: DuckDbSession): Promise<RawRow[]> {
  const rows = await session.all(`SELECT k, CAST(snapshot_date AS VARCHAR) AS snapshot_date, st, cr, doc,
    _src_file, _src_row, CAST(_loaded_at AS VARCHAR) AS _loaded_at FROM staging.latest_altas ORDER BY k`);
  return rows as unknown as RawRow[];
}

async function withSession<T>(work: (session: DuckDbSession) => Promise<T>): Promise<T> {
  const session = await DuckDbSession.open(':memory:');
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}

/** Splits rows into batches of whole, increasing snapshot dates. */
function batchesBySnapshot(rows: readonly RawRow[], count: number): RawRow[][] {
  const dates = [...new Set(rows.map((row) => row.snapshot_date))].sort();
  const bound = (index: number) => Math.round((index * dates.length) / count);
  return Array.from({ length: count }, (_, index) => {
    const chosen = new Set(dates.slice(bound(index), bound(index + 1)));
    return rows.filter((row) => chosen.has(row.snapshot_date));
  });
}

const SEEDS = [1, 7, 42, 2025];

describe('history.changes', () => {
  const sqlDir = project({ 'models/staging/status_history.sql': HISTORY_MODEL });

  it.each(SEEDS)('builds the plain status history in full, through both paths (seed %i)', async (seed) => {
    const rows = generateRows(seed);
    const seen = features(rows);
    for (const count of Object.values(seen)) expect(count).toBeGreaterThan(0);
    await withSession(async (session) => {
      await createRawTable(session, 'status_rows');
      await insertRows(session, 'status_rows', rows);
      await build(session, { sqlDir });
      expect(await builtHistory(session)).toEqual(expectedHistory(rows));
    });
  });

  it.each([
    [1, 2],
    [7, 3],
    [42, 4],
    [2025, 3],
  ])('builds incrementally what a full refresh builds (seed %i, %i batches)', async (seed, batches) => {
    const rows = generateRows(seed);
    await withSession(async (session) => {
      await createRawTable(session, 'status_rows');
      const loaded: RawRow[] = [];
      const modes: string[] = [];
      for (const batch of batchesBySnapshot(rows, batches)) {
        await insertRows(session, 'status_rows', batch);
        loaded.push(...batch);
        modes.push((await build(session, { sqlDir })).models[0]?.mode ?? 'missing');
        expect(await builtHistory(session)).toEqual(expectedHistory(loaded));
      }
      expect(modes).toEqual(['created', ...Array(batches - 1).fill('incremental')]);
      const incremental = await builtHistory(session);
      await build(session, { sqlDir, fullRefresh: true });
      expect(await builtHistory(session)).toEqual(incremental);
    });
  });

  it.each(SEEDS)(
    'rebuilds a key shown again in a snapshot it already has: a second sync the same day, a late file (seed %i)',
    async (seed) => {
      const rows = generateRows(seed);
      const late = lateFile(rows, seed);
      expect(late.length).toBeGreaterThan(3);
      await withSession(async (session) => {
        await createRawTable(session, 'status_rows');
        const loaded: RawRow[] = [];
        const modes: string[] = [];
        for (const batch of [...batchesByLoad(rows, 5), late]) {
          await insertRows(session, 'status_rows', batch);
          loaded.push(...batch);
          modes.push((await build(session, { sqlDir })).models[0]?.mode ?? 'missing');
          expect(await builtHistory(session)).toEqual(expectedHistory(loaded));
        }
        expect(modes).toEqual(['created', ...Array(5).fill('incremental')]);
        const incremental = await builtHistory(session);
        await build(session, { sqlDir, fullRefresh: true });
        expect(await builtHistory(session)).toEqual(incremental);
      });
    },
  );
});

/** Batches by load time: copies of one snapshot loaded at different hours can land in different batches. */
function batchesByLoad(rows: readonly RawRow[], count: number): RawRow[][] {
  const loads = [...new Set(rows.map((row) => row._loaded_at))].sort();
  const bound = (index: number) => Math.round((index * loads.length) / count);
  return Array.from({ length: count }, (_, index) => {
    const chosen = new Set(loads.slice(bound(index), bound(index + 1)));
    return rows.filter((row) => chosen.has(row._loaded_at));
  });
}

/** A file loaded after everything else that shows some keys again in old snapshots, some in a new state. */
function lateFile(rows: readonly RawRow[], seed: number): RawRow[] {
  const random = prng(seed + 1);
  return rows
    .filter(() => random() < 0.08)
    .map((row, index) => ({
      ...row,
      st: index % 2 === 0 ? row.st : 'RECHAZADA',
      doc: `LATE-${index}`,
      _src_file: 'late.xlsx',
      _src_row: index + 1,
      _loaded_at: '2026-06-01 08:00:00',
    }));
}

describe('latest.latest_per_key', () => {
  const sqlDir = project({ 'models/staging/latest_altas.sql': LATEST_MODEL });

  it.each(SEEDS)(
    'keeps the preferred copy of each key’s newest snapshot across batches (seed %i)',
    async (seed) => {
      const rows = generateRows(seed);
      await withSession(async (session) => {
        await createRawTable(session, 'alta_rows');
        const loaded: RawRow[] = [];
        for (const batch of batchesBySnapshot(rows, 3)) {
          await insertRows(session, 'alta_rows', batch);
          loaded.push(...batch);
          await build(session, { sqlDir });
          expect(await builtLatest(session)).toEqual(expectedLatest(loaded));
        }
        const before = new Map((await builtLatest(session)).map((row) => [row.k, row]));

        // A late load: older snapshots of some keys, and a newer copy of another key's newest snapshot.
        const [stale, refreshed] = [...before.values()];
        if (!stale || !refreshed) throw new Error('the generated data has too few keys');
        const late: RawRow[] = [
          { ...stale, snapshot_date: isoDay(stale.snapshot_date, -1), st: 'RECHAZADA', doc: 'D000' },
          { ...stale, snapshot_date: '2025-01-02', st: null, doc: 'D001', _src_file: 'zzz.xlsx' },
          { ...refreshed, st: 'RECHAZADA', doc: 'D999', _src_file: 'late.xlsx' },
        ].map((row, index) => ({ ...row, _src_row: 100_000 + index, _loaded_at: '2026-01-01 08:00:00' }));
        await insertRows(session, 'alta_rows', late);
        loaded.push(...late);
        const result = await build(session, { sqlDir });
        expect(result.models[0]).toMatchObject({ mode: 'incremental', merged: 1 });
        const after = await builtLatest(session);
        expect(after.find((row) => row.k === stale.k)).toEqual(stale);
        expect(after.find((row) => row.k === refreshed.k)).toMatchObject({ st: 'RECHAZADA', doc: 'D999' });
        expect(after).toEqual(expectedLatest(loaded));
        await build(session, { sqlDir, fullRefresh: true });
        expect(await builtLatest(session)).toEqual(after);
      });
    },
  );
});
