import type { Command } from '../messaging/commands.ts';
import { pendingIncoming, type SessionSnapshot } from '../session/session-snapshot.ts';
import { ACCEPT_NEWEST_COMMAND, OPEN_SIDEBAR_COMMAND, REJECT_NEWEST_COMMAND } from '../shortcuts/shortcut-names.ts';
import { noticeChatId, parseOfferNotificationId } from './notifications.ts';

export interface AnswerDeps {
  /** Resolves when the session is back: a shortcut or a button may be what woke the worker. */
  ready(): Promise<void>;
  snapshot(): SessionSnapshot;
  runCommand(command: Command): Promise<unknown>;
  reveal(chatId?: string): Promise<void>;
}

/** The newest transfer waiting for this agent's answer, as the popup lists first. */
export function newestOffer(snapshot: SessionSnapshot): { chatId: string; transferId: string } | undefined {
  const [newest] = pendingIncoming(snapshot)
    .flatMap((chat) => (chat.pendingOffer ? [{ chatId: chat.chatId, transferId: chat.pendingOffer.transferId, offeredAt: chat.pendingOffer.offeredAt }] : []))
    .sort((a, b) => b.offeredAt - a.offeredAt);
  return newest && { chatId: newest.chatId, transferId: newest.transferId };
}

async function answer(deps: AnswerDeps, accept: boolean, offer: { chatId: string; transferId: string }) {
  await deps.runCommand({ type: accept ? 'accept-transfer' : 'reject-transfer', ...offer });
  // Accepted: the agent's next step is to write in that chat, so it is put in front of them.
  if (accept) await deps.reveal(offer.chatId);
}

/** How long a reveal that woke the worker waits for the session before it reveals anyway. */
export const REVEAL_WAKE_WAIT_MS = 1_000;

/**
 * Waits for the session, at most `waitMs`, before a reveal. An event that woke the worker comes before the open CRM
 * tabs' sidebars have reconnected (250 ms after the worker is back): until then the worker knows no CRM tab and would
 * open another one.
 */
async function settledForReveal(deps: Pick<AnswerDeps, 'ready'>, waitMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([deps.ready(), new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
  clearTimeout(timer);
}

/** `commands.onCommand`: the manifest's keyboard shortcuts (wxt.config.ts `commands`). */
export function createShortcutHandler(deps: AnswerDeps, waitMs = REVEAL_WAKE_WAIT_MS) {
  return async (name: string): Promise<void> => {
    if (name === OPEN_SIDEBAR_COMMAND) {
      await settledForReveal(deps, waitMs);
      return deps.reveal();
    }
    if (name !== ACCEPT_NEWEST_COMMAND && name !== REJECT_NEWEST_COMMAND) return;
    await deps.ready();
    const offer = newestOffer(deps.snapshot());
    if (offer) await answer(deps, name === ACCEPT_NEWEST_COMMAND, offer);
  };
}

/** `notifications.onButtonClicked`: button 0 is Accept transfer, 1 Reject transfer (notifications.ts). */
export function createNotificationButtonHandler(deps: AnswerDeps) {
  return async (notificationId: string, buttonIndex: number): Promise<void> => {
    const offer = parseOfferNotificationId(notificationId);
    if (!offer) return;
    await deps.ready();
    await answer(deps, buttonIndex === 0, offer);
  };
}

/**
 * `notifications.onClicked`, a click on the notice itself rather than a button: the agent is taken to the chat it is
 * about (the CRM tab's sidebar, opened on it), to read an offer before answering it there, or to see how theirs ended.
 */
export function createNotificationClickHandler(deps: Pick<AnswerDeps, 'reveal' | 'ready'>, waitMs = REVEAL_WAKE_WAIT_MS) {
  return async (notificationId: string): Promise<void> => {
    const chatId = noticeChatId(notificationId);
    if (!chatId) return;
    await settledForReveal(deps, waitMs);
    await deps.reveal(chatId);
  };
}
