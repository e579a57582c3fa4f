import { randomBytes } from 'node:crypto';

export interface Download {
  path: string;
  fileName: string;
  contentType: string;
}

/** Finished exports offered to browser mode, by an unguessable id, for a limited time. */
export class DownloadRegistry {
  private readonly entries = new Map<string, Download & { expires: number }>();

  constructor(private readonly ttlMs = 60 * 60 * 1000) {}

  offer(download: Download, now = Date.now()): string {
    this.prune(now);
    const id = randomBytes(18).toString('base64url');
    this.entries.set(id, { ...download, expires: now + this.ttlMs });
    return id;
  }

  find(id: string, now = Date.now()): Download | undefined {
    this.prune(now);
    return this.entries.get(id);
  }

  private prune(now: number): void {
    for (const [id, entry] of this.entries) if (entry.expires <= now) this.entries.delete(id);
  }
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
