// The command handler against a fake session (a map of folded chats built with the chat core's own harness): what
// each view command publishes, and that every refusal — the chat core's and the handler's own — publishes nothing.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { foldEvents, transcriptOf, type ChatState } from '../chat/fold.ts';
import { planCancel, planClaim, planLinkContact, planMessage, planTakeover } from '../chat/commands.ts';
import { ANA, BO, CY, LIV, MAX, TIMEOUT, VISITOR, anasChat, offerToBo } from '../chat/flow-fixtures.ts';
import type { Publish } from '../chat/publish.ts';
import { describeRejection, type Rejection } from '../chat/reasons.ts';
import type { Principal } from '../chat/roles.ts';
import { createHarness } from '../chat/test-harness.ts';
import { CrmError, TranscriptMissingError, type CrmAdapter } from '../crm/crm-adapter.ts';
import { MAX_TRANSCRIPT_LINES } from '../crm/crm-transcript.ts';
import { AppError } from '../errors.ts';
import type { AgentSession } from './agent-session.ts';
import type { LobbyEntry } from './lobby.ts';
import { createCommandHandler, type CommandContext } from './session-commands.ts';

// Just after the fixtures' events (the harness clock starts at 1_000_000), well within an offer's timeout.
const NOW = 1_000_100;

interface FakeChat {
  state: ChatState;
  historyLoaded: boolean;
}

function fakeSession(chats: Record<string, ChatState> = {}) {
  const map = new Map<string, FakeChat>(Object.entries(chats).map(([id, state]) => [id, { state, historyLoaded: true }]));
  const published: Publish[] = [];
  const calls: unknown[][] = [];
  const record = (name: string) => (...args: unknown[]) => void calls.push([name, ...args]);
  let lobby: LobbyEntry[] = [];
  const departed = new Map<string, LobbyEntry>();
  const session = {
    chat: (chatId: string) => map.get(chatId),
    lobby: () => lobby,
    visitor: (chatId: string) => lobby.find((entry) => entry.chatId === chatId) ?? departed.get(chatId),
    snapshot: () => ({ agents: [{ clientId: 'ana', name: 'Ana Andersen' }] }),
    publish: async (item: Publish) => void published.push(item),
    watch: record('watch'),
    unwatch: record('unwatch'),
    hold: record('hold'),
    // Predictions are the tracked chats' (chat-predictions.test.ts): here the log never catches up, so nothing waits.
    predicted: [] as unknown[][],
    predict(...args: unknown[]) {
      session.predicted.push(args);
      return () => session.predicted.push(['withdrawn']);
    },
    settled: async () => {},
    // No id key: the ids these tests read are the untagged ones (lib/chat/control-ids.test.ts tests the tags).
    author: (who: Principal) => who,
    updatePresence: async (status: unknown) => void calls.push(['updatePresence', status]),
  };
  return {
    session: session as unknown as AgentSession,
    map,
    published,
    calls,
    setLobby(entries: LobbyEntry[]) {
      lobby = entries;
    },
    depart(entry: LobbyEntry) {
      departed.set(entry.chatId, entry);
    },
  };
}

