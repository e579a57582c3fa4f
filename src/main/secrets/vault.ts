/**
 * The credential vault: portal passwords and portal session state, never in settings, logs or files
 * in clear. Electron backs it with safeStorage (src/main/electron); the CLI with an encrypted file.
 */
export interface Vault {
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<boolean>;
  names(): Promise<string[]>;
}

/** Vault entry names, so that every face stores the same secret under the same name. */
export const vaultKeys = {
  password: (portal: string) => `portal:${portal}:password`,
  session: (portal: string) => `portal:${portal}:session`,
};
