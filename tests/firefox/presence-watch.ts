import { createRealtimeClient } from '../../lib/realtime/realtime-client.ts';
import { AGENTS_CHANNEL } from '../../lib/realtime/agent-presence.ts';

export interface PresenceChange {
  action: string;
  clientId: string;
  connectionId: string;
  at: number;
}

/**
 * What a colleague sees of the `agents` presence: every enter, leave and update, raw from
 * the hub over a real ably-js connection of its own (as `watcherId`).
 */
export async function watchPresence(port: number, watcherId: string) {
  const { client } = createRealtimeClient({
    settings: { tokenServiceUrl: `http://127.0.0.1:${port}`, realtimeEndpoint: '127.0.0.1', realtimePort: port, tls: false, agentId: watcherId },
  });
  const changes: PresenceChange[] = [];
  await client.connection.once('connected');
  const channel = client.channels.get(AGENTS_CHANNEL);
  await channel.presence.subscribe((message) => {
    changes.push({ action: message.action ?? '', clientId: message.clientId ?? '', connectionId: message.connectionId ?? '', at: Date.now() });
  });
  return {
    /** Changes for one agent since `since` (ms epoch). */
    changesOf: (clientId: string, since = 0) => changes.filter((change) => change.clientId === clientId && change.at >= since),
    async members() {
      return channel.presence.get();
    },
    close: () => client.close(),
  };
}
