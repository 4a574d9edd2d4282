import { describe, expect, it, vi } from 'vitest';
import type { Command, CommandOutcome } from '../messaging/commands.ts';
import type { SendCommand } from '../messaging/view-connection.ts';
import type { ChatSnapshot, Me, SessionSnapshot } from '../session/session-snapshot.ts';
import { createSidebarModel } from './sidebar-model.ts';

// The sidebar model's Dashboard and manager parts: who gets the tab, listening in, taking over.
function setup() {
  const bridge = { saveCollapsed: vi.fn(async () => {}), send: vi.fn(async (_command: Command): Promise<CommandOutcome> => ({ ok: true, data: undefined })) };
  // The mock answers any command with any outcome; each test sets the answer the command's type has.
  return { bridge, model: createSidebarModel({ ...bridge, send: bridge.send as SendCommand }, { collapsed: false, status: 'present' }) };
}

const LARS: Me = { clientId: 'lars', name: 'Lars', manager: false, listener: true };
const ALICE: Me = { clientId: 'alice', name: 'Alice', manager: false, listener: false };

const snapshot = (me: Me, chats: ChatSnapshot[] = [], over: Partial<SessionSnapshot> = {}): SessionSnapshot => ({
  connection: { phase: 'connected', error: null, since: 0 },
  me,
  status: 'present',
  agents: [],
  lobby: [{ chatId: 'a', visitorName: 'Ada', topic: 'Invoice', startedAt: 1, owner: 'alice' }],
  chats,
  offerTimeoutMs: 120_000,
  now: 0,
  ...over,
});

const chat = (over: Partial<ChatSnapshot> = {}): ChatSnapshot =>
  ({ chatId: 'a', owner: 'alice', seq: 1, myRole: 'listening', watching: true, canWrite: false, canRespond: false, pendingOffer: null, transcript: [], unread: 0, ...over }) as ChatSnapshot;

describe('the sidebar model: Dashboard', () => {
  it('gives the Dashboard only to a user whose role allows it', () => {
    const { model } = setup();
    model.applyUpdate({ type: 'session', snapshot: snapshot(ALICE) });
    model.selectTab('dashboard');
    expect(model.dashboardAvailable.value).toBe(false);
    expect(model.activeTab.value).toBe('chats');

    model.applyUpdate({ type: 'session', snapshot: snapshot(LARS) });
    expect(model.dashboardAvailable.value).toBe(true);
    expect(model.activeTab.value).toBe('dashboard');
    expect(model.dashboard.value.map((row) => row.visitorName)).toEqual(['Ada']);
  });

  it('listens in: sends listen, keeps the chat open until the session has it, and keeps it out of My chats', async () => {
    const { bridge, model } = setup();
    model.applyUpdate({ type: 'session', snapshot: snapshot(LARS) });
    model.selectTab('dashboard');
    await model.listenIn('a');
    expect(bridge.send).toHaveBeenCalledWith({ type: 'listen', chatId: 'a' });
    // The session has not sent the chat yet: it stays chosen.
    model.applyUpdate({ type: 'session', snapshot: snapshot(LARS) });
    expect(model.selectedChatId.value).toBe('a');

    model.applyUpdate({ type: 'session', snapshot: snapshot(LARS, [chat()]) });
    expect(model.selectedChat.value?.chatId).toBe('a');
    expect(model.chats.value).toEqual([]);
    // Each tab keeps its own open chat.
    model.selectTab('chats');
    expect(model.selectedChat.value).toBeNull();
    model.selectTab('dashboard');
    expect(model.selectedChat.value?.chatId).toBe('a');

    // Close window: the chat leaves the session and the Dashboard list comes back.
    model.applyUpdate({ type: 'session', snapshot: snapshot(LARS) });
    expect(model.selectedChat.value).toBeNull();
  });

  it('keeps the chat open while the session reconnects, and shows it again once restored', async () => {
    const { model } = setup();
    model.applyUpdate({ type: 'session', snapshot: snapshot(LARS, [chat()]) });
    model.selectTab('dashboard');
    await model.listenIn('a');
    const reconnecting = snapshot(LARS, [], { me: null, connection: { phase: 'connecting', error: null, since: 1 } });
    model.applyUpdate({ type: 'session', snapshot: reconnecting });
    expect(model.selectedChat.value).toBeNull();
    model.applyUpdate({ type: 'session', snapshot: snapshot(LARS, [chat()]) });
    expect(model.activeTab.value).toBe('dashboard');
    expect(model.selectedChat.value?.chatId).toBe('a');
  });

  it('shows the list again when the background refuses to listen in', async () => {
    const { bridge, model } = setup();
    model.applyUpdate({ type: 'session', snapshot: snapshot(LARS) });
    model.selectTab('dashboard');
    bridge.send.mockResolvedValueOnce({ ok: false, error: { code: 'not-allowed', message: 'unable to listen in; your role does not allow it' } } as never);
    await model.listenIn('a');
    expect(model.selectedChatId.value).toBeNull();
    expect(model.lastError.value).toMatchObject({ code: 'not-allowed' });
  });

  it('does not ask to listen in without the role', async () => {
    const { bridge, model } = setup();
    model.applyUpdate({ type: 'session', snapshot: snapshot(ALICE) });
    await model.listenIn('a');
    expect(bridge.send).not.toHaveBeenCalled();
  });

  it('takes over, after which the chat is mine and in My chats', async () => {
    const { bridge, model } = setup();
    const mia: Me = { clientId: 'mia', name: 'Mia', manager: true, listener: true };
    model.applyUpdate({ type: 'session', snapshot: snapshot(mia, [chat({ myRole: 'manager' })]) });
    expect(model.chats.value).toEqual([]);
    await model.takeOver('a');
    expect(bridge.send).toHaveBeenCalledWith({ type: 'take-over', chatId: 'a' });
    model.applyUpdate({ type: 'session', snapshot: snapshot(mia, [chat({ myRole: 'owner', owner: 'mia', canWrite: true })]) });
    expect(model.chats.value.map((entry) => entry.chatId)).toEqual(['a']);
  });

  it('does not offer the open chat’s owner as a transfer target', () => {
    const { model } = setup();
    const mia: Me = { clientId: 'mia', name: 'Mia', manager: true, listener: true };
    const agents = [
      { clientId: 'alice', name: 'Alice', status: 'present' as const, activeChats: 1 },
      { clientId: 'bob', name: 'Bob', status: 'present' as const, activeChats: 0 },
    ];
    model.applyUpdate({ type: 'session', snapshot: snapshot(mia, [chat({ myRole: 'manager' })], { agents }) });
    model.selectTab('dashboard');
    void model.listenIn('a');
    expect(model.transferTargets.value.map((agent) => agent.clientId)).toEqual(['bob']);
  });
});
