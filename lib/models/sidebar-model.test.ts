import { describe, expect, it, vi } from 'vitest';
import type { Command, CommandOutcome } from '../messaging/commands.ts';
import type { SendCommand } from '../messaging/view-connection.ts';
import type { ChatSnapshot, SessionSnapshot } from '../session/session-snapshot.ts';
import { createSidebarModel } from './sidebar-model.ts';

function setup() {
  const bridge = { saveCollapsed: vi.fn(async () => {}), send: vi.fn(async (_command: Command): Promise<CommandOutcome> => ({ ok: true, data: undefined })) };
  // The mock answers any command with any outcome; each test sets the answer the command's type has.
  return { bridge, model: createSidebarModel({ ...bridge, send: bridge.send as SendCommand }, { collapsed: false, status: 'present' }) };
}

const snapshot = (over: Partial<SessionSnapshot> = {}): SessionSnapshot => ({
  connection: { phase: 'connected', error: null, since: 0 },
  me: { clientId: 'alice', name: 'Alice', manager: false, listener: false },
  status: 'away',
  agents: [],
  lobby: [
    { chatId: 'a', visitorName: 'Ada', email: '', topic: '', startedAt: 1, owner: null },
    { chatId: 'b', visitorName: 'Bo', email: '', topic: '', startedAt: 2, owner: 'bob' },
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
    bridge.send.mockResolvedValueOnce({ ok: false, error: { code: 'queue-empty', message: 'unable to pick up a chat; nobody is waiting in the queue' } } as never);
    await model.pickUpNext();
    expect(model.lastError.value).toMatchObject({ code: 'queue-empty' });
  });

  it('shows the page title the background relays, and clears it', () => {
    const { model } = setup();
    model.applyUpdate({ type: 'page-context', context: { url: 'http://x/', title: 'Anna Berg' } });
    expect(model.pageTitle.value).toBe('Anna Berg');
    model.applyUpdate({ type: 'page-context', context: null });
    expect(model.pageTitle.value).toBeNull();
  });

  const chat = (over: Partial<ChatSnapshot> = {}): ChatSnapshot =>
    ({
      chatId: 'a',
      owner: 'alice',
      myRole: 'owner',
      canWrite: true,
      canRespond: false,
      pendingOffer: null,
      transcript: [{ id: 'm1', clientId: 'v', authorKind: 'visitor', text: 'hi', timestamp: 1, fromOwner: false, countsAsReply: false }],
      unread: 1,
      ...over,
    }) as ChatSnapshot;

  it('opens a chat, marks it read once, and forgets it when it leaves the session', () => {
    const { bridge, model } = setup();
    model.applyUpdate({ type: 'session', snapshot: snapshot({ chats: [chat()] }) });
    model.openChat('a');
    model.applyUpdate({ type: 'session', snapshot: snapshot({ chats: [chat()] }) });
    expect(bridge.send.mock.calls.filter(([command]) => command.type === 'mark-read')).toEqual([[{ type: 'mark-read', chatId: 'a' }]]);
    expect(model.selectedChat.value?.chatId).toBe('a');
    model.applyUpdate({ type: 'session', snapshot: snapshot({ chats: [] }) });
    expect(model.selectedChat.value).toBeNull();
  });

  it('opens one chat after another: back to the list, then the second, then the first again', () => {
    const { model } = setup();
    model.applyUpdate({ type: 'session', snapshot: snapshot({ chats: [chat(), chat({ chatId: 'b' })] }) });
    model.openChat('a');
    model.closeChat();
    expect(model.selectedChat.value).toBeNull();
    model.openChat('b');
    expect(model.selectedChat.value?.chatId).toBe('b');
    model.closeChat();
    model.openChat('a');
    expect(model.selectedChat.value?.chatId).toBe('a');
    // Its window closed (it left the session): the list again, and the other chat still opens.
    model.applyUpdate({ type: 'session', snapshot: snapshot({ chats: [chat({ chatId: 'b' })] }) });
    expect(model.selectedChat.value).toBeNull();
    model.openChat('b');
    expect(model.selectedChat.value?.chatId).toBe('b');
  });

  it('offers only Present colleagues other than me', () => {
    const { model } = setup();
    model.applyUpdate({
      type: 'session',
      snapshot: snapshot({
        agents: [
          { clientId: 'alice', name: 'Alice', status: 'present', activeChats: 1 },
          { clientId: 'bob', name: 'Bob', status: 'present', activeChats: 2 },
          { clientId: 'eve', name: 'Eve', status: 'away', activeChats: 0 },
        ],
      }),
    });
    expect(model.transferTargets.value.map((agent) => agent.clientId)).toEqual(['bob']);
  });

  it('announces a new incoming offer once', () => {
    const { model } = setup();
    const offered = chat({ myRole: 'offered-to', canRespond: true, pendingOffer: { transferId: 't1', from: 'bob', to: 'alice', note: '', offeredAt: 0, expiresAt: 1, accepted: false, overdue: false } });
    model.applyUpdate({ type: 'session', snapshot: snapshot({ chats: [offered] }) });
    expect(model.announcement.value).toEqual({ transferId: 't1', from: 'bob' });
    model.announcement.value = null;
    model.applyUpdate({ type: 'session', snapshot: snapshot({ chats: [offered] }) });
    expect(model.announcement.value).toBeNull();
  });

  it('sends trimmed messages, and keeps the number of a created request', async () => {
    const { bridge, model } = setup();
    model.setDraft('a', ' hello ');
    await model.sendMessage('a', ' hello ');
    expect(bridge.send).toHaveBeenCalledWith({ type: 'send', chatId: 'a', text: 'hello', id: expect.stringMatching(/^[\w-]{8,64}$/) });
    expect(model.drafts.value['a']).toBe('');
    bridge.send.mockResolvedValueOnce({ ok: true, data: { id: 'r', number: 'R-7', url: 'http://x' } } as never);
    const created = await model.createRequest('a', 'Invoice');
    expect(created.number).toBe('R-7');
    expect(model.createdRequests.value['a']).toBe('R-7');
  });

  // The background parses the CRM's persons before it answers (lib/session/crm-person.ts).
  it('finds persons for a chat: suggestions without a query, a search with one', async () => {
    const { bridge, model } = setup();
    const anna = { id: '1', name: 'Anna Berg' };
    bridge.send.mockResolvedValueOnce({ ok: true, data: { persons: [anna] } } as never);
    expect(await model.findPersons('a', '  ')).toEqual({ ok: true, persons: [{ id: '1', name: 'Anna Berg' }] });
    expect(bridge.send).toHaveBeenLastCalledWith({ type: 'find-persons', chatId: 'a' });
    bridge.send.mockResolvedValueOnce({ ok: true, data: { persons: [] } } as never);
    await model.findPersons('a', ' berg ');
    expect(bridge.send).toHaveBeenLastCalledWith({ type: 'find-persons', chatId: 'a', query: 'berg' });
  });

  it('tells "no CRM" from a failed search; the chat\'s error line stays', async () => {
    const { bridge, model } = setup();
    bridge.send.mockResolvedValueOnce({ ok: false, error: { code: 'not-configured', message: 'unable to find persons; no CRM is configured' } } as never);
    expect(await model.findPersons('a')).toMatchObject({ ok: false, reason: 'no-crm' });
    bridge.send.mockResolvedValueOnce({ ok: false, error: { code: 'not-available', message: 'unable to search persons; HTTP 503' } } as never);
    expect(await model.findPersons('a', 'x')).toEqual({ ok: false, reason: 'failed', error: { code: 'not-available', message: 'unable to search persons; HTTP 503' } });
    expect(model.lastError.value).toBeNull();
  });

  it('links a person with its name and remembers it; reads an unknown linked person once', async () => {
    const { bridge, model } = setup();
    const anna = { id: '1', name: 'Anna Berg', url: 'http://crm.example/p/1' };
    await model.linkPerson('a', anna);
    expect(bridge.send).toHaveBeenLastCalledWith({ type: 'link-person', chatId: 'a', personId: '1', displayName: 'Anna Berg' });
    expect(model.persons.value['1']).toEqual(anna);

    bridge.send.mockClear();
    await model.lookUpPerson('1');
    expect(bridge.send).not.toHaveBeenCalled();
    bridge.send.mockResolvedValueOnce({ ok: true, data: { person: { id: '7', name: 'Freja Madsen' } } } as never);
    await model.lookUpPerson('7');
    await model.lookUpPerson('7');
    expect(bridge.send).toHaveBeenCalledTimes(1);
    expect(bridge.send).toHaveBeenCalledWith({ type: 'read-person', personId: '7' });
    expect(model.persons.value['7']).toEqual({ id: '7', name: 'Freja Madsen' });
  });

  it('does not remember a person when linking is refused', async () => {
    const { bridge, model } = setup();
    bridge.send.mockResolvedValueOnce({ ok: false, error: { code: 'not-owner', message: 'unable to link the contact; not the owner' } } as never);
    await model.linkPerson('a', { id: '1', name: 'Anna Berg' });
    expect(model.persons.value['1']).toBeUndefined();
    expect(model.lastError.value).toMatchObject({ code: 'not-owner' });
  });
});
