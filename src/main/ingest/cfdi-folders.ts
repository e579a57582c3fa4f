import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { LandingStore, PutResult } from '../landing/store';
import { failure } from './failure';
import { type LandedParseOptions, parseLanded, parseLandedFile } from './landed';
import type { ParseOutcome } from './parse';

/** Every .xml file under the folders, recursively, each once (symlinks resolved), in a stable order. */
export async function listXmlFiles(folders: readonly string[]): Promise<string[]> {
  const seenDirs = new Set<string>();
  const files = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    const real = await realpath(dir);
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    for (const item of await readdir(real, { withFileTypes: true })) {
      const path = join(real, item.name);
      if (item.isDirectory() || (item.isSymbolicLink() && (await isDirectory(path)))) await walk(path);
      else if (/\.xml$/i.test(item.name)) files.add(await realpath(path).catch(() => path));
    }
  };
  for (const folder of folders) {
    if (!(await isDirectory(folder))) {
      throw new Error(
        `CFDI folder ${folder} does not exist or is not a folder; fix cfdiFolders in the settings`,
      );
    }
    await walk(folder);
  }
  return [...files].sort();
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

export interface CfdiFileResult {
  file: string;
  /** Null when the file could not be read. */
  sha256: string | null;
  /** False when these bytes were landed (and parsed) by an earlier import. */
  isNew: boolean;
  outcome: ParseOutcome;
}

export interface CfdiFolderImport {
  files: CfdiFileResult[];
  /** Different files in this scan stamped with the same UUID. */
  duplicates: Array<{ uuid: string; files: string[] }>;
}

/**
 * Lands every CFDI XML under the folders and parses it. Files landed before are parsed again (it is
 * cheap) to report duplicates, but their manifest outcome is only recorded the first time.
 */
export async function importCfdiFolders(
  store: LandingStore,
  folders: readonly string[],
  options: LandedParseOptions & { runId: string },
): Promise<CfdiFolderImport> {
  const files: CfdiFileResult[] = [];
  const byUuid = new Map<string, string[]>();
  for (const file of await listXmlFiles(folders)) {
    let landed: PutResult;
    try {
      landed = await store.put(file, {
        portal: 'local',
        report: 'cfdi',
        parameters: { file, snapshotDate: options.snapshotDate },
        downloadedAt: new Date().toISOString(),
        originalName: basename(file),
        runId: options.runId,
      });
    } catch (error) {
      const message = `${file} cannot be copied into the landing store (${(error as Error).message}); check that it is readable`;
      files.push({
        file,
        sha256: null,
        isNew: false,
        outcome: { ok: false, failure: failure('unreadable', message) },
      });
      continue;
    }
    const outcome =
      landed.entry.outcome.status === 'pending'
        ? await parseLandedFile(store, landed.sha256, options)
        : await parseLanded(store, landed.entry, options);
    files.push({ file, sha256: landed.sha256, isNew: landed.isNew, outcome });
    if (outcome.ok && outcome.uuid) byUuid.set(outcome.uuid, [...(byUuid.get(outcome.uuid) ?? []), file]);
  }
  const duplicates = [...byUuid]
    .filter(([, list]) => list.length > 1)
    .map(([uuid, list]) => ({ uuid, files: list }));
  return { files, duplicates };
}
