import type { SettingsView } from '../../shared/api';
import type { App } from '../app/create-app';
import type { ApiContext, ApiHandlers } from './context';

function settingsView(app: App): SettingsView {
  return { file: app.dataDir.settingsFile, settings: app.settings() };
}

export function settingsHandlers({
  app,
  events,
}: ApiContext): ApiHandlers<'settings.get' | 'settings.update'> {
  return {
    'settings.get': () => settingsView(app),
    'settings.update': ({ changes }) => {
      // Section-level replace; the core validates the whole result and throws a SettingsError naming each field.
      app.updateSettings({ ...app.settings(), ...changes });
      const view = settingsView(app);
      events.emit('settings.changed', view);
      return view;
    },
  };
}
