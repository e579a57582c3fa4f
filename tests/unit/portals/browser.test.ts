import { describe, expect, it } from 'vitest';
import { resolveBrowser } from '../../../src/main/portals/browser';

const only =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path);

describe('browser resolution', () => {
  it('the setting wins, then PUENTE_BROWSER', () => {
    const exists = only('/opt/a', '/opt/b', '/usr/bin/chromium');
    expect(resolveBrowser('/opt/a', { PUENTE_BROWSER: '/opt/b' }, 'linux', exists)).toEqual({
      executablePath: '/opt/a',
      source: 'setting',
    });
    expect(resolveBrowser(undefined, { PUENTE_BROWSER: '/opt/b' }, 'linux', exists).source).toBe(
      'PUENTE_BROWSER',
    );
  });

  it('a configured path that does not exist is an error naming it, not a silent fallback', () => {
    expect(() => resolveBrowser('/nope/chrome', {}, 'linux', only('/usr/bin/chromium'))).toThrow(
      /setting does not exist: \/nope\/chrome/,
    );
  });

  it('falls back to an installed Chrome, then the system Chromium', () => {
    expect(
      resolveBrowser(undefined, {}, 'linux', only('/usr/bin/google-chrome', '/usr/bin/chromium')).source,
    ).toBe('installed Chrome/Edge');
    expect(resolveBrowser(undefined, {}, 'linux', only('/usr/bin/chromium')).executablePath).toBe(
      '/usr/bin/chromium',
    );
  });

  it('with no browser at all, the error says how to install one', () => {
    expect(() => resolveBrowser(undefined, {}, 'linux', only())).toThrow(
      /apt-get install chromium.*PUENTE_BROWSER/,
    );
  });
});
