import { browser } from 'wxt/browser';
import type { LocalChatFlags } from '../session/session-snapshot.ts';
import { CHATS_KEY } from '../settings/session-settings.ts';

// What the session asks the browser to keep for it while the worker sleeps: the followed chats (storage) and the
// arbiter's wake-ups (alarms). The session reports them on every change of the kind, and most reports repeat the last
// one: every fold of a chat with a waiting offer (each visitor message while it waits) re-runs the arbiter, which
// names the same expiry again, and an inbox notice for a chat already followed re-states the same chats. Each write is an extension API call, a trip through the browser process that a
// CPU profile of the worker during transfers showed beside the work that carries the offer to the views. So a write
// that would repeat the last one is skipped.

/** Writes the followed chats when they differ from the last ones written; a failed write is tried again next time. */
export function followedChatsWriter(write = (chats: Record<string, LocalChatFlags>) => browser.storage.local.set({ [CHATS_KEY]: chats })) {
  let last: string | undefined;
  return (chats: Record<string, LocalChatFlags>): void => {
    const key = JSON.stringify(chats);
    if (key === last) return;
    last = key;
    void write(chats).catch(() => {
      if (last === key) last = undefined;
    });
  };
}

/**
 * Sets a chat's wake-up alarm when the time differs from the one set. The same time again is skipped only while it is
 * still ahead, since an alarm that has fired is gone; never sooner than Chrome allows (its minimum is 1 s away).
 */
export function arbiterAlarms(create = (name: string, when: number) => browser.alarms.create(name, { when }), now = Date.now) {
  const set = new Map<string, number>();
  return (chatId: string, at: number): void => {
    if (set.get(chatId) === at && at > now()) return;
    set.set(chatId, at);
    void Promise.resolve(create(`arbiter:${chatId}`, Math.max(at, now() + 1000))).catch(() => set.delete(chatId));
  };
}
