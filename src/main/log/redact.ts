/**
 * The redaction layer every log line passes through. Two nets:
 *  - by key: any field whose name looks like a secret (password, token, cookie, ...) is replaced whole;
 *  - by value: every secret value the process has seen (vault reads, settings, session cookies) is
 *    registered here and scrubbed from any string, wherever it appears (messages, errors, URLs).
 */
const SECRET_KEY =
  /pass(word)?|pwd|secret|token|cookie|authorization|api[-_]?key|private[-_]?key|credential|session/i;
export const REDACTED = '[REDACTED]';

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Registers a secret value; values shorter than 4 characters are ignored (they would scrub everything). */
  register(secret: string | undefined | null): void {
    if (!secret || secret.length < 4) return;
    // A secret can also leak URL-encoded: percent-encoded in URLs, form-encoded in posted bodies.
    const formEncoded = new URLSearchParams({ s: secret }).toString().slice(2);
    for (const form of [secret, encodeURIComponent(secret), formEncoded]) this.secrets.add(form);
  }

  scrubText(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join(REDACTED);
    return out;
  }

  /** Deep copy of `value` with secrets removed; errors become plain objects with message and stack. */
  scrub(value: unknown, depth = 0): unknown {
    if (typeof value === 'string') return this.scrubText(value);
    if (value === null || typeof value !== 'object' || depth > 8) return value;
    if (value instanceof Error) {
      return {
        name: value.name,
        message: this.scrubText(value.message),
        stack: this.scrubText(value.stack ?? ''),
      };
    }
    if (Array.isArray(value)) return value.map((item) => this.scrub(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = SECRET_KEY.test(key) && item != null && item !== '' ? REDACTED : this.scrub(item, depth + 1);
    }
    return out;
  }
}
