import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Api, createApi } from '../../../src/main/api/dispatcher';
import type { ApiEventMessage } from '../../../src/shared/api';
import { testApp } from '../server/test-app';

describe('API dispatcher', () => {
  let fixture: ReturnType<typeof testApp>;
  let api: Api;
  let events: ApiEventMessage[];

  beforeEach(() => {
    fixture = testApp();
    api = createApi(fixture.app, 'electron');
    events = [];
    api.events.subscribe((message) => events.push(message));
  });
  afterEach(() => fixture.dispose());

  it('answers app.info and status.get from the real core', async () => {
    const info = await api.call('app.info', {});
    expect(info).toEqual({
      ok: true,
      value: {
        name: 'Puente',
        version: fixture.app.version,
        dataDir: fixture.dataDir,
        locale: 'es-MX',
        face: 'electron',
      },
    });
    const status = await api.call('status.get', undefined);
    expect(status.ok && (status.value as { empty: boolean; dataDir: string })).toMatchObject({
      empty: true,
      dataDir: fixture.dataDir,
    });
  });

  it('rejects unknown methods and bad payloads with typed errors naming the field', async () => {
    expect(await api.call('settings.delete', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    expect(await api.call({ toString: () => 'app.info' }, {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    const extra = await api.call('app.info', { sneaky: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!extra.ok && extra.error.problems.join()).toContain('sneaky');
    const wrongType = await api.call('settings.update', { changes: 'locale=en' });
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!wrongType.ok && wrongType.error.problems.join()).toContain('changes');
  });

  it('saves valid settings, returns them and tells every face', async () => {
    const result = await api.call('settings.update', { changes: { locale: 'en' } });
    expect(result).toMatchObject({
      ok: true,
      value: { settings: { locale: 'en', stage: { kind: 'local' } } },
    });
    expect(JSON.parse(readFileSync(fixture.app.dataDir.settingsFile, 'utf8')).locale).toBe('en');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ event: 'settings.changed', data: { settings: { locale: 'en' } } });
  });

  it('refuses invalid settings with one problem per field, saves nothing and emits nothing', async () => {
    const result = await api.call('settings.update', { changes: { locale: 'fr', warehous: {} } });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_settings' } });
    const problems = result.ok ? [] : result.error.problems;
    expect(problems.some((line) => line.startsWith('locale:'))).toBe(true);
    expect(problems.some((line) => line.includes('"warehous"'))).toBe(true);
    expect(fixture.app.settings().locale).toBe('es-MX');
    expect(events).toEqual([]);
  });
});
