import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createApp } from '../../../src/main/app/create-app';
import type { WorldFiles } from '../../sim/files/write-world';
import { generateWorld, writeWorldFiles } from '../../sim/index';
import { rawTotals } from '../reliability/raw-totals';

/** A small simulated world (three months, a few hundred altas): enough files to stage and load. */
export const FAULT_WORLD = generateWorld({
  seed: 8,
  startDate: '2025-01-01',
  endDate: '2025-03-31',
  altasPerYear: 600,
});
export const FAULT_DAY = '2025-03-31';

export function writeFaultWorld(dir: string): Promise<WorldFiles> {
  return writeWorldFiles(dir, FAULT_WORLD, FAULT_DAY);
}

/**
 * A fresh data dir whose settings name the world's CFDI folder and PAQ workbook, plus `extra`
 * top-level sections. Written as a plain file, as an operator would, so the built CLI reads it.
 */
export function dataDirWith(
  workDir: string,
  sources: WorldFiles,
  extra: Record<string, unknown> = {},
): string {
  const dataDir = mkdtempSync(join(workDir, 'data-'));
  writeSettings(dataDir, {
    cfdiFolders: [sources.cfdiDir],
    paqWorkbook: { file: sources.paqFile, sheet: 'Reporte Paq' },
    ...extra,
  });
  return dataDir;
}

export function writeSettings(dataDir: string, settings: unknown): void {
  writeFileSync(join(dataDir, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
}

const quiet = () => new Writable({ write: (_chunk, _encoding, done) => done() });

/** Per raw table: rows, distinct (file, row) pairs, files and exact money sums (see rawTotals). */
export async function warehouseTotals(dataDir: string): Promise<Record<string, string>> {
  const app = createApp({ dataDir, env: { PUENTE_VAULT_KEY: 'x' }, logOut: quiet() });
  try {
    return await rawTotals(await app.warehouse());
  } finally {
    await app.close();
  }
}

/** Stores a secret in the data dir's file vault under the key the child CLI uses (PUENTE_VAULT_KEY=x). */
export async function storeSecret(dataDir: string, key: string, secret: string): Promise<void> {
  const app = createApp({ dataDir, env: { PUENTE_VAULT_KEY: 'x' }, logOut: quiet() });
  try {
    await app.vault.set(key, secret);
  } finally {
    await app.close();
  }
}
