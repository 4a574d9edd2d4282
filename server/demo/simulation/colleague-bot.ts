import { createRealtimeClient } from '../../../lib/realtime/realtime-client.ts';
import { createAgentSession } from '../../../lib/session/agent-session.ts';
import { createDiagnostics } from '../../../lib/session/diagnostics.ts';
import { createCommandHandler } from '../../../lib/session/session-commands.ts';
import type { SessionSnapshot } from '../../../lib/session/session-snapshot.ts';
import { identityFromToken } from '../../../lib/session/token-identity.ts';
import { AGENT_REPLIES } from './scripts.ts';
import { between, pick, type Random } from './random.ts';

export interface ColleagueBehaviour {
  agentId: string;
  name: string;
  status: 'present' | 'away';
  /** What they do with a transfer offered to them. */
  answer: 'accept' | 'reject';
}

/**
 * A simulated colleague: the very session code Baton's background runs, in Node,
 * answering transfers after a human-like pause and replying to the visitor.
 */
export async function startColleague(origin: string, port: number, behaviour: ColleagueBehaviour, random: Random, offerTimeoutMs: number) {
  let token = '';
  const client = createRealtimeClient({
    settings: { tokenServiceUrl: origin, realtimeEndpoint: '127.0.0.1', realtimePort: port, tls: false, agentId: behaviour.agentId },
    fetchToken: async (url) => {
      const response = await fetch(url);
      if (response.ok) token = await response.clone().text();
      return response;
    },
  });
  await client.connection.once('connected');
  const me = identityFromToken(token);
  if (!me) throw new Error(`unable to sign in the simulated colleague ${behaviour.agentId}`);
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const handled = new Set<string>();
  const later = (ms: number, action: () => Promise<unknown>) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      void action().catch(() => {});
    }, ms);
    timers.add(timer);
  };

  const react = (snapshot: SessionSnapshot) => {
    for (const chat of snapshot.chats) {
      const offer = chat.pendingOffer;
      if (chat.canRespond && offer && !handled.has(offer.transferId)) {
        handled.add(offer.transferId);
        const type = behaviour.answer === 'accept' ? 'accept-transfer' : 'reject-transfer';
        later(between(random, 3000, 6000), () =>
          handle(type === 'accept-transfer' ? { type, chatId: chat.chatId, transferId: offer.transferId } : { type, chatId: chat.chatId, transferId: offer.transferId, reason: 'Busy with another customer' }),
        );
      }
      const key = `${chat.chatId}:${chat.transcript.length}`;
      if (chat.myRole === 'owner' && chat.awaitingReply && !handled.has(key)) {
        handled.add(key);
        later(between(random, 2500, 5000), () => handle({ type: 'send', chatId: chat.chatId, text: pick(random, AGENT_REPLIES) }));
      }
    }
  };

  const session = createAgentSession({
    client,
    me,
    name: behaviour.name,
    status: behaviour.status,
    offerTimeoutMs,
    chats: {},
    diagnostics: createDiagnostics(100),
    onChange: react,
    onChatsChange: () => {},
    onWake: () => {},
  });
  const handle = createCommandHandler({ session, me, offerTimeoutMs });
  await session.start();
  return {
    agentId: behaviour.agentId,
    stop() {
      for (const timer of timers) clearTimeout(timer);
      session.dispose();
      client.close();
    },
  };
}
