import type { BaseRealtime } from 'ably/modular';
import type { Publish } from '../chat/publish.ts';
import type { ChatGrants } from '../realtime/chat-grants.ts';
import type { Diagnostics } from './diagnostics.ts';

/**
 * Publishes what the chat core decided. An item with an id is sent once while it is in flight: the arbiter may
 * decide the same completion again on the next fold before the first publish is back. With `grants`, a publish
 * first waits for a re-authorization a fold scheduled (chat-grants.ts `settled`), so it goes out on the token that
 * grants it rather than being refused (40160). Only a chat's publish waits: the grants are per chat, and the token
 * lets every agent publish to any inbox whatever its chats.
 */
export function createPublisher(client: BaseRealtime, diagnostics: Diagnostics, grants?: ChatGrants) {
  const inflight = new Set<string>();
  return (item: Publish): Promise<void> => {
    const key = item.id ?? '';
    if (key && inflight.has(key)) return Promise.resolve();
    if (key) inflight.add(key);
    return (grants && item.channel.startsWith('chat:') ? grants.settled() : Promise.resolve())
      .then(() => client.channels.get(item.channel).publish({ name: item.name, data: item.data, ...(item.id ? { id: item.id } : {}) }))
      .then(() => undefined)
      .catch((error: unknown) => {
        diagnostics.record('error', `unable to publish ${item.name} on ${item.channel}; ${String(error)}`);
        throw error;
      })
      .finally(() => key && inflight.delete(key));
  };
}
