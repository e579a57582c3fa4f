import { existsSync, readFileSync } from 'node:fs';
import { join, matchesGlob } from 'node:path';
import type { Configuration } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util/out/DebugLogger';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * What can be checked of the packaging offline: electron-builder.yml as electron-builder itself
 * loads and validates it (its own schema, no Electron download), and the essentials the app needs
 * at run time. Packaging itself needs the Electron binary: see docs/packaging.md.
 */

const root = join(__dirname, '..', '..', '..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  devDependencies: Record<string, string>;
};
let config: Configuration;

/** The `files` globs, in order, as electron-builder normalises them ({ filter: [...] } or strings). */
function filePatterns(): string[] {
  const entries = ([] as unknown[]).concat(config.files ?? []);
  return entries.flatMap((entry) =>
    typeof entry === 'string'
      ? [entry]
      : ([] as string[]).concat((entry as { filter?: string[] }).filter ?? []),
  );
}

/** Whether a project file goes into app.asar: the last matching pattern decides ("!" excludes). */
function shipped(path: string): boolean {
  let included = false;
  for (const pattern of filePatterns()) {
    if (pattern.startsWith('!')) {
      if (matchesGlob(path, pattern.slice(1))) included = false;
    } else if (matchesGlob(path, pattern)) included = true;
  }
  return included;
}

function unpacked(path: string): boolean {
  return ([] as string[]).concat(config.asarUnpack ?? []).some((pattern) => matchesGlob(path, pattern));
}

beforeAll(async () => {
  config = await getConfig(root, null, null);
});

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration schema", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // The check is real: a misspelt key fails it.
    await expect(
      validateConfiguration({ ...config, asarUnpak: ['x'] } as Configuration, new DebugLogger(false)),
    ).rejects.toThrow(/unknown property 'asarUnpak'/);
  });

  it('names the app and builds an installer per platform', () => {
    expect(config.appId).toBe('mx.puente.app');
    expect(config.productName).toBe('Puente');
    expect(config.win?.target).toBe('nsis');
    expect(config.mac?.target).toBe('dmg');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    for (const icon of [config.win?.icon, config.mac?.icon, config.linux?.icon])
      expect(existsSync(join(root, String(icon))), String(icon)).toBe(true);
  });

  it('ships the built code (the entry package.json names) and the SQL models', () => {
    expect(shipped(packageJson.main)).toBe(true);
    expect(shipped('out/main/cli.js')).toBe(true);
    expect(shipped('out/preload/index.js')).toBe(true);
    expect(shipped('out/renderer/index.html')).toBe(true);
    expect(shipped('sql/models/marts/aging.sql')).toBe(true);
    expect(shipped('package.json')).toBe(true);
    expect(shipped('src/main/index.ts')).toBe(false);
    expect(shipped('tests/sim/index.ts')).toBe(false);
    expect(existsSync(join(root, 'sql', 'models', 'marts', 'aging.sql'))).toBe(true);
  });

  it('ships no test artefact from out/', () => {
    expect(shipped('out/test-results.json')).toBe(false);
  });

  it("unpacks DuckDB's native binding (a .node file cannot load from inside app.asar)", () => {
    for (const binding of ['linux-x64', 'win32-x64', 'darwin-arm64', 'darwin-x64'])
      expect(unpacked(`node_modules/@duckdb/node-bindings-${binding}/duckdb.node`), binding).toBe(true);
    expect(unpacked('out/main/index.js')).toBe(false);
  });

  it('sets the fuses: no ELECTRON_RUN_AS_NODE, no NODE_OPTIONS or --inspect, app only from a checked asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('pins Electron exactly (electron-builder packages the version installed)', () => {
    expect(packageJson.devDependencies.electron).toMatch(/^\d+\.\d+\.\d+$/);
    expect(packageJson.devDependencies['electron-builder']).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
