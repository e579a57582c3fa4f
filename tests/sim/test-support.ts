import type { Simulator } from './index';

/** A cookie-keeping HTTP client for driving the simulated portals without a browser (tests only). */
export class PortalClient {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly base: string) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) {
      headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    }
    const res = await fetch(new URL(path, this.base), { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (pair && eq > 0) this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  }

  postJson(path: string, body: unknown): Promise<Response> {
    return this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  postForm(path: string, fields: Record<string, string>): Promise<Response> {
    return this.request(path, { method: 'POST', body: new URLSearchParams(fields) });
  }
}

/** Reads the captcha id the login page embeds in the iframe, as a person's browser would show it. */
export async function saiCaptchaId(client: PortalClient): Promise<string> {
  const html = await (await client.request('/login')).text();
  const match = /data-captcha-id="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no captcha on the SAI login page');
  return match[1];
}

/** SAI login over HTTP, the captcha solved through the test hook. Returns the login response. */
export async function saiLogin(
  sim: Simulator,
  client: PortalClient,
  password = sim.credentials.sai.password,
) {
  const captchaId = await saiCaptchaId(client);
  const answer = sim.testHooks.captchaAnswer(captchaId) ?? '';
  await client.postJson('/captcha/verify', { id: captchaId, respuesta: answer });
  return client.postJson('/api/login', { usuario: sim.credentials.sai.user, password, captchaId });
}

/** Runs an SAI export to the end (start, poll, download). */
export async function saiExport(
  client: PortalClient,
  report: 'altas' | 'ordenes',
  desde: string,
  hasta: string,
) {
  const started = await client.postJson(`/api/${report}/export`, { desde, hasta });
  const { job } = (await started.json()) as { job: string };
  for (let i = 0; i < 200; i++) {
    const status = (await (await client.request(`/api/export/${job}`)).json()) as { ready: boolean };
    if (status.ready) return client.request(`/api/export/${job}/file`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('export never became ready');
}

export function preiLogin(sim: Simulator, client: PortalClient, password = sim.credentials.prei.password) {
  return client.postForm('/PREI/login.jsf', {
    'frmLogin:usuario': sim.credentials.prei.user,
    'frmLogin:password': password,
  });
}

export function preiSearch(client: PortalClient, fechaIni: string, fechaFin: string) {
  return client.postForm('/PREI/pagos/buscar', { fechaIni, fechaFin });
}

/** The file name in a Content-Disposition header (RFC 6266 filename* preferred). */
export function downloadName(res: Response): string {
  const header = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/.exec(header);
  if (star?.[1]) return decodeURIComponent(star[1]);
  return /filename="([^"]+)"/.exec(header)?.[1] ?? '';
}
