// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import da from '../../public/_locales/da/messages.json';
import en from '../../public/_locales/en/messages.json';
import { createTranslator, parseMessages } from '@/lib/i18n/translator';
import type { DashboardRow } from '@/lib/models/dashboard';
import type { ChatSnapshot, SessionSnapshot } from '@/lib/session/session-snapshot';
import { I18nProvider } from '../i18n-context';
import { ChatPanel, type ChatActions } from './chat-panel';
import { DashboardPanel } from './dashboard-panel';

// The Dashboard's grid, and the chat panel when listening in from it or acting as a manager.
const english = createTranslator(parseMessages(en) ?? {});
const danish = createTranslator(parseMessages(da) ?? {}, parseMessages(en) ?? {});

const session: SessionSnapshot = {
  connection: { phase: 'connected', error: null, since: 0 },
  me: { clientId: 'mia', name: 'Mia Madsen', manager: true, listener: true },
  status: 'present',
  agents: [
    { clientId: 'alice', name: 'Alice Andersen', status: 'present', activeChats: 1 },
    { clientId: 'bob', name: 'Bob Berg', status: 'present', activeChats: 0 },
  ],
  lobby: [],
  chats: [],
  offerTimeoutMs: 120_000,
  now: 0,
};

const rows: DashboardRow[] = [
  { chatId: 'a', visitorName: 'Ada', topic: 'Invoice', owner: 'alice', startedAt: Date.now() - 65_000, listening: true },
  { chatId: 'b', visitorName: 'Bo', topic: 'Returns', owner: 'bob', startedAt: Date.now(), listening: false },
  { chatId: 'q', visitorName: 'Quinn', topic: 'Queued', owner: null, startedAt: Date.now(), listening: false },
];

afterEach(cleanup);

function showDashboard(list: readonly DashboardRow[], t = english) {
  const onListen = vi.fn();
  render(
    <I18nProvider value={t}>
      <DashboardPanel rows={list} session={session} error={null} onListen={onListen} returnFocusTo={null} />
    </I18nProvider>,
  );
  return onListen;
}

describe('DashboardPanel', () => {
  it('lists visitor, topic, agent and time in a grid; queued chats are marked; one row is the tab stop', () => {
    showDashboard(rows);
    const grid = screen.getByRole('grid', { name: 'Ongoing chat sessions' });
    expect(grid.getAttribute('aria-describedby')).toBe('dashboard-hint');
    expect(screen.getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual(['Visitor', 'Topic', 'Agent', 'Time']);
    const [, ada, bo, quinn] = screen.getAllByRole('row');
    expect(ada?.textContent).toContain('Ada');
    expect(ada?.textContent).toContain('Listening in');
    expect(ada?.textContent).toContain('Alice Andersen');
    expect(ada?.textContent).toMatch(/1:0\d/);
    expect(bo?.textContent).toContain('Bob Berg');
    expect(quinn?.textContent).toContain('In queue');
    expect([ada, bo, quinn].map((row) => row?.getAttribute('tabindex'))).toEqual(['0', '-1', '-1']);
  });

  it('moves with the arrow keys and opens on Enter or a double-click', () => {
    const onListen = showDashboard(rows);
    const [, ada, bo] = screen.getAllByRole('row');
    fireEvent.keyDown(ada!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(bo);
    expect(bo?.getAttribute('tabindex')).toBe('0');
    fireEvent.keyDown(bo!, { key: 'Enter' });
    expect(onListen).toHaveBeenCalledWith('b');
    fireEvent.dblClick(screen.getByText('Ada'));
    expect(onListen).toHaveBeenCalledWith('a');
  });

  it('says so when nothing is going on (Danish)', () => {
    showDashboard([], danish);
    expect(screen.getByText('Der er ingen igangværende chatsessioner lige nu.')).toBeTruthy();
    expect(screen.queryByRole('grid')).toBeNull();
  });
});

const watched = (over: Partial<ChatSnapshot> = {}): ChatSnapshot =>
  ({
    chatId: 'a',
    visitorName: 'Ada',
    topic: 'Invoice',
    owner: 'alice',
    ended: false,
    myRole: 'listening',
    watching: true,
    canWrite: false,
    canTransfer: false,
    canRespond: false,
    canCancel: false,
    canTakeOver: false,
    canEnd: false,
    canLink: false,
    canCreateRequest: false,
    canClose: true,
    pendingOffer: null,
    highlight: { kind: 'none' },
    lastOffer: null,
    transcript: [{ id: 'm1', clientId: 'v1', authorKind: 'visitor', text: 'hi', timestamp: 1, fromOwner: false, countsAsReply: false }],
    typing: [],
    unread: 0,
    requests: [],
    ...over,
  }) as ChatSnapshot;

function showChat(chat: ChatSnapshot, t = english) {
  const actions = {
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
    createRequest: vi.fn(async () => ({ ok: true, number: null })),
    takeOver: vi.fn(),
    findPersons: vi.fn(async () => ({ ok: true as const, persons: [] })),
    linkPerson: vi.fn(async () => ({ ok: true })),
    lookUpPerson: vi.fn(),
  } satisfies ChatActions;
  render(
    <I18nProvider value={t}>
      <ChatPanel chat={chat} session={session} targets={session.agents.filter((agent) => agent.clientId === 'bob')} draft="" createdRequest={null} error={null} actions={actions} />
    </I18nProvider>,
  );
  return actions;
}

describe('ChatPanel when listening in', () => {
  it('a listener reads silently: the notice instead of the composer, and Close window', () => {
    const actions = showChat(watched());
    expect(screen.queryByRole('textbox', { name: 'Message' })).toBeNull();
    expect(screen.getByText('You are listening in silently. Nobody in the chat is told, and you cannot write.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Chat menu' }));
    expect(screen.getAllByRole('menuitem').map((item) => item.textContent)).toEqual(['Close window']);
    fireEvent.click(screen.getByRole('menuitem', { name: 'Close window' }));
    expect(actions.closeWindow).toHaveBeenCalledWith('a');
  });

  it('a manager may also take over and transfer (Danish)', () => {
    const actions = showChat(watched({ myRole: 'manager', canTakeOver: true, canTransfer: true, canEnd: true }), danish);
    expect(screen.getByText('Du lytter med i stilhed. Ingen i chatten får det at vide, og du kan ikke skrive.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Chatmenu' }));
    expect(screen.getAllByRole('menuitem').map((item) => item.textContent)).toEqual(['Overtag', 'Overfør', 'Afslut chat', 'Luk vindue']);
    fireEvent.click(screen.getByRole('menuitem', { name: 'Overtag' }));
    expect(actions.takeOver).toHaveBeenCalledWith('a');
  });

  it('an agent without the manager role gets no Take over', () => {
    showChat(watched({ watching: false, myRole: 'owner', owner: 'mia', canWrite: true, canTransfer: true, canEnd: true, canLink: true, canCreateRequest: true, canClose: false }));
    fireEvent.click(screen.getByRole('button', { name: 'Chat menu' }));
    expect(screen.queryByRole('menuitem', { name: 'Take over' })).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeTruthy();
  });
});
