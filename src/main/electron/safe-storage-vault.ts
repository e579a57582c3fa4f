import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Vault } from '../secrets/vault';

/** The part of Electron's safeStorage the vault uses (async API only; injected so it is testable). */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
  /** Linux only: which secret store backs the key; `basic_text` is a hard-coded key, no protection. */
  getSelectedStorageBackend?(): string;
}

export interface SafeStorageVaultOptions {
  platform: NodeJS.Platform;
  /** Accept Linux's basic_text backend (a fixed key) with a warning instead of refusing. */
  allowBasicText: boolean;
  warn: (message: string) => void;
  /** Every secret read or written, so the logger's redactor can hide it. */
  onSecret: (secret: string) => void;
}

interface VaultFile {
  version: 1;
  /** name -> base64 of safeStorage's ciphertext. */
  entries: Record<string, string>;
}

export const BASIC_TEXT_REFUSAL =
  'The system keyring is not available (Electron reports the basic_text backend), so passwords could not be ' +
  'protected. Install and unlock a keyring (GNOME Keyring / libsecret or KWallet) and restart Puente, or start ' +
  'it with PUENTE_ALLOW_BASIC_TEXT_VAULT=1 to accept a weakly protected vault on this machine.';

/**
 * The Electron face's credential vault: each secret encrypted by the OS (DPAPI, Keychain, libsecret)
 * through safeStorage's async API, stored as ciphertext in one owner-only file in the data dir.
 */
export class SafeStorageVault implements Vault {
  private checked: Promise<void> | undefined;

  constructor(
    private readonly file: string,
    private readonly safeStorage: SafeStorageLike,
    private readonly options: SafeStorageVaultOptions,
  ) {}

  async get(name: string): Promise<string | undefined> {
    await this.ready();
    const stored = this.read().entries[name];
    if (stored === undefined) return undefined;
    const { result, shouldReEncrypt } = await this.safeStorage.decryptStringAsync(
      Buffer.from(stored, 'base64'),
    );
    this.options.onSecret(result);
    // The OS rotated the key: store the secret again under the new one.
    if (shouldReEncrypt) await this.set(name, result);
    return result;
  }

  async set(name: string, value: string): Promise<void> {
    this.options.onSecret(value);
    await this.ready();
    const encrypted = await this.safeStorage.encryptStringAsync(value);
    const contents = this.read();
    contents.entries[name] = encrypted.toString('base64');
    this.write(contents);
  }

  async delete(name: string): Promise<boolean> {
    const contents = this.read();
    if (!(name in contents.entries)) return false;
    delete contents.entries[name];
    this.write(contents);
    return true;
  }

  async names(): Promise<string[]> {
    return Object.keys(this.read().entries).sort();
  }

  /** Checks once that the OS can protect secrets; refuses (or warns, when allowed) on basic_text. */
  private ready(): Promise<void> {
    this.checked ??= (async () => {
      if (!(await this.safeStorage.isAsyncEncryptionAvailable())) {
        this.checked = undefined;
        throw new Error(
          'The operating system cannot encrypt passwords right now (safeStorage is unavailable): unlock your keyring and try again.',
        );
      }
      if (
        this.options.platform === 'linux' &&
        this.safeStorage.getSelectedStorageBackend?.() === 'basic_text'
      ) {
        if (!this.options.allowBasicText) {
          this.checked = undefined;
          throw new Error(BASIC_TEXT_REFUSAL);
        }
        this.options.warn(
          'The credential vault uses the basic_text backend: passwords are only weakly protected.',
        );
      }
    })();
    return this.checked;
  }

  private read(): VaultFile {
    if (!existsSync(this.file)) return { version: 1, entries: {} };
    return JSON.parse(readFileSync(this.file, 'utf8')) as VaultFile;
  }

  private write(contents: VaultFile): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.tmp-${process.pid}`;
    writeFileSync(temp, JSON.stringify(contents), { mode: 0o600 });
    renameSync(temp, this.file);
  }
}
