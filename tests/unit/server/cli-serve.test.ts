import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerServe } from '../../../src/main/cli/commands/serve';
import { registerStart } from '../../../src/main/cli/commands/start';
import { findElectronBinary } from '../../../src/main/electron/binary';
import { canOpenBrowser } from '../../../src/main/server/browser-mode';
import { rawRequest } from './raw-http';

const root = resolve(__dirname, '..', '..', '..');
const cli = join(root, 'bin', 'puente.cjs');

function helpOfBuiltCli(): string {
  return spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' }).stdout ?? '';
}

describe('serve and start commands', () => {
  it('register with their options and reject a bad port', async () => {
    const program = new Command('puente').exitOverride().configureOutput({ writeErr: () => undefined });
    registerServe(program);
    registerStart(program);
    expect(program.commands.map((command) => command.name())).toEqual(['serve', 'start']);
    await expect(program.parseAsync(['node', 'puente', 'serve', '--port', '70000'])).rejects.toThrow(
      /0 to 65535/,
    );
    await expect(program.parseAsync(['node', 'puente', 'start', '--port', 'x'])).rejects.toThrow(
      /0 to 65535/,
    );
  });

  it('open a system browser only where one can be shown', () => {
    expect(canOpenBrowser({}, 'linux')).toBe(false);
    expect(canOpenBrowser({ DISPLAY: ':0' }, 'linux')).toBe(true);
    expect(canOpenBrowser({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(canOpenBrowser({}, 'win32')).toBe(true);
  });

  it('finds no Electron binary without trying to download one when it is absent', () => {
    const found = findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: join(tmpdir(), 'no-electron-here') });
    expect(found.found).toBe(false);
    expect(found.found ? '' : found.reason).toMatch(/never downloaded|missing/);
  });

  const wired = helpOfBuiltCli().includes('serve');
  if (!wired) console.warn('`puente serve` process test skipped: the built CLI does not list serve yet');
  it.skipIf(!wired)('`puente serve` prints the address, serves, and exits cleanly on SIGINT', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'puente-serve-'));
    const child = spawn(process.execPath, [cli, '--data-dir', dataDir, 'serve', '--port', '0'], {
      env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' },
    });
    try {
      const firstLine = await new Promise<string>((resolveLine, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString('utf8');
          if (out.includes('\n')) resolveLine(out.split('\n')[0] ?? '');
        });
        child.on('exit', (code) => reject(new Error(`serve exited early with ${code}`)));
      });
      const match = /^http:\/\/127\.0\.0\.1:(\d+)\/#token=([\w-]+)$/.exec(firstLine);
      expect(match, firstLine).not.toBeNull();
      const page = await rawRequest(Number(match?.[1]), { path: '/' });
      expect(page.status).toBe(200);
      const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
