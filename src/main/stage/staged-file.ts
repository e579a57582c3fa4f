import { createHash } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { CanonicalBatch, DatasetName } from '../ingest/datasets';
import { sqlType, stagedColumns } from '../warehouse/raw-tables';

/**
 * Staged files are Parquet: typed (DECIMAL money, DATE, BIGINT), compact, read natively by DuckDB and
 * by Snowflake's COPY, and billed by Snowpipe at observed size. DuckDB itself writes them, on one
 * thread so that the same batch always gives the same bytes (and the same sha256).
 */

export interface StagedFile {
  path: string;
  rows: number;
  sha256: string;
  bytes: number;
}

const LINES_PER_WRITE = 5_000;

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The rows as newline-delimited JSON, every value a string, so nothing is typed before DuckDB casts it. */
function writeRowsAsJson(batch: CanonicalBatch, path: string): void {
  const names = stagedColumns(batch.dataset)
    .map((c) => c.name)
    .filter((n) => n !== '_src_file' && n !== '_src_row');
  const fd = openSync(path, 'w');
  try {
    let lines: string[] = [];
    for (const { srcRow, srcFile, values } of batch.rows) {
      const record: Record<string, string | null> = {
        _src_file: srcFile ?? batch.srcFile,
        _src_row: String(srcRow),
      };
      for (const name of names) record[name] = values[name] ?? null;
      lines.push(JSON.stringify(record));
      if (lines.length === LINES_PER_WRITE) {
        writeSync(fd, `${lines.join('\n')}\n`);
        lines = [];
      }
    }
    if (lines.length) writeSync(fd, `${lines.join('\n')}\n`);
  } finally {
    closeSync(fd);
  }
}

function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** SELECT list casting each text column to its warehouse type, in staged column order. */
function castingSelect(dataset: DatasetName): string {
  return stagedColumns(dataset)
    .map((c) => (c.type === 'text' ? c.name : `CAST(${c.name} AS ${sqlType(c.type, 'duckdb')}) AS ${c.name}`))
    .join(', ');
}

function jsonColumns(dataset: DatasetName): string {
  return `{${stagedColumns(dataset)
    .map((c) => `${sqlString(c.name)}: 'VARCHAR'`)
    .join(', ')}}`;
}

/**
 * Writes `batch` as `<outDir>/<dataset>-<srcSha16>.parquet` with typed columns plus `_src_file`,
 * `_src_row`. A value that does not cast to its column type fails the whole file, naming the dataset.
 */
export async function writeStagedFile(batch: CanonicalBatch, outDir: string): Promise<StagedFile> {
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, `${batch.dataset}-${batch.srcSha256.slice(0, 16)}.parquet`);
  const scratch = mkdtempSync(join(tmpdir(), 'puente-stage-'));
  const jsonPath = join(scratch, 'rows.ndjson');
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  try {
    writeRowsAsJson(batch, jsonPath);
    const source = batch.rows.length
      ? `read_json(${sqlString(jsonPath)}, format = 'newline_delimited', columns = ${jsonColumns(batch.dataset)})`
      : `(SELECT ${stagedColumns(batch.dataset)
          .map((c) => `NULL::VARCHAR AS ${c.name}`)
          .join(', ')} LIMIT 0)`;
    await connection.run(
      `COPY (SELECT ${castingSelect(batch.dataset)} FROM ${source}) TO ${sqlString(path)} (FORMAT parquet, COMPRESSION zstd)`,
    );
  } catch (error) {
    throw new Error(`Cannot stage ${batch.dataset} rows from ${batch.srcFile}: ${(error as Error).message}`);
  } finally {
    connection.closeSync();
    instance.closeSync();
    rmSync(scratch, { recursive: true, force: true });
  }
  return { path, rows: batch.rows.length, sha256: await sha256OfFile(path), bytes: statSync(path).size };
}
