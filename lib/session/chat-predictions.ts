import type { AcceptanceNotice, LoggedEvent } from '../chat/events.ts';
import { outcomeOf, type ChatState } from '../chat/fold.ts';
import { predict, type PendingAction } from '../chat/predict.ts';

// One chat's predictions (issue 19): my published events the log does not have yet, shown to the views at once
// (lib/chat/predict.ts), and dropped as soon as the log has them; the log then says what really happened.

export interface ChatPredictions {
  /** What the views should show: `state` with my events still in flight and their certain consequences. */
  view(state: ChatState, now: number): { state: ChatState; pending: PendingAction | null };
  /** My event is on its way: predict it until the log has it. Returns the withdrawal (the publish failed). */
  add(action: PendingAction, draft: LoggedEvent): () => void;
  /**
   * A receiver's acceptance of my offer, told to my inbox: the completion I publish on it is shown at once. Kept
   * here once, for the arbiter too (`relayed`).
   */
  relay(notice: AcceptanceNotice): void;
  /** The latest acceptance told to my inbox for this chat, or null (lost with the worker; the log's copy follows). */
  relayed(): AcceptanceNotice | null;
  /** The log changed: drops what it now has; resolves the waiters once nothing is predicted any more. */
  reconcile(state: ChatState, now: number): void;
  /**
   * Resolves when the log shows everything predicted (or after `timeoutMs`): commands plan on the log, not on a
   * guess. With `mineOnly`, once my own events are in the log (an accepted offer's completion is the offerer's).
   */
  settled(state: ChatState, now: number, timeoutMs: number, mineOnly?: boolean): Promise<void>;
  dispose(): void;
}

export function createChatPredictions(): ChatPredictions {
  let mine: Array<{ action: PendingAction; draft: LoggedEvent }> = [];
  let relayed: AcceptanceNotice | null = null;
  let memo: { state: ChatState; mine: typeof mine; relayed: AcceptanceNotice | null; result: ChatState } | null = null;
  let waiters: Array<{ mineOnly: boolean; resolve: () => void }> = [];

  const predicted = (state: ChatState, now: number) => {
    // Recomputed only when the log or my events changed (a snapshot is taken on every change of the session).
    if (memo?.state !== state || memo.mine !== mine || memo.relayed !== relayed) {
      memo = { state, mine, relayed, result: predict(state, mine.map((item) => item.draft), now, relayed) };
    }
    return memo.result;
  };
  const isSettled = (state: ChatState, now: number, mineOnly: boolean) => mine.length === 0 && (mineOnly || predicted(state, now) === state);
  const release = (done: (waiter: (typeof waiters)[number]) => boolean) => {
    const ready = waiters.filter(done);
    waiters = waiters.filter((waiter) => !done(waiter));
    for (const waiter of ready) waiter.resolve();
  };

  return {
    view(state, now) {
      return { state: predicted(state, now), pending: mine.at(-1)?.action ?? null };
    },
    add(action, draft) {
      const item = { action, draft };
      mine = [...mine, item];
      return () => {
        mine = mine.filter((candidate) => candidate !== item);
      };
    },
    relay(notice) {
      relayed = notice;
    },
    relayed: () => relayed,
    reconcile(state, now) {
      const left = mine.filter((item) => outcomeOf(state, item.draft) === undefined);
      if (left.length !== mine.length) mine = left;
      if (waiters.length > 0) release((waiter) => isSettled(state, now, waiter.mineOnly));
    },
    settled(state, now, timeoutMs, mineOnly = false) {
      if (isSettled(state, now, mineOnly)) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        waiters.push({
          mineOnly,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    dispose: () => release(() => true),
  };
}

/**
 * The tracked chats' side (tracked-chats.ts): `predict` shows my event on a followed chat and returns its withdrawal
 * (the publish failed); `settled` waits for a chat's log to show what was predicted (a chat no longer followed: at once).
 */
export function predictionsFor(chatOf: (chatId: string) => { state: ChatState; predictions: ChatPredictions } | undefined, now: () => number, changed: () => void) {
  return {
    predict(chatId: string, action: PendingAction, draft: LoggedEvent): () => void {
      const chat = chatOf(chatId);
      if (!chat) return () => {};
      const withdraw = chat.predictions.add(action, draft);
      // The views hear of it after this task, not in its microtasks: the publish that follows goes through ably-js'
      // promise chain, and a view update in between (a snapshot, its diff, a post to every view) would hold the frame
      // back from the socket by that long (measured: the offer row's p50 rose ~4 ms with predictions). The view
      // still has the prediction in the frame after the click, long before the hub's answer.
      setTimeout(changed, 0);
      return () => {
        withdraw();
        chat.predictions.reconcile(chat.state, now());
        changed();
      };
    },
    settled(chatId: string, timeoutMs: number, mineOnly = false): Promise<void> {
      const chat = chatOf(chatId);
      return chat ? chat.predictions.settled(chat.state, now(), timeoutMs, mineOnly) : Promise.resolve();
    },
  };
}
