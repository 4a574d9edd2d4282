import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createVisitorRateLimit } from './visitor-rate-limit.ts';

const from = (remoteAddress: string) => ({ socket: { remoteAddress } }) as unknown as IncomingMessage;

describe('createVisitorRateLimit', () => {
  it('allows a burst of new chats per address, then refuses with a retry time, and refills with time', () => {
    let now = 0;
    const limit = createVisitorRateLimit({ newChatsPerMinute: 3, requestsPerMinute: 100, now: () => now });
    const results = Array.from({ length: 4 }, () => limit.check(from('203.0.113.7'), true));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false]);
    expect(results[3]).toEqual({ ok: false, retryAfterSeconds: 20 });
    // Another address has its own bucket; renewals of an existing chat are not new chats.
    expect(limit.check(from('198.51.100.1'), true).ok).toBe(true);
    expect(limit.check(from('203.0.113.7'), false).ok).toBe(true);
    now += 20_000;
    expect(limit.check(from('203.0.113.7'), true).ok).toBe(true);
    expect(limit.check(from('203.0.113.7'), true).ok).toBe(false);
  });

  it('limits every visitor request, renewals included', () => {
    const limit = createVisitorRateLimit({ requestsPerMinute: 2, now: () => 0 });
    expect([1, 2, 3].map(() => limit.check(from('203.0.113.8'), false).ok)).toEqual([true, true, false]);
  });

  it('does not limit loopback (the demo and tests), unless told how to find the client address', () => {
    const limit = createVisitorRateLimit({ newChatsPerMinute: 1, now: () => 0 });
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) expect([1, 2, 3].every(() => limit.check(from(address), true).ok)).toBe(true);
    const behindProxy = createVisitorRateLimit({ newChatsPerMinute: 1, now: () => 0, clientAddress: () => '127.0.0.1' });
    expect([behindProxy.check(from('127.0.0.1'), true).ok, behindProxy.check(from('127.0.0.1'), true).ok]).toEqual([true, false]);
  });

  it('forgets the least recently seen address once it holds the maximum', () => {
    const limit = createVisitorRateLimit({ newChatsPerMinute: 1, maxAddresses: 2, now: () => 0 });
    expect(limit.check(from('203.0.113.1'), true).ok).toBe(true);
    expect(limit.check(from('203.0.113.2'), true).ok).toBe(true);
    expect(limit.check(from('203.0.113.3'), true).ok).toBe(true);
    // .1 was forgotten, so it starts afresh; .3 is still remembered.
    expect(limit.check(from('203.0.113.1'), true).ok).toBe(true);
    expect(limit.check(from('203.0.113.3'), true).ok).toBe(false);
  });
});
