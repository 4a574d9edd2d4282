// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import da from '../../public/_locales/da/messages.json';
import en from '../../public/_locales/en/messages.json';
import { createTranslator, parseMessages } from '@/lib/i18n/translator';
import type { OutgoingMessage } from '@/lib/models/outgoing-messages';
import type { ChatSnapshot, SessionSnapshot } from '@/lib/session/session-snapshot';
import { I18nProvider } from '../i18n-context';
import { ChatPanel, type ChatActions } from './chat-panel';
import { formatTimeLeft } from './offer-bar';

const english = createTranslator(parseMessages(en) ?? {});
const danish = createTranslator(parseMessages(da) ?? {}, parseMessages(en) ?? {});

const session: SessionSnapshot = {
  connection: { phase: 'connected', error: null, since: 0 },
  me: { clientId: 'alice', name: 'Alice Andersen', manager: false, listener: false },
  status: 'present',
  agents: [
    { clientId: 'alice', name: 'Alice Andersen', status: 'present', activeChats: 1 },
    { clientId: 'bob', name: 'Bob Berg', status: 'present', activeChats: 2 },
    { clientId: 'cleo', name: 'Cleo Carlsen', status: 'present', activeChats: 0 },
  ],
  lobby: [],
  chats: [],
  offerTimeoutMs: 120_000,
  now: 0,
  crmAvailable: true,
};

const chat = (over: Partial<ChatSnapshot> = {}): ChatSnapshot =>
  ({
    chatId: 'c1',
    visitorName: 'Ada',
    topic: 'Invoice',
    owner: 'alice',
    ended: false,
    myRole: 'owner',
    canWrite: true,
    canTransfer: true,
    canRespond: false,
    canCancel: false,
    canTakeOver: false,
    canEnd: true,
    canLink: true,
    canCreateRequest: true,
    canClose: false,
    pendingOffer: null,
    highlight: { kind: 'none' },
    lastOffer: null,
    transcript: [
      { id: 'm1', clientId: 'v1', authorKind: 'visitor', text: '<b>hi</b>', timestamp: 1, fromOwner: false, countsAsReply: false },
      { id: 'm2', clientId: 'alice', authorKind: 'agent', text: 'Hello', timestamp: 2, fromOwner: true, countsAsReply: true },
    ],
    typing: [],
    unread: 0,
    requests: [],
    ...over,
  }) as ChatSnapshot;

const anna = { id: '1', name: 'Anna Berg', email: 'anna.berg@solvberg.example', companyName: 'Sølvberg Revision', url: 'http://crm.example/person/1' };

function actions(): ChatActions {
  return {
    back: vi.fn(),
    setDraft: vi.fn(),
    send: vi.fn(async () => ({ ok: true })),
    setTyping: vi.fn(),
    transfer: vi.fn(async () => ({ ok: true })),
    watchColleagues: vi.fn(),
    cancelTransfer: vi.fn(),
    accept: vi.fn(),
    reject: vi.fn(),
    closeWindow: vi.fn(),
    endChat: vi.fn(),
    createRequest: vi.fn(async () => ({ ok: true, number: '#7' })),
    findPersons: vi.fn(async (_chatId: string, query: string) => ({ ok: true as const, persons: query === '' ? [anna] : [] })),
    linkPerson: vi.fn(async () => ({ ok: true })),
    lookUpPerson: vi.fn(),
    takeOver: vi.fn(),
  };
}

interface Extra {
  session?: Partial<SessionSnapshot>;
  openedFrom?: 'chats' | 'dashboard';
}

function show(snapshot: ChatSnapshot, t = english, draft = '', linkedPerson: typeof anna | null = null, extra: Extra = {}) {
  const spies = actions();
  const targets = session.agents.filter((agent) => agent.clientId !== 'alice');
  render(
    <I18nProvider value={t}>
      <ChatPanel
        chat={snapshot}
        session={{ ...session, ...extra.session }}
        targets={targets}
        draft={draft}
        createdRequest={null}
        linkedPerson={linkedPerson}
        error={null}
        actions={spies}
        {...(extra.openedFrom ? { openedFrom: extra.openedFrom } : {})}
      />
    </I18nProvider>,
  );
  return spies;
}

afterEach(cleanup);

