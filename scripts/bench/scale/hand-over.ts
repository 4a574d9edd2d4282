import type { AgentPresence } from '../../../lib/realtime/agent-presence.ts';
import { candidatesFor } from '../../../lib/models/transfer-choices.ts';
import { until } from '../../../lib/session/headless-agent.ts';
import type { ActionCounts } from './scale-result.ts';
import type { LiveChat, Seat } from './seats.ts';

/** "Transfer to" as the dialog orders it: Present colleagues other than me, the least busy first. */
export function transferCandidates(agents: readonly AgentPresence[], selfId: string): AgentPresence[] {
  return candidatesFor(agents.filter((agent) => agent.status === 'present' && agent.clientId !== selfId)).map((candidate) => candidate.agent);
}

/**
 * One transfer as two agents make it: the owner offers the chat to the first colleague of its own "Transfer to"
 * list, that colleague accepts once the offer shows in its session, and the sender closes the window once it is
 * only listening. Each step waits on what the agents' sessions show, not on the hub.
 */
export async function handOver(chat: LiveChat, seats: readonly Seat[], actions: ActionCounts): Promise<void> {
  const from = chat.owner;
  const candidates = transferCandidates(from.agent.snapshot()?.agents ?? [], from.id);
  const to = seats.find((seat) => seat.id === candidates[0]?.clientId);
  if (!to) return;
  await from.agent.handle({ type: 'transfer', chatId: chat.chatId, to: to.id, note: '' });
  const theirs = () => to.agent.snapshot()?.chats.find((c) => c.chatId === chat.chatId);
  const offer = await until('the offer reaches the colleague', () => theirs()?.pendingOffer, 30_000).catch((error: unknown) => {
    // Say how far it got: the chat not followed at all (the inbox notice), not loaded (token or history), or loaded without the offer.
    const seen = theirs();
    throw new Error(`${String(error)} (${!seen ? 'chat not followed' : !seen.historyLoaded ? 'chat not loaded' : `loaded, role ${seen.myRole}, no pending offer`})`);
  });
  await to.agent.handle({ type: 'accept-transfer', chatId: chat.chatId, transferId: offer.transferId });
  await until('the transfer completes', () => from.agent.snapshot()?.chats.find((c) => c.chatId === chat.chatId)?.myRole === 'listening', 30_000);
  chat.owner = to;
  from.load -= 1;
  to.load += 1;
  actions.transfers += 1;
  await from.agent.handle({ type: 'close-window', chatId: chat.chatId });
}
