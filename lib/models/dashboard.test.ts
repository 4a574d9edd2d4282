import { describe, expect, it } from 'vitest';
import type { ChatSnapshot, SessionSnapshot } from '../session/session-snapshot.ts';
import { dashboardRows, formatElapsed, isListeningIn, mayUseDashboard } from './dashboard.ts';

const session = (over: Partial<SessionSnapshot> = {}): SessionSnapshot => ({
  connection: { phase: 'connected', error: null, since: 0 },
  me: { clientId: 'lars', name: 'Lars', manager: false, listener: true },
  status: 'present',
  agents: [],
  lobby: [
    { chatId: 'q', visitorName: 'Quinn', topic: 'Queued', startedAt: 1, owner: null },
    { chatId: 'a', visitorName: 'Ada', topic: 'Invoice', startedAt: 2, owner: 'alice' },
    { chatId: 'b', visitorName: 'Bo', topic: 'Returns', startedAt: 3, owner: 'bob' },
  ],
  chats: [],
  offerTimeoutMs: 120_000,
  now: 0,
  ...over,
});

const tracked = (over: Partial<ChatSnapshot>): ChatSnapshot => ({ chatId: 'a', owner: 'alice', seq: 1, myRole: 'listening', watching: true, ...over }) as ChatSnapshot;

describe('mayUseDashboard', () => {
  it('opens the Dashboard to listeners and managers only', () => {
    expect(mayUseDashboard({ clientId: 'lars', name: 'Lars', manager: false, listener: true })).toBe(true);
    expect(mayUseDashboard({ clientId: 'mia', name: 'Mia', manager: true, listener: true })).toBe(true);
    expect(mayUseDashboard({ clientId: 'alice', name: 'Alice', manager: false, listener: false })).toBe(false);
    expect(mayUseDashboard(null)).toBe(false);
  });
});

describe('isListeningIn', () => {
  it('is a chat opened from the Dashboard that I neither own nor owned', () => {
    expect(isListeningIn({ watching: true, myRole: 'listening' })).toBe(true);
    expect(isListeningIn({ watching: true, myRole: 'manager' })).toBe(true);
    // Taken over: mine now.
    expect(isListeningIn({ watching: true, myRole: 'owner' })).toBe(false);
    // Listening mode after my own transfer is not listening in.
    expect(isListeningIn({ watching: false, myRole: 'listening' })).toBe(false);
    expect(isListeningIn({ watching: true, myRole: 'offered-to' })).toBe(false);
  });
});

describe('dashboardRows', () => {
  it('lists the ongoing sessions oldest first, then the queued ones', () => {
    const rows = dashboardRows(session());
    expect(rows.map((row) => [row.chatId, row.owner])).toEqual([
      ['a', 'alice'],
      ['b', 'bob'],
      ['q', null],
    ]);
    expect(rows[0]).toMatchObject({ visitorName: 'Ada', topic: 'Invoice', startedAt: 2, listening: false });
  });

  it('takes the owner from the chat log when I follow the chat, and marks the ones I listen in on', () => {
    const rows = dashboardRows(session({ chats: [tracked({ chatId: 'a', owner: 'mia' }), tracked({ chatId: 'q', seq: 0, owner: null, myRole: 'none', watching: false })] }));
    expect(rows.find((row) => row.chatId === 'a')).toMatchObject({ owner: 'mia', listening: true });
    // History not read yet (seq 0): the lobby's hint stands.
    expect(rows.find((row) => row.chatId === 'q')).toMatchObject({ owner: null, listening: false });
  });

  it('is empty without a session', () => {
    expect(dashboardRows(null)).toEqual([]);
  });
});

describe('formatElapsed', () => {
  it('counts minutes and seconds, hours from an hour on, and never below zero', () => {
    expect(formatElapsed(0, 65_400)).toBe('1:05');
    expect(formatElapsed(0, 3_723_000)).toBe('1:02:03');
    expect(formatElapsed(10_000, 0)).toBe('0:00');
  });
});
