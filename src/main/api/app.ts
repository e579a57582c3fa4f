import type { ApiContext, ApiHandlers } from './context';

export function appHandlers({ app, face }: ApiContext): ApiHandlers<'app.info'> {
  return {
    'app.info': () => ({
      name: 'Puente',
      version: app.version,
      dataDir: app.dataDir.root,
      locale: app.settings().locale,
      face,
    }),
  };
}
