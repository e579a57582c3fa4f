/**
 * Faults injected per portal, mutable at any time (tests flip them mid-run). Defaults are a healthy
 * portal. Times are real milliseconds.
 */
export interface PortalFaults {
  /** Added before every response. */
  latencyMs: number;
  /** The Nth request to this portal (1-based, see counters.requests) answers HTTP 500. */
  fail500OnRequest: number | null;
  /** Each request answers HTTP 500 with this probability (seeded, so runs repeat). */
  fail500Probability: number;
  /** Every page answers the maintenance page (HTTP 503). */
  maintenance: boolean;
  /** A session lives this long after login. */
  sessionTtlMs: number;
  /** Wrong passwords in a row that lock the account (until testHooks.unlock). */
  lockoutAfter: number;
  /** SAI: time to generate an export while "Exportar" stays disabled. */
  exportDelayMs: number;
  /** PREI: time the ajax overlay stays up after "Buscar". */
  ajaxDelayMs: number;
  /** SAI: the export is never ready, so "Exportar" never re-enables. */
  exportNeverReady: boolean;
  /** Downloads answer an HTML error page under the expected file name. */
  htmlInsteadOfFile: boolean;
  /** Downloads stop halfway (the declared length is the truncated one). */
  truncateFile: boolean;
  /** Report pages opened by address, not from the portal's own menu (no Referer), answer HTTP 404. */
  refuseDeepLinks: boolean;
}

export interface Faults {
  sai: PortalFaults;
  prei: PortalFaults;
}

export function healthyFaults(overrides: Partial<PortalFaults> = {}): PortalFaults {
  return {
    latencyMs: 0,
    fail500OnRequest: null,
    fail500Probability: 0,
    maintenance: false,
    sessionTtlMs: 30 * 60_000,
    lockoutAfter: 3,
    exportDelayMs: 1500,
    ajaxDelayMs: 400,
    exportNeverReady: false,
    htmlInsteadOfFile: false,
    truncateFile: false,
    refuseDeepLinks: false,
    ...overrides,
  };
}

export interface PortalCounters {
  requests: number;
  logins: number;
  failedLogins: number;
  queries: number;
  downloads: number;
  /** Requests by method and path, query left out: `{ 'GET /app': 2, 'POST /api/login': 1 }`. */
  byPath: Record<string, number>;
}

export function zeroCounters(): PortalCounters {
  return { requests: 0, logins: 0, failedLogins: 0, queries: 0, downloads: 0, byPath: {} };
}
