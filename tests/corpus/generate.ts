import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cfdiCases } from './cfdi';
import { rawCases } from './raw';
import { spreadsheetCases } from './spreadsheets';
import type { CorpusCase } from './types';

export type { CorpusCase, CorpusExpectation } from './types';
export { CORPUS_SNAPSHOT } from './types';

/** A corpus file on disk and what the pipeline must do with it. */
export interface CorpusFile extends CorpusCase {
  path: string;
}

export interface CorpusOptions {
  /** Include the 200 MB file (sparse on disk, but landing copies it whole). Default true. */
  huge?: boolean;
}

/**
 * Writes the hostile-input corpus into `dir` (one file per case, named as it would have been saved)
 * and `dir/corpus.json`, the index of cases with their expected outcome. Files are generated, never
 * committed: the 200 MB one is written sparse.
 */
export async function generateCorpus(dir: string, options: CorpusOptions = {}): Promise<CorpusFile[]> {
  await mkdir(dir, { recursive: true });
  const sources = [
    ...(await spreadsheetCases()),
    ...cfdiCases(),
    ...rawCases({ huge: options.huge ?? true }),
  ];
  const names = new Set<string>();
  const files: CorpusFile[] = [];
  for (const { bytes, ...rest } of sources) {
    if (names.has(rest.name)) throw new Error(`corpus: two cases are named ${rest.name}`);
    names.add(rest.name);
    const path = join(dir, rest.name);
    if (Buffer.isBuffer(bytes)) await writeFile(path, bytes);
    else await bytes(path);
    files.push({ ...rest, path });
  }
  await writeFile(join(dir, 'corpus.json'), `${JSON.stringify(files, null, 2)}\n`);
  return files;
}
