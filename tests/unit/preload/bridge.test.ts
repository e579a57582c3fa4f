import { describe, expect, it } from 'vitest';
import { createBridge, type IpcRendererLike } from '../../../src/preload/bridge';
import type { ApiMethod } from '../../../src/shared/api-names';

type Listener = (event: unknown, message: unknown) => void;

/** A recording stand-in for ipcRenderer that routes `invoke` to a real handler, as main would. */
function recordingIpc() {
  const invoked: Array<{ channel: string; payload: unknown }> = [];
  const listeners = new Map<string, Set<Listener>>();
  const ipc: IpcRendererLike = {
    invoke: async (channel, payload) => {
      invoked.push({ channel, payload });
      return { ok: true, value: { echoed: payload } };
    },
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(channel, set);
    },
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const send = (channel: string, message: unknown) => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: 'electron internals' }, message);
  };
  return { ipc, invoked, listeners, send };
}

describe('preload bridge', () => {
  it('exposes exactly call and on', () => {
    expect(Object.keys(createBridge(recordingIpc().ipc)).sort()).toEqual(['call', 'on']);
  });

  it('sends known methods with a plain-object input over the one call channel', async () => {
    const { ipc, invoked } = recordingIpc();
    const response = await createBridge(ipc).call('status.get', undefined);
    expect(response).toEqual({ ok: true, value: { echoed: { method: 'status.get', input: {} } } });
    expect(invoked).toEqual([{ channel: 'puente:call', payload: { method: 'status.get', input: {} } }]);
  });

  it('refuses unknown methods and non-object inputs without touching IPC', async () => {
    const { ipc, invoked } = recordingIpc();
    const bridge = createBridge(ipc);
    expect(await bridge.call('shell.exec' as ApiMethod, {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    for (const input of ['text', 42, [1], null, new Date()]) {
      expect(await bridge.call('app.info', input)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
    expect(invoked).toEqual([]);
  });

  it('delivers only the named event, only its data, and unsubscribes', () => {
    const { ipc, listeners, send } = recordingIpc();
    const bridge = createBridge(ipc);
    const received: unknown[] = [];
    const off = bridge.on('settings.changed', (data) => received.push(data));
    expect([...listeners.keys()]).toEqual(['puente:event']);
    send('puente:event', { event: 'sync.progress', data: { step: 'x' } });
    send('puente:event', { event: 'settings.changed', data: { file: 'f' } });
    expect(received).toEqual([{ file: 'f' }]);
    off();
    send('puente:event', { event: 'settings.changed', data: { file: 'g' } });
    expect(received).toHaveLength(1);
    expect(listeners.get('puente:event')?.size).toBe(0);
  });

  it('refuses unknown events and non-function listeners', () => {
    const bridge = createBridge(recordingIpc().ipc);
    expect(() => bridge.on('anything' as 'settings.changed', () => undefined)).toThrow(/Unknown API event/);
    expect(() => bridge.on('settings.changed', 'x' as unknown as () => void)).toThrow(/function/);
  });
});
