// parseChatEvent: an Ably message from `chat:{chatId}` → a domain event, or the reason it was dropped. Never throws.
import type { ChatEvent, ChatEventName } from './events.ts';
import { dropped, isDropped, parseData, parseEnvelope } from './parse-support.ts';
import type { Dropped } from './reasons.ts';
import { CHAT_DATA } from './schemas.ts';

const NAMES = new Set<string>(Object.keys(CHAT_DATA));

export function isChatEventName(name: string): name is ChatEventName {
  return NAMES.has(name);
}

export function parseChatEvent(message: unknown): ChatEvent | Dropped {
  const envelope = parseEnvelope(message);
  if (isDropped(envelope)) return envelope;
  const { name, data } = envelope;
  const base = { id: envelope.id, timestamp: envelope.timestamp, clientId: envelope.clientId, sender: envelope.sender };
  if (!isChatEventName(name)) return dropped('unknown-event', name);
  switch (name) {
    case 'message': {
      const d = parseData(CHAT_DATA.message, data);
      return isDropped(d) ? d : { type: name, ...base, text: d.text };
    }
    case 'typing': {
      const d = parseData(CHAT_DATA.typing, data);
      return isDropped(d) ? d : { type: name, ...base, typing: d.typing };
    }
    case 'claim': {
      const d = parseData(CHAT_DATA.claim, data);
      return isDropped(d) ? d : { type: name, ...base };
    }
    case 'assigned': {
      const d = parseData(CHAT_DATA.assigned, data);
      return isDropped(d) ? d : { type: name, ...base, owner: d.owner, seq: d.seq, claimId: d.claimId };
    }
    case 'transfer.offered': {
      const d = parseData(CHAT_DATA[name], data);
      if (isDropped(d)) return d;
      return { type: name, ...base, transferId: d.transferId, to: d.to, note: d.note, expiresAt: d.expiresAt, seq: d.seq };
    }
    case 'transfer.cancelled': {
      const d = parseData(CHAT_DATA[name], data);
      return isDropped(d) ? d : { type: name, ...base, transferId: d.transferId, reason: d.reason };
    }
    case 'transfer.accepted':
    case 'transfer.expired': {
      const d = parseData(CHAT_DATA[name], data);
      return isDropped(d) ? d : { type: name, ...base, transferId: d.transferId };
    }
    case 'transfer.rejected': {
      const d = parseData(CHAT_DATA[name], data);
      return isDropped(d) ? d : { type: name, ...base, transferId: d.transferId, reason: d.reason };
    }
    case 'transfer.completed': {
      const d = parseData(CHAT_DATA[name], data);
      return isDropped(d) ? d : { type: name, ...base, transferId: d.transferId, owner: d.owner, seq: d.seq };
    }
    case 'takeover': {
      const d = parseData(CHAT_DATA.takeover, data);
      return isDropped(d) ? d : { type: name, ...base, owner: d.owner, seq: d.seq };
    }
    case 'contact.linked': {
      const d = parseData(CHAT_DATA[name], data);
      return isDropped(d) ? d : { type: name, ...base, personId: d.personId, displayName: d.displayName };
    }
    case 'request.created': {
      const d = parseData(CHAT_DATA[name], data);
      return isDropped(d) ? d : { type: name, ...base, requestId: d.requestId, title: d.title };
    }
    case 'chat.ended': {
      const d = parseData(CHAT_DATA[name], data);
      return isDropped(d) ? d : { type: name, ...base, reason: d.reason };
    }
  }
}
