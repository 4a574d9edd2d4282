// parseInboxEvent: an Ably message from `inbox:{agentId}` → a notice, or the reason it was dropped. Never throws.
// Notices only tell an agent's background which chat to watch; a forged notice can cause a subscription, nothing
// more, because the chat's own log decides who was offered what. The one other notice, an acceptance, lets the
// offerer complete sooner; it counts only from the receiver of an offer still open in that log (arbiter.ts).
import type { InboxEvent, InboxEventName } from './events.ts';
import { dropped, isDropped, parseData, parseEnvelope } from './parse-support.ts';
import type { Dropped } from './reasons.ts';
import { INBOX_DATA } from './schemas.ts';

const NAMES = new Set<string>(Object.keys(INBOX_DATA));

function isInboxEventName(name: string): name is InboxEventName {
  return NAMES.has(name);
}

export function parseInboxEvent(message: unknown): InboxEvent | Dropped {
  const envelope = parseEnvelope(message);
  if (isDropped(envelope)) return envelope;
  const { name, data } = envelope;
  if (!isInboxEventName(name)) return dropped('unknown-event', name);
  // Only agents publish to inboxes (architecture §2 capabilities); a visitor claim here is not trusted.
  if (envelope.sender.kind !== 'agent') return dropped('untrusted-claim');
  const base = { id: envelope.id, timestamp: envelope.timestamp, clientId: envelope.clientId, sender: envelope.sender };
  if (name === 'transfer.offered') {
    const d = parseData(INBOX_DATA[name], data);
    if (isDropped(d)) return d;
    return { type: name, ...base, chatId: d.chatId, transferId: d.transferId, expiresAt: d.expiresAt, note: d.note };
  }
  if (name === 'transfer.accepted') {
    const d = parseData(INBOX_DATA[name], data);
    return isDropped(d) ? d : { type: name, ...base, chatId: d.chatId, transferId: d.transferId };
  }
  const d = parseData(INBOX_DATA[name], data);
  return isDropped(d) ? d : { type: name, ...base, chatId: d.chatId, seq: d.seq };
}

/**
 * Chats an agent's background should watch because of its inbox: each offer until it is well past its expiry (the
 * chat's log then says how it ended), each assignment always. Order-independent, so replays change nothing. An
 * acceptance adds none: it answers an offer of mine, whose chat I follow already (and its log has the answer too).
 */
export function chatsFromInbox(notices: readonly InboxEvent[], now: number, graceMs = 60_000): readonly string[] {
  const chats = new Set<string>();
  for (const notice of notices) {
    if (notice.type === 'chat.assigned' || (notice.type === 'transfer.offered' && now < notice.expiresAt + graceMs)) chats.add(notice.chatId);
  }
  return [...chats].sort();
}
