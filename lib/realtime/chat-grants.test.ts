import { describe, expect, it } from 'vitest';
import { ANA } from '../chat/flow-fixtures.ts';
import { EMPTY_REGISTER, type Register } from '../chat/register.ts';
import { MAX_CHATS_ASKED, createChatGrants, openWhenGranted } from './chat-grants.ts';

/** A grants object whose authorize() runs the authCallback's part synchronously and resolves when told. */
function harness() {
  const requests: (readonly string[])[] = [];
  const pending: (() => void)[] = [];
  const grants = createChatGrants({
    authorize: () =>
      new Promise<void>((resolve) => {
        requests.push(grants.asked());
        pending.push(() => {
          grants.onToken();
          resolve();
        });
      }),
  });
  const finish = async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    while (pending.length > 0) {
      pending.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  };
  return { grants, requests, finish };
}

const owned = (owner: string | null, seq = 1): Register => ({ ...EMPTY_REGISTER, owner, seq });

describe('chat grants', () => {
  it('re-authorizes for a chat not asked for yet, and not again once the token asked for it', async () => {
    const { grants, requests, finish } = harness();
    const first = grants.want(['a']);
    await finish();
    await first;
    expect(requests).toEqual([['a']]);
    await grants.want(['a']);
    expect(requests).toHaveLength(1);
  });

  it('asks for the followed chats, each once, at most MAX_CHATS_ASKED', async () => {
    const { grants, requests, finish } = harness();
    void grants.want(['a', 'b', 'a']);
    await finish();
    expect(requests.at(-1)).toEqual(['a', 'b']);
    void grants.want(Array.from({ length: MAX_CHATS_ASKED + 10 }, (_, i) => `q${i}`));
    await finish();
    expect(requests.at(-1)).toHaveLength(MAX_CHATS_ASKED);
    expect(requests.at(-1)?.slice(0, 2)).toEqual(['a', 'b']);
  });

  it('coalesces: calls during a run share one more run', async () => {
    const { grants, requests, finish } = harness();
    void grants.refresh();
    void grants.want(['x']);
    void grants.want(['y']);
    await finish();
    expect(requests).toEqual([[], ['x', 'y']]);
  });

  it('asks again for a chat followed anew after it was dropped (its old grant may not fit any more)', async () => {
    const { grants, requests, finish } = harness();
    void grants.want(['a']);
    await finish();
    grants.forget('a');
    const again = grants.want(['a']);
    await finish();
    await expect(again).resolves.toBe(true);
    expect(requests).toEqual([['a'], ['a']]);
  });

  it('forgets a chat for the next token', async () => {
    const { grants, requests, finish } = harness();
    void grants.want(['a', 'b']);
    await finish();
    grants.forget('a');
    void grants.refresh();
    await finish();
    expect(requests.at(-1)).toEqual(['b']);
  });

  it('re-authorizes when what the service would grant changes (gains or loses the chat, an offer to it opens, the chat ends), not when a grant stays', async () => {
    const { grants, requests, finish } = harness();
    const cases: [Register, Register, boolean][] = [
      [owned('ana'), owned('bo', 2), true],
      [owned('bo'), owned('ana', 2), true],
      [owned('cy'), owned('bo', 2), false],
      [owned('ana'), { ...owned('ana'), ended: { at: 1, by: 'ana', reason: null } }, true],
      [owned(null, 0), owned('cy', 1), true],
      // A claim that became ownership keeps write: the pick-up costs no second token round trip.
      [owned(null, 0), owned('ana', 1), false],
    ];
    for (const [before, after, refreshes] of cases) {
      const count = requests.length;
      grants.onFold(before, after, ANA);
      await finish();
      expect(requests.length - count, JSON.stringify([before.owner, after.owner])).toBe(refreshes ? 1 : 0);
    }
    const offer = { transferId: 't', from: 'cy', to: 'ana', note: '', seq: 1, offeredAt: 0, expiresAt: 1, status: 'pending' as const, acceptedAt: null, resolvedAt: null, resolvedBy: null, reason: null };
    const count = requests.length;
    grants.onFold(owned('cy'), { ...owned('cy'), pending: offer }, ANA);
    await finish();
    expect(requests.length - count).toBe(1);
    // Ana's own offer on her chat: she keeps write, and the offer goes out without waiting for a token.
    grants.onFold(owned('ana'), { ...owned('ana'), pending: { ...offer, from: 'ana', to: 'bo' } }, ANA);
    await finish();
    expect(requests.length - count).toBe(1);
  });

  it('settles only after the re-authorization a fold scheduled (an Accept waits for the grant the offer brings)', async () => {
    const { grants, requests, finish } = harness();
    let settled = false;
    grants.onFold(owned('cy'), { ...owned('cy'), seq: 2, owner: 'ana' }, ANA);
    const waiting = grants.settled().then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(requests).toHaveLength(1);
    expect(settled).toBe(false);
    await finish();
    await waiting;
    expect(settled).toBe(true);
    await expect(grants.settled()).resolves.toBeUndefined();
  });

  it('does not hold a publish back for a narrowing re-authorization (the old token still allows it; the fold drops it)', async () => {
    const { grants, requests, finish } = harness();
    grants.onFold(owned('ana'), { ...owned('bo', 2), formerOwners: ['ana'] }, ANA);
    let settled = false;
    const waiting = grants.settled().then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(settled).toBe(true);
    expect(requests).toHaveLength(1);
    await finish();
    await waiting;
  });

  it('never re-authorizes for the head of the queue alone (every pick-up of the team changes it)', async () => {
    const { grants, requests, finish } = harness();
    grants.next('q1');
    grants.next('q2');
    await new Promise((resolve) => setTimeout(resolve, 5));
    await finish();
    expect(requests).toEqual([]);
    // Picking it up asks for it then: one token round trip.
    const picked = grants.want(['q2']);
    await finish();
    await expect(picked).resolves.toBe(true);
    expect(requests).toEqual([['q2']]);
  });

  it('adds the head to a request made anyway, so picking it up then needs no new token', async () => {
    const { grants, requests, finish } = harness();
    grants.next('q1');
    const followed = grants.want(['a']);
    await finish();
    await followed;
    expect(requests).toEqual([['a', 'q1']]);
    await expect(grants.want(['q1'])).resolves.toBe(true);
    expect(requests).toHaveLength(1);
    // Away (null), and the chat no longer followed: the head is not asked about.
    grants.next(null);
    grants.forget('q1');
    const again = grants.refresh();
    await finish();
    await again;
    expect(requests.at(-1)).toEqual(['a']);
  });

  it('a pick-up clicked while a request with the head in it runs waits for that request, not another one', async () => {
    const { grants, requests, finish } = harness();
    grants.next('q1');
    const followed = grants.want(['a']);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(requests).toEqual([['a', 'q1']]);
    const picked = grants.want(['q1']);
    await finish();
    await followed;
    await expect(picked).resolves.toBe(true);
    expect(requests).toEqual([['a', 'q1']]);
  });

  it('opens a feed only once the token covers its chat, and never after it was closed', async () => {
    const { grants, finish } = harness();
    const opened: string[] = [];
    openWhenGranted(grants, 'a', () => (opened.push('a'), () => opened.push('closed a')));
    const close = openWhenGranted(grants, 'b', () => (opened.push('b'), () => {}));
    close();
    expect(opened).toEqual([]);
    await finish();
    expect(opened).toEqual(['a']);
    expect(openWhenGranted(undefined, 'c', () => (opened.push('c'), () => {}))).toBeTypeOf('function');
    expect(opened).toEqual(['a', 'c']);
  });
});
