import { describe, expect, it } from 'vitest';
import { MAX_AGE_MS, parseSavedChat, savedChatKey } from './saved-chat.ts';

const saved = { token: 't', name: 'Erik', email: 'e@x.dk', topic: 'Billing', startedAt: 1, savedAt: 1_000, open: true, seen: 2, joins: [{ clientId: 'alice', at: 5, after: 1 }] };

describe('parseSavedChat', () => {
  it('resumes a recent chat', () => {
    expect(parseSavedChat(JSON.stringify(saved), 2_000)).toEqual(saved);
  });

  it.each([
    ['nothing', null],
    ['not JSON', '{'],
    ['a missing token', JSON.stringify({ ...saved, token: undefined })],
    ['a wrong type', JSON.stringify({ ...saved, open: 'yes' })],
    ['an array', '[]'],
    ['too large', JSON.stringify({ ...saved, name: 'x'.repeat(20_000) })],
  ])('ignores %s', (_what, raw) => {
    expect(parseSavedChat(raw, 2_000)).toBeUndefined();
  });

  it('keeps only well-formed joins and a sane seen count', () => {
    const raw = JSON.stringify({ ...saved, seen: -1, joins: [{ clientId: 'bob', at: 6, after: 2, extra: '<b>' }, { clientId: 3 }, null, 'x'] });
    expect(parseSavedChat(raw, 2_000)).toEqual({ ...saved, seen: 0, joins: [{ clientId: 'bob', at: 6, after: 2 }] });
  });

  it('forgets a chat after a day without activity', () => {
    expect(parseSavedChat(JSON.stringify(saved), 1_000 + MAX_AGE_MS)).toEqual(saved);
    expect(parseSavedChat(JSON.stringify(saved), 1_001 + MAX_AGE_MS)).toBeUndefined();
  });

  it('keeps one chat per token service', () => {
    expect(savedChatKey('https://a.example')).not.toBe(savedChatKey('https://b.example'));
  });
});