function handlerFor(fake: ReturnType<typeof fakeSession>, me: Principal, extra: Partial<CommandContext> = {}) {
  return createCommandHandler({ session: fake.session, me, offerTimeoutMs: TIMEOUT, now: () => NOW, randomId: () => 'tr-new', ...extra });
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/**
 * A chat-core refusal. The code is 'refused' today and the rejection's own code once errors carry codes (issue 13,
 * lib/chat/reasons.ts), so either is accepted; the diagnostic text names the action and the chat core's reason.
 */
async function refused(promise: Promise<unknown>, reason: Rejection, action: string) {
  const error = await failure(promise);
  expect(['refused', reason]).toContain(error.code);
  expect(error.message).toBe(describeRejection(action, reason));
}

function entry(chatId: string, owner: string | null, extra: Partial<LobbyEntry> = {}): LobbyEntry {
  return { chatId, visitorName: '', topic: '', startedAt: 0, owner, ...extra };
}

/** A chat waiting in the queue: the visitor wrote, nobody claimed it. */
function queuedChat(chatId = 'chat-1') {
  const h = createHarness(chatId);
  h.force('message', { text: 'Hello?' }, VISITOR);
  return h.state;
}

/** Another chat Ana owns, with no lines. */
function claimedChat(chatId: string) {
  const h = createHarness(chatId);
  h.force('message', { text: 'Hi' }, VISITOR);
  h.run(planClaim(h.state, ANA, h.now), ANA);
  h.arbitrate(VISITOR);
  return h.state;
}

function endedChat() {
  const h = anasChat();
  h.force('chat.ended', { reason: null }, ANA);
  return h.state;
}

function crm(overrides: Partial<CrmAdapter> = {}): CrmAdapter {
  return {
    kind: 'fake',
    suggestPersons: vi.fn(async () => []),
    searchPersons: vi.fn(async () => []),
    getPerson: vi.fn(async (id: string) => ({ id, name: 'Anna Berg' })),
    createRequest: vi.fn(async () => ({ id: 'req-7', number: '#7', url: 'https://crm.example/req/7' })),
    ...overrides,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('chat lookups', () => {
  it('a command for a chat that is not open is refused as unknown-chat, naming the chat', async () => {
    const fake = fakeSession();
    const handle = handlerFor(fake, ANA);
    for (const command of [
      { type: 'send', chatId: 'gone', text: 'hi' },
      { type: 'end-chat', chatId: 'gone' },
      { type: 'find-persons', chatId: 'gone' },
    ] as const) {
      const error = await failure(handle(command));
      expect(error.code).toBe('unknown-chat');
      expect(error.message).toContain('gone');
    }
    expect(fake.published).toEqual([]);
  });
});

describe('send and typing', () => {
  it('the owner’s line is published on the chat', async () => {
    const fake = fakeSession({ 'chat-1': anasChat().state });
    await handlerFor(fake, ANA)({ type: 'send', chatId: 'chat-1', text: 'On it' });
    expect(fake.published).toEqual([{ channel: 'chat:chat-1', name: 'message', id: undefined, data: { text: 'On it' } }]);
  });

  it('a listener may not write in someone else’s chat', async () => {
    const fake = fakeSession({ 'chat-1': anasChat().state });
    await refused(handlerFor(fake, LIV)({ type: 'send', chatId: 'chat-1', text: 'psst' }), 'not-owner', 'send the message');
    expect(fake.published).toEqual([]);
  });

  it('typing is published as it is', async () => {
    const fake = fakeSession({ 'chat-1': anasChat().state });
    await handlerFor(fake, ANA)({ type: 'typing', chatId: 'chat-1', typing: true });
    expect(fake.published).toEqual([{ channel: 'chat:chat-1', name: 'typing', id: undefined, data: { typing: true } }]);
  });
});

describe('set-status', () => {
  it('re-announces presence with the new status', async () => {
    const fake = fakeSession();
    await handlerFor(fake, ANA)({ type: 'set-status', status: 'away' });
    expect(fake.calls).toEqual([['updatePresence', 'away']]);
  });
});

describe('pick-up', () => {
  it('without a chat id takes the first chat nobody owns, keeps it while the claim is answered, and claims it', async () => {
    const fake = fakeSession({ 'chat-2': queuedChat('chat-2') });
    fake.setLobby([entry('chat-1', 'bo'), entry('chat-2', null), entry('chat-3', null)]);
    await handlerFor(fake, ANA)({ type: 'pick-up' });
    expect(fake.calls).toEqual([['watch', 'chat-2', {}, 15_000]]);
    expect(fake.published).toHaveLength(1);
    expect(fake.published[0]).toMatchObject({ channel: 'chat:chat-2', name: 'claim' });
  });

  it('with a chat id claims that chat even when the queue is empty', async () => {
    const fake = fakeSession({ 'chat-9': queuedChat('chat-9') });
    await handlerFor(fake, ANA)({ type: 'pick-up', chatId: 'chat-9' });
    expect(fake.published[0]).toMatchObject({ channel: 'chat:chat-9', name: 'claim' });
  });

  it('an empty queue (or one where every chat has an owner) is queue-empty', async () => {
    const fake = fakeSession();
    fake.setLobby([entry('chat-1', 'bo')]);
    const error = await failure(handlerFor(fake, ANA)({ type: 'pick-up' }));
    expect(error.code).toBe('queue-empty');
    expect(fake.calls).toEqual([]);
  });

  it('waits for the chat’s history before deciding', async () => {
    vi.useFakeTimers();
    const fake = fakeSession();
    const done = handlerFor(fake, ANA)({ type: 'pick-up', chatId: 'chat-1' });
    await vi.advanceTimersByTimeAsync(100);
    fake.map.set('chat-1', { state: queuedChat(), historyLoaded: false });
    await vi.advanceTimersByTimeAsync(100);
    expect(fake.published).toEqual([]);
    fake.map.get('chat-1')!.historyLoaded = true;
    await vi.advanceTimersByTimeAsync(100);
    await done;
    expect(fake.published[0]).toMatchObject({ name: 'claim' });
  });

  it('gives up with a timeout when the history does not arrive within ten seconds', async () => {
    vi.useFakeTimers();
    const fake = fakeSession();
    const result = failure(handlerFor(fake, ANA)({ type: 'pick-up', chatId: 'chat-1' }));
    await vi.advanceTimersByTimeAsync(9_900);
    let settled = false;
    void result.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    const error = await result;
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('chat-1');
  });

  it('a chat someone already owns is refused by the chat core', async () => {
    const fake = fakeSession({ 'chat-1': anasChat().state });
    await refused(handlerFor(fake, BO)({ type: 'pick-up', chatId: 'chat-1' }), 'already-assigned', 'pick up the chat');
    expect(fake.published).toEqual([]);
  });
});

describe('transfer', () => {
  it('offers the chat with a fresh transfer id and the organisation’s timeout, and tells the receiver', async () => {
    const fake = fakeSession({ 'chat-1': anasChat().state });
    await handlerFor(fake, ANA)({ type: 'transfer', chatId: 'chat-1', to: 'bo', note: 'Billing' });
    expect(fake.published.map((p) => [p.channel, p.name])).toEqual([
      ['chat:chat-1', 'transfer.offered'],
      ['inbox:bo', 'transfer.offered'],
    ]);
    expect(fake.published[0]!.data).toMatchObject({ transferId: 'tr-new', to: 'bo', note: 'Billing', expiresAt: NOW + TIMEOUT });
  });

  it('without an injected id source the transfer id is a fresh UUID', async () => {
    const fake = fakeSession({ 'chat-1': anasChat().state });
    await createCommandHandler({ session: fake.session, me: ANA, offerTimeoutMs: TIMEOUT, now: () => NOW })({ type: 'transfer', chatId: 'chat-1', to: 'bo', note: '' });
    expect(fake.published[0]!.data.transferId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('a transfer to oneself is refused', async () => {
    const fake = fakeSession({ 'chat-1': anasChat().state });
    await refused(handlerFor(fake, ANA)({ type: 'transfer', chatId: 'chat-1', to: 'ana', note: '' }), 'self-transfer', 'transfer the chat');
    expect(fake.published).toEqual([]);
  });

  it('an agent who does not own the chat may not transfer it', async () => {
    const fake = fakeSession({ 'chat-1': anasChat().state });
    await refused(handlerFor(fake, BO)({ type: 'transfer', chatId: 'chat-1', to: 'cy', note: '' }), 'not-owner', 'transfer the chat');
    expect(fake.published).toEqual([]);
  });
});

describe('answering an offer', () => {
  const offered = () => {
    const h = anasChat();
    offerToBo(h);
    return h.state;
  };

  it('the receiver’s acceptance is published and the chat held while it comes back', async () => {
    const fake = fakeSession({ 'chat-1': offered() });
    await handlerFor(fake, BO)({ type: 'accept-transfer', chatId: 'chat-1', transferId: 'tr-1' });
    expect(fake.calls).toEqual([['hold', 'chat-1', 5_000]]);
    expect(fake.published[0]).toMatchObject({ name: 'transfer.accepted', data: { transferId: 'tr-1' } });
  });

  it('the acceptance is predicted before its publish, and a refused publish withdraws it with the refusal', async () => {
    const fake = fakeSession({ 'chat-1': offered() });
    const predicted = (fake.session as unknown as { predicted: unknown[][] }).predicted;
    let publishedWhilePredicted = false;
    fake.session.publish = async () => {
      publishedWhilePredicted = predicted.length === 1;
      throw Object.assign(new Error('capability denied'), { code: 40160 });
    };
    const error = await failure(handlerFor(fake, BO)({ type: 'accept-transfer', chatId: 'chat-1', transferId: 'tr-1' }));
    expect(error.code).toBe('not-permitted');
    expect(publishedWhilePredicted).toBe(true);
    expect(predicted[0]).toEqual(['chat-1', 'accept', expect.objectContaining({ type: 'transfer.accepted', transferId: 'tr-1', clientId: 'bo' })]);
    expect(predicted[1]).toEqual(['withdrawn']);
  });

  it('an acceptance the log rejects (the offer was cancelled first) answers with the fold’s reason', async () => {
    const fake = fakeSession({ 'chat-1': offered() });
    // The hub takes the publish, but Ana's cancel reached the log first: the fold rejects the acceptance.
    fake.session.publish = async (item: Publish) => {
      if (item.channel !== 'chat:chat-1') return; // the acceptance's notice to Ana's inbox
      const chat = fake.map.get('chat-1')!;
      const cancel = planCancel(chat.state, ANA, NOW - 1, 'tr-1');
      if (!cancel.ok || !cancel.draft) throw new Error('expected a cancel');
      chat.state = foldEvents(chat.state, [cancel.draft, { type: 'transfer.accepted', id: item.id!, timestamp: NOW, clientId: 'bo', sender: BO, transferId: 'tr-1' }]);
    };
    await refused(handlerFor(fake, BO)({ type: 'accept-transfer', chatId: 'chat-1', transferId: 'tr-1' }), 'offer-not-pending', 'accept the transfer');
  });

  it('an acceptance whose log copy fails after the offerer completed on its inbox notice is no failure: Bo owns the chat', async () => {
    const fake = fakeSession({ 'chat-1': offered() });
    fake.session.publish = async (item: Publish) => {
      if (item.channel !== 'chat:chat-1') return;
      // Ana completed on the notice; Bo's own copy is refused (his token never came).
      const chat = fake.map.get('chat-1')!;
      chat.state = foldEvents(chat.state, [
        { type: 'transfer.completed', id: 'tr-1:completed:ana', timestamp: NOW, clientId: 'ana', sender: ANA, transferId: 'tr-1', owner: 'bo', seq: 2 },
      ]);
      throw Object.assign(new Error('denied'), { code: 40160, statusCode: 401 });
    };
    await expect(handlerFor(fake, BO)({ type: 'accept-transfer', chatId: 'chat-1', transferId: 'tr-1' })).resolves.toBeUndefined();
    expect(fake.map.get('chat-1')!.state.register.owner).toBe('bo');
  });

  it('someone the offer was not made to cannot accept it, and nothing is held', async () => {
    const fake = fakeSession({ 'chat-1': offered() });
    await refused(handlerFor(fake, CY)({ type: 'accept-transfer', chatId: 'chat-1', transferId: 'tr-1' }), 'not-offered-to-you', 'accept the transfer');
    expect(fake.calls).toEqual([]);
    expect(fake.published).toEqual([]);
  });

  it('a rejection carries the receiver’s reason, or none', async () => {
    const fake = fakeSession({ 'chat-1': offered() });
    await handlerFor(fake, BO)({ type: 'reject-transfer', chatId: 'chat-1', transferId: 'tr-1', reason: 'In a call' });
    await handlerFor(fake, BO)({ type: 'reject-transfer', chatId: 'chat-1', transferId: 'tr-1' });
    expect(fake.published.map((p) => p.data)).toEqual([
      { transferId: 'tr-1', reason: 'In a call' },
      { transferId: 'tr-1', reason: null },
    ]);
  });

  it('an unknown transfer cannot be rejected', async () => {
    const fake = fakeSession({ 'chat-1': offered() });
    await refused(handlerFor(fake, BO)({ type: 'reject-transfer', chatId: 'chat-1', transferId: 'tr-9' }), 'unknown-transfer', 'reject the transfer');
  });

  it('the offerer cancels; another agent cannot', async () => {
    const fake = fakeSession({ 'chat-1': offered() });
    await refused(handlerFor(fake, CY)({ type: 'cancel-transfer', chatId: 'chat-1', transferId: 'tr-1' }), 'not-permitted', 'cancel the transfer');
    expect(fake.published).toEqual([]);
    await handlerFor(fake, ANA)({ type: 'cancel-transfer', chatId: 'chat-1', transferId: 'tr-1' });
    expect(fake.published[0]).toMatchObject({ name: 'transfer.cancelled', data: { transferId: 'tr-1' } });
  });
});

describe('take-over and listen-in', () => {
  it('a manager takes the chat over, watching it while the takeover is published', async () => {
    const fake = fakeSession({ 'chat-1': anasChat().state });
    await handlerFor(fake, MAX)({ type: 'take-over', chatId: 'chat-1' });
    expect(fake.calls).toEqual([['watch', 'chat-1', {}, 15_000]]);
    expect(fake.published[0]).toMatchObject({ name: 'takeover', data: { owner: 'max', seq: 2 } });
  });

  it('an agent who is not a manager is not-allowed and watches nothing', async () => {
    const fake = fakeSession({ 'chat-1': anasChat().state });
    const error = await failure(handlerFor(fake, LIV)({ type: 'take-over', chatId: 'chat-1' }));
    expect(error.code).toBe('not-allowed');
    expect(fake.calls).toEqual([]);
    expect(fake.published).toEqual([]);
  });

  it('an ended chat cannot be taken over', async () => {
    const fake = fakeSession({ 'chat-1': endedChat() });
    await refused(handlerFor(fake, MAX)({ type: 'take-over', chatId: 'chat-1' }), 'chat-ended', 'take over the chat');
    expect(fake.published).toEqual([]);
  });

  it('a listener starts watching the chat, open and silent', async () => {
    const fake = fakeSession({ 'chat-1': anasChat().state });
    await handlerFor(fake, LIV)({ type: 'listen', chatId: 'chat-1' });
    expect(fake.calls).toEqual([['watch', 'chat-1', { watching: true, closed: false }]]);
  });

  it('an agent without listen-in is not-allowed', async () => {
    const fake = fakeSession({ 'chat-1': anasChat().state });
    const error = await failure(handlerFor(fake, BO)({ type: 'listen', chatId: 'chat-1' }));
    expect(error.code).toBe('not-allowed');
    expect(fake.calls).toEqual([]);
  });
});

describe('close-window and mark-read', () => {
  it('the owner of an open chat may not close its window', async () => {
    const fake = fakeSession({ 'chat-1': anasChat().state });
    const error = await failure(handlerFor(fake, ANA)({ type: 'close-window', chatId: 'chat-1' }));
    expect(error.code).toBe('still-owner');
    expect(fake.calls).toEqual([]);
  });

  it('an ended chat’s owner, or someone else, closes the window', async () => {
    const fake = fakeSession({ 'chat-1': endedChat(), 'chat-2': claimedChat('chat-2') });
    await handlerFor(fake, ANA)({ type: 'close-window', chatId: 'chat-1' });
    await handlerFor(fake, LIV)({ type: 'close-window', chatId: 'chat-2' });
    expect(fake.calls).toEqual([
      ['unwatch', 'chat-1'],
      ['unwatch', 'chat-2'],
    ]);
  });

  it('marks the last line of the transcript read', async () => {
    const h = anasChat();
    h.run(planMessage(h.state, ANA, h.now, 'One more thing'), ANA);
    const state = h.state;
    const last = transcriptOf(state).at(-1)!;
    const fake = fakeSession({ 'chat-1': state });
    await handlerFor(fake, ANA)({ type: 'mark-read', chatId: 'chat-1' });
    expect(fake.calls).toEqual([['watch', 'chat-1', { readMarker: { timestamp: last.timestamp, id: last.id, clientId: 'ana' } }]]);
  });

  it('an empty transcript marks nothing', async () => {
    const fake = fakeSession({ 'chat-1': createHarness().state });
    await handlerFor(fake, ANA)({ type: 'mark-read', chatId: 'chat-1' });
    expect(fake.calls).toEqual([]);
  });
});

describe('link-contact and end-chat', () => {
  it('the owner links a person, with or without a display name', async () => {
    const fake = fakeSession({ 'chat-1': anasChat().state });
    await handlerFor(fake, ANA)({ type: 'link-person', chatId: 'chat-1', personId: '42', displayName: 'Anna Berg' });
    await handlerFor(fake, ANA)({ type: 'link-person', chatId: 'chat-1', personId: '43' });
    expect(fake.published.map((p) => [p.name, p.data])).toEqual([
      ['contact.linked', { personId: '42', displayName: 'Anna Berg' }],
      ['contact.linked', { personId: '43', displayName: null }],
    ]);
  });

  it('an agent may not link a person to someone else’s chat', async () => {
    const fake = fakeSession({ 'chat-1': anasChat().state });
    await refused(handlerFor(fake, BO)({ type: 'link-person', chatId: 'chat-1', personId: '42' }), 'not-owner', 'link the contact');
    expect(fake.published).toEqual([]);
  });

  it('the owner ends the chat; another agent may not', async () => {
    const fake = fakeSession({ 'chat-1': anasChat().state });
    await refused(handlerFor(fake, BO)({ type: 'end-chat', chatId: 'chat-1' }), 'not-owner', 'end the chat');
    await handlerFor(fake, ANA)({ type: 'end-chat', chatId: 'chat-1' });
    expect(fake.published.map((p) => p.name)).toEqual(['chat.ended']);
  });
});

describe('create-request', () => {
  /** Ana's chat with a line from the visitor and one from Ana, linked to person 42 when `linked`. */
  function chatWithTranscript(linked: boolean) {
    const h = anasChat();
    if (linked) h.run(planLinkContact(h.state, ANA, h.now, '42', 'Anna Berg'), ANA);
    return h.state;
  }

  it('creates the CRM request with the transcript (named authors) and the linked person, then records it on the chat', async () => {
    const adapter = crm();
    const state = chatWithTranscript(true);
    const fake = fakeSession({ 'chat-1': state });
    fake.setLobby([entry('chat-1', 'ana', { visitorName: 'Vera' })]);
    const created = await handlerFor(fake, ANA, { crm: adapter })({ type: 'create-request', chatId: 'chat-1', title: 'Invoice' });
    expect(created).toEqual({ id: 'req-7', number: '#7', url: 'https://crm.example/req/7' });
    const lines = transcriptOf(state);
    expect(adapter.createRequest).toHaveBeenCalledWith({
      title: 'Invoice',
      personId: '42',
      transcript: [
        { author: 'Vera', authorKind: 'visitor', text: 'Hello, my invoice is wrong', at: new Date(lines[0]!.timestamp).toISOString() },
        { author: 'Ana Andersen', authorKind: 'agent', text: 'Hi, let me look', at: new Date(lines[1]!.timestamp).toISOString() },
      ],
    });
    expect(fake.published.map((p) => [p.name, p.data])).toEqual([['request.created', { requestId: 'req-7', title: 'Invoice' }]]);
  });

  it('without a linked person sends no person; an unnamed visitor is "Visitor" and an unknown agent their id', async () => {
    const adapter = crm();
    const h = anasChat();
    h.run(planTakeover(h.state, MAX, h.now), MAX);
    h.force('message', { text: 'Max here' }, MAX);
    const fake = fakeSession({ 'chat-1': h.state });
    fake.depart(entry('chat-1', 'ana', { visitorName: '' }));
    await handlerFor(fake, MAX, { crm: adapter })({ type: 'create-request', chatId: 'chat-1', title: 'T' });
    const request = vi.mocked(adapter.createRequest).mock.calls[0]![0];
    expect(request).not.toHaveProperty('personId');
    expect(request.transcript.map((line) => line.author)).toEqual(['Visitor', 'Ana Andersen', 'max']);
  });

  it('sends only the latest lines a CRM request can hold', async () => {
    const adapter = crm();
    const h = anasChat();
    for (let i = 0; i < MAX_TRANSCRIPT_LINES; i++) h.force('message', { text: `line ${i}` }, VISITOR);
    const fake = fakeSession({ 'chat-1': h.state });
    await handlerFor(fake, ANA, { crm: adapter, now: () => h.now })({ type: 'create-request', chatId: 'chat-1', title: 'T' });
    const lines = vi.mocked(adapter.createRequest).mock.calls[0]![0].transcript;
    expect(lines).toHaveLength(MAX_TRANSCRIPT_LINES);
    expect([lines[0]!.text, lines.at(-1)!.text]).toEqual(['line 0', `line ${MAX_TRANSCRIPT_LINES - 1}`]);
  });

  it('uses the departed visitor’s name when they left the lobby', async () => {
    const adapter = crm();
    const fake = fakeSession({ 'chat-1': chatWithTranscript(false) });
    fake.depart(entry('chat-1', 'ana', { visitorName: 'Vera' }));
    await handlerFor(fake, ANA, { crm: adapter })({ type: 'create-request', chatId: 'chat-1', title: 'T' });
    expect(vi.mocked(adapter.createRequest).mock.calls[0]![0].transcript[0]!.author).toBe('Vera');
  });

  it('is not-available without a CRM and not-allowed when the organisation turned it off; the CRM is not called', async () => {
    const adapter = crm();
    const fake = fakeSession({ 'chat-1': chatWithTranscript(false) });
    const none = await failure(handlerFor(fake, ANA)({ type: 'create-request', chatId: 'chat-1', title: 'T' }));
    expect(none.code).toBe('not-available');
    const off = await failure(handlerFor(fake, ANA, { crm: adapter, requestsAllowed: false })({ type: 'create-request', chatId: 'chat-1', title: 'T' }));
    expect(off.code).toBe('not-allowed');
    expect(adapter.createRequest).not.toHaveBeenCalled();
    await handlerFor(fake, ANA, { crm: adapter, requestsAllowed: true })({ type: 'create-request', chatId: 'chat-1', title: 'T' });
    expect(adapter.createRequest).toHaveBeenCalledTimes(1);
  });

  it('a CRM that refuses the input is invalid-input; a CRM that is down is crm-unavailable; anything else is refused; nothing is recorded', async () => {
    const fake = fakeSession({ 'chat-1': chatWithTranscript(false) });
    const bad = crm({ createRequest: async () => Promise.reject(new CrmError('invalid-input', 'unable to create the request; the title is empty')) });
    const down = crm({ createRequest: async () => Promise.reject(new CrmError('unavailable', 'unable to create the request; the CRM is down')) });
    const odd = crm({ createRequest: async () => Promise.reject(new TypeError('boom')) });
    const halfMade = crm({
      createRequest: async () => Promise.reject(new TranscriptMissingError(new CrmError('unavailable', 'unable to add the chat transcript to the request; down'), '#40')),
    });
    const invalid = await failure(handlerFor(fake, ANA, { crm: bad })({ type: 'create-request', chatId: 'chat-1', title: 'T' }));
    expect([invalid.code, invalid.message]).toEqual(['invalid-input', 'unable to create the request; the title is empty']);
    const unavailable = await failure(handlerFor(fake, ANA, { crm: down })({ type: 'create-request', chatId: 'chat-1', title: 'T' }));
    expect([unavailable.code, unavailable.message]).toEqual(['crm-unavailable', 'unable to create the request; the CRM is down']);
    const other = await failure(handlerFor(fake, ANA, { crm: odd })({ type: 'create-request', chatId: 'chat-1', title: 'T' }));
    expect([other.code, other.message]).toEqual(['refused', 'boom']);
    // The request exists without its transcript: the agent is told its number (Create request again completes it).
    const partial = await failure(handlerFor(fake, ANA, { crm: halfMade })({ type: 'create-request', chatId: 'chat-1', title: 'T' }));
    expect([partial.code, partial.params]).toEqual(['crm-transcript-missing', { number: '#40' }]);
    expect(fake.published).toEqual([]);
  });

  it('an agent who does not own the chat cannot record a request on it', async () => {
    const fake = fakeSession({ 'chat-1': chatWithTranscript(false) });
    await refused(
      handlerFor(fake, BO, { crm: crm() })({ type: 'create-request', chatId: 'chat-1', title: 'T' }),
      'not-owner',
      'record the request on the chat',
    );
    expect(fake.published).toEqual([]);
  });
});

describe('CRM persons', () => {
  it('find-persons suggests from what the visitor told us', async () => {
    const adapter = crm({ suggestPersons: vi.fn(async () => [{ id: '1', name: 'Vera Vik' }]) });
    const fake = fakeSession({ 'chat-1': anasChat().state });
    fake.setLobby([entry('chat-1', 'ana', { visitorName: 'Vera', email: 'vera@example.com' })]);
    const found = await handlerFor(fake, ANA, { crm: adapter })({ type: 'find-persons', chatId: 'chat-1' });
    expect(found).toEqual({ persons: [{ id: '1', name: 'Vera Vik' }] });
    expect(adapter.suggestPersons).toHaveBeenCalledWith({ email: 'vera@example.com', name: 'Vera' }, expect.anything());
  });

  it('find-persons sends no empty hints, and searches when the agent typed a query', async () => {
    const adapter = crm();
    const fake = fakeSession({ 'chat-1': anasChat().state });
    fake.setLobby([entry('chat-1', 'ana')]);
    await handlerFor(fake, ANA, { crm: adapter })({ type: 'find-persons', chatId: 'chat-1' });
    expect(adapter.suggestPersons).toHaveBeenCalledWith({}, expect.anything());
    await handlerFor(fake, ANA, { crm: adapter })({ type: 'find-persons', chatId: 'chat-1', query: 'berg' });
    expect(adapter.searchPersons).toHaveBeenCalledWith('berg', expect.anything());
  });

  it('find-persons without anything from the visitor sends no hints', async () => {
    const adapter = crm();
    const fake = fakeSession({ 'chat-1': anasChat().state });
    await handlerFor(fake, ANA, { crm: adapter })({ type: 'find-persons', chatId: 'chat-1' });
    expect(adapter.suggestPersons).toHaveBeenCalledWith({}, expect.anything());
  });

  it('read-person reads one person through the CRM', async () => {
    const fake = fakeSession();
    expect(await handlerFor(fake, ANA, { crm: crm() })({ type: 'read-person', personId: '42' })).toEqual({ person: { id: '42', name: 'Anna Berg' } });
  });
});

