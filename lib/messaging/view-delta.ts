import { dequal } from 'dequal/lite';
import type { TranscriptEntry } from '../chat/fold-support.ts';
import type { ChatSnapshot, SessionSnapshot } from '../session/session-snapshot.ts';

// The view protocol's deltas (issue 19). A view gets the whole session once when it connects, then only what
// changed: posting the whole snapshot on every change made each update cost as much as everything the agent had
// open (a 5,000-message chat was serialised, cloned and re-rendered on every keystroke of the visitor).
// Pure: `applyPatches(prev, diffSnapshots(prev, next))` deep-equals `next` (view-delta.test.ts checks it on
// random pairs), and what did not change keeps its object identity, so memoised views skip it.

/** Top-level fields sent whole when they change (small: connection, me, status, clock, flags). */
type PlainKey = Exclude<keyof SessionSnapshot, 'chats' | 'agents' | 'lobby'>;
type ListKey = 'agents' | 'lobby';

/** One chat's change: the fields that differ, and the transcript as "keep the first n, append these". */
export interface ChatChange {
  chatId: string;
  set?: Record<string, unknown>;
  unset?: string[];
  transcript?: { keep: number; append: TranscriptEntry[] };
}

export type SnapshotPatch =
  | { op: 'replace'; snapshot: SessionSnapshot }
  | { op: 'set'; key: keyof SessionSnapshot; value: unknown }
  | { op: 'unset'; key: PlainKey }
  /** A keyed list (agents by clientId, lobby by chatId): changed or new items, removed keys, and the order when it is not implied. */
  | { op: 'list'; key: ListKey; put: unknown[]; remove: string[]; order?: string[] }
  | { op: 'chats'; put: ChatSnapshot[]; change: ChatChange[]; remove: string[]; order?: string[] };

const LIST_KEYS: Record<ListKey, (item: never) => string> = {
  agents: (agent: { clientId: string }) => agent.clientId,
  lobby: (entry: { chatId: string }) => entry.chatId,
};

/** The patches that turn `prev` into `next`; their size follows what changed, not what the session holds. */
export function diffSnapshots(prev: SessionSnapshot | null, next: SessionSnapshot): SnapshotPatch[] {
  if (prev === null) return [{ op: 'replace', snapshot: next }];
  if (prev === next) return [];
  const patches: SnapshotPatch[] = [];
  for (const key of new Set([...Object.keys(prev), ...Object.keys(next)]) as Set<keyof SessionSnapshot>) {
    if (key === 'chats' || key === 'agents' || key === 'lobby') continue;
    if (!(key in next)) patches.push({ op: 'unset', key });
    else if (!(key in prev) || !dequal(prev[key], next[key])) patches.push({ op: 'set', key, value: next[key] });
  }
  for (const key of ['agents', 'lobby'] as const) {
    const list = diffKeyed(prev[key] as readonly object[], next[key] as readonly object[], LIST_KEYS[key] as (item: object) => string, dequal);
    if (list === 'whole') patches.push({ op: 'set', key, value: next[key] });
    else if (list) patches.push({ op: 'list', key, ...list });
  }
  const chats = diffChats(prev.chats, next.chats);
  if (chats === 'whole') patches.push({ op: 'set', key: 'chats', value: next.chats });
  else if (chats) patches.push(chats);
  return patches;
}

/** `state` with the patches applied; unchanged chats, entries and list items are the same objects as before. */
export function applyPatches(state: SessionSnapshot | null, patches: readonly SnapshotPatch[]): SessionSnapshot {
  let next = state;
  for (const patch of patches) {
    if (patch.op === 'replace') {
      next = patch.snapshot;
      continue;
    }
    if (next === null) throw new Error('unable to apply a session patch; there is no snapshot to apply it to');
    if (patch.op === 'set') next = { ...next, [patch.key]: patch.value };
    else if (patch.op === 'unset') {
      const { [patch.key]: _removed, ...rest } = next;
      next = rest as SessionSnapshot;
    } else if (patch.op === 'list') {
      const keyOf = LIST_KEYS[patch.key] as (item: unknown) => string;
      next = { ...next, [patch.key]: applyKeyed(next[patch.key] as readonly unknown[], patch, keyOf, (_old, item) => item) };
    } else {
      const changes = new Map(patch.change.map((change) => [change.chatId, change]));
      const chats = applyKeyed<ChatSnapshot>(next.chats, { put: patch.put, remove: patch.remove, ...(patch.order ? { order: patch.order } : {}) }, (chat) => chat.chatId, (_old, chat) => chat);
      next = { ...next, chats: chats.map((chat) => (changes.has(chat.chatId) ? applyChatChange(chat, changes.get(chat.chatId)!) : chat)) };
    }
  }
  if (next === null) throw new Error('unable to apply session patches; the first must be a whole snapshot');
  return next;
}

