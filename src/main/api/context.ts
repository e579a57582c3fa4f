import type { z } from 'zod';
import type { ApiEventData, ApiOutput, apiMethods } from '../../shared/api';
import type { ApiEventName, ApiMethod } from '../../shared/api-names';
import type { App } from '../app/create-app';
import type { DownloadRegistry } from '../export/downloads';
import type { SqlSession } from '../warehouse/session';
import type { ApiEventHub } from './events';

/** What every domain's handlers get: the composition root, the event hub and the face serving the UI. */
export interface ApiContext {
  app: App;
  events: ApiEventHub;
  face: 'electron' | 'browser';
  /** The app's warehouse, shared by every call one statement at a time. */
  warehouse: () => Promise<SqlSession>;
  /** Finished exports that browser mode serves at /api/download/<id>. */
  downloads: DownloadRegistry;
}

type ParsedInput<M extends ApiMethod> = z.output<(typeof apiMethods)[M]['input']>;

/** One handler per method, receiving the validated input; its output is validated again before it leaves. */
export type ApiHandlers<M extends ApiMethod> = {
  [K in M]: (input: ParsedInput<K>) => ApiOutput<K> | Promise<ApiOutput<K>>;
};

export type ApiEmit = <E extends ApiEventName>(event: E, data: ApiEventData<E>) => void;
