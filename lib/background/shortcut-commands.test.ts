import { describe, expect, it } from 'vitest';
import type { Command } from '../messaging/commands.ts';
import type { SessionSnapshot } from '../session/session-snapshot.ts';
import { offerNotificationId, outcomeNotificationId } from './notifications.ts';
import { createNotificationButtonHandler, createNotificationClickHandler, createShortcutHandler, newestOffer } from './shortcut-commands.ts';

// Only the fields the handlers read; the rest of a snapshot does not matter here.
function snapshotWith(chats: Array<{ chatId: string; canRespond: boolean; transferId?: string; offeredAt?: number }>): SessionSnapshot {
  return {
    chats: chats.map(({ chatId, canRespond, transferId, offeredAt }) => ({
      chatId,
      canRespond,
      pendingOffer: transferId ? { transferId, offeredAt: offeredAt ?? 0 } : null,
    })),
  } as unknown as SessionSnapshot;
}

function recorder(initial: SessionSnapshot, ready: Promise<void> = Promise.resolve()) {
  const commands: Command[] = [];
  const revealed: Array<string | undefined> = [];
  let snapshot = initial;
  const deps = {
    ready: () => ready,
    snapshot: () => snapshot,
    runCommand: async (command: Command) => void commands.push(command),
    reveal: async (chatId?: string) => void revealed.push(chatId),
  };
  return { commands, revealed, deps, restore: (next: SessionSnapshot) => (snapshot = next) };
}

/** A worker just woken: the session (and its snapshot) comes back only when `restore` is called. */
function waking() {
  let resolve!: () => void;
  const ready = new Promise<void>((done) => (resolve = done));
  const woken = recorder(snapshotWith([]), ready);
  return { ...woken, wake: (snapshot: SessionSnapshot) => (woken.restore(snapshot), resolve()) };
}

const twoOffers = snapshotWith([
  { chatId: 'older', canRespond: true, transferId: 't1', offeredAt: 100 },
  { chatId: 'newer', canRespond: true, transferId: 't2', offeredAt: 200 },
  { chatId: 'mine', canRespond: false, transferId: 't3', offeredAt: 300 },
]);

describe('newestOffer', () => {
  it('is the latest offer this agent can still answer', () => {
    expect(newestOffer(twoOffers)).toEqual({ chatId: 'newer', transferId: 't2' });
    expect(newestOffer(snapshotWith([{ chatId: 'mine', canRespond: false, transferId: 't3' }]))).toBeUndefined();
  });
});

describe('keyboard shortcuts', () => {
  it('accept answers the newest offer and brings its chat to the front', async () => {
    const { commands, revealed, deps } = recorder(twoOffers);
    await createShortcutHandler(deps)('accept-newest-transfer');
    expect(commands).toEqual([{ type: 'accept-transfer', chatId: 'newer', transferId: 't2' }]);
    expect(revealed).toEqual(['newer']);
  });

  it('reject answers the newest offer and leaves the agent where they are', async () => {
    const { commands, revealed, deps } = recorder(twoOffers);
    await createShortcutHandler(deps)('reject-newest-transfer');
    expect(commands).toEqual([{ type: 'reject-transfer', chatId: 'newer', transferId: 't2' }]);
    expect(revealed).toEqual([]);
  });

  it('does nothing to answer when no offer waits, and ignores unknown commands', async () => {
    const { commands, deps } = recorder(snapshotWith([]));
    const handle = createShortcutHandler(deps);
    await handle('accept-newest-transfer');
    await handle('something-else');
    expect(commands).toEqual([]);
  });

  it('a shortcut that woke the worker waits for the session, then answers the newest offer', async () => {
    const { commands, revealed, deps, wake } = waking();
    const answered = createShortcutHandler(deps)('accept-newest-transfer');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(commands).toEqual([]);
    wake(twoOffers);
    await answered;
    expect(commands).toEqual([{ type: 'accept-transfer', chatId: 'newer', transferId: 't2' }]);
    expect(revealed).toEqual(['newer']);
  });

  it('open-sidebar reveals the sidebar without choosing a chat', async () => {
    const { commands, revealed, deps } = recorder(twoOffers);
    await createShortcutHandler(deps)('open-sidebar');
    expect(revealed).toEqual([undefined]);
    expect(commands).toEqual([]);
  });

  it('open-sidebar that woke the worker reveals once the session is back, or after its wait at the most', async () => {
    const woken = waking();
    const opening = createShortcutHandler(woken.deps, 1_000)('open-sidebar');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(woken.revealed).toEqual([]);
    woken.wake(twoOffers);
    await opening;
    expect(woken.revealed).toEqual([undefined]);

    const stuck = waking();
    await createShortcutHandler(stuck.deps, 20)('open-sidebar');
    expect(stuck.revealed).toEqual([undefined]);
  });
});

describe('notification buttons', () => {
  it('button 0 accepts and reveals the chat, button 1 rejects', async () => {
    const { commands, revealed, deps } = recorder(twoOffers);
    const handle = createNotificationButtonHandler(deps);
    await handle(offerNotificationId('older', 't1'), 0);
    await handle(offerNotificationId('newer', 't2'), 1);
    expect(commands).toEqual([
      { type: 'accept-transfer', chatId: 'older', transferId: 't1' },
      { type: 'reject-transfer', chatId: 'newer', transferId: 't2' },
    ]);
    expect(revealed).toEqual(['older']);
  });

  it('a button that woke the worker answers only once the session is ready', async () => {
    const { commands, deps, wake } = waking();
    const answered = createNotificationButtonHandler(deps)(offerNotificationId('older', 't1'), 0);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(commands).toEqual([]);
    wake(twoOffers);
    await answered;
    expect(commands).toEqual([{ type: 'accept-transfer', chatId: 'older', transferId: 't1' }]);
  });

  it('ignores notifications that are not offers', async () => {
    const { commands, deps } = recorder(twoOffers);
    await createNotificationButtonHandler(deps)('outcome|c|t', 0);
    expect(commands).toEqual([]);
  });
});

describe('a click on the notice itself', () => {
  it('opens the chat it is about, an offer or how mine ended, and answers nothing', async () => {
    const { commands, revealed, deps } = recorder(twoOffers);
    const click = createNotificationClickHandler(deps);
    await click(offerNotificationId('older', 't1'));
    await click(outcomeNotificationId('mine', 't3'));
    expect(revealed).toEqual(['older', 'mine']);
    expect(commands).toEqual([]);
  });

  it('a click that woke the worker reveals once the session is back, or after its wait at the most', async () => {
    const woken = waking();
    const revealing = createNotificationClickHandler(woken.deps, 1_000)(offerNotificationId('older', 't1'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(woken.revealed).toEqual([]);
    woken.wake(twoOffers);
    await revealing;
    expect(woken.revealed).toEqual(['older']);

    const stuck = waking(); // a session that does not come back (offline)
    await createNotificationClickHandler(stuck.deps, 20)(offerNotificationId('older', 't1'));
    expect(stuck.revealed).toEqual(['older']);
  });

  it('ignores an id that is not one of Baton’s notices', async () => {
    const { revealed, deps } = recorder(twoOffers);
    const click = createNotificationClickHandler(deps);
    for (const id of ['', 'offer|', 'offer|c', 'update|c|t', 'offer|c|t|extra', 'outcome||t']) await click(id);
    expect(revealed).toEqual([]);
  });
});