function applyChatChange(chat: ChatSnapshot, change: ChatChange): ChatSnapshot {
  const next: Record<string, unknown> = { ...chat, ...change.set };
  for (const key of change.unset ?? []) delete next[key];
  if (change.transcript) {
    const { keep, append } = change.transcript;
    next['transcript'] = keep === chat.transcript.length ? chat.transcript.concat(append) : chat.transcript.slice(0, keep).concat(append);
  }
  return next as unknown as ChatSnapshot;
}

function diffChats(prev: readonly ChatSnapshot[], next: readonly ChatSnapshot[]): Extract<SnapshotPatch, { op: 'chats' }> | 'whole' | null {
  const keyed = diffKeyed(prev, next, (chat) => chat.chatId, () => true);
  if (keyed === 'whole') return 'whole';
  const before = new Map(prev.map((chat) => [chat.chatId, chat]));
  const change: ChatChange[] = [];
  const put: ChatSnapshot[] = [];
  for (const chat of next) {
    const old = before.get(chat.chatId);
    if (!old) put.push(chat);
    else {
      const diff = diffChat(old, chat);
      if (diff) change.push(diff);
    }
  }
  if (put.length === 0 && change.length === 0 && !keyed?.remove.length && !keyed?.order) return null;
  return { op: 'chats', put, change, remove: keyed?.remove ?? [], ...(keyed?.order ? { order: keyed.order } : {}) };
}

function diffChat(prev: ChatSnapshot, next: ChatSnapshot): ChatChange | null {
  if (prev === next) return null;
  const change: ChatChange = { chatId: next.chatId };
  const a = prev as unknown as Record<string, unknown>;
  const b = next as unknown as Record<string, unknown>;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (key === 'transcript') continue;
    if (!(key in b)) (change.unset ??= []).push(key);
    else if (!(key in a) || !dequal(a[key], b[key])) (change.set ??= {})[key] = b[key];
  }
  const transcript = diffTranscript(prev.transcript, next.transcript);
  if (transcript) change.transcript = transcript;
  return change.set || change.unset || change.transcript ? change : null;
}

/** The longest common prefix is kept: a chat grows at its end, so a new message costs one entry. */
function diffTranscript(prev: readonly TranscriptEntry[], next: readonly TranscriptEntry[]): ChatChange['transcript'] | null {
  if (prev === next) return null;
  const shorter = Math.min(prev.length, next.length);
  let keep = 0;
  while (keep < shorter && sameEntry(prev[keep]!, next[keep]!)) keep += 1;
  if (keep === prev.length && keep === next.length) return null;
  return { keep, append: next.slice(keep) };
}

function sameEntry(a: TranscriptEntry, b: TranscriptEntry): boolean {
  return (
    a === b ||
    (a.id === b.id &&
      a.text === b.text &&
      a.clientId === b.clientId &&
      a.timestamp === b.timestamp &&
      a.authorKind === b.authorKind &&
      a.fromOwner === b.fromOwner &&
      a.countsAsReply === b.countsAsReply)
  );
}

interface KeyedDiff<T> {
  put: T[];
  remove: string[];
  order?: string[];
}

/**
 * Items added or changed, keys removed, and the new order only when it is not "the old order without the removed,
 * then the new ones". 'whole' when a list repeats a key (not expected; then the list is simply sent whole).
 */
function diffKeyed<T>(prev: readonly T[], next: readonly T[], keyOf: (item: T) => string, equal: (a: T, b: T) => boolean): KeyedDiff<T> | 'whole' | null {
  if (prev === next) return null;
  const before = new Map(prev.map((item) => [keyOf(item), item]));
  const after = new Map(next.map((item) => [keyOf(item), item]));
  if (before.size !== prev.length || after.size !== next.length) return 'whole';
  const put = next.filter((item) => {
    const old = before.get(keyOf(item));
    return old === undefined || (old !== item && !equal(old, item));
  });
  const remove = [...before.keys()].filter((key) => !after.has(key));
  const implied = [...[...before.keys()].filter((key) => after.has(key)), ...next.map(keyOf).filter((key) => !before.has(key))];
  const order = next.map(keyOf);
  const reordered = order.some((key, index) => implied[index] !== key);
  if (put.length === 0 && remove.length === 0 && !reordered) return null;
  return { put, remove, ...(reordered ? { order } : {}) };
}

function applyKeyed<T>(items: readonly T[], diff: KeyedDiff<unknown>, keyOf: (item: T) => string, merge: (old: T | undefined, item: T) => T): T[] {
  const removed = new Set(diff.remove);
  const byKey = new Map(items.map((item) => [keyOf(item), item]));
  const order = diff.order ?? [...items.map(keyOf).filter((key) => !removed.has(key))];
  for (const raw of diff.put as T[]) {
    const key = keyOf(raw);
    if (!diff.order && !byKey.has(key)) order.push(key);
    byKey.set(key, merge(byKey.get(key), raw));
  }
  for (const key of removed) byKey.delete(key);
  return order.map((key) => byKey.get(key)).filter((item): item is T => item !== undefined);
}
