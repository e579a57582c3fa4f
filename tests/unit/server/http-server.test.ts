import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../../src/main/server/http-server';
import { apiCall, rawRequest } from './raw-http';
import { testApp } from './test-app';

/** Reads the event stream until `text` arrives (or fails after a few seconds). */
function waitForEvent(port: number, token: string, text: string, onOpen: () => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/api/events', headers: { 'x-puente-token': token } },
      (res) => {
        let seen = '';
        const timer = setTimeout(() => reject(new Error(`no event; got: ${seen}`)), 5000);
        res.on('data', (chunk: Buffer) => {
          seen += chunk.toString('utf8');
          if (seen.startsWith(': connected') && seen.length === ': connected\n\n'.length) onOpen();
          if (seen.includes(text)) {
            clearTimeout(timer);
            req.destroy();
            resolve(seen);
          }
        });
      },
    );
    req.on('error', () => undefined);
    req.end();
  });
}

describe('browser mode HTTP bridge', () => {
  let fixture: ReturnType<typeof testApp>;
  let server: RunningServer;
  let rendererDir: string;
  let auth: Record<string, string>;

  beforeAll(async () => {
    rendererDir = mkdtempSync(join(tmpdir(), 'puente-renderer-'));
    mkdirSync(join(rendererDir, 'assets'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Puente</title>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1);');
    // A file beside the renderer folder that traversal would reach.
    writeFileSync(join(rendererDir, '..', 'puente-secret-beside.txt'), 'secret');
    fixture = testApp();
    server = await startServer(fixture.app, { port: 0, rendererDir });
    auth = { 'x-puente-token': server.token };
  });

  afterAll(async () => {
    await server.close();
    fixture.dispose();
    rmSync(rendererDir, { recursive: true, force: true });
    rmSync(join(rendererDir, '..', 'puente-secret-beside.txt'), { force: true });
  });

  it('listens on 127.0.0.1 and hands out the address with a long random token in the fragment', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('serves the renderer with the CSP and security headers, on either loopback name', async () => {
    const page = await rawRequest(server.port, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Puente</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const script = await rawRequest(server.port, {
      path: '/assets/app.js',
      headers: { host: `localhost:${server.port}` },
    });
    expect([script.status, script.headers['content-type']]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect((await rawRequest(server.port, { path: '/missing.js' })).status).toBe(404);
    expect((await rawRequest(server.port, { method: 'POST', path: '/' })).status).toBe(405);
  });

  it('refuses paths that leave the renderer folder', async () => {
    for (const path of [
      '/../puente-secret-beside.txt',
      '/%2e%2e/puente-secret-beside.txt',
      '/assets/..%2f..%2fpuente-secret-beside.txt',
      '/..%5cpuente-secret-beside.txt',
    ]) {
      const response = await rawRequest(server.port, { path });
      expect(response.status, path).toBe(403);
      expect(response.body).not.toContain('secret\n');
    }
  });

  it('requires the exact token on every API route and never logs it', async () => {
    const info = { method: 'app.info', input: {} };
    expect((await apiCall(server.port, info)).status).toBe(401);
    expect((await apiCall(server.port, info, { 'x-puente-token': `${server.token.slice(1)}x` })).status).toBe(
      401,
    );
    expect((await apiCall(server.port, info, { 'x-puente-token': 'short' })).status).toBe(401);
    expect((await rawRequest(server.port, { path: '/api/events' })).status).toBe(401);
    expect((await rawRequest(server.port, { path: '/api/nothing', headers: auth })).status).toBe(404);
    expect(fixture.logs()).toContain('request refused');
    expect(fixture.logs()).not.toContain(server.token);
  });

  it('refuses foreign Host (DNS rebinding) and foreign Origin even with the token', async () => {
    const info = { method: 'app.info', input: {} };
    for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`]) {
      expect((await apiCall(server.port, info, { ...auth, host })).status, host).toBe(403);
      expect((await rawRequest(server.port, { path: '/', headers: { host } })).status, host).toBe(403);
    }
    for (const origin of ['null', 'http://evil.example', `https://127.0.0.1:${server.port}`]) {
      expect((await apiCall(server.port, info, { ...auth, origin })).status, origin).toBe(403);
    }
    const sameOrigin = await apiCall(server.port, info, {
      ...auth,
      origin: `http://localhost:${server.port}`,
    });
    expect(sameOrigin.status).toBe(200);
    expect(sameOrigin.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('maps API errors to HTTP statuses and keeps the typed error body', async () => {
    const notJson = await rawRequest(server.port, {
      method: 'POST',
      path: '/api/call',
      headers: { ...auth, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(notJson.status).toBe(415);
    const broken = await rawRequest(server.port, {
      method: 'POST',
      path: '/api/call',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '{"method":',
    });
    expect(broken.status).toBe(400);
    const unknown = await apiCall(server.port, { method: 'nope', input: {} }, auth);
    expect([unknown.status, JSON.parse(unknown.body).error.code]).toEqual([404, 'unknown_method']);
    const invalid = await apiCall(
      server.port,
      { method: 'settings.update', input: { changes: { schedule: { dailyAt: '25:00' } } } },
      auth,
    );
    expect(invalid.status).toBe(422);
    expect(JSON.parse(invalid.body).error.problems.join()).toContain('schedule.dailyAt');
  });

  it('streams API events to a client holding the token', async () => {
    const received = await waitForEvent(server.port, server.token, 'settings.changed', () => {
      void apiCall(server.port, { method: 'settings.update', input: { changes: { locale: 'en' } } }, auth);
    });
    expect(received).toContain('event: settings.changed\ndata: {');
    expect(received).toContain('"locale":"en"');
  });
});
