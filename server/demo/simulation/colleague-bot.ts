import { startHeadlessAgent } from '../../../lib/session/headless-agent.ts';
import type { SessionSnapshot } from '../../../lib/session/session-snapshot.ts';
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
        const { chatId } = chat;
        const { transferId } = offer;
        later(between(random, 3000, 6000), () =>
          agent.handle(
            behaviour.answer === 'accept'
              ? { type: 'accept-transfer', chatId, transferId }
              : { type: 'reject-transfer', chatId, transferId, reason: 'Busy with another customer' },
          ),
        );
      }
      const key = `${chat.chatId}:${chat.transcript.length}`;
      if (chat.myRole === 'owner' && chat.awaitingReply && !handled.has(key)) {
        handled.add(key);
        later(between(random, 2500, 5000), () => agent.handle({ type: 'send', chatId: chat.chatId, text: pick(random, AGENT_REPLIES) }));
      }
    }
  };

  const agent = await startHeadlessAgent({ origin, port, agentId: behaviour.agentId, name: behaviour.name, status: behaviour.status, offerTimeoutMs, onChange: react });
  return {
    agentId: behaviour.agentId,
    stop() {
      for (const timer of timers) clearTimeout(timer);
      agent.stop();
    },
  };
}
