import { SECRET_NAMES, type SettingsView } from '../../shared/api';
import type { App } from '../app/create-app';
import { vaultKeys } from '../secrets/vault';
import { runSettingsTest } from './connection-tests';
import type { ApiContext, ApiHandlers } from './context';

function settingsView(app: App): SettingsView {
  return { file: app.dataDir.settingsFile, settings: app.settings() };
}

export function settingsHandlers({
  app,
  events,
  hooks,
  warehouse,
}: ApiContext): ApiHandlers<
  | 'settings.get'
  | 'settings.update'
  | 'settings.test'
  | 'credentials.status'
  | 'credentials.set'
  | 'credentials.clear'
> {
  return {
    'settings.get': () => settingsView(app),
    'settings.update': ({ changes }) => {
      // Section-level replace; the core validates the whole result and throws a SettingsError naming each field.
      app.updateSettings({ ...app.settings(), ...changes });
      const view = settingsView(app);
      events.emit('settings.changed', view);
      return view;
    },
    'settings.test': ({ target }) => runSettingsTest(app, target, hooks, warehouse),
    'credentials.status': async () => {
      const stored = new Set(await app.vault.names());
      return Object.fromEntries(
        SECRET_NAMES.map((name) => [name, stored.has(vaultKeys.password(name))]),
      ) as Record<(typeof SECRET_NAMES)[number], boolean>;
    },
    'credentials.set': async ({ name, secret }) => {
      // Registered with the redactor before anything else can log it; the value never comes back.
      app.redactor.register(secret);
      await app.vault.set(vaultKeys.password(name), secret);
      app.logger.info('credential stored in the vault', { name });
      return { stored: true };
    },
    'credentials.clear': async ({ name }) => ({ cleared: await app.vault.delete(vaultKeys.password(name)) }),
  };
}
