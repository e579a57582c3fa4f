import {
  ALTAS_COLUMNS,
  altasRows,
  altasWorkbook,
  ORDERS_COLUMNS,
  ordersRows,
  ordersWorkbook,
} from '../files/sai-export';
import type { WorldView } from '../world/as-of';
import { type Day, dayFromDmy } from '../world/days';
import type { Accounts, Session } from './accounts';
import type { Captchas } from './captcha';
import type { PortalCounters, PortalFaults } from './faults';
import { type Handler, type Reply, type Request, refusedDeepLink } from './http';
import { captchaPage, homePage, loginPage, reportPage, type SaiReport } from './sai-pages';

export const SAI_COOKIE = 'SAI_SESSION';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PREVIEW_ROWS = 50;

export interface SaiContext {
  view: () => WorldView;
  accounts: Accounts;
  captchas: Captchas;
  faults: () => PortalFaults;
  /** The supplier whose records the world holds. */
  supplier: string;
  testMode: boolean;
  counters: PortalCounters;
}

interface ExportJob {
  report: SaiReport;
  from: Day;
  to: Day;
  readyAt: number | null;
  token: string;
}

const REPORTS = {
  altas: { columns: ALTAS_COLUMNS, rows: altasRows, workbook: altasWorkbook, stem: 'altas_export' },
  ordenes: { columns: ORDERS_COLUMNS, rows: ordersRows, workbook: ordersWorkbook, stem: 'ordenes_export' },
} as const;

function range(desde: string | null | undefined, hasta: string | null | undefined): [Day, Day] | string {
  const from = dayFromDmy(desde ?? '');
  const to = dayFromDmy(hasta ?? '');
  if (from === null || to === null) return 'Las fechas deben tener el formato dd/mm/aaaa.';
  if (from > to) return 'La fecha inicial debe ser menor o igual a la fecha final.';
  return [from, to];
}

/** SAI: captcha login, session cookie, hover menu, Altas and Ordenes with Consultar and Exportar. */
export function saiHandler(ctx: SaiContext): Handler {
  const jobs = new Map<string, ExportJob>();
  let jobCounter = 0;

  const freshLogin = (message = ''): Reply => ({
    kind: 'html',
    body: loginPage(ctx.captchas.create(), message),
  });
  const expired: Reply = { kind: 'json', status: 401, body: { error: 'Sesión expirada' } };
  const mine = (session: Session) => session.account.supplier === ctx.supplier;

  function login(req: Request): Reply {
    const captchaOk = ctx.captchas.consume(req.body.captchaId ?? '');
    const retry = (status: number, error: string): Reply => ({
      kind: 'json',
      status,
      body: { error, captchaId: ctx.captchas.create() },
    });
    if (!captchaOk) return retry(400, 'Resuelva el captcha.');
    const result = ctx.accounts.login(req.body.usuario ?? '', req.body.password ?? '');
    if (!result.ok) {
      ctx.counters.failedLogins += 1;
      return result.reason === 'locked'
        ? retry(423, 'La cuenta está bloqueada por intentos fallidos. Contacte al administrador.')
        : retry(401, 'Usuario o contraseña incorrectos.');
    }
    ctx.counters.logins += 1;
    return {
      kind: 'json',
      body: { ok: true },
      headers: { 'set-cookie': `${SAI_COOKIE}=${result.session.token}; Path=/; HttpOnly; SameSite=Lax` },
    };
  }

  function query(report: SaiReport, req: Request, session: Session): Reply {
    const r = range(req.query.get('desde'), req.query.get('hasta'));
    if (typeof r === 'string') return { kind: 'json', status: 400, body: { error: r } };
    ctx.counters.queries += 1;
    const rows = mine(session) ? REPORTS[report].rows(ctx.view(), r[0], r[1]) : [];
    return {
      kind: 'json',
      body: { total: rows.length, columns: REPORTS[report].columns, rows: rows.slice(0, PREVIEW_ROWS) },
    };
  }

  function startExport(report: SaiReport, req: Request, session: Session): Reply {
    const r = range(req.body.desde, req.body.hasta);
    if (typeof r === 'string') return { kind: 'json', status: 400, body: { error: r } };
    jobCounter += 1;
    const id = `J${jobCounter}`;
    const faults = ctx.faults();
    const readyAt = faults.exportNeverReady ? null : Date.now() + faults.exportDelayMs;
    jobs.set(id, { report, from: r[0], to: r[1], readyAt, token: session.token });
    return { kind: 'json', body: { job: id } };
  }

  function exportFile(job: ExportJob, session: Session): Reply {
    const spec = REPORTS[job.report];
    // Another supplier's account gets an empty range: it sees none of our records.
    const [from, to] = mine(session) ? [job.from, job.to] : [1, 0];
    const bytes = spec.workbook(ctx.view(), from, to);
    return { kind: 'file', name: `${spec.stem}_${job.readyAt}.xlsx`, contentType: XLSX_TYPE, bytes };
  }

  return (req) => {
    const { path, method } = req;
    if (path === '/' || path === '/login')
      return path === '/' ? { kind: 'redirect', location: '/login' } : freshLogin();
    if (path === '/captcha')
      return {
        kind: 'html',
        body: captchaPage(req.query.get('id') ?? '', ctx.captchas.svg(req.query.get('id') ?? '')),
      };
    if (path === '/captcha/verify' && method === 'POST') {
      const ok = ctx.captchas.verify(req.body.id ?? '', req.body.respuesta ?? '');
      return { kind: 'json', status: ok ? 200 : 400, body: { ok } };
    }
    if (path === '/__test__/captcha' && ctx.testMode) {
      return { kind: 'json', body: { answer: ctx.captchas.answer(req.query.get('id') ?? '') } };
    }
    if (path === '/api/login' && method === 'POST') return login(req);

    const session = ctx.accounts.session(req.cookies[SAI_COOKIE]);
    if (path === '/logout') {
      ctx.accounts.logout(req.cookies[SAI_COOKIE]);
      return { kind: 'redirect', location: '/login' };
    }
    if (path.startsWith('/app')) {
      if (!session) return freshLogin('Su sesión ha expirado. Inicie sesión nuevamente.');
      if (path === '/app') return { kind: 'html', body: homePage(session.account.user) };
      const refused = refusedDeepLink(req, ctx.faults());
      if (refused) return refused;
      if (path === '/app/altas') return { kind: 'html', body: reportPage('altas', session.account.user) };
      if (path === '/app/ordenes') return { kind: 'html', body: reportPage('ordenes', session.account.user) };
    }
    if (path.startsWith('/api/')) {
      if (!session) return expired;
      const [, , report, action] = path.split('/');
      if ((report === 'altas' || report === 'ordenes') && !action) return query(report, req, session);
      if ((report === 'altas' || report === 'ordenes') && action === 'export' && method === 'POST') {
        return startExport(report, req, session);
      }
      const job = report === 'export' && action ? jobs.get(action) : undefined;
      if (job && job.token === session.token) {
        const ready = job.readyAt !== null && Date.now() >= job.readyAt;
        if (path.endsWith('/file')) {
          return ready
            ? exportFile(job, session)
            : { kind: 'json', status: 409, body: { error: 'Archivo en proceso' } };
        }
        return { kind: 'json', body: { ready } };
      }
    }
    return { kind: 'html', status: 404, body: '<h1>404</h1><p>Página no encontrada</p>' };
  };
}
