import type { TranscriptEntry } from '../chat/fold-support.ts';

// The agent's own messages between Send and the chat's log (issue 19): painted in the frame after Send, marked
// while the hub has not acknowledged them, kept with Retry when the publish failed. Each carries the message id
// it is published with, so the log's copy replaces it (never both) and a retry cannot post it twice (the hub
// and Ably drop a second publish of the same id).

export type OutgoingState = 'sending' | 'sent' | 'failed';

export interface OutgoingMessage {
  readonly id: string;
  readonly text: string;
  /** When Send was pressed (this view's clock): shown until the log's own timestamp replaces it. */
  readonly at: number;
  readonly state: OutgoingState;
}

/** Per chat, oldest first. */
export type OutgoingByChat = Readonly<Record<string, readonly OutgoingMessage[]>>;

export function addOutgoing(all: OutgoingByChat, chatId: string, message: OutgoingMessage): OutgoingByChat {
  return { ...all, [chatId]: [...(all[chatId] ?? []), message] };
}

export function setOutgoingState(all: OutgoingByChat, chatId: string, id: string, state: OutgoingState): OutgoingByChat {
  const list = all[chatId];
  if (!list?.some((message) => message.id === id && message.state !== state)) return all;
  return { ...all, [chatId]: list.map((message) => (message.id === id ? { ...message, state } : message)) };
}

/** Ids in the transcript among `ids`, read from its end, where a just-sent message lands. */
function inTranscript(transcript: readonly TranscriptEntry[], ids: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  for (let i = transcript.length - 1; i >= 0 && found.size < ids.size; i -= 1) {
    const id = transcript[i]!.id;
    if (ids.has(id)) found.add(id);
  }
  return found;
}

/**
 * Drops the messages the log now holds; keeps the rest. A chat that left the session takes its sent messages
 * with it but keeps the failed and unanswered ones (their text is not lost).
 */
export function reconcileOutgoing(all: OutgoingByChat, transcripts: ReadonlyMap<string, readonly TranscriptEntry[]>): OutgoingByChat {
  let changed = false;
  const next: Record<string, readonly OutgoingMessage[]> = {};
  for (const [chatId, list] of Object.entries(all)) {
    const transcript = transcripts.get(chatId);
    const logged = transcript ? inTranscript(transcript, new Set(list.map((message) => message.id))) : new Set<string>();
    const kept = list.filter((message) => !logged.has(message.id) && (transcript !== undefined || message.state !== 'sent'));
    if (kept.length !== list.length) changed = true;
    if (kept.length > 0) next[chatId] = kept;
  }
  return changed ? next : all;
}
