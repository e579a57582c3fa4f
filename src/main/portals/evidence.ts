import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { BrowserContext, Page } from 'playwright-core';
import type { Redactor } from '../log/redact';

export interface Evidence {
  screenshot?: string;
  html?: string;
  trace?: string;
}

const safeName = (label: string) => label.replace(/[^\w.-]+/g, '_').slice(0, 80);

/** Blanks every password field so that neither the screenshot nor the HTML can show what was typed. */
async function blankPasswordFields(page: Page): Promise<void> {
  // A string, because this runs in the page and the main process is compiled without DOM types.
  await page
    .evaluate(`for (const input of document.querySelectorAll('input[type="password"]')) {
      input.value = '';
      input.removeAttribute('value');
    }`)
    .catch(() => undefined);
}

/**
 * Leaves what an operator needs to understand a failure in the run folder: a screenshot and the
 * page's HTML, both taken after password fields are blanked, the HTML passed through the redactor.
 */
export async function capturePage(page: Page, folder: string, label: string, redactor: Redactor): Promise<Evidence> {
  mkdirSync(folder, { recursive: true });
  const base = join(folder, safeName(label));
  const evidence: Evidence = {};
  await blankPasswordFields(page);
  try {
    evidence.screenshot = `${base}.png`;
    await page.screenshot({ path: evidence.screenshot, fullPage: true, timeout: 10_000 });
  } catch {
    evidence.screenshot = undefined;
  }
  try {
    evidence.html = `${base}.html`;
    writeFileSync(evidence.html, redactor.scrubText(await page.content()));
  } catch {
    evidence.html = undefined;
  }
  return evidence;
}

/**
 * Playwright traces record network headers, and so the portal's session cookie. A trace is kept
 * only after every text entry in it has passed through the redactor; binary entries (screenshots
 * taken after login, never showing a password) are kept as they are.
 */
export async function redactTrace(tracePath: string, redactor: Redactor): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(tracePath));
  for (const entry of Object.values(zip.files)) {
    if (entry.dir || !/\.(trace|network|stacks|json|html|txt)$/.test(entry.name)) continue;
    zip.file(entry.name, redactor.scrubText(await entry.async('string')));
  }
  writeFileSync(tracePath, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

/** Stops a trace started after login, keeps it (redacted) only when the work failed. */
export async function finishTrace(
  context: BrowserContext,
  failed: boolean,
  folder: string,
  label: string,
  redactor: Redactor,
): Promise<string | undefined> {
  if (!failed) {
    await context.tracing.stop().catch(() => undefined);
    return undefined;
  }
  mkdirSync(folder, { recursive: true });
  const path = join(folder, `${safeName(label)}.trace.zip`);
  await context.tracing.stop({ path });
  await redactTrace(path, redactor);
  return path;
}
