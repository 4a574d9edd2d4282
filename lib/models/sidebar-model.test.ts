import { describe, expect, it, vi } from 'vitest';
import type { SessionSnapshot } from '../session/session-snapshot.ts';
import { createSidebarModel } from './sidebar-model.ts';

function setup() {
  const bridge = { saveCollapsed: vi.fn(async () => {}), send: vi.fn(async () => ({ ok: true })) };
  return { bridge, model: createSidebarModel(bridge, { collapsed: false, status: 'present' }) };
}

const snapshot = (over: Partial<SessionSnapshot> = {}): SessionSnapshot => ({
  connection: { phase: 'connected', error: null, since: 0 },
  me: { clientId: 'alice', name: 'Alice', manager: false, listener: false },
  status: 'away',
  agents: [],
  lobby: [
    { chatId: 'a', visitorName: 'Ada', topic: '', startedAt: 1, owner: null },
    { chatId: 'b', visitorName: 'Bo', topic: '', startedAt: 2, owner: 'bob' },
  ],
  chats: [],
  offerTimeoutMs: 120_000,
  now: 0,
  ...over,
});

describe('createSidebarModel', () => {
  it('collapses at once and saves the choice', async () => {
    const { bridge, model } = setup();
    await model.setCollapsed(true);
    expect(model.collapsed.value).toBe(true);
    expect(bridge.saveCollapsed).toHaveBeenCalledWith(true);
  });

  it('asks the background to change status', async () => {
    const { bridge, model } = setup();
    await model.setStatus('away');
    expect(bridge.send).toHaveBeenCalledWith({ type: 'set-status', status: 'away' });
  });

  it('follows the session: connection, status, and the queue without taken chats', () => {
    const { model } = setup();
    expect(model.connection.value).toBe('connecting');
    model.applyUpdate({ type: 'session', snapshot: snapshot() });
    expect(model.connected.value).toBe(true);
    expect(model.status.value).toBe('away');
    expect(model.queue.value.map((entry) => entry.chatId)).toEqual(['a']);
  });

  it('keeps the reason a command was refused, for the view to show', async () => {
    const { bridge, model } = setup();
    bridge.send.mockResolvedValueOnce({ ok: false, error: { code: 'not-available', message: 'unable to pick up a chat; nobody is waiting in the queue' } } as never);
    await model.pickUpNext();
    expect(model.lastError.value).toContain('nobody is waiting');
  });

  it('shows the page title the background relays, and clears it', () => {
    const { model } = setup();
    model.applyUpdate({ type: 'page-context', context: { url: 'http://x/', title: 'Anna Berg' } });
    expect(model.pageTitle.value).toBe('Anna Berg');
    model.applyUpdate({ type: 'page-context', context: null });
    expect(model.pageTitle.value).toBeNull();
  });
});
