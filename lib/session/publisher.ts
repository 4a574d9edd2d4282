import type { BaseRealtime } from 'ably/modular';
import type { Publish } from '../chat/publish.ts';
import type { Diagnostics } from './diagnostics.ts';

/**
 * Publishes what the chat core decided. An item with an id is sent once while it is in flight: the arbiter may
 * decide the same completion again on the next fold before the first publish is back.
 */
export function createPublisher(client: BaseRealtime, diagnostics: Diagnostics) {
  const inflight = new Set<string>();
  return (item: Publish): Promise<void> => {
    const key = item.id ?? '';
    if (key && inflight.has(key)) return Promise.resolve();
    if (key) inflight.add(key);
    return client.channels
      .get(item.channel)
      .publish({ name: item.name, data: item.data, ...(item.id ? { id: item.id } : {}) })
      .then(() => undefined)
      .catch((error: unknown) => {
        diagnostics.record('error', `unable to publish ${item.name} on ${item.channel}; ${String(error)}`);
        throw error;
      })
      .finally(() => key && inflight.delete(key));
  };
}
