import type { Command } from 'commander';
import { vaultKeys } from '../../secrets/vault';
import { appFor, print } from '../context';

/** The portals, and Snowflake (its programmatic access token, or the passphrase of its private key). */
const PORTALS = ['sai', 'prei', 'snowflake'] as const;
type PortalName = (typeof PORTALS)[number];

function portalName(text: string): PortalName {
  const name = text.toLowerCase();
  if (!(PORTALS as readonly string[]).includes(name)) {
    throw new Error(`Unknown portal "${text}". Use one of: ${PORTALS.join(', ')}.`);
  }
  return name as PortalName;
}

/** Reads the password without echo from a terminal, or the first line of piped input. */
async function readPassword(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of input) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          input.setRawMode(false);
          input.pause();
          input.off('data', onData);
          process.stderr.write('\n');
          resolve(typed);
          return;
        }
        if (char === '\u0003') {
          input.setRawMode(false);
          reject(new Error('cancelled'));
          return;
        }
        typed = char === '\u007f' ? typed.slice(0, -1) : typed + char;
      }
    };
    input.on('data', onData);
  });
}

export function registerCredentials(program: Command): void {
  const credentials = program
    .command('credentials')
    .description('store or remove a portal password in the encrypted credential vault');
  credentials
    .command('set <portal>')
    .description(
      'store the password for sai or prei, or the Snowflake token or key passphrase (typed without echo, or piped)',
    )
    .option('--user <name>', 'also save the portal user name in the settings')
    .action(async (portal: string, options: { user?: string }, command: Command) => {
      const name = portalName(portal);
      const app = appFor(command);
      if (options.user) {
        if (name === 'snowflake')
          throw new Error('The Snowflake user is set in warehouse.user, not with --user.');
        const current = app.settings();
        const portalSettings = current.portals[name];
        if (!portalSettings)
          throw new Error(`Set portals.${name}.url first: puente settings set portals.${name}.url URL`);
        app.updateSettings({
          ...current,
          portals: { ...current.portals, [name]: { ...portalSettings, user: options.user } },
        });
      }
      const password = await readPassword(`Password for ${name.toUpperCase()}: `);
      if (!password) throw new Error('No password given; nothing was stored.');
      await app.vault.set(vaultKeys.password(name), password);
      await app.vault.delete(vaultKeys.session(name));
      print(`Stored the ${name.toUpperCase()} password in the vault (the saved portal session was cleared).`);
    });
  credentials
    .command('clear <portal>')
    .description('remove the stored password (and portal session) of sai, prei or snowflake')
    .action(async (portal: string, _options, command: Command) => {
      const name = portalName(portal);
      const app = appFor(command);
      const removed = [
        await app.vault.delete(vaultKeys.password(name)),
        await app.vault.delete(vaultKeys.session(name)),
      ].some(Boolean);
      print(
        removed
          ? `Removed the ${name.toUpperCase()} credentials.`
          : `No ${name.toUpperCase()} credentials were stored.`,
      );
    });
}
