import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import JSZip from 'jszip';
import type { SqlSession } from '../../../src/main/warehouse/session';

/** A named piece of text to search: a file, an archive entry, a table's rows, a log. */
export interface Artefact {
  name: string;
  text: string;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Both readings of the bytes: Latin-1 (byte for byte) and UTF-16 (Windows tools write it). */
const readings = (bytes: Buffer) => `${bytes.toString('latin1')}\n${bytes.toString('utf16le')}`;

/**
 * Every file under `root` (except `skip`), with zip archives (Playwright traces, .xlsx exports) opened
 * entry by entry, since their compressed bytes would hide a secret from a plain search.
 */
export async function fileArtefacts(root: string, skip: (path: string) => boolean): Promise<Artefact[]> {
  const out: Artefact[] = [];
  for (const file of filesUnder(root)) {
    if (skip(file)) continue;
    const bytes = readFileSync(file);
    const name = relative(root, file);
    out.push({ name, text: readings(bytes) });
    if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
      const zip = await JSZip.loadAsync(bytes);
      for (const entry of Object.values(zip.files)) {
        if (!entry.dir)
          out.push({ name: `${name}!${entry.name}`, text: readings(await entry.async('nodebuffer')) });
      }
    }
  }
  return out;
}

/**
 * What a warehouse holds, read back through SQL: DuckDB compresses strings on disk (and Parquet pages
 * are compressed), so the file bytes alone could hide a secret.
 */
export async function warehouseArtefacts(session: SqlSession, parquetFiles: string[]): Promise<Artefact[]> {
  const out: Artefact[] = [];
  const tables = await session.all(
    `SELECT table_schema AS s, table_name AS t FROM information_schema.tables WHERE table_schema NOT IN ('information_schema', 'pg_catalog')`,
  );
  for (const { s, t } of tables) {
    const rows = await session.all(`SELECT * FROM "${String(s)}"."${String(t)}"`);
    out.push({ name: `duckdb ${String(s)}.${String(t)}`, text: JSON.stringify(rows) });
  }
  for (const file of parquetFiles) {
    const rows = await session.all(`SELECT * FROM read_parquet('${file.replace(/'/g, "''")}')`);
    out.push({ name: `parquet ${file}`, text: JSON.stringify(rows) });
  }
  return out;
}
