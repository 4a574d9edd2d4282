import { describe, expect, it } from 'vitest';
import type { HistoryPage } from '../../lib/realtime/rest-history.ts';
import { silentLogger } from '../lib/log.ts';
import { transcriptOf, type ChatState } from '../../lib/chat/fold.ts';
import { OVERLAP_MS, createChatStateCache, type ReadSince } from './chat-state-cache.ts';

/** A chat line as Ably's history returns it (the hub's timestamps). */
const line = (n: number, timestamp: number) => ({ id: `conn:${n}:0`, name: 'message', data: { text: `line ${n}` }, clientId: 'ana', timestamp, extras: { userClaim: 'agent' } });

/** A channel log served like REST history (newest first, `start` inclusive), with reads that can be held. */
function fakeLog() {
  const log: Record<string, ReturnType<typeof line>[]> = {};
  const reads: { channel: string; start: number | undefined }[] = [];
  let gate: Promise<void> | null = null;
  let failing = false;
  const readSince: ReadSince = async (channel, _limit, start) => {
    reads.push({ channel, start });
    // The log is read when the request reaches it; a held answer comes back later, without what came since.
    const items = (log[channel] ?? []).filter((m) => start === undefined || m.timestamp >= start).reverse();
    const failed = failing;
    await gate;
    if (failed) throw new Error('unable to read history; 500');
    const page: HistoryPage = { items, hasNext: () => false, next: async () => null };
    return page;
  };
  return {
    readSince,
    reads,
    publish: (chatId: string, message: ReturnType<typeof line>) => (log[`chat:${chatId}`] ??= []).push(message),
    hold() {
      let release = () => {};
      gate = new Promise<void>((resolve) => (release = resolve));
      return () => {
        gate = null;
        release();
      };
    },
    fail: (value: boolean) => (failing = value),
  };
}

/**
 * The transcript after reading the log once `first` is in and again once `second` is, beside the transcript a fresh
 * cache folds from the whole log: the second read's overlap brings `first` back.
 */
async function readAfterEach(first: ReturnType<typeof line>, second: ReturnType<typeof line>) {
  const log = fakeLog();
  const cache = createChatStateCache({ readSince: log.readSince, logger: silentLogger });
  const transcript = (state: ChatState | undefined) => (state ? transcriptOf(state) : []);
  log.publish('c1', first);
  await cache.current('c1');
  log.publish('c1', second);
  const incremental = transcript(await cache.current('c1'));
  const wholeLog = transcript(await createChatStateCache({ readSince: log.readSince, logger: silentLogger }).current('c1'));
  return { incremental, wholeLog };
}

