import { PREI_MAX_RESULTS, preiFileName, preiRowCells, preiWorkbook } from '../files/prei-export';
import type { WorldView } from '../world/as-of';
import { dayFromDmy } from '../world/days';
import type { Accounts, Session } from './accounts';
import type { PortalCounters, PortalFaults } from './faults';
import { type Handler, type Reply, type Request, refusedDeepLink, sleep } from './http';
import { facturasPage, homePage, loginPage } from './prei-pages';

export const PREI_COOKIE = 'JSESSIONID';
export const TOO_MANY_MESSAGE =
  'Se encontraron más de 100 coincidencias, favor de acotar el rango de fechas.';
export const NO_RESULTS_MESSAGE = 'No se encontraron resultados.';

export interface PreiContext {
  view: () => WorldView;
  accounts: Accounts;
  faults: () => PortalFaults;
  counters: PortalCounters;
  /** The ten-digit supplier number whose records the world holds. */
  supplier: string;
}

/** PREI: announcement, login, Pagos -> Facturas vs CR, the three outcomes of Buscar, the .xls. */
export function preiHandler(ctx: PreiContext): Handler {
  const rowsFor = (session: Session, from: number, to: number) =>
    session.account.supplier === ctx.supplier ? ctx.view().preiRows(from, to) : [];

  function login(req: Request): Reply {
    const result = ctx.accounts.login(
      req.body['frmLogin:usuario'] ?? '',
      req.body['frmLogin:password'] ?? '',
    );
    if (!result.ok) {
      ctx.counters.failedLogins += 1;
      const message =
        result.reason === 'locked'
          ? 'La cuenta ha sido bloqueada por exceder el número de intentos permitidos.'
          : 'Usuario o contraseña incorrectos.';
      return { kind: 'html', status: 200, body: loginPage(message) };
    }
    ctx.counters.logins += 1;
    return {
      kind: 'redirect',
      location: '/PREI/inicio.jsf',
      headers: { 'set-cookie': `${PREI_COOKIE}=${result.session.token}; Path=/PREI; HttpOnly; SameSite=Lax` },
    };
  }

  async function search(req: Request, session: Session): Promise<Reply> {
    await sleep(ctx.faults().ajaxDelayMs);
    const from = dayFromDmy(req.body.fechaIni ?? '');
    const to = dayFromDmy(req.body.fechaFin ?? '');
    if (from === null || to === null || from > to) {
      return {
        kind: 'json',
        body: { outcome: 'error', mensaje: 'Capture un rango de fechas válido (dd/mm/aaaa).' },
      };
    }
    ctx.counters.queries += 1;
    const rows = rowsFor(session, from, to);
    if (rows.length > PREI_MAX_RESULTS) {
      session.lastSearch = undefined;
      return { kind: 'json', body: { outcome: 'too-many', mensaje: TOO_MANY_MESSAGE } };
    }
    session.lastSearch = rows.length > 0 ? { from, to } : undefined;
    if (rows.length === 0) return { kind: 'json', body: { outcome: 'none' } };
    return { kind: 'json', body: { outcome: 'rows', rows: rows.map(preiRowCells) } };
  }

  function exportXls(session: Session): Reply {
    const last = session.lastSearch;
    if (!last)
      return { kind: 'html', status: 409, body: '<h1>Sin consulta</h1><p>Realice una búsqueda primero.</p>' };
    return {
      kind: 'file',
      name: preiFileName(last.from, last.to, ctx.supplier),
      contentType: 'application/vnd.ms-excel',
      bytes: preiWorkbook(ctx.view(), last.from, last.to, ctx.supplier),
    };
  }

  return async (req) => {
    const { path, method } = req;
    if (path === '/' || path === '/PREI' || path === '/PREI/')
      return { kind: 'redirect', location: '/PREI/login.jsf' };
    if (path === '/PREI/login.jsf') {
      if (method === 'POST') return login(req);
      const expired = req.query.has('expirada') ? 'Su sesión ha expirado.' : '';
      return { kind: 'html', body: loginPage(expired) };
    }
    const session = ctx.accounts.session(req.cookies[PREI_COOKIE]);
    if (path === '/PREI/logout') {
      ctx.accounts.logout(req.cookies[PREI_COOKIE]);
      return { kind: 'redirect', location: '/PREI/login.jsf' };
    }
    if (!session) {
      if (path === '/PREI/pagos/buscar') return { kind: 'json', status: 401, body: { outcome: 'expired' } };
      return { kind: 'redirect', location: '/PREI/login.jsf?expirada=1' };
    }
    if (path === '/PREI/inicio.jsf') return { kind: 'html', body: homePage(session.account.user) };
    if (path === '/PREI/pagos/facturasVsCR.jsf')
      return refusedDeepLink(req, ctx.faults()) ?? { kind: 'html', body: facturasPage(session.account.user) };
    if (path === '/PREI/pagos/buscar' && method === 'POST') return search(req, session);
    if (path === '/PREI/pagos/exportar') return exportXls(session);
    return { kind: 'html', status: 404, body: '<h1>404</h1>' };
  };
}
