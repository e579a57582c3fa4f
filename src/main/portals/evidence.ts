import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
export async function capturePage(
  page: Page,
  folder: string,
  label: string,
  redactor: Redactor,
): Promise<Evidence> {
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
 * only after every entry has passed through the redactor: text entries as UTF-8, the others (screen
 * frames, response bodies of unknown type) byte for byte as Latin-1, which keeps them intact unless
 * they hold a secret.
 */
export async function redactTrace(tracePath: string, redactor: Redactor): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(tracePath));
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const bytes = await entry.async('nodebuffer');
    const encoding = /\.(trace|network|stacks|json|html|txt|css|js)$/.test(entry.name) ? 'utf8' : 'latin1';
    zip.file(entry.name, Buffer.from(redactor.scrubText(bytes.toString(encoding)), encoding));
  }
  writeFileSync(tracePath, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

/**
 * A Playwright trace per window, recorded only while signed in: sign-in steps happen with tracing
 * stopped (`pause`), so the trace never holds a typed password. A window's chunk is kept, redacted,
 * only when the window failed.
 */
export class WindowTrace {
  private recording = false;

  constructor(
    private readonly context: BrowserContext,
    private readonly folder: string,
    private readonly redactor: Redactor,
  ) {}

  async begin(): Promise<void> {
    if (!this.recording) {
      await this.context.tracing.start({ screenshots: true, snapshots: true });
      this.recording = true;
    }
    await this.context.tracing.startChunk();
  }

  /** Stops recording (what was recorded is dropped) until the next `begin`. */
  async pause(): Promise<void> {
    if (!this.recording) return;
    this.recording = false;
    await this.context.tracing.stop().catch(() => undefined);
  }

  /** Ends the window's chunk; returns the redacted trace's path when the window failed. */
  async end(failed: boolean, label: string): Promise<string | undefined> {
    if (!this.recording) return undefined;
    if (!failed) {
      await this.context.tracing.stopChunk().catch(() => undefined);
      return undefined;
    }
    mkdirSync(this.folder, { recursive: true });
    const path = join(this.folder, `${safeName(label)}.trace.zip`);
    try {
      await this.context.tracing.stopChunk({ path });
      await redactTrace(path, this.redactor);
      return path;
    } catch {
      // Never leave a trace that could not be redacted.
      rmSync(path, { force: true });
      return undefined;
    }
  }
}
