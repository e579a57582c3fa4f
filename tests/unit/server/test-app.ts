import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { type App, createApp } from '../../../src/main/app/create-app';

/** A real app on a fresh temp data dir, with its log lines captured (to check what leaks into logs). */
export function testApp(): { app: App; dataDir: string; logs: () => string; dispose: () => void } {
  const dataDir = mkdtempSync(join(tmpdir(), 'puente-ui-'));
  const out = new PassThrough();
  const lines: string[] = [];
  out.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')));
  const app = createApp({ dataDir, json: true, logOut: out, env: {} });
  return {
    app,
    dataDir,
    logs: () => lines.join(''),
    dispose: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}
