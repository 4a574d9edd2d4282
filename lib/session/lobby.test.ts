import { describe, expect, it, vi } from 'vitest';
import { lobbyFromMembers, parseLobbyMember } from './lobby.ts';

const member = (chatId: string, startedAt: number, clientId = `visitor:${chatId}`) => ({
  clientId,
  data: { chatId, visitorName: 'Ada', topic: 'Billing', startedAt },
});

describe('lobby', () => {
  it('lists live chats oldest first', () => {
    expect(lobbyFromMembers([member('b', 20), member('a', 10)]).map((entry) => entry.chatId)).toEqual(['a', 'b']);
  });

  it('refuses a member speaking for another chat, and counts it', () => {
    const onDrop = vi.fn();
    expect(lobbyFromMembers([member('a', 1, 'visitor:other')], onDrop)).toEqual([]);
    expect(onDrop).toHaveBeenCalledOnce();
  });

  it('carries the visitor’s email as a hint, and drops a malformed one', () => {
    expect(parseLobbyMember({ clientId: 'visitor:x', data: { chatId: 'x', email: 'ada@example.com', startedAt: 1 } })?.email).toBe('ada@example.com');
    expect(parseLobbyMember({ clientId: 'visitor:x', data: { chatId: 'x', email: 'not an email', startedAt: 1 } })).toBeUndefined();
    expect(parseLobbyMember({ clientId: 'visitor:x', data: { chatId: 'x', startedAt: 1 } })?.email).toBe('');
  });

  it('keeps hostile text as text and bounds it', () => {
    expect(parseLobbyMember({ clientId: 'visitor:x', data: { chatId: 'x', visitorName: '<img src=x onerror=alert(1)>', startedAt: 1 } })?.visitorName).toBe(
      '<img src=x onerror=alert(1)>',
    );
    expect(parseLobbyMember({ clientId: 'visitor:x', data: { chatId: 'x', visitorName: 'x'.repeat(500), startedAt: 1 } })).toBeUndefined();
  });

  it('removes direction overrides from the name and topic, which Baton shows inside its own sentences', () => {
    const entry = parseLobbyMember({ clientId: 'visitor:x', data: { chatId: 'x', visitorName: '\u202EMallory\u2066', topic: 'a\u202Db\u2069', startedAt: 1 } });
    expect(entry).toMatchObject({ visitorName: 'Mallory', topic: 'ab' });
  });
});
