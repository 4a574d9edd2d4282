import type { ChatState } from '../chat/fold.ts';
import type { Principal } from '../chat/roles.ts';
import { viewFor, type ChatView } from '../chat/view.ts';
import type { Position } from '../chat/events.ts';
import type { PendingAction } from '../chat/predict.ts';
import type { AgentPresence } from '../realtime/agent-presence.ts';
import type { AgentStatus } from '../settings/preferences.ts';
import type { ConnectionErrorCode } from './connection-error.ts';
import type { LobbyEntry } from './lobby.ts';
import type { ChatPredictions } from './chat-predictions.ts';

// What every view gets from the background: the whole current state, derived for this
// agent. Views render it and send commands; they never hold truth of their own.
export type ConnectionPhase = 'signed-out' | 'connecting' | 'connected' | 'disconnected' | 'suspended' | 'failed';

export interface ConnectionInfo {
  phase: ConnectionPhase;
  /** Why the last attempt failed, in English words for logs and support (the view shows them as a detail), or null. */
  error: string | null;
  /** What the view says about it in the agent's language (lib/session/connection-error.ts); absent: no more than the phase. */
  errorCode?: ConnectionErrorCode;
  since: number;
}

export interface Me {
  clientId: string;
  name: string;
  manager: boolean;
  listener: boolean;
}

/** Local facts about a chat that only this agent has (never published). */
export interface LocalChatFlags {
  watching: boolean;
  closed: boolean;
  readMarker: Position | null;
}

export interface ChatSnapshot extends ChatView {
  visitorName: string;
  topic: string;
  startedAt: number | null;
  historyLoaded: boolean;
  /** I opened it from the Dashboard to listen in (local only; the agent is not told). */
  watching: boolean;
  /**
   * My action shown before the log has it (lib/session/chat-predictions.ts), or null; `predicted` is true while
   * anything shown is a prediction (also an accepted offer's completion, which is certain but not yet in the log).
   */
  pendingAction?: PendingAction | null;
  predicted?: boolean;
}

export interface SessionSnapshot {
  connection: ConnectionInfo;
  me: Me | null;
  status: AgentStatus;
  agents: AgentPresence[];
  lobby: LobbyEntry[];
  chats: ChatSnapshot[];
  offerTimeoutMs: number;
  now: number;
  /** Set by the background from the policy: false when no CRM adapter is configured, so views hide Link to person and Create request. */
  crmAvailable?: boolean;
  /** Set by the background: false when the policy turns Create request off (`features.createRequest`) or there is no CRM. */
  requestsAvailable?: boolean;
}

export interface TrackedChat {
  state: ChatState;
  flags: LocalChatFlags;
  historyLoaded: boolean;
  predictions?: ChatPredictions;
}

export function chatSnapshot(chat: TrackedChat, me: Principal, lobby: ReadonlyMap<string, LobbyEntry>, now: number): ChatSnapshot {
  const shown = chat.predictions?.view(chat.state, now) ?? { state: chat.state, pending: null };
  const view = viewFor(shown.state, me, { now, readMarker: chat.flags.readMarker, watching: chat.flags.watching, closed: chat.flags.closed });
  const entry = lobby.get(chat.state.chatId);
  return {
    ...view,
    visitorName: entry?.visitorName ?? '',
    topic: entry?.topic ?? '',
    startedAt: entry?.startedAt ?? null,
    historyLoaded: chat.historyLoaded,
    watching: chat.flags.watching,
    pendingAction: shown.pending,
    predicted: shown.state !== chat.state,
  };
}

/** Offers addressed to me that I can still answer: the toolbar badge and the popup. */
export function pendingIncoming(snapshot: SessionSnapshot): ChatSnapshot[] {
  return snapshot.chats.filter((chat) => chat.canRespond);
}
