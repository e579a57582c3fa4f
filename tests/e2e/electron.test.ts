import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron } from 'playwright';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../src/main/electron/binary';

const root = resolve(__dirname, '..', '..');
const electron = findElectronBinary();
const skipReason = electron.found ? '' : `Electron's binary is not available here (${electron.reason})`;
if (skipReason) console.warn(`Electron smoke test skipped: ${skipReason}`);

describe.skipIf(!electron.found)(`Electron app${skipReason ? ` [skipped: ${skipReason}]` : ''}`, () => {
  it('opens the window on app://, with the shell, the narrow bridge and no Node', async () => {
    if (!electron.found) return;
    expect(existsSync(join(root, 'out', 'main', 'index.js')), 'run `npm run build` first').toBe(true);
    const dataDir = mkdtempSync(join(tmpdir(), 'puente-electron-'));
    // Chromium's own sandbox cannot start as root; the renderer sandbox option stays on.
    const args = process.getuid?.() === 0 ? ['--no-sandbox', root] : [root];
    const app = await _electron.launch({
      executablePath: electron.path,
      args,
      env: { ...process.env, PUENTE_DATA_DIR: dataDir },
    });
    try {
      const window = await app.firstWindow();
      await window.getByTestId('status-facts').waitFor();
      expect(window.url()).toMatch(/^app:\/\/puente\//);
      expect(await window.getByRole('heading', { level: 1 }).textContent()).toBe('Resumen');
      expect(await window.getByTestId('status-facts').textContent()).toContain(dataDir);
      const exposed = await window.evaluate(() => ({
        bridge: Object.keys((window as unknown as { puente: object }).puente).sort(),
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
      }));
      expect(exposed).toEqual({ bridge: ['call', 'on'], require: 'undefined', process: 'undefined' });
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
