import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BASIC_TEXT_REFUSAL,
  type SafeStorageLike,
  SafeStorageVault,
} from '../../../src/main/electron/safe-storage-vault';
import { vaultKeys } from '../../../src/main/secrets/vault';

/** A stand-in for Electron's safeStorage: reversible, keyed by a "key version" so rotation can be shown. */
function fakeSafeStorage(backend = 'gnome_libsecret') {
  const state = { available: true, keyVersion: 1, backend };
  const storage: SafeStorageLike = {
    isAsyncEncryptionAvailable: async () => state.available,
    encryptStringAsync: async (text) =>
      Buffer.from(`v${state.keyVersion}:${Buffer.from(text).toString('hex')}`),
    decryptStringAsync: async (encrypted) => {
      const [version, hex] = encrypted.toString().split(':') as [string, string];
      return {
        result: Buffer.from(hex, 'hex').toString(),
        shouldReEncrypt: version !== `v${state.keyVersion}`,
      };
    },
    getSelectedStorageBackend: () => state.backend,
  };
  return { storage, state };
}

describe('the Electron safeStorage vault', () => {
  let dir: string;
  let file: string;
  let seen: string[];
  let warnings: string[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'puente-vault-'));
    file = join(dir, 'vault.bin');
    seen = [];
    warnings = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const vaultWith = (storage: SafeStorageLike, platform: NodeJS.Platform = 'linux', allowBasicText = false) =>
    new SafeStorageVault(file, storage, {
      platform,
      allowBasicText,
      warn: (message) => warnings.push(message),
      onSecret: (secret) => seen.push(secret),
    });

  it('stores only ciphertext in an owner-only file, reads it back and registers every secret for redaction', async () => {
    const { storage } = fakeSafeStorage();
    const vault = vaultWith(storage);
    await vault.set(vaultKeys.password('sai'), 'Sai-Demo-2025!');
    expect(readFileSync(file, 'utf8')).not.toContain('Sai-Demo-2025!');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await vaultWith(storage).get(vaultKeys.password('sai'))).toBe('Sai-Demo-2025!');
    expect(await vault.names()).toEqual(['portal:sai:password']);
    expect(seen).toContain('Sai-Demo-2025!');
    expect(await vault.delete(vaultKeys.password('sai'))).toBe(true);
    expect(await vault.get(vaultKeys.password('sai'))).toBeUndefined();
    expect(await vault.delete(vaultKeys.password('sai'))).toBe(false);
  });

  it('re-encrypts a secret when the OS rotated its key', async () => {
    const { storage, state } = fakeSafeStorage();
    const vault = vaultWith(storage);
    await vault.set('portal:prei:password', 'Prei-Demo-2025!');
    state.keyVersion = 2;
    expect(await vault.get('portal:prei:password')).toBe('Prei-Demo-2025!');
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, string> };
    expect(Buffer.from(stored.entries['portal:prei:password'] ?? '', 'base64').toString()).toMatch(/^v2:/);
  });

  it('refuses Linux basic_text unless allowed, then warns; other platforms ignore the backend', async () => {
    const { storage } = fakeSafeStorage('basic_text');
    await expect(vaultWith(storage).set('portal:sai:password', 'x')).rejects.toThrow(BASIC_TEXT_REFUSAL);
    const allowed = vaultWith(storage, 'linux', true);
    await allowed.set('portal:sai:password', 'x');
    expect(warnings).toEqual([expect.stringMatching(/basic_text/)]);
    await vaultWith(storage, 'win32').set('portal:prei:password', 'y');
    expect(warnings).toHaveLength(1);
  });

  it('says so when the OS cannot encrypt, and works once it can', async () => {
    const { storage, state } = fakeSafeStorage();
    state.available = false;
    const vault = vaultWith(storage);
    await expect(vault.set('portal:sai:password', 'x')).rejects.toThrow(/unlock your keyring/);
    state.available = true;
    await vault.set('portal:sai:password', 'x');
    expect(await vault.get('portal:sai:password')).toBe('x');
  });
});