describe('ChatPanel', () => {
  it('shows the transcript as text, with own messages marked', () => {
    show(chat());
    const log = screen.getByRole('log', { name: 'Conversation' });
    expect(log.textContent).toContain('<b>hi</b>');
    expect(log.querySelector('b')).toBeNull();
    expect(screen.getByText('Hello').closest('.message')?.classList.contains('own')).toBe(true);
    expect(screen.getByText('You')).toBeTruthy();
  });

  it('sends on Enter, not on Shift+Enter', () => {
    const spies = show(chat(), english, 'Hi there');
    const composer = screen.getByRole('textbox', { name: 'Message' });
    fireEvent.keyDown(composer, { key: 'Enter', shiftKey: true });
    expect(spies.send).not.toHaveBeenCalled();
    fireEvent.keyDown(composer, { key: 'Enter' });
    expect(spies.send).toHaveBeenCalledWith('c1', 'Hi there');
  });

  it('☰ opens a menu moved with arrow keys; Transfer opens a searchable "Transfer to" dialog', async () => {
    const spies = show(chat());
    fireEvent.keyDown(screen.getByRole('button', { name: 'Chat menu' }), { key: 'ArrowDown' });
    const items = screen.getAllByRole('menuitem').map((item) => item.textContent);
    expect(items).toEqual(['Transfer', 'Link to person', 'Create request', 'End chat']);
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Transfer'));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Link to person'));
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Transfer'));
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });

    const dialog = screen.getByRole('dialog', { name: 'Transfer to' });
    expect(screen.getAllByRole('radio')).toHaveLength(2);
    expect(dialog.textContent).toContain('2 chats');
    // My team is listed as it opens; a search asks the background for every team's colleagues too.
    expect(spies.watchColleagues).not.toHaveBeenCalled();
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search agents' }), { target: { value: 'bo' } });
    expect(spies.watchColleagues).toHaveBeenCalledTimes(1);
    expect(screen.getAllByRole('radio')).toHaveLength(1);
    fireEvent.click(screen.getByRole('radio', { name: /Bob Berg/ }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Note' }), { target: { value: 'VIP' } });
    fireEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    expect(spies.transfer).toHaveBeenCalledWith('c1', 'bob', 'VIP');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('Escape closes the dialog', () => {
    show(chat());
    fireEvent.click(screen.getByRole('button', { name: 'Chat menu' }));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Transfer' }));
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('in listening mode (Danish): a read-only notice instead of the composer, and Luk vindue', () => {
    const spies = show(chat({ owner: 'bob', myRole: 'listening', canWrite: false, canTransfer: false, canEnd: false, canLink: false, canCreateRequest: false, canClose: true }), danish);
    expect(screen.queryByRole('textbox', { name: 'Besked' })).toBeNull();
    expect(screen.getByText('Du er i lyttetilstand — chatten fortsætter med Bob Berg')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Chatmenu' }));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Luk vindue' }));
    expect(spies.closeWindow).toHaveBeenCalledWith('c1');
  });

  it('the receiver sees the note and may reject with a reason (Danish labels)', () => {
    const offer = { transferId: 't1', from: 'bob', to: 'alice', note: 'VIP', offeredAt: 0, expiresAt: Date.now() + 90_000, accepted: false, overdue: false };
    const spies = show(chat({ owner: 'bob', myRole: 'offered-to', canWrite: false, canTransfer: false, canRespond: true, pendingOffer: offer }), danish);
    expect(screen.getByText('Note: VIP')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Accepter overførsel' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Afvis overførsel' }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Begrundelse (valgfri)' }), { target: { value: 'Busy' } });
    fireEvent.click(screen.getByRole('button', { name: 'Afvis overførsel' }));
    expect(spies.reject).toHaveBeenCalledWith('c1', 't1', 'Busy');
  });

  it('Link to person: the visitor\'s suggestions, and choosing one links the chat and returns focus to ☰', async () => {
    const spies = show(chat());
    fireEvent.click(screen.getByRole('button', { name: 'Chat menu' }));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Link to person' }));
    const dialog = screen.getByRole('dialog', { name: 'Link to person' });
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Search persons' }));
    const list = await screen.findByRole('list', { name: 'Suggestions' });
    expect(spies.findPersons).toHaveBeenCalledWith('c1', '');
    expect(list.textContent).toContain('anna.berg@solvberg.example');
    fireEvent.click(screen.getByRole('button', { name: /Anna Berg/ }));
    await waitFor(() => expect(dialog.isConnected).toBe(false));
    expect(spies.linkPerson).toHaveBeenCalledWith('c1', anna);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Chat menu' }));
  });

  it('a linked chat names its person, with a link into the CRM that opens a new tab safely', () => {
    show(chat({ contact: { personId: '1', displayName: 'Anna Berg', by: 'alice' } }), english, '', anna);
    const link = screen.getByRole('link', { name: 'Anna Berg (opens in a new tab)' });
    expect(link.getAttribute('href')).toBe('http://crm.example/person/1');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
    expect(link.closest('.linked-person')?.textContent).toContain('Linked to');
  });

  it('a chat linked elsewhere shows the name it was linked with and reads the person once', () => {
    const spies = show(chat({ contact: { personId: '7', displayName: 'Freja Madsen', by: 'bob' } }), danish);
    expect(screen.getByText('Freja Madsen').closest('.linked-person')?.textContent).toContain('Knyttet til');
    expect(screen.queryByRole('link')).toBeNull();
    expect(spies.lookUpPerson).toHaveBeenCalledWith('7');
  });

  it('End chat asks first: Cancel keeps the chat and returns focus to ☰; confirming ends it', () => {
    const spies = show(chat());
    fireEvent.click(screen.getByRole('button', { name: 'Chat menu' }));
    fireEvent.click(screen.getByRole('menuitem', { name: 'End chat' }));
    const confirm = screen.getByRole('alertdialog', { name: 'End the chat with Ada?' });
    expect(confirm.textContent).toContain('nobody can write in it any more');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(spies.endChat).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Chat menu' }));

    fireEvent.click(screen.getByRole('button', { name: 'Chat menu' }));
    fireEvent.click(screen.getByRole('menuitem', { name: 'End chat' }));
    fireEvent.keyDown(screen.getByRole('alertdialog'), { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(spies.endChat).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Chat menu' }));
    fireEvent.click(screen.getByRole('menuitem', { name: 'End chat' }));
    fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'End chat' }));
    expect(spies.endChat).toHaveBeenCalledWith('c1');
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('an ended chat says so, and its owner may close the window', () => {
    const spies = show(chat({ ended: true, canWrite: false, canTransfer: false, canEnd: false, canClose: true }));
    expect(screen.getByRole('status').textContent).toBe('The chat has ended.');
    fireEvent.click(screen.getByRole('button', { name: 'Chat menu' }));
    expect(screen.queryByRole('menuitem', { name: 'End chat' })).toBeNull();
    fireEvent.click(screen.getByRole('menuitem', { name: 'Close window' }));
    expect(spies.closeWindow).toHaveBeenCalledWith('c1');
  });

  it('the receiver loses Accept and Reject once the offer\'s deadline has passed', () => {
    const offer = { transferId: 't1', from: 'bob', to: 'alice', note: '', offeredAt: 0, expiresAt: Date.now() - 1, accepted: false, overdue: false };
    show(chat({ owner: 'bob', myRole: 'offered-to', canWrite: false, canTransfer: false, canRespond: true, pendingOffer: offer }));
    expect(screen.queryByRole('button', { name: 'Accept transfer' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reject transfer' })).toBeNull();
    expect(screen.getByText('The transfer has expired.')).toBeTruthy();
  });

  it('after an expiry the sender is told, and may go on writing or create a request', () => {
    show(chat({ lastOffer: { transferId: 't1', status: 'expired', from: 'alice', to: 'bob', at: 1, reason: null, cause: null } }));
    const notice = screen.getByText('Bob Berg did not answer in time; the transfer expired.').closest('.notice');
    expect(notice?.textContent).toContain('Continue the chat, or create a request.');
    expect(screen.getByRole('button', { name: 'Create request' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeTruthy();
  });

  it('after a rejection: a notice and Create request, pre-filled with the topic, then the composer names it', async () => {
    const spies = show(chat({ lastOffer: { transferId: 't1', status: 'rejected', from: 'alice', to: 'bob', at: 1, reason: '<b>Busy</b>', cause: null } }));
    expect(screen.getByText('Bob Berg rejected the transfer.')).toBeTruthy();
    // The receiver's reason reaches the sender, as text and never as HTML.
    expect(screen.getByText('Reason: <b>Busy</b>')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Create request' }));
    expect((screen.getByRole('textbox', { name: 'Request title' }) as HTMLInputElement).value).toBe('Invoice');
    fireEvent.submit(screen.getByRole('form', { name: 'Create request' }));
    await waitFor(() => expect(spies.setDraft).toHaveBeenCalledWith('c1', 'I have created request #7 for you.'));
    expect(spies.createRequest).toHaveBeenCalledWith('c1', 'Invoice');
  });

  it('without a CRM adapter in the policy, ☰ offers neither Link to person nor Create request', () => {
    show(chat(), english, '', null, { session: { crmAvailable: false } });
    fireEvent.click(screen.getByRole('button', { name: 'Chat menu' }));
    expect(screen.getAllByRole('menuitem').map((item) => item.textContent)).toEqual(['Transfer', 'End chat']);
  });

  it('without a CRM adapter, a rejected transfer\'s notice offers no Create request', () => {
    show(chat({ lastOffer: { transferId: 't1', status: 'rejected', from: 'alice', to: 'bob', at: 1, reason: null, cause: null } }), english, '', null, { session: { crmAvailable: false } });
    expect(screen.getByText('Bob Berg rejected the transfer.')).toBeTruthy();
    expect(screen.queryByText(/^Reason:/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Create request' })).toBeNull();
  });

  it('the back button names where it goes: the chats, or the Dashboard the chat was opened from', () => {
    show(chat());
    expect(screen.getByRole('button', { name: 'Back to chats' })).toBeTruthy();
    cleanup();
    const spies = show(chat(), english, '', null, { openedFrom: 'dashboard' });
    fireEvent.click(screen.getByRole('button', { name: 'Back to Dashboard' }));
    expect(spies.back).toHaveBeenCalledOnce();
    cleanup();
    show(chat(), danish, '', null, { openedFrom: 'dashboard' });
    expect(screen.getByRole('button', { name: 'Tilbage til Dashboard' })).toBeTruthy();
  });
});

describe('ChatPanel follows the conversation', () => {
  const message = (id: string, clientId: string) =>
    ({ id, clientId, authorKind: clientId === 'alice' ? 'agent' : 'visitor', text: id, timestamp: 3, fromOwner: clientId === 'alice', countsAsReply: false }) as const;
  const panel = (snapshot: ChatSnapshot, outgoing: OutgoingMessage[] = []) => (
    <I18nProvider value={english}>
      <ChatPanel chat={snapshot} session={session} targets={[]} draft="" outgoing={outgoing} createdRequest={null} error={null} actions={actions()} />
    </I18nProvider>
  );
  /** happy-dom lays nothing out: a log 200 px high whose content is 1,000 px, with a scroll position of its own. */
  const measured = (log: HTMLElement) => {
    let top = 0;
    Object.defineProperty(log, 'scrollHeight', { get: () => 1000 });
    Object.defineProperty(log, 'clientHeight', { get: () => 200 });
    Object.defineProperty(log, 'scrollTop', { get: () => top, set: (value: number) => (top = Math.min(800, Math.max(0, value))) });
    return log;
  };

  it('a new message scrolls to it while the reader is at the bottom, not while they read back; my own always does', () => {
    const first = chat();
    const { rerender } = render(panel(first));
    const log = measured(screen.getByRole('log', { name: 'Conversation' }));
    log.scrollTop = 800;
    fireEvent.scroll(log);
    rerender(panel(chat({ transcript: [...first.transcript, message('m3', 'v1')] })));
    log.scrollTop = 300; // the visitor's message arrives as the reader scrolls up (the effect scrolled to its end)
    fireEvent.scroll(log);
    const reading = chat({ transcript: [...first.transcript, message('m3', 'v1'), message('m4', 'v1')] });
    rerender(panel(reading));
    expect(log.scrollTop).toBe(300);
    rerender(panel(reading, [{ id: 'o1', text: 'On it', at: 4, state: 'sending' }]));
    expect(log.scrollTop).toBe(800);
  });
  it('a message at the bottom is followed', () => {
    const first = chat();
    const { rerender } = render(panel(first));
    const log = measured(screen.getByRole('log', { name: 'Conversation' }));
    log.scrollTop = 790; // within a line of the end
    fireEvent.scroll(log);
    rerender(panel(chat({ transcript: [...first.transcript, message('m3', 'v1')] })));
    expect(log.scrollTop).toBe(800);
  });
});

describe('formatTimeLeft', () => {
  it('counts down in m:ss and stops at zero', () => {
    expect(formatTimeLeft(90_000, 0)).toBe('1:30');
    expect(formatTimeLeft(1_000, 500)).toBe('0:01');
    expect(formatTimeLeft(0, 5_000)).toBe('0:00');
  });
});
