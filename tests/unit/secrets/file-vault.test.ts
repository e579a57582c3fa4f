import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../src/main/log/redact';
import { FileVault, vaultPassphrase } from '../../../src/main/secrets/file-vault';
import { vaultKeys } from '../../../src/main/secrets/vault';

const temp = () => mkdtempSync(join(tmpdir(), 'puente-vault-'));

describe('file vault', () => {
  it('round-trips secrets and never writes them in clear', async () => {
    const file = join(temp(), 'vault.json');
    const vault = new FileVault(file, 'passphrase-1', new Redactor());
    await vault.set(vaultKeys.password('sai'), 'Contraseña#2026');
    expect(await vault.get(vaultKeys.password('sai'))).toBe('Contraseña#2026');
    expect(readFileSync(file, 'utf8')).not.toContain('Contraseña');
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(await vault.names()).toEqual(['portal:sai:password']);
  });

  it('a wrong key is refused with a message that names the fix, not garbage', async () => {
    const file = join(temp(), 'vault.json');
    await new FileVault(file, 'right-key', new Redactor()).set('x', 'value-1');
    await expect(new FileVault(file, 'wrong-key', new Redactor()).get('x')).rejects.toThrow(
      /PUENTE_VAULT_KEY/,
    );
  });

  it('every secret read or written is registered with the redactor', async () => {
    const redactor = new Redactor();
    const vault = new FileVault(join(temp(), 'vault.json'), 'k-123456', redactor);
    await vault.set('portal:prei:password', 'pr3i-secret');
    expect(redactor.scrubText('pw=pr3i-secret')).toBe('pw=[REDACTED]');
  });

  it('delete removes the entry and reports whether it existed', async () => {
    const vault = new FileVault(join(temp(), 'vault.json'), 'k-123456', new Redactor());
    await vault.set('a', 'value-a');
    expect(await vault.delete('a')).toBe(true);
    expect(await vault.delete('a')).toBe(false);
    expect(await vault.get('a')).toBeUndefined();
  });

  it('the key comes from PUENTE_VAULT_KEY, else from an owner-only key file created once', () => {
    const keyFile = join(temp(), 'keys', 'vault.key');
    expect(vaultPassphrase({ PUENTE_VAULT_KEY: 'from-env' }, keyFile)).toBe('from-env');
    const first = vaultPassphrase({}, keyFile);
    expect(first.length).toBeGreaterThan(30);
    expect(vaultPassphrase({}, keyFile)).toBe(first);
    expect(statSync(keyFile).mode & 0o077).toBe(0);
  });
});
