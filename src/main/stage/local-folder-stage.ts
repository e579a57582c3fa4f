import { copyFile, link, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { assertStageKey, type PutResult, type Stage, StageConflictError, type StagedObject } from './stage';
import { sha256OfFile } from './staged-file';

/** The embedded default: staged files under a folder of the data dir (`<data dir>/stage`). */
export class LocalFolderStage implements Stage {
  constructor(readonly root: string) {}

  describe(): string {
    return `local folder ${this.root}`;
  }

  /** The file holding `key`: the DuckDB loader reads staged files straight from here. */
  localPath(key: string): string {
    assertStageKey(key);
    return join(this.root, ...key.split('/'));
  }

  async put(localPath: string, key: string): Promise<PutResult> {
    const target = this.localPath(key);
    const sha256 = await sha256OfFile(localPath);
    const { size } = await stat(localPath);
    await mkdir(dirname(target), { recursive: true });
    // Copy to a temp name, then hard-link it into place: link() fails if the key exists, so a key is
    // never overwritten and never seen half-written.
    const temp = `${target}.part-${process.pid}-${Date.now()}`;
    await copyFile(localPath, temp);
    try {
      await link(temp, target);
      return { key, size, sha256, alreadyPresent: false };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if ((await sha256OfFile(target)) !== sha256) throw new StageConflictError(key, this.describe());
      return { key, size, sha256, alreadyPresent: true };
    } finally {
      await rm(temp, { force: true });
    }
  }

  async list(prefix: string): Promise<StagedObject[]> {
    const found: StagedObject[] = [];
    const walk = async (folder: string): Promise<void> => {
      const entries = await readdir(folder, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [];
        throw error;
      });
      for (const entry of entries) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (entry.isFile() && !entry.name.includes('.part-')) {
          const key = relative(this.root, path).split(sep).join('/');
          if (!key.startsWith(prefix)) continue;
          const info = await stat(path);
          found.push({ key, size: info.size, lastModified: info.mtime.toISOString() });
        }
      }
    };
    // Only the folder the prefix names (and below) can hold matching keys.
    const folder = prefix.slice(0, prefix.lastIndexOf('/') + 1);
    await walk(folder ? this.localPath(folder.slice(0, -1)) : this.root);
    return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async get(key: string, destPath: string): Promise<{ size: number; sha256: string }> {
    await mkdir(dirname(destPath), { recursive: true });
    await copyFile(this.localPath(key), destPath);
    return { size: (await stat(destPath)).size, sha256: await sha256OfFile(destPath) };
  }
}
