import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rendererFileResponse } from '../../../src/main/electron/protocol-response';
import {
  appSchemePrivileges,
  externalHostsFromSettings,
  isAllowedExternalUrl,
  isTrustedRendererUrl,
  windowSecurityOptions,
} from '../../../src/main/electron/security';
import { contentSecurityPolicy } from '../../../src/main/server/content-security-policy';
import { parseSettings } from '../../../src/main/settings/store';

describe('Electron window security (asserted without Electron)', () => {
  it('isolates the renderer: sandbox, context isolation, no Node, web security on', () => {
    expect(windowSecurityOptions('/app/out/preload/index.js')).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('has a CSP with only self scripts, no inline or eval, no plugins, no framing', () => {
    const directives = new Map(
      contentSecurityPolicy()
        .split('; ')
        .map((part) => [part.split(' ')[0], part.split(' ').slice(1).join(' ')]),
    );
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(contentSecurityPolicy()).not.toMatch(/unsafe-(inline|eval)|\*/);
  });

  it('registers app:// as a standard secure scheme', () => {
    expect(appSchemePrivileges()).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
    });
  });

  it('trusts IPC only from the app page (or the dev server in development)', () => {
    expect(isTrustedRendererUrl('app://puente/index.html')).toBe(true);
    expect(isTrustedRendererUrl('app://evil/index.html')).toBe(false);
    expect(isTrustedRendererUrl('https://puente/index.html')).toBe(false);
    expect(isTrustedRendererUrl('file:///tmp/index.html')).toBe(false);
    expect(isTrustedRendererUrl('not a url')).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173/')).toBe(false);
  });

  it('opens external links only over https to allowlisted hosts', () => {
    const settings = parseSettings({
      portals: { sai: { url: 'https://sai.imss.gob.mx/' } },
      warehouse: {
        kind: 'snowflake',
        account: 'org-acct',
        user: 'ANA',
        warehouse: 'WH',
        database: 'PUENTE',
        dashboards: [{ name: 'Cobranza', url: 'https://app.snowflake.com/org/acct/#/cobranza' }],
      },
    });
    const hosts = externalHostsFromSettings(settings);
    expect(hosts.sort()).toEqual(['app.snowflake.com', 'sai.imss.gob.mx']);
    expect(isAllowedExternalUrl('https://app.snowflake.com/org/acct/#/cobranza', hosts)).toBe(true);
    expect(isAllowedExternalUrl('https://SAI.imss.gob.mx/x', hosts)).toBe(true);
    expect(isAllowedExternalUrl('http://app.snowflake.com/', hosts)).toBe(false);
    expect(isAllowedExternalUrl('https://app.snowflake.com.evil.example/', hosts)).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@app.snowflake.com/', hosts)).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd', hosts)).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)', hosts)).toBe(false);
  });
});

describe('app:// protocol responses', () => {
  const dir = mkdtempSync(join(tmpdir(), 'puente-app-protocol-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Puente</title>');
  writeFileSync(join(dir, 'outside.txt'), 'outside');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves renderer files with the CSP', async () => {
    const response = await rendererFileResponse(rendererDir, 'app://puente/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('<title>Puente</title>');
  });

  it('refuses traversal, other hosts and missing files', async () => {
    // The URL parser already folds encoded dot segments into the root: the file outside stays unreachable.
    expect((await rendererFileResponse(rendererDir, 'app://puente/%2e%2e/outside.txt')).status).toBe(404);
    expect((await rendererFileResponse(rendererDir, 'app://puente/..%2foutside.txt')).status).toBe(403);
    expect((await rendererFileResponse(rendererDir, 'app://other/index.html')).status).toBe(404);
    expect((await rendererFileResponse(rendererDir, 'app://puente/nope.js')).status).toBe(404);
  });
});
