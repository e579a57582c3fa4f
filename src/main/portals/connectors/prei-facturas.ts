import type { Page } from 'playwright-core';
import type { CanonicalBatch } from '../../ingest/datasets';
import { toPortalDate } from '../dates';
import { PortalError, SessionExpiredError } from '../errors';
import { checkPageLoad, failFastOnServerErrors, loadPage, pathOf } from '../page-watch';
import type { PortalDriver, PortalSession, ReportConnector, WindowAnswer } from './connector';

/**
 * PREI (the payments portal, JSF/PrimeFaces): an announcement to close, user and password (no
 * captcha), menu Pagos -> "Facturas vs CR", masked date inputs on the invoice date, "Buscar" with an
 * ajax overlay and three outcomes (over 100 matches: an alert and no data; none; a table with an
 * Excel link that downloads a BIFF8 .xls).
 */

const pagosMenu = (page: Page) => page.getByRole('menuitem', { name: 'Pagos' });

function load(session: PortalSession, path: string, what: string): Promise<void> {
  return loadPage(session, 'prei', path, what);
}

export const preiDriver: PortalDriver = {
  portal: 'prei',

  async isSignedIn(session, path = '/PREI/inicio.jsf') {
    await load(session, path, 'opening PREI');
    const { page } = session;
    const password = page.getByLabel('Contraseña');
    await pagosMenu(page).or(password).first().waitFor({ timeout: session.actionTimeoutMs });
    return pagosMenu(page).isVisible();
  },

  async signIn(session, credentials) {
    const { page } = session;
    // A fresh login page, so that no earlier message ("session expired") is mistaken for the answer.
    await load(session, '/PREI/login.jsf', 'opening the PREI login');
    const announcement = page.getByRole('dialog');
    if (await announcement.isVisible()) await announcement.getByRole('button', { name: 'Cerrar' }).click();
    await page.getByLabel('Usuario').fill(credentials.user);
    await page.getByLabel('Contraseña').fill(credentials.password);
    await session.pacer.turn();
    await page.getByRole('button', { name: 'Ingresar' }).click();
    const refusal = page.getByRole('alert');
    await pagosMenu(page).or(refusal).first().waitFor({ timeout: session.actionTimeoutMs });
    await checkPageLoad('prei', page, null, 'signing in to PREI');
    if (await pagosMenu(page).isVisible()) return;
    const said = (await refusal.textContent())?.trim();
    throw new PortalError(
      'credentials',
      'prei',
      `the portal refused the sign-in ("${said}"). Check the user in settings and the password ` +
        '(`puente credentials set prei`); Puente does not try again, so the account is not locked further.',
    );
  },
};

/** Invoices PREI has not finished with: paid and rejected ones no longer change. */
const SETTLED_STATES = new Set(['pagado', 'rechazado']);

export function unsettledInvoices(batch: CanonicalBatch): number {
  return batch.rows.filter((row) => !SETTLED_STATES.has((row.values.estado_cr ?? '').toLowerCase())).length;
}

async function search(session: PortalSession, from: string, to: string): Promise<void> {
  const { page } = session;
  await page.getByLabel('Fecha inicial').fill(toPortalDate(from));
  await page.getByLabel('Fecha final').fill(toPortalDate(to));
  await session.pacer.turn();
  const answered = page.waitForResponse((r) => pathOf(r) === '/PREI/pagos/buscar', {
    timeout: session.actionTimeoutMs,
  });
  await page.getByRole('button', { name: 'Buscar' }).click();
  const response = await answered;
  if (response.status() === 401) throw new SessionExpiredError('prei');
  if (!response.ok()) throw new PortalError('transient', 'prei', `Buscar answered HTTP ${response.status()}`);
}

/** PREI "Facturas vs CR", by invoice date; windows over the 100-result cap are bisected. */
export const preiFacturasConnector: ReportConnector = {
  source: 'prei',
  driver: preiDriver,
  report: 'prei_facturas_cr',
  windowDays: (settings) => settings.prei?.windowDays ?? 31,
  path: '/PREI/pagos/facturasVsCR.jsf',
  bisectsOnCap: true,

  async open(session) {
    const { page } = session;
    await failFastOnServerErrors(page, 'prei', 'opening Facturas vs CR', async () => {
      await pagosMenu(page).click();
      await session.pacer.turn();
      await page.getByRole('menuitem', { name: 'Facturas vs CR' }).click();
      await page.getByLabel('Fecha inicial').waitFor({ timeout: session.actionTimeoutMs });
    });
  },

  extract(session, window): Promise<WindowAnswer> {
    const { page } = session;
    return failFastOnServerErrors(page, 'prei', `Facturas vs CR ${window.from}..${window.to}`, async () => {
      await search(session, window.from, window.to);
      const excel = page.getByRole('link', { name: 'Exportar a Excel' });
      const none = page.getByText('No se encontraron resultados.');
      const alert = page.getByRole('alert');
      await excel.or(none).or(alert).first().waitFor({ timeout: session.actionTimeoutMs });
      if (await alert.isVisible()) {
        const said = (await alert.textContent())?.trim() ?? '';
        if (/m[aá]s de \d+ coincidencias/i.test(said)) return { kind: 'too-many' };
        throw new PortalError('transient', 'prei', `Buscar answered "${said}"`);
      }
      if (await none.isVisible()) return { kind: 'empty' };
      const shownRows = (await page.getByRole('table').locator('tbody').getByRole('row').count()) || 0;
      await session.pacer.turn();
      const downloading = page.waitForEvent('download', { timeout: session.actionTimeoutMs });
      await excel.click();
      return { kind: 'file', download: await downloading, shownRows };
    });
  },

  verification: (window, settings) => ({
    from: window.from,
    to: window.to,
    supplierNumber: settings.prei?.supplierNumber,
  }),
  openRows: unsettledInvoices,
};
