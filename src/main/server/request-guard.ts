import { timingSafeEqual } from 'node:crypto';

/** The hosts browser mode answers to: loopback by IP or by name, on its own port only. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function allowedOrigins(port: number): string[] {
  return allowedHosts(port).map((host) => `http://${host}`);
}

export interface GuardInput {
  host: string | undefined;
  origin: string | undefined;
  /** The token header; only checked when `needsToken`. */
  token: string | undefined;
  needsToken: boolean;
}

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Keeps browser mode from becoming a hole: a foreign Host (DNS rebinding) or a foreign Origin
 * (another site in the same browser) is refused outright, and every API call needs the per-launch token.
 */
export function guardRequest(input: GuardInput, port: number, token: string): GuardVerdict {
  if (!input.host || !allowedHosts(port).includes(input.host.toLowerCase())) {
    return { ok: false, status: 403, reason: 'foreign Host header' };
  }
  if (input.origin !== undefined && !allowedOrigins(port).includes(input.origin.toLowerCase())) {
    return { ok: false, status: 403, reason: 'foreign Origin' };
  }
  if (input.needsToken && (!input.token || !sameSecret(input.token, token))) {
    return { ok: false, status: 401, reason: 'missing or wrong token' };
  }
  return { ok: true };
}
