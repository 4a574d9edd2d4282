import { describe, expect, it, vi } from 'vitest';
import type { SessionSnapshot } from '../session/session-snapshot.ts';
import { createNoticeBoard, staleOfferNotices } from './notice-board.ts';
import type { Notice } from './notices.ts';

const snapshot = {} as SessionSnapshot;
const offer: Notice = { kind: 'offer', chatId: 'c1', transferId: 't1', from: 'alice', visitorName: 'Ada', note: '' };

describe('createNoticeBoard', () => {
  it('clears an offer withdrawn while its notice is still being made only after the notice exists', async () => {
    const events: string[] = [];
    let finishShowing: () => void = () => {};
    const board = createNoticeBoard({
      show: () => new Promise<void>((resolve) => (finishShowing = () => (events.push('shown'), resolve()))),
      clear: async (id) => events.push(`cleared ${id}`),
      onError: (error) => events.push(`error ${String(error)}`),
    });
    board.show(offer, snapshot);
    board.withdraw({ chatId: 'c1', transferId: 't1' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(events).toEqual([]);
    finishShowing();
    await vi.waitFor(() => expect(events).toEqual(['shown', 'cleared offer|c1|t1']));
  });

  it('clears at once an offer whose notice is up, or was never shown', async () => {
    const clear = vi.fn(async (_id: string) => {});
    const board = createNoticeBoard({ show: async () => {}, clear, onError: () => {} });
    board.show(offer, snapshot);
    await new Promise((resolve) => setTimeout(resolve, 0));
    board.withdraw({ chatId: 'c1', transferId: 't1' });
    board.withdraw({ chatId: 'c2', transferId: 't9' });
    await vi.waitFor(() => expect(clear.mock.calls.map(([id]) => id)).toEqual(['offer|c1|t1', 'offer|c2|t9']));
  });

  it('reports a notice that could not be shown, and still clears it when withdrawn', async () => {
    const errors: unknown[] = [];
    const clear = vi.fn(async (_id: string) => {});
    const board = createNoticeBoard({ show: () => Promise.reject(new Error('notifications are off in the OS')), clear, onError: (error) => errors.push(error) });
    board.show(offer, snapshot);
    board.withdraw({ chatId: 'c1', transferId: 't1' });
    await vi.waitFor(() => expect(clear).toHaveBeenCalledWith('offer|c1|t1'));
    expect(errors.map(String)).toEqual(['Error: notifications are off in the OS']);
  });
});

describe('staleOfferNotices', () => {
  it('names the offers on screen that the session can no longer answer, and leaves the rest', () => {
    const session = {
      connection: { phase: 'connected', error: null, since: 0 },
      chats: [
        { chatId: 'open', canRespond: true, pendingOffer: { transferId: 't1' }, historyLoaded: true },
        { chatId: 'ended', canRespond: false, pendingOffer: null, historyLoaded: true },
        { chatId: 'unread', canRespond: false, pendingOffer: null, historyLoaded: false },
      ],
    } as unknown as SessionSnapshot;
    const shown = ['offer|open|t1', 'offer|ended|t2', 'offer|open|t0', 'offer|gone|t3', 'offer|unread|t4', 'outcome|ended|t2', 'someone-else'];
    expect(staleOfferNotices(shown, session)).toEqual([
      { chatId: 'ended', transferId: 't2' },
      { chatId: 'open', transferId: 't0' },
      { chatId: 'gone', transferId: 't3' },
    ]);
    const signedOut = { ...session, connection: { phase: 'signed-out', error: null, since: 0 }, chats: [] } as SessionSnapshot;
    expect(staleOfferNotices(['offer|open|t1'], signedOut)).toEqual([{ chatId: 'open', transferId: 't1' }]);
  });

  it('names none while the session is still connecting: it does not know its offers yet', () => {
    const connecting = { connection: { phase: 'connecting', error: null, since: 0 }, chats: [] } as unknown as SessionSnapshot;
    expect(staleOfferNotices(['offer|open|t1'], connecting)).toEqual([]);
  });
});
