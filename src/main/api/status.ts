import type { ApiContext, ApiHandlers } from './context';

export function statusHandlers({ app }: ApiContext): ApiHandlers<'status.get'> {
  return { 'status.get': () => app.status() };
}
