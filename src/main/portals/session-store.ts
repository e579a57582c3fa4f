import type { BrowserContext } from 'playwright-core';
import type { Redactor } from '../log/redact';
import { type Vault, vaultKeys } from '../secrets/vault';
import type { PortalName } from './types';

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/** Every cookie value is a secret: registered so that logs, HTML and traces never show it. */
function registerCookies(state: StorageState, redactor: Redactor): void {
  for (const cookie of state.cookies) redactor.register(cookie.value);
}

/**
 * A portal's signed-in browser state (its cookies), kept encrypted in the vault between runs so that
 * a daily sync reuses the session (and skips SAI's captcha) until the portal expires it.
 */
export async function loadSession(
  vault: Vault,
  redactor: Redactor,
  portal: PortalName,
): Promise<StorageState | undefined> {
  const stored = await vault.get(vaultKeys.session(portal));
  if (!stored) return undefined;
  try {
    const state = JSON.parse(stored) as StorageState;
    registerCookies(state, redactor);
    return state;
  } catch {
    return undefined;
  }
}

export async function saveSession(
  vault: Vault,
  redactor: Redactor,
  portal: PortalName,
  context: BrowserContext,
): Promise<StorageState> {
  const state = await context.storageState();
  registerCookies(state, redactor);
  await vault.set(vaultKeys.session(portal), JSON.stringify(state));
  return state;
}
