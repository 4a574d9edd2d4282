import { createRealtimeClient } from '../../lib/realtime/realtime-client.ts';
import { allAgentsChannels } from '../../lib/realtime/presence-shards.ts';
import { layoutFromToken } from '../../lib/session/token-identity.ts';

export interface PresenceChange {
  action: string;
  clientId: string;
  connectionId: string;
  at: number;
}

/**
 * What a colleague sees of the agents' presence (every `agents:{k}` shard the watcher's token names): every
 * enter, leave and update, raw from the hub over a real ably-js connection of its own (as `watcherId`).
 */
export async function watchPresence(port: number, watcherId: string) {
  let token = '';
  const { client } = createRealtimeClient({
    // Keeps the token to read which presence shards it names.
    fetchToken: async (url) => {
      const response = await fetch(url);
      token = (await response.clone().text()).trim();
      return response;
    },
    settings: { tokenServiceUrl: `http://127.0.0.1:${port}`, realtimeEndpoint: '127.0.0.1', realtimePort: port, tls: false, agentId: watcherId },
  });
  const changes: PresenceChange[] = [];
  await client.connection.once('connected');
  const channels = allAgentsChannels(layoutFromToken(token)).map((name) => client.channels.get(name));
  for (const channel of channels) {
    await channel.presence.subscribe((message) => {
      changes.push({ action: message.action ?? '', clientId: message.clientId ?? '', connectionId: message.connectionId ?? '', at: Date.now() });
    });
  }
  return {
    /** Changes for one agent since `since` (ms epoch). */
    changesOf: (clientId: string, since = 0) => changes.filter((change) => change.clientId === clientId && change.at >= since),
    async members() {
      return (await Promise.all(channels.map((channel) => channel.presence.get()))).flat();
    },
    close: () => client.close(),
  };
}
