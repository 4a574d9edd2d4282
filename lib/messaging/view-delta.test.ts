import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '../chat/fold-support.ts';
import type { ChatSnapshot, SessionSnapshot } from '../session/session-snapshot.ts';
import { applyPatches, diffSnapshots } from './view-delta.ts';


// Small pools, so two random snapshots share chats, agents and transcript prefixes often.
const clientId = fc.constantFrom('alice', 'bob', 'carla', 'visitor-1');
const entry = fc.record({
  id: fc.constantFrom('m1', 'm2', 'm3', 'm4', 'm5', 'm6'),
  clientId,
  timestamp: fc.integer({ min: 1, max: 5 }),
  authorKind: fc.constantFrom('visitor' as const, 'agent' as const),
  text: fc.constantFrom('hi', 'hello', 'ok'),
  fromOwner: fc.boolean(),
  countsAsReply: fc.boolean(),
}, { noNullPrototype: true });
const offer = fc.record({
  transferId: fc.constantFrom('t1', 't2'),
  from: clientId,
  to: clientId,
  note: fc.constantFrom('', 'vip'),
  offeredAt: fc.nat(3),
  expiresAt: fc.nat(3),
  accepted: fc.boolean(),
  overdue: fc.boolean(),
}, { noNullPrototype: true });
const chat = fc.record(
  {
    chatId: fc.constantFrom('c1', 'c2', 'c3', 'c4'),
    owner: fc.option(clientId),
    seq: fc.nat(3),
    myRole: fc.constantFrom('owner', 'listening', 'offered-to', 'none'),
    canWrite: fc.boolean(),
    pendingOffer: fc.option(offer),
    highlight: fc.oneof(fc.constant({ kind: 'none' }), fc.record({ kind: fc.constant('waiting-for'), to: clientId }, { noNullPrototype: true })),
    transcript: fc.array(entry, { maxLength: 6 }),
    typing: fc.array(clientId, { maxLength: 2 }),
    unread: fc.nat(4),
    contact: fc.record({ personId: fc.constantFrom('p1', 'p2') }, { noNullPrototype: true }),
    visitorName: fc.constantFrom('Ada', 'Ben'),
  },
  { noNullPrototype: true, requiredKeys: ['chatId', 'transcript'] },
);
const uniqueBy = <T, K>(items: fc.Arbitrary<T[]>, key: (item: T) => K) => items.map((list) => list.filter((item, index) => list.findIndex((other) => key(other) === key(item)) === index));
const snapshot = fc.record(
  {
    connection: fc.record({ phase: fc.constantFrom('connected', 'connecting'), error: fc.option(fc.constant('down')), since: fc.nat(3) }, { noNullPrototype: true }),
    me: fc.option(fc.record({ clientId, name: fc.constant('Me'), manager: fc.boolean(), listener: fc.boolean() }, { noNullPrototype: true })),
    status: fc.constantFrom('present', 'away'),
    agents: uniqueBy(fc.array(fc.record({ clientId, name: fc.constantFrom('A', 'B'), status: fc.constantFrom('present', 'away'), activeChats: fc.nat(2) }, { noNullPrototype: true })), (a) => a.clientId),
    lobby: uniqueBy(fc.array(fc.record({ chatId: fc.constantFrom('c1', 'c2', 'c5'), visitorName: fc.constant('Ada'), topic: fc.constant(''), startedAt: fc.nat(2), owner: fc.option(clientId) }, { noNullPrototype: true })), (l) => l.chatId),
    chats: uniqueBy(fc.array(chat, { maxLength: 4 }), (c) => c.chatId),
    offerTimeoutMs: fc.constantFrom(60_000, 120_000),
    now: fc.nat(5),
    crmAvailable: fc.boolean(),
    requestsAvailable: fc.boolean(),
  },
  { noNullPrototype: true, requiredKeys: ['connection', 'me', 'status', 'agents', 'lobby', 'chats', 'offerTimeoutMs', 'now'] },
) as unknown as fc.Arbitrary<SessionSnapshot>;

/** What goes over the port: a structured clone, so undefined-valued keys and shared references do not survive. */
const overTheWire = <T>(value: T): T => structuredClone(value);

describe('view deltas', () => {
  it('apply(diff(a, b), a) deep-equals b for random pairs', () => {
    fc.assert(
      fc.property(snapshot, snapshot, (a, b) => {
        const patches = overTheWire(diffSnapshots(a, b));
        expect(applyPatches(overTheWire(a), patches)).toStrictEqual(b);
      }),
      { numRuns: 2000 },
    );
  });

  it('a chain of patches from the first snapshot reaches the last one', () => {
    fc.assert(
      fc.property(fc.array(snapshot, { minLength: 1, maxLength: 6 }), (chain) => {
        let view: SessionSnapshot | null = null;
        let previous: SessionSnapshot | null = null;
        for (const next of chain) {
          view = applyPatches(view, overTheWire(diffSnapshots(previous, next)));
          previous = next;
        }
        expect(view).toStrictEqual(chain.at(-1));
      }),
    );
  });

  it('no change is no patch; the same state keeps every chat and the transcript as the same objects', () => {
    fc.assert(
      fc.property(snapshot, (a) => {
        expect(diffSnapshots(a, structuredClone(a))).toEqual([]);
        const next = applyPatches(a, [{ op: 'set', key: 'now', value: 99 }]);
        next.chats.forEach((chat, index) => expect(chat).toBe(a.chats[index]));
      }),
    );
  });

  it('a new message in a 5,000-message chat is one small patch and leaves the other chats untouched', () => {
    const message = (i: number, clientId = 'visitor-1'): TranscriptEntry => ({ id: `msg-${i}`, clientId, timestamp: 1_700_000_000_000 + i, authorKind: 'visitor', text: `Line ${i} of a long conversation about an invoice`, fromOwner: false, countsAsReply: false });
    const long = { chatId: 'long', transcript: Array.from({ length: 5000 }, (_, i) => message(i)), unread: 0, typing: [] } as unknown as ChatSnapshot;
    const other = { chatId: 'other', transcript: [message(1)], unread: 0, typing: [] } as unknown as ChatSnapshot;
    const before = { connection: { phase: 'connected', error: null, since: 1 }, me: null, status: 'present', agents: [], lobby: [], chats: [long, other], offerTimeoutMs: 1, now: 1 } as SessionSnapshot;
    const after = { ...before, now: 2, chats: [{ ...long, transcript: [...long.transcript, message(5000, 'alice')], unread: 1 }, other] };

    const patches = diffSnapshots(before, after);
    expect(JSON.stringify(patches).length).toBeLessThan(2048);
    expect(JSON.stringify(before).length).toBeGreaterThan(500_000);
    const applied = applyPatches(before, overTheWire(patches));
    expect(applied).toStrictEqual(after);
    expect(applied.chats[1]).toBe(other);
    expect(applied.chats[0]!.transcript[4999]).toBe(long.transcript[4999]);
  });

  it('a patch without a snapshot to apply it to is refused, not guessed', () => {
    expect(() => applyPatches(null, [{ op: 'set', key: 'now', value: 1 }])).toThrow(/no snapshot/);
  });
});
