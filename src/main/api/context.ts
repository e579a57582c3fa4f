import type { z } from 'zod';
import type { ApiEventData, ApiOutput, AppNotification, apiMethods } from '../../shared/api';
import type { ApiEventName, ApiMethod } from '../../shared/api-names';
import type { App } from '../app/create-app';
import type { Download, DownloadRegistry } from '../export/downloads';
import type { CaptchaRequest, ExtractionTuning } from '../portals/types';
import type { SqlSession } from '../warehouse/session';
import type { ApiEventHub } from './events';

/**
 * What the face serving the UI adds to the core: Electron shows system notifications and save
 * dialogs; tests pass the simulator's clock and a captcha solver (the person, in production).
 */
export interface ApiHooks {
  /** Called beside the UI's captcha prompt (tests solve the simulator's captcha here). */
  onCaptcha?: (request: CaptchaRequest) => Promise<void> | void;
  tuning?: Partial<ExtractionTuning>;
  /** The snapshot date of a sync (the simulator's day in tests); today by default. */
  today?: () => string;
  now?: () => Date;
  /** Shows a notification outside the page (Electron's Notification). */
  notify?: (notification: AppNotification) => void;
  /** Asks where to save a finished export and copies it there; null when the person cancelled. */
  saveAs?: (download: Download) => Promise<string | null>;
}

/** What every domain's handlers get: the composition root, the event hub and the face serving the UI. */
export interface ApiContext {
  app: App;
  events: ApiEventHub;
  face: 'electron' | 'browser';
  /** The app's warehouse, shared by every call one statement at a time. */
  warehouse: () => Promise<SqlSession>;
  /** Finished exports that browser mode serves at /api/download/<id>. */
  downloads: DownloadRegistry;
  hooks: ApiHooks;
}

type ParsedInput<M extends ApiMethod> = z.output<(typeof apiMethods)[M]['input']>;

/** One handler per method, receiving the validated input; its output is validated again before it leaves. */
export type ApiHandlers<M extends ApiMethod> = {
  [K in M]: (input: ParsedInput<K>) => ApiOutput<K> | Promise<ApiOutput<K>>;
};

export type ApiEmit = <E extends ApiEventName>(event: E, data: ApiEventData<E>) => void;
