import { describe, expect, it } from 'vitest';
import { ANA, LIV } from '../chat/flow-fixtures.ts';
import { EMPTY_REGISTER, type Register } from '../chat/register.ts';
import { MAX_CHATS_ASKED, createChatGrants, openWhenGranted } from './chat-grants.ts';
import { grantsOf, type TokenGrants } from './token-grants.ts';

/** What a token with these chat operations grants (as the token service writes them, agent-capability.ts). */
const token = (capability: Record<string, string[]>): TokenGrants => grantsOf(new Map(Object.entries(capability).map(([k, ops]) => [k, new Set(ops)])));
const WRITE = ['history', 'publish', 'subscribe'];
const READ = ['history', 'subscribe'];

/**
 * A grants object whose authorize() runs the authCallback's part synchronously and resolves when told; each token
 * it gets grants what `issue()` says when it is answered (unknown by default, as an opaque token).
 */
function harness(issue: () => TokenGrants | undefined = () => undefined, again?: () => boolean) {
  const requests: (readonly string[])[] = [];
  const pending: (() => void)[] = [];
  const grants = createChatGrants({
    ...(again ? { again } : {}),
    authorize: () =>
      new Promise<void>((resolve) => {
        requests.push(grants.asked());
        pending.push(() => {
          grants.onToken(issue());
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
      grants.onFold('c', before, after, ANA);
      await finish();
      expect(requests.length - count, JSON.stringify([before.owner, after.owner])).toBe(refreshes ? 1 : 0);
    }
    const offer = { transferId: 't', from: 'cy', to: 'ana', note: '', seq: 1, offeredAt: 0, expiresAt: 1, status: 'pending' as const, acceptedAt: null, resolvedAt: null, resolvedBy: null, reason: null };
    const count = requests.length;
    grants.onFold('c', owned('cy'), { ...owned('cy'), pending: offer }, ANA);
    await finish();
    expect(requests.length - count).toBe(1);
    // Ana's own offer on her chat: she keeps write, and the offer goes out without waiting for a token.
    grants.onFold('c', owned('ana'), { ...owned('ana'), pending: { ...offer, from: 'ana', to: 'bo' } }, ANA);
    await finish();
    expect(requests.length - count).toBe(1);
  });

  it('settles only after the re-authorization a fold scheduled (an Accept waits for the grant the offer brings)', async () => {
    const { grants, requests, finish } = harness();
    let settled = false;
    grants.onFold('c', owned('cy'), { ...owned('cy'), seq: 2, owner: 'ana' }, ANA);
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
    grants.onFold('c', owned('ana'), { ...owned('bo', 2), formerOwners: ['ana'] }, ANA);
    let settled = false;
    const waiting = grants.settled().then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(settled).toBe(true);
    expect(requests).toHaveLength(1);
    await finish();
    await waiting;
  });

  describe('against the token in hand', () => {
    const offer = { transferId: 't', from: 'cy', to: 'ana', note: '', seq: 2, offeredAt: 0, expiresAt: 1, status: 'pending' as const, acceptedAt: null, resolvedAt: null, resolvedBy: null, reason: null };
    // Ana handed the chat to Cy and listens (read); Cy offers it back to her (write).
    const listening: Register = { ...owned('cy', 2), formerOwners: ['ana'] };
    const offeredBack: Register = { ...listening, pending: offer };
    const settledSoon = async (grants: ReturnType<typeof harness>['grants']) => {
      let settled = false;
      void grants.settled().then(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 5));
      return settled;
    };

    it('does not re-authorize for a fold whose grant the token in hand already has, nor hold an Accept back', async () => {
      const { grants, requests, finish } = harness(() => token({ 'chat:c': WRITE }));
      void grants.refresh();
      await finish();
      grants.onFold('c', listening, offeredBack, ANA);
      expect(await settledSoon(grants)).toBe(true);
      await finish();
      expect(requests).toHaveLength(1);
    });

    it('re-authorizes for a fold that widens beyond the token in hand, and an Accept waits for it', async () => {
      const issued = [token({ 'chat:c': READ }), token({ 'chat:c': WRITE })];
      const { grants, requests, finish } = harness(() => issued.shift());
      void grants.refresh();
      await finish();
      grants.onFold('c', listening, offeredBack, ANA);
      expect(await settledSoon(grants)).toBe(false);
      expect(requests).toHaveLength(2);
      await finish();
      expect(await settledSoon(grants)).toBe(true);
    });

    it('still re-authorizes a narrowing the token in hand does not have yet', async () => {
      const { grants, requests, finish } = harness(() => token({ 'chat:c': WRITE }));
      void grants.refresh();
      await finish();
      grants.onFold('c', owned('ana'), { ...owned('cy', 2), formerOwners: ['ana'] }, ANA);
      await finish();
      expect(requests).toHaveLength(2);
    });

    it('waits for a request already under way and asks again only when its token still falls short', async () => {
      for (const [first, requestsAfter] of [[WRITE, 1], [READ, 2]] as const) {
        const issued = [token({ 'chat:c': [...first] }), token({ 'chat:c': WRITE })];
        const { grants, requests, finish } = harness(() => issued.shift());
        void grants.refresh();
        grants.onFold('c', listening, offeredBack, ANA);
        expect(await settledSoon(grants)).toBe(false);
        await finish();
        expect(requests).toHaveLength(requestsAfter);
        expect(await settledSoon(grants)).toBe(true);
      }
    });

    it('asks a request under way again, so the token it brings grants the fold, and asks no second one', async () => {
      let grant = READ;
      let asked = 0;
      const again = () => {
        asked += 1;
        grant = WRITE; // the service reads the log again, with the offer in it
        return true;
      };
      const { grants, requests, finish } = harness(() => token({ 'chat:c': grant }), again);
      void grants.refresh();
      grants.onFold('c', listening, offeredBack, ANA);
      expect(await settledSoon(grants)).toBe(false);
      expect(asked).toBe(1);
      await finish();
      expect(requests).toHaveLength(1);
      expect(await settledSoon(grants)).toBe(true);
    });

    it("counts a listener's chat:* read as what the service grants them on a chat they have no part in", async () => {
      const { grants, requests, finish } = harness(() => token({ 'chat:*': READ }));
      void grants.refresh();
      await finish();
      grants.onFold('c', owned(null, 0), owned('cy', 1), LIV);
      await finish();
      expect(requests).toHaveLength(1);
      grants.onFold('c', owned(null, 0), owned('cy', 1), ANA);
      await finish();
      expect(requests).toHaveLength(2);
    });
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
