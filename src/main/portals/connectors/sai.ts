import type { Download, Page } from 'playwright-core';
import type { CanonicalBatch } from '../../ingest/datasets';
import type { ReportKind } from '../../ingest/reports';
import { toPortalDate } from '../dates';
import { PortalError, SessionExpiredError } from '../errors';
import { failFastOnServerErrors, loadPage, pathOf } from '../page-watch';
import type { ExtractSource } from '../types';
import type { DateWindow } from '../windows';
import type { PortalDriver, PortalSession, ReportConnector, WindowAnswer } from './connector';

/**
 * SAI (the supply system, an Angular app): a captcha a person must solve, then user and password;
 * a hover menu "Consultas"; date inputs with a pop-up calendar; "Consultar" then "Exportar", which
 * stays disabled while the .xlsx is generated.
 */

const passwordField = (page: Page) => page.getByLabel('Contraseña');
const signOutLink = (page: Page) => page.getByRole('link', { name: 'Salir' });
const expiredNotice = (page: Page) => page.getByText('Su sesión ha expirado');

function load(session: PortalSession, path: string, what: string): Promise<void> {
  return loadPage(session, 'sai', path, what);
}

export const saiDriver: PortalDriver = {
  portal: 'sai',

  async isSignedIn(session, path = '/app') {
    await load(session, path, 'opening SAI');
    const { page } = session;
    await signOutLink(page).or(passwordField(page)).first().waitFor({ timeout: session.actionTimeoutMs });
    return signOutLink(page).isVisible();
  },

  async signIn(session, credentials, askPerson) {
    const { page } = session;
    if (!(await passwordField(page).isVisible())) await load(session, '/login', 'opening the SAI login');
    await page.getByLabel('Usuario').fill(credentials.user);
    await passwordField(page).fill(credentials.password);
    // The captcha is a person's job; "Iniciar sesión" turns enabled once it is solved.
    const submit = page.getByRole('button', { name: 'Iniciar sesión', disabled: false });
    await askPerson(page, (timeoutMs) => submit.waitFor({ timeout: timeoutMs }));
    await session.pacer.turn();
    const answered = page.waitForResponse((r) => pathOf(r) === '/api/login', {
      timeout: session.actionTimeoutMs,
    });
    await submit.click();
    const response = await answered;
    if (response.ok()) {
      await signOutLink(page).waitFor({ timeout: session.actionTimeoutMs });
      return;
    }
    const status = response.status();
    const said = await page.getByRole('alert').textContent({ timeout: session.actionTimeoutMs });
    if (status === 401 || status === 423) {
      throw new PortalError(
        'credentials',
        'sai',
        `the portal refused the sign-in ("${said?.trim()}"). Check the user in settings and the password ` +
          '(`puente credentials set sai`); Puente does not try again, so the account is not locked further.',
      );
    }
    if (status >= 500) throw new PortalError('transient', 'sai', `sign-in answered HTTP ${status}`);
    throw new PortalError('human', 'sai', `the portal did not accept the captcha ("${said?.trim()}")`);
  },
};

export interface SaiReportSpec {
  source: ExtractSource;
  report: ReportKind;
  /** The link under "Consultas" and the app path it opens. */
  menuLink: string;
  path: string;
  openRows(batch: CanonicalBatch): number;
}

async function query(session: PortalSession, spec: SaiReportSpec, window: DateWindow): Promise<number> {
  const { page } = session;
  await page.getByLabel('Fecha inicial').fill(toPortalDate(window.from));
  await page.getByLabel('Fecha final').fill(toPortalDate(window.to));
  // The calendar pop-up covers the buttons until Escape closes it.
  await page.keyboard.press('Escape');
  await session.pacer.turn();
  const answered = page.waitForResponse(
    (r) => pathOf(r) === `/api/${spec.path}` && r.request().method() === 'GET',
    { timeout: session.actionTimeoutMs },
  );
  await page.getByRole('button', { name: 'Consultar' }).click();
  const response = await answered;
  if (response.status() === 401) throw new SessionExpiredError('sai');
  if (!response.ok()) {
    const said = await page.getByRole('status').textContent();
    throw new PortalError('transient', 'sai', `Consultar answered HTTP ${response.status()} ${said ?? ''}`);
  }
  const exportButton = page.getByRole('button', { name: 'Exportar', disabled: false });
  await exportButton
    .or(page.getByText('No se encontraron registros.'))
    .first()
    .waitFor({ timeout: session.actionTimeoutMs });
  const shown = await page.getByText(/Registros encontrados/).textContent();
  const total = Number(/(\d+)/.exec(shown ?? '')?.[1] ?? Number.NaN);
  if (!Number.isInteger(total))
    throw new PortalError('transient', 'sai', `unreadable result count "${shown}"`);
  return total;
}

async function exportFile(session: PortalSession): Promise<Download> {
  const { page } = session;
  await session.pacer.turn();
  const timeout = session.exportTimeoutMs;
  const downloading = page.waitForEvent('download', { timeout }).catch(() => {
    throw new PortalError(
      'transient',
      'sai',
      `the export was not ready within ${Math.round(timeout / 1000)} s ("Exportar" never came back)`,
    );
  });
  const expired = expiredNotice(page)
    .waitFor({ timeout })
    .then(() => {
      throw new SessionExpiredError('sai');
    });
  downloading.catch(() => undefined);
  expired.catch(() => undefined);
  await page.getByRole('button', { name: 'Exportar', disabled: false }).click();
  return Promise.race([downloading, expired]);
}

/** An SAI report: both share the sign-in, the menu and the Consultar/Exportar flow. */
export function saiReport(spec: SaiReportSpec): ReportConnector {
  return {
    source: spec.source,
    driver: saiDriver,
    report: spec.report,
    windowDays: (settings) => settings.sai?.windowDays ?? 31,
    path: `/app/${spec.path}`,
    bisectsOnCap: false,
    async open(session) {
      const { page } = session;
      await failFastOnServerErrors(page, 'sai', `opening ${spec.menuLink}`, async () => {
        await page.getByText('Consultas', { exact: true }).hover();
        await session.pacer.turn();
        await page.getByRole('link', { name: spec.menuLink, exact: true }).click();
        await page.getByLabel('Fecha inicial').waitFor({ timeout: session.actionTimeoutMs });
      });
    },
    extract(session, window): Promise<WindowAnswer> {
      return failFastOnServerErrors(
        session.page,
        'sai',
        `${spec.menuLink} ${window.from}..${window.to}`,
        async () => {
          const shownRows = await query(session, spec, window);
          if (shownRows === 0) return { kind: 'empty' };
          return { kind: 'file', download: await exportFile(session), shownRows };
        },
      );
    },
    verification: () => ({}),
    openRows: spec.openRows,
  };
}
