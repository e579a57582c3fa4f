import { recordDecisions } from '../recon/decisions';
import { rebuildAfterDecisions } from '../recon/rebuild';
import type { ApiContext, ApiHandlers } from './context';

export function decisionHandlers({
  app,
  warehouse,
  events,
}: ApiContext): ApiHandlers<'decisions.record' | 'models.rebuild'> {
  return {
    'decisions.record': async (input) => {
      const recorded = await recordDecisions(await warehouse(), input);
      app.logger.info('decisions recorded', { action: input.action, count: recorded.decisionIds.length });
      return recorded;
    },
    'models.rebuild': async () => {
      const result = await rebuildAfterDecisions(await warehouse());
      app.logger.info('marts rebuilt after decisions', { ms: result.ms, ok: result.ok });
      events.emit('models.rebuilt', result);
      return result;
    },
  };
}
