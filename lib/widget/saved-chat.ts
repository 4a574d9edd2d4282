// The one thing the widget keeps in the visitor's browser: the chat going on, so a reload or another page of the
// same site resumes it (localStorage is per origin). It holds the visitor token (which only opens this chat), what
// the visitor typed in the pre-chat form and whether the panel was open. It is removed when the chat ends or
// "Start a new chat" is chosen, and ignored (and removed) after MAX_AGE_MS without activity, which matches how long
// the token service lets an expired visitor token be renewed (visitorRenewGraceSeconds, 24 h).

export interface SavedChat {
  readonly token: string;
  readonly name: string;
  readonly email: string;
  readonly topic: string;
  readonly startedAt: number;
  readonly savedAt: number;
  readonly open: boolean;
  /** Agent messages the visitor has seen, so the launcher's unread count survives a page change. */
  readonly seen: number;
  /** Where agents joined (chat-log.ts), so "… has joined the chat" stays in its place after a page change. */
  readonly joins: readonly { readonly clientId: string; readonly at: number; readonly after: number }[];
}

export const MAX_AGE_MS = 24 * 60 * 60 * 1000;
const PREFIX = 'baton-widget:';

/** One key per token service, so two Baton organisations on one site do not share a chat. */
export const savedChatKey = (tokenService: string) => `${PREFIX}${tokenService}`;

export function parseSavedChat(raw: string | null, now: number): SavedChat | undefined {
  if (raw === null || raw.length > 16_384) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    if (value === null || typeof value !== 'object') return undefined;
    const { token, name, email, topic, startedAt, savedAt, open, seen, joins } = value as Record<string, unknown>;
    if (typeof token !== 'string' || typeof name !== 'string' || typeof email !== 'string' || typeof topic !== 'string') return undefined;
    if (typeof startedAt !== 'number' || typeof savedAt !== 'number' || typeof open !== 'boolean') return undefined;
    if (now - savedAt > MAX_AGE_MS || savedAt > now + 60_000) return undefined;
    return { token, name, email, topic, startedAt, savedAt, open, seen: typeof seen === 'number' && seen >= 0 ? seen : 0, joins: parseJoins(joins) };
  } catch {
    return undefined;
  }
}

function parseJoins(value: unknown): SavedChat['joins'] {
  if (!Array.isArray(value)) return [];
  return value
    .slice(0, 100)
    .filter((join: unknown): join is SavedChat['joins'][number] => {
      const { clientId, at, after } = (join ?? {}) as Record<string, unknown>;
      return typeof clientId === 'string' && clientId.length <= 256 && typeof at === 'number' && typeof after === 'number' && after >= 0;
    })
    .map(({ clientId, at, after }) => ({ clientId, at, after }));
}

/** Storage can be switched off or full (private windows, site settings): the chat then just does not resume. */
export function readSavedChat(key: string, now = Date.now()): SavedChat | undefined {
  try {
    const saved = parseSavedChat(localStorage.getItem(key), now);
    if (saved === undefined) localStorage.removeItem(key);
    return saved;
  } catch {
    return undefined;
  }
}

export function writeSavedChat(key: string, value: SavedChat | undefined): void {
  try {
    if (value === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // see readSavedChat
  }
}
