import { type ApiEventData, type ApiEventMessage, apiEvents } from '../../shared/api';
import type { ApiEventName } from '../../shared/api-names';

type Listener = (message: ApiEventMessage) => void;

/** Fan-out of API events to the faces (IPC to windows, server-sent events to browsers). */
export class ApiEventHub {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Validates the payload against the contract, then delivers it; a failing listener does not stop the others. */
  emit<E extends ApiEventName>(event: E, data: ApiEventData<E>): void {
    const message = { event, data: apiEvents[event].parse(data) } as ApiEventMessage;
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch {
        // a closed window or a dropped connection must not break the emitter
      }
    }
  }
}
