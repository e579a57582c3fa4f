import { BrowserWindow, ipcMain } from 'electron';
import { apiRequestSchema } from '../../shared/api';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../shared/api-names';
import type { Api } from '../api/dispatcher';

/**
 * One IPC channel for every API call: the sender frame must be the app's own page, the payload
 * must be { method, input }, and the dispatcher validates the rest with zod. Events go to every window.
 */
export function registerApiIpc(api: Api, isTrustedUrl: (url: string) => boolean): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, (event, payload: unknown) => {
    const frameUrl = event.senderFrame?.url;
    if (!frameUrl || !isTrustedUrl(frameUrl))
      throw new Error('Refused: the caller is not the Puente window.');
    const request = apiRequestSchema.safeParse(payload);
    if (!request.success) {
      return {
        ok: false,
        error: { code: 'invalid_input', message: 'Send { method, input }.', problems: [] },
      };
    }
    return api.call(request.data.method, request.data.input);
  });
  const unsubscribe = api.events.subscribe((message) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, message);
    }
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
  };
}
