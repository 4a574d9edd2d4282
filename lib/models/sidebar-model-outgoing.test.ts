import { describe, expect, it, vi } from 'vitest';
import type { TranscriptEntry } from '../chat/fold-support.ts';
import type { Command, CommandOutcome } from '../messaging/commands.ts';
import type { SendCommand } from '../messaging/view-connection.ts';
import type { ChatSnapshot, SessionSnapshot } from '../session/session-snapshot.ts';
import { createSidebarModel } from './sidebar-model.ts';

function setup() {
  const answers: Array<(outcome: CommandOutcome) => void> = [];
  const send = vi.fn((_command: Command) => new Promise<CommandOutcome>((resolve) => answers.push(resolve)));
  let ids = 0;
  const model = createSidebarModel({ saveCollapsed: vi.fn(async () => {}), send: send as SendCommand, newMessageId: () => `message-${++ids}` }, { collapsed: false, status: 'present' });
  return { model, send, answer: (outcome: CommandOutcome) => answers.shift()!(outcome) };
}

const line = (id: string): TranscriptEntry => ({ id, clientId: 'alice', timestamp: 1, authorKind: 'agent', text: 'Hello', fromOwner: true, countsAsReply: true });
const session = (transcript: TranscriptEntry[]): SessionSnapshot => ({
  connection: { phase: 'connected', error: null, since: 0 },
  me: { clientId: 'alice', name: 'Alice', manager: false, listener: false },
  status: 'present',
  agents: [],
  lobby: [],
  chats: [{ chatId: 'a', myRole: 'owner', transcript, unread: 0, pendingOffer: null, canRespond: false } as unknown as ChatSnapshot],
  offerTimeoutMs: 120_000,
  now: 0,
});

describe('sending my message', () => {
  it('is shown at once as sending, then sent on the hub’s answer, then only as the log’s copy', async () => {
    const { model, send, answer } = setup();
    model.applyUpdate({ type: 'session', snapshot: session([]) });
    model.openChat('a');
    model.setDraft('a', 'Hello');
    const sent = model.sendMessage('a', 'Hello ');
    expect(model.selectedOutgoing.value).toEqual([expect.objectContaining({ id: 'message-1', text: 'Hello', state: 'sending' })]);
    expect(model.drafts.value['a']).toBe('');
    expect(send).toHaveBeenCalledWith({ type: 'send', chatId: 'a', text: 'Hello', id: 'message-1' });
    answer({ ok: true, data: undefined });
    await sent;
    expect(model.selectedOutgoing.value).toEqual([expect.objectContaining({ id: 'message-1', state: 'sent' })]);
    model.applyUpdate({ type: 'session', snapshot: session([line('message-1')]) });
    expect(model.selectedOutgoing.value).toEqual([]);
  });

  it('a failed publish stays with its text; Retry sends it once more with the same id', async () => {
    const { model, send, answer } = setup();
    model.applyUpdate({ type: 'session', snapshot: session([]) });
    model.openChat('a');
    const first = model.sendMessage('a', 'Where is parcel 77?');
    answer({ ok: false, error: { code: 'refused', message: 'unable to store the message; try again' } });
    await first;
    expect(model.selectedOutgoing.value).toEqual([expect.objectContaining({ text: 'Where is parcel 77?', state: 'failed' })]);

    const retried = model.retryMessage('a', 'message-1');
    void model.retryMessage('a', 'message-1'); // a second press while it is on its way sends nothing
    expect(model.selectedOutgoing.value[0]!.state).toBe('sending');
    answer({ ok: true, data: undefined });
    await retried;
    expect(send).toHaveBeenCalledTimes(2);
    expect(send).toHaveBeenLastCalledWith({ type: 'send', chatId: 'a', text: 'Where is parcel 77?', id: 'message-1' });
    model.applyUpdate({ type: 'session', snapshot: session([line('message-1')]) });
    expect(model.selectedOutgoing.value).toEqual([]);
  });

  it('the log’s copy arriving before the hub’s answer shows the message once', async () => {
    const { model, answer } = setup();
    model.applyUpdate({ type: 'session', snapshot: session([]) });
    model.openChat('a');
    const sent = model.sendMessage('a', 'Hello');
    model.applyUpdate({ type: 'session', snapshot: session([line('message-1')]) });
    expect(model.selectedOutgoing.value).toEqual([]);
    answer({ ok: true, data: undefined });
    await sent;
    expect(model.selectedOutgoing.value).toEqual([]);
  });
});
