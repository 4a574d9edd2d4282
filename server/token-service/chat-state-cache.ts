// Each chat's folded state, kept between token requests, so a request reads only the messages published since the
// last read instead of the chat's whole log (a page of up to 1,000 messages, folded again each time). At 500 agents
// every token request re-reading and re-folding each asked chat was what made the service too slow
// (docs/architecture.md "Scale").
//
// Security: a grant is decided on the log as it is when the request arrives, never on an older state. So every
// request reads the chat's log (its new tail) once more; the cache only saves reading and folding the old part.
// Requests for one chat while a read runs do not join that read (it may have started before they arrived): they
// share the next one, which starts once the running read is done (and so after they arrived).
//
// Why the tail is enough: the fold is order-independent and de-duplicates by message id (lib/chat/fold.ts), so
// folding the old state with the new messages gives what folding the whole log gives. The tail is read with Ably's
// REST history `start` (inclusive, ms since the epoch; Ably docs api/rest-sdk/history; the hub: channel-log.ts) from
// the newest timestamp seen, less an overlap in case two messages share a millisecond or Ably's timestamps are not
// strictly in publish order; the overlap is folded again and de-duplicated. Timestamps are Ably's own (the hub
// stamps them on receipt, session-publish.ts), never the publisher's, so a client cannot backdate a message
// behind the cursor.
//
// The overlap is read again but not parsed or folded again: a digest of each message read is kept while the next
// read's overlap covers it, and an identical message read again is skipped before parsing, which is what the fold's
// de-duplication would do after it. On a busy chat (the bench's transfers, a few messages every 50 ms) the overlap
// is most of what each request reads, and parsing and folding it ran on the same thread as the local hub, in the path
// of the very transfer being granted.
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { createChat, foldEvents, type ChatState } from '../../lib/chat/fold.ts';
import type { ChannelHistory, HistoryPage } from '../../lib/realtime/rest-history.ts';
import { readChatHistory } from '../../lib/session/chat-feed.ts';
import type { Logger } from '../lib/log.ts';

/** Reads a channel's history backwards from now, only messages at or after `start` when given. */
export type ReadSince = ChannelHistory;

/** Messages this much older than the newest one seen are read again (and de-duplicated by the fold). */
export const OVERLAP_MS = 5_000;
/**
 * 2,000 live chats (the design's ceiling) plus the ones that ended recently and may still be asked about; a
 * chat's state is a few KB (8 lines, the register), so this stays in the tens of MB.
 */
export const DEFAULT_MAX_CHATS = 5_000;

export interface ChatStateCacheOptions {
  readSince: ReadSince;
  logger: Logger;
  maxChats?: number;
}

export interface ChatStateCache {
  /** The chat's state folded from its log as it is now (read after this call); undefined when unreadable. */
  current(chatId: string): Promise<ChatState | undefined>;
  /** How many chats are kept (for tests and logs). */
  size(): number;
}

interface Entry {
  chatId: string;
  state: ChatState | undefined;
  /** The newest Ably timestamp folded so far; undefined: nothing read yet (the next read reads everything). */
  newest: number | undefined;
  reading: Promise<ChatState | undefined> | null;
  queued: Promise<ChatState | undefined> | null;
  /** Digests of messages already read (skipKey), with their Ably timestamps: those the next read's overlap brings back (pruned after each read). */
  seen: Map<string, number>;
}

/**
 * What makes a history item "read before": the whole message, as a digest (the kept keys stay small, however large
 * the messages), with its Ably timestamp for pruning; undefined (never skipped) without a timestamp. Only an identical
 * copy is skipped, and folding an identical copy changes nothing. A narrower key is not enough: two different
 * messages can share publisher, id and timestamp (the hub forms ids from a client's own msgSerial), and the fold
 * settles between such copies by their content (`prefer`, lib/chat/fold-support.ts), so each must be parsed.
 */
function skipKey(item: unknown): { key: string; timestamp: number } | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const { timestamp } = item as { timestamp?: unknown };
  if (typeof timestamp !== 'number') return undefined;
  return { key: createHash('sha256').update(JSON.stringify(item)).digest('base64url'), timestamp };
}

/** `page` and the pages after it without the items in `seen`; the keys of the others go into `added`. */
function unseen(page: HistoryPage, seen: ReadonlyMap<string, number>, added: Map<string, number>): HistoryPage {
  const items = page.items.filter((item) => {
    const read = skipKey(item);
    if (read === undefined) return true;
    if (seen.has(read.key)) return false;
    added.set(read.key, read.timestamp);
    return true;
  });
  return {
    items,
    hasNext: () => page.hasNext(),
    next: async () => {
      const next = await page.next();
      return next ? unseen(next, seen, added) : next;
    },
  };
}

export function createChatStateCache(options: ChatStateCacheOptions): ChatStateCache {
  const entries = new LRUCache<string, Entry>({ max: options.maxChats ?? DEFAULT_MAX_CHATS });

  const read = async (entry: Entry): Promise<ChatState | undefined> => {
    const start = entry.newest === undefined ? undefined : entry.newest - OVERLAP_MS;
    let state = entry.state ?? createChat(entry.chatId);
    let newest = entry.newest;
    let drops = 0;
    // Committed to the entry only once the read has succeeded: a failed read folds nothing, so nothing may be skipped.
    const added = new Map<string, number>();
    try {
      const since: ChannelHistory = async (name, limit) => unseen(await options.readSince(name, limit, start), entry.seen, added);
      await readChatHistory(since, `chat:${entry.chatId}`, {
        onEvents: (events) => {
          state = foldEvents(state, events);
          for (const event of events) if (newest === undefined || event.timestamp > newest) newest = event.timestamp;
        },
        onDrop: () => (drops += 1),
      });
    } catch (error) {
      // The state kept stays as it was: the next request reads from where it was read last.
      options.logger.warn('chat_unreadable', { chatId: entry.chatId, error: String(error).slice(0, 200) });
      return undefined;
    }
    if (drops > 0) options.logger.debug('chat_events_dropped', { chatId: entry.chatId, drops });
    entry.state = state;
    entry.newest = newest;
    // Kept: what the next read's overlap (from newest - OVERLAP_MS) will bring back.
    const nextStart = newest === undefined ? undefined : newest - OVERLAP_MS;
    for (const [digest, timestamp] of added) entry.seen.set(digest, timestamp);
    for (const [digest, timestamp] of entry.seen) if (nextStart === undefined || timestamp < nextStart) entry.seen.delete(digest);
    return state;
  };

  const current = (entry: Entry): Promise<ChatState | undefined> => {
    if (entry.reading === null) {
      entry.reading = read(entry).finally(() => (entry.reading = null));
      return entry.reading;
    }
    entry.queued ??= entry.reading.then(() => {
      entry.queued = null;
      return current(entry);
    });
    return entry.queued;
  };

  return {
    current(chatId) {
      let entry = entries.get(chatId);
      if (!entry) {
        entry = { chatId, state: undefined, newest: undefined, reading: null, queued: null, seen: new Map() };
        entries.set(chatId, entry);
      }
      return current(entry);
    },
    size: () => entries.size,
  };
}