describe('chat state cache', () => {
  it('reads the whole log once, then only from the newest message seen (less the overlap), folding each message once', async () => {
    const log = fakeLog();
    const cache = createChatStateCache({ readSince: log.readSince, logger: silentLogger });
    log.publish('c1', line(1, 10_000));
    log.publish('c1', line(2, 20_000));
    expect((await cache.current('c1'))?.size).toBe(2);
    log.publish('c1', line(3, 21_000));
    expect((await cache.current('c1'))?.size).toBe(3);
    expect(log.reads).toEqual([
      { channel: 'chat:c1', start: undefined },
      { channel: 'chat:c1', start: 20_000 - OVERLAP_MS },
    ]);
    // Nothing new: the state stays, and the log is still read (a grant is never decided on an older state).
    expect((await cache.current('c1'))?.size).toBe(3);
    expect(log.reads.at(-1)).toEqual({ channel: 'chat:c1', start: 21_000 - OVERLAP_MS });
  });

  it('a request that arrives while a read runs waits for a read started after it, shared with the others that waited', async () => {
    const log = fakeLog();
    const cache = createChatStateCache({ readSince: log.readSince, logger: silentLogger });
    log.publish('c1', line(1, 10_000));
    const release = log.hold();
    const first = cache.current('c1');
    await Promise.resolve();
    // Published after the first read started, before the next requests: they must see it.
    log.publish('c1', line(2, 11_000));
    const later = [cache.current('c1'), cache.current('c1'), cache.current('c1')];
    release();
    expect((await first)?.size).toBe(1); // read before line 2: right for its own request, too old for the later ones
    const sizes = (await Promise.all(later)).map((state) => state?.size);
    expect(sizes).toEqual([2, 2, 2]);
    expect(log.reads).toHaveLength(2);
  });

  it('sees a message published between two requests even when it shares the newest millisecond', async () => {
    const log = fakeLog();
    const cache = createChatStateCache({ readSince: log.readSince, logger: silentLogger });
    log.publish('c1', line(1, 10_000));
    await cache.current('c1');
    log.publish('c1', line(2, 10_000));
    expect((await cache.current('c1'))?.size).toBe(2);
  });

  it('leaves an unreadable chat out and keeps its state, reading from the same point next time', async () => {
    const log = fakeLog();
    const cache = createChatStateCache({ readSince: log.readSince, logger: silentLogger });
    log.publish('c1', line(1, 10_000));
    await cache.current('c1');
    log.fail(true);
    expect(await cache.current('c1')).toBeUndefined();
    log.fail(false);
    log.publish('c1', line(2, 30_000));
    expect((await cache.current('c1'))?.size).toBe(2);
    expect(log.reads.map((read) => read.start)).toEqual([undefined, 10_000 - OVERLAP_MS, 10_000 - OVERLAP_MS]);
  });

  it('skips, without parsing them, the messages of the overlap it has already folded', async () => {
    const log = fakeLog();
    let parsed = 0;
    // The parser asks whether a message has a clientId (`in`); the digest that recognises a message read before
    // reads its properties but never asks that.
    const counted = (message: object) =>
      new Proxy(message, {
        has: (target, key) => {
          if (key === 'clientId') parsed += 1;
          return Reflect.has(target, key);
        },
      });
    const readSince: ReadSince = async (channel, limit, start) => {
      const page = await log.readSince(channel, limit, start);
      return { ...page, items: page.items.map((item) => counted(item as object)) };
    };
    const cache = createChatStateCache({ readSince, logger: silentLogger });
    log.publish('c1', line(1, 10_000));
    log.publish('c1', line(2, 11_000));
    expect((await cache.current('c1'))?.size).toBe(2);
    const perMessage = parsed / 2;
    expect(perMessage).toBeGreaterThan(0);
    log.publish('c1', line(3, 12_000));
    // Lines 1 and 2 come back in the overlap (from 6,000 ms): only line 3 is parsed.
    expect((await cache.current('c1'))?.size).toBe(3);
    expect(log.reads.at(-1)?.start).toBe(11_000 - OVERLAP_MS);
    expect(parsed).toBe(3 * perMessage);
  });

  it("does not skip another publisher's message that copies an id and a millisecond: the fold keeps both", async () => {
    // Same Ably id and timestamp, another clientId (Ably stamps it): the fold keys events by publisher and id.
    const { incremental, wholeLog } = await readAfterEach(line(1, 10_000), { ...line(1, 10_000), clientId: 'mallory' });
    expect(wholeLog.map((entry) => entry.clientId)).toEqual(['ana', 'mallory']);
    expect(incremental).toEqual(wholeLog);
  });

  it('parses a second copy of a message that differs only in content, and keeps the copy the whole-log fold keeps', async () => {
    // Same publisher, id and millisecond (the hub forms ids from a client's own msgSerial): the fold settles between
    // the two by their content, so the later one must be read, not skipped as the first one read again.
    const first = { ...line(1, 10_000), data: { text: 'b: the first one read' } };
    const { incremental, wholeLog } = await readAfterEach(first, { ...first, data: { text: 'a: published later' } });
    expect(wholeLog.map((entry) => entry.text)).toEqual(['a: published later']);
    expect(incremental).toEqual(wholeLog);
  });

  it('parses a copy of a message with an earlier timestamp, which the fold keeps instead', async () => {
    const { incremental, wholeLog } = await readAfterEach(line(1, 10_500), line(1, 10_000));
    expect(wholeLog.map((entry) => entry.timestamp)).toEqual([10_000]);
    expect(incremental).toEqual(wholeLog);
  });

  it('parses again the pages of a read that failed part way: a failed read folds nothing, so it skips nothing', async () => {
    let failOnce = true;
    const older = { items: [line(1, 10_000)], hasNext: () => false, next: async () => null };
    const readSince: ReadSince = async () => ({
      items: [line(2, 11_000)],
      hasNext: () => true,
      next: async () => {
        if (!failOnce) return older;
        failOnce = false;
        throw new Error('unable to read history; 500');
      },
    });
    const cache = createChatStateCache({ readSince, logger: silentLogger });
    expect(await cache.current('c1')).toBeUndefined();
    expect((await cache.current('c1'))?.size).toBe(2);
  });

  it('keeps at most maxChats states, least recently asked out first (read in full again when asked)', async () => {
    const log = fakeLog();
    const cache = createChatStateCache({ readSince: log.readSince, logger: silentLogger, maxChats: 2 });
    for (const chatId of ['a', 'b', 'c']) log.publish(chatId, line(1, 10_000));
    await cache.current('a');
    await cache.current('b');
    await cache.current('a');
    await cache.current('c');
    expect(cache.size()).toBe(2);
    await cache.current('b'); // b was out; now a is (asked before c)
    await cache.current('c');
    await cache.current('a');
    expect(log.reads.map((read) => `${read.channel.slice(5)}${read.start === undefined ? ' all' : ''}`)).toEqual(['a all', 'b all', 'a', 'c all', 'b all', 'c', 'a all']);
  });
});
