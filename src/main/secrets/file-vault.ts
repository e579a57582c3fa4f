import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Redactor } from '../log/redact';
import type { Vault } from './vault';

interface Envelope {
  version: 1;
  salt: string;
  iv: string;
  tag: string;
  data: string;
}

/**
 * Where the file vault's key comes from: the PUENTE_VAULT_KEY environment variable (a passphrase,
 * for servers and schedulers), or else a random key kept in an owner-only file outside the data
 * dir. The second protects against a copied data dir, not against someone who owns the account;
 * docs/operations.md says so.
 */
export function vaultPassphrase(env: NodeJS.ProcessEnv, keyFile: string): string {
  if (env.PUENTE_VAULT_KEY) return env.PUENTE_VAULT_KEY;
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
    writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  return readFileSync(keyFile, 'utf8').trim();
}

/**
 * AES-256-GCM over the whole secrets map, key from scrypt(passphrase, per-file salt). The passphrase
 * may be given lazily, so that merely building the app creates no key file.
 */
export class FileVault implements Vault {
  private resolvedPassphrase: string | undefined;

  constructor(
    private readonly file: string,
    private readonly passphraseSource: string | (() => string),
    private readonly redactor: Redactor,
  ) {}

  private get passphrase(): string {
    this.resolvedPassphrase ??=
      typeof this.passphraseSource === 'string' ? this.passphraseSource : this.passphraseSource();
    return this.resolvedPassphrase;
  }

  async get(name: string): Promise<string | undefined> {
    const value = this.read()[name];
    this.redactor.register(value);
    return value;
  }

  async set(name: string, value: string): Promise<void> {
    this.redactor.register(value);
    this.write({ ...this.read(), [name]: value });
  }

  async delete(name: string): Promise<boolean> {
    const secrets = this.read();
    if (!(name in secrets)) return false;
    delete secrets[name];
    this.write(secrets);
    return true;
  }

  async names(): Promise<string[]> {
    return Object.keys(this.read()).sort();
  }

  private read(): Record<string, string> {
    if (!existsSync(this.file)) return {};
    const envelope = JSON.parse(readFileSync(this.file, 'utf8')) as Envelope;
    const key = scryptSync(this.passphrase, Buffer.from(envelope.salt, 'base64'), 32);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
    try {
      const clear = Buffer.concat([decipher.update(Buffer.from(envelope.data, 'base64')), decipher.final()]);
      return JSON.parse(clear.toString('utf8')) as Record<string, string>;
    } catch {
      throw new Error(
        `Cannot decrypt the credential vault ${this.file}: the key differs from the one it was written with ` +
          '(check PUENTE_VAULT_KEY), or the file is damaged. Run `puente credentials set` again to replace it.',
      );
    }
  }

  private write(secrets: Record<string, string>): void {
    const salt = randomBytes(16);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', scryptSync(this.passphrase, salt, 32), iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
    const envelope: Envelope = {
      version: 1,
      salt: salt.toString('base64'),
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.tmp-${process.pid}`;
    writeFileSync(temp, JSON.stringify(envelope), { mode: 0o600 });
    renameSync(temp, this.file);
  }
}
