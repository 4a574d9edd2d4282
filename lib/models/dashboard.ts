import type { ChatSnapshot, Me, SessionSnapshot } from '../session/session-snapshot.ts';

// The Dashboard: who may see it, what it lists, and which chats are followed only to listen in.
// Pure derivations from the session snapshot, so the sidebar model and its views stay thin.

/** One live chat on the Dashboard. */
export interface DashboardRow {
  chatId: string;
  visitorName: string;
  topic: string;
  /** The agent's clientId, or null while the chat is still in the queue. */
  owner: string | null;
  /** When the visitor started the chat: the base of its duration (ongoing) or waiting time (queued). */
  startedAt: number;
  /** I am already listening in on it. */
  listening: boolean;
}

/** Only the token's trusted claims open the Dashboard ("Can listen in" or Manager); nobody else gets the tab. */
export function mayUseDashboard(me: Me | null | undefined): boolean {
  return me?.listener === true || me?.manager === true;
}

/**
 * I follow this chat only because I opened it from the Dashboard: not my chat, not offered to me and not one I
 * owned before (that is listening mode after a transfer). It stays so after the chat ends, until Close window.
 */
export function isListeningIn(chat: Pick<ChatSnapshot, 'watching' | 'myRole'>): boolean {
  return chat.watching && (chat.myRole === 'listening' || chat.myRole === 'manager');
}

/**
 * The ongoing chat sessions (with an agent) oldest first, then the chats still waiting in the queue. The lobby's
 * owner is the visitor widget's hint; when I follow the chat, its log is the truth and wins.
 */
export function dashboardRows(session: SessionSnapshot | null): DashboardRow[] {
  if (!session) return [];
  const tracked = new Map(session.chats.map((chat) => [chat.chatId, chat]));
  const rows = session.lobby.map((entry): DashboardRow => {
    const chat = tracked.get(entry.chatId);
    return {
      chatId: entry.chatId,
      visitorName: entry.visitorName,
      topic: entry.topic,
      owner: chat && chat.seq > 0 ? chat.owner : entry.owner,
      startedAt: entry.startedAt,
      listening: chat !== undefined && isListeningIn(chat),
    };
  });
  return [...rows.filter((row) => row.owner !== null), ...rows.filter((row) => row.owner === null)];
}

/** Elapsed time as m:ss, or h:mm:ss from an hour on; never negative (the visitor's clock may be ahead). */
export function formatElapsed(since: number, now: number): string {
  const total = Math.max(0, Math.floor((now - since) / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
