import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, resolveDataDir } from '../../../src/main/settings/data-dir';
import { SettingsError } from '../../../src/main/settings/errors';
import { loadSettings, parseSettings, saveSettings } from '../../../src/main/settings/store';

function problemsOf(raw: unknown): string[] {
  try {
    parseSettings(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return (error as SettingsError).problems;
  }
  throw new Error('expected the settings to be rejected');
}

describe('settings validation', () => {
  it('an empty file gives the embedded default: local stage and DuckDB', () => {
    const settings = parseSettings({});
    expect(settings.stage).toEqual({ kind: 'local', folder: 'stage' });
    expect(settings.warehouse).toEqual({ kind: 'duckdb', file: 'warehouse.duckdb' });
    expect(settings.locale).toBe('es-MX');
    expect(settings.schedule.enabled).toBe(false);
  });

  it('accepts a full production configuration', () => {
    const settings = parseSettings({
      portals: {
        sai: { url: 'https://sai.example.gob.mx/', user: 'ana' },
        prei: { url: 'https://prei.example.gob.mx/', user: 'ana', supplierNumber: '0000123456' },
      },
      stage: { kind: 's3', bucket: 'puente-raw', region: 'us-west-2', profile: 'cobranza' },
      warehouse: {
        kind: 'snowflake',
        account: 'org-acct',
        user: 'ANA',
        warehouse: 'WH',
        database: 'PUENTE',
        authenticator: 'SNOWFLAKE_JWT',
      },
      locale: 'en',
    });
    expect(settings.stage.kind).toBe('s3');
    expect(settings.portals.prei?.supplierNumber).toBe('0000123456');
    expect(settings.portals.sai?.windowDays).toBe(31);
  });

  it('a missing field is named with the fix', () => {
    const problems = problemsOf({
      warehouse: { kind: 'snowflake', user: 'ANA', warehouse: 'WH', database: 'DB' },
    });
    expect(problems).toEqual(['warehouse.account: missing; add it (expected string)']);
  });

  it('a wrong type is named with what was expected', () => {
    expect(problemsOf({ portals: { pacingMs: 'fast' } })).toEqual([
      'portals.pacingMs: expected number, got string; change the value',
    ]);
  });

  it('unknown keys are reported, not silently dropped, at any depth', () => {
    expect(problemsOf({ warehous: {} })).toEqual([
      '(top level): unknown key "warehous"; remove it or check the spelling',
    ]);
    expect(problemsOf({ stage: { kind: 'local', folder: 'stage', bucket: 'x' } })[0]).toContain(
      'stage: unknown key "bucket"',
    );
  });

  it('a supplier number without its leading zeros is refused with the fix', () => {
    const [problem] = problemsOf({
      portals: { prei: { url: 'https://p.example/', supplierNumber: '123456' } },
    });
    expect(problem).toContain('portals.prei.supplierNumber');
    expect(problem).toContain('leading zeros');
  });

  it('every problem of a file is listed, not only the first', () => {
    expect(problemsOf({ locale: 'fr', schedule: { dailyAt: '25:00' } })).toHaveLength(2);
  });
});

describe('settings file', () => {
  it('round-trips through save and load, written owner-only', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'puente-settings-')), 'settings.json');
    saveSettings(file, { locale: 'en' });
    expect(loadSettings(file).locale).toBe('en');
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('invalid JSON names the file and says to fix the syntax', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'puente-settings-')), 'settings.json');
    writeFileSync(file, '{ "locale": ');
    expect(() => loadSettings(file)).toThrow(/settings\.json.*not valid JSON.*fix the syntax/s);
  });

  it('an invalid save leaves the previous file untouched', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'puente-settings-')), 'settings.json');
    saveSettings(file, { locale: 'en' });
    expect(() => saveSettings(file, { locale: 'xx' })).toThrow(SettingsError);
    expect(JSON.parse(readFileSync(file, 'utf8')).locale).toBe('en');
  });
});

describe('data dir', () => {
  it('--data-dir wins over PUENTE_DATA_DIR, which wins over the OS default', () => {
    expect(resolveDataDir('/tmp/flag', { PUENTE_DATA_DIR: '/tmp/env' })).toBe('/tmp/flag');
    expect(resolveDataDir(undefined, { PUENTE_DATA_DIR: '/tmp/env' })).toBe('/tmp/env');
    expect(resolveDataDir(undefined, { XDG_CONFIG_HOME: '/tmp/xdg' })).toBe(
      defaultDataDir({ XDG_CONFIG_HOME: '/tmp/xdg' }),
    );
  });

  it('follows each OS convention for per-user app data', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/ana/.config' }, 'linux')).toBe(
      '/home/ana/.config/Puente',
    );
    expect(defaultDataDir({ APPDATA: 'C:/Users/ana/AppData/Roaming' }, 'win32')).toContain('Roaming');
    expect(defaultDataDir({}, 'darwin')).toContain('Library/Application Support/Puente');
  });
});
