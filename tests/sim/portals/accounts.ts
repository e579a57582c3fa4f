import type { Day } from '../world/days';
import type { PortalFaults } from './faults';
import { newToken } from './http';

export interface Account {
  user: string;
  password: string;
  /** The supplier whose records this account sees (another supplier sees none of ours). */
  supplier: string;
}

export interface Session {
  token: string;
  account: Account;
  expiresAt: number;
  /** PREI keeps the last search server-side (JSF view state); its Excel link exports it. */
  lastSearch?: { from: Day; to: Day };
}

export type LoginResult = { ok: true; session: Session } | { ok: false; reason: 'invalid' | 'locked' };

/** A portal's users: sessions that expire, and lockout after N wrong passwords in a row. */
export class Accounts {
  private readonly failures = new Map<string, number>();
  private readonly locked = new Set<string>();
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly accounts: Account[],
    private readonly faults: () => PortalFaults,
  ) {}

  login(user: string, password: string): LoginResult {
    const account = this.accounts.find((a) => a.user === user);
    if (account && this.locked.has(account.user)) return { ok: false, reason: 'locked' };
    if (!account || account.password !== password) {
      if (!account) return { ok: false, reason: 'invalid' };
      const failures = (this.failures.get(account.user) ?? 0) + 1;
      this.failures.set(account.user, failures);
      if (failures >= this.faults().lockoutAfter) this.locked.add(account.user);
      return { ok: false, reason: this.locked.has(account.user) ? 'locked' : 'invalid' };
    }
    this.failures.delete(account.user);
    const session: Session = {
      token: newToken(),
      account,
      expiresAt: Date.now() + this.faults().sessionTtlMs,
    };
    this.sessions.set(session.token, session);
    return { ok: true, session };
  }

  session(token: string | undefined): Session | null {
    const session = token ? this.sessions.get(token) : undefined;
    if (!session) return null;
    if (Date.now() >= session.expiresAt) {
      this.sessions.delete(session.token);
      return null;
    }
    return session;
  }

  logout(token: string | undefined): void {
    if (token) this.sessions.delete(token);
  }

  expireAll(): void {
    this.sessions.clear();
  }

  unlock(): void {
    this.locked.clear();
    this.failures.clear();
  }

  isLocked(user: string): boolean {
    return this.locked.has(user);
  }
}
