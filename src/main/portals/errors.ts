/**
 * Typed portal failures. The runner treats them differently:
 *  - credentials: wrong user or password, or a locked account: stop that portal at once, never retry
 *    (portals lock accounts after a few failures);
 *  - transient: 5xx, maintenance page, timeouts, an expired session: retry with backoff;
 *  - human: a captcha nobody solved in time: stop that portal, say what to do;
 *  - verification: the download is not what was asked for (wrong range, HTML instead of a workbook):
 *    the file is kept in quarantine, the window fails, the run goes on.
 */
export type PortalFailureKind = 'credentials' | 'transient' | 'human' | 'verification';

export class PortalError extends Error {
  constructor(
    readonly kind: PortalFailureKind,
    readonly portal: string,
    message: string,
  ) {
    super(`${portal.toUpperCase()}: ${message}`);
    this.name = 'PortalError';
  }
}

export const isRetryable = (error: unknown): boolean =>
  !(error instanceof PortalError) || error.kind === 'transient';

/** The portal ended the session (it expired mid-run): sign in again, then retry the window. */
export class SessionExpiredError extends PortalError {
  constructor(portal: string) {
    super('transient', portal, 'the portal ended the session; signing in again');
    this.name = 'SessionExpiredError';
  }
}
