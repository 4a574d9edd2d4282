import { createChat } from '../chat/fold.ts';
import { createChatPredictions, type ChatPredictions } from './chat-predictions.ts';
import type { LocalChatFlags, TrackedChat } from './session-snapshot.ts';

// One chat the agent's session follows (tracked-chats.ts), with what the session keeps beside its folded state:
// keepUntil: a command (pick up, take over) is about to act on this chat; don't prune it meanwhile.
// holdUntil: my own answer (an acceptance) is on its way back; keep the chat whatever the fold says until then.
// predictions: my events on their way to the log, shown at once (chat-predictions.ts).
// refused: the realtime service refused its channel (40160); its history will never load, so prune drops it.
export type FollowedChat = TrackedChat & {
  close: () => void;
  keepUntil: number;
  holdUntil: number;
  predictions: ChatPredictions;
  refused: boolean;
};

const DEFAULT_FLAGS: LocalChatFlags = { watching: false, closed: false, readMarker: null };

/** A chat just followed: nothing folded yet, its feed not open yet. */
export function newFollowedChat(chatId: string, flags: Partial<LocalChatFlags>, keepUntil: number): FollowedChat {
  return {
    state: createChat(chatId),
    flags: { ...DEFAULT_FLAGS, ...flags },
    historyLoaded: false,
    close: () => {},
    keepUntil,
    holdUntil: 0,
    predictions: createChatPredictions(),
    refused: false,
  };
}
