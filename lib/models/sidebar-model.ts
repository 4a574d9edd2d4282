import { batch, computed, signal } from '@preact/signals';
import type { CrmPerson } from '../crm/crm-adapter.ts';
import type { ErrorInfo } from '../errors.ts';
import type { PageContext } from '../crm/page-context.ts';
import type { Command } from '../messaging/commands.ts';
import type { ViewUpdate } from '../messaging/protocol.ts';
import type { SendCommand } from '../messaging/view-connection.ts';
import type { ConnectionPhase, SessionSnapshot } from '../session/session-snapshot.ts';
import type { AgentStatus } from '../settings/preferences.ts';
import { dashboardRows, isListeningIn, mayUseDashboard } from './dashboard.ts';
import { addOutgoing, reconcileOutgoing, setOutgoingState, type OutgoingByChat, type OutgoingMessage } from './outgoing-messages.ts';

export type SidebarTab = 'chats' | 'dashboard';

/** What the sidebar model needs from the extension; injected so the model is testable. */
export interface SidebarBridge {
  saveCollapsed(collapsed: boolean): Promise<void>;
  send: SendCommand;
  /** A fresh message id (crypto.randomUUID() in the extension); injected so tests can name them. */
  newMessageId?: () => string;
}

/** What "Link to person" shows: the persons found, or why there are none to choose from. */
export type PersonSearch = { ok: true; persons: CrmPerson[] } | { ok: false; reason: 'no-crm' | 'failed'; error: ErrorInfo };

export interface SidebarInitialState {
  collapsed: boolean;
  status: AgentStatus;
}

export function createSidebarModel(bridge: SidebarBridge, initial: SidebarInitialState) {
  const collapsed = signal(initial.collapsed);
  const localStatus = signal<AgentStatus>(initial.status);
  const chosenTab = signal<SidebarTab>('chats');
  const pageContext = signal<PageContext | null>(null);
  const session = signal<SessionSnapshot | null>(null);
  /** The last refused command, by code: the view translates it (lib/i18n/error-text.ts). */
  const lastError = signal<ErrorInfo | null>(null);

  const connection = computed<ConnectionPhase>(() => session.value?.connection.phase ?? 'connecting');
  const connected = computed(() => connection.value === 'connected');
  const status = computed<AgentStatus>(() => session.value?.me ? session.value.status : localStatus.value);
  const pageTitle = computed(() => pageContext.value?.title || null);
  /** Chats waiting for an agent, oldest first (the lobby's hint; the chat log decides who gets it). */
  const queue = computed(() => session.value?.lobby.filter((entry) => entry.owner === null) ?? []);
  /** The Dashboard tab only for users whose trusted role allows it; anyone else stays on Chats. */
  const dashboardAvailable = computed(() => mayUseDashboard(session.value?.me));
  const activeTab = computed<SidebarTab>(() => (dashboardAvailable.value ? chosenTab.value : 'chats'));
  const dashboard = computed(() => dashboardRows(session.value));
  /** My chats: everything I follow except the chats I only listen in on (those are on the Dashboard). */
  const chats = computed(() => (session.value?.chats ?? []).filter((chat) => !isListeningIn(chat)));
  /** The chat open in each tab: Chats opens my chats, the Dashboard the ones I listen in on. */
  const openChats = signal<Readonly<Record<SidebarTab, string | null>>>({ chats: null, dashboard: null });
  const selectedChatId = computed(() => openChats.value[activeTab.value]);
  /** The chat open in the chat panel; null once it leaves the session (e.g. after Close window). */
  const selectedChat = computed(() => session.value?.chats.find((chat) => chat.chatId === selectedChatId.value) ?? null);
  /** Asked to listen in; kept open although the session has not sent the chat yet. */
  let awaitingChat: string | null = null;
  /** Colleagues a chat can go to: Present, other than me and the open chat's owner, live from presence. */
  const transferTargets = computed(() => {
    const me = session.value?.me?.clientId;
    const owner = selectedChat.value?.owner;
    return (session.value?.agents ?? []).filter((agent) => agent.status === 'present' && agent.clientId !== me && agent.clientId !== owner);
  });
  /** Composer text per chat, so a pre-filled or half-typed message survives switching chats. */
  const drafts = signal<Readonly<Record<string, string>>>({});
  /** The newest incoming offer, for the live region: who it is from (a clientId) and which one. */
  const announcement = signal<{ transferId: string; from: string } | null>(null);
  /** The request created from a chat, per chat: its number for the confirmation. */
  const createdRequests = signal<Readonly<Record<string, string>>>({});
  /** CRM persons the sidebar has seen, by id: a linked chat shows its person's name and link from here. */
  const persons = signal<Readonly<Record<string, CrmPerson>>>({});
  const personsAsked = new Set<string>();
  /** My messages between Send and the chat's log (outgoing-messages.ts). */
  const outgoing = signal<OutgoingByChat>({});
  const noOutgoing: readonly OutgoingMessage[] = [];
  const selectedOutgoing = computed(() => (selectedChatId.value === null ? noOutgoing : (outgoing.value[selectedChatId.value] ?? noOutgoing)));
  const newMessageId = bridge.newMessageId ?? (() => crypto.randomUUID());
  const seenOffers = new Set<string>();
  let markedRead = '';

  const run = async <C extends Command>(command: C) => {
    const outcome = await bridge.send(command);
    lastError.value = outcome.ok ? null : outcome.error;
    return outcome;
  };

  const markRead = () => {
    const chat = selectedChat.value;
    if (!chat || chat.unread === 0) return;
    const marker = `${chat.chatId}:${chat.transcript.at(-1)?.id ?? ''}`;
    if (marker === markedRead) return;
    markedRead = marker;
    void run({ type: 'mark-read', chatId: chat.chatId });
  };

  const publishOutgoing = async (chatId: string, id: string, text: string) => {
    const outcome = await run({ type: 'send', chatId, text, id });
    outgoing.value = setOutgoingState(outgoing.value, chatId, id, outcome.ok ? 'sent' : 'failed');
    return outcome;
  };

  const openIn = (tab: SidebarTab, chatId: string | null) => {
    openChats.value = { ...openChats.value, [tab]: chatId };
  };

  const setDraft = (chatId: string, text: string) => {
    drafts.value = { ...drafts.value, [chatId]: text };
  };

  return {
    collapsed,
    status,
    activeTab,
    dashboardAvailable,
    dashboard,
    pageContext,
    session,
    connection,
    connected,
    pageTitle,
    queue,
    chats,
    lastError,
    selectedChatId,
    selectedChat,
    transferTargets,
    drafts,
    announcement,
    createdRequests,
    persons,
    selectedOutgoing,
    setCollapsed(next: boolean) {
      collapsed.value = next;
      return bridge.saveCollapsed(next);
    },
    setStatus(next: AgentStatus) {
      localStatus.value = next;
      return run({ type: 'set-status', status: next });
    },
    pickUpNext() {
      return run({ type: 'pick-up' });
    },
    selectTab(tab: SidebarTab) {
      chosenTab.value = tab;
    },
    openChat(chatId: string) {
      openIn('chats', chatId);
      lastError.value = null;
      markedRead = '';
      markRead();
    },
    closeChat() {
      openIn(activeTab.value, null);
    },
    /** Dashboard: listen in silently (the background checks the role), and show the chat read-only. */
    async listenIn(chatId: string) {
      if (!dashboardAvailable.value) return { ok: false };
      awaitingChat = chatId;
      openIn('dashboard', chatId);
      lastError.value = null;
      markedRead = '';
      const outcome = await run({ type: 'listen', chatId });
      if (awaitingChat === chatId && !outcome.ok) {
        awaitingChat = null;
        if (openChats.value.dashboard === chatId) openIn('dashboard', null);
      }
      markRead();
      return outcome;
    },
    /** Manager: the chat becomes mine; the former owner drops to listening mode. */
    takeOver(chatId: string) {
      return run({ type: 'take-over', chatId });
    },
    setDraft,
    /**
     * Paints the message at once (before any round trip) and clears the composer; the message is marked
     * until the hub acknowledges it, and kept with Retry if the publish fails.
     */
    async sendMessage(chatId: string, text: string) {
      const trimmed = text.trim();
      if (trimmed === '') return { ok: false };
      const id = newMessageId();
      batch(() => {
        outgoing.value = addOutgoing(outgoing.value, chatId, { id, text: trimmed, at: Date.now(), state: 'sending' });
        setDraft(chatId, '');
      });
      return publishOutgoing(chatId, id, trimmed);
    },
    /** Sends a failed message again, with its id: however often it is pressed, the chat gets it once. */
    retryMessage(chatId: string, id: string) {
      const message = outgoing.value[chatId]?.find((candidate) => candidate.id === id);
      if (!message || message.state !== 'failed') return Promise.resolve({ ok: false });
      outgoing.value = setOutgoingState(outgoing.value, chatId, id, 'sending');
      return publishOutgoing(chatId, id, message.text);
    },
    setTyping(chatId: string, typing: boolean) {
      return bridge.send({ type: 'typing', chatId, typing });
    },
    /** "Transfer to" is open: the background lists every team's Present colleagues while it stays open. */
    watchColleagues() {
      return bridge.send({ type: 'watch-colleagues' });
    },
    transfer(chatId: string, to: string, note: string) {
      return run({ type: 'transfer', chatId, to, note: note.trim() });
    },
    cancelTransfer(chatId: string, transferId: string) {
      return run({ type: 'cancel-transfer', chatId, transferId });
    },
    acceptTransfer(chatId: string, transferId: string) {
      return run({ type: 'accept-transfer', chatId, transferId });
    },
    rejectTransfer(chatId: string, transferId: string, reason: string) {
      const trimmed = reason.trim();
      return run({ type: 'reject-transfer', chatId, transferId, ...(trimmed === '' ? {} : { reason: trimmed }) });
    },
    closeWindow(chatId: string) {
      return run({ type: 'close-window', chatId });
    },
    endChat(chatId: string) {
      return run({ type: 'end-chat', chatId });
    },
    /** Creates a request from the chat; on success remembers its number (the view pre-fills the composer). */
    async createRequest(chatId: string, title: string) {
      const outcome = await run({ type: 'create-request', chatId, title: title.trim() });
      const number = outcome.ok ? outcome.data.number : null;
      if (number !== null) createdRequests.value = { ...createdRequests.value, [chatId]: number };
      return { ...outcome, number };
    },
    /** Suggestions for the chat's visitor (no query) or a search; never sets the chat's error line. */
    async findPersons(chatId: string, query?: string): Promise<PersonSearch> {
      const trimmed = query?.trim() ?? '';
      const outcome = await bridge.send({ type: 'find-persons', chatId, ...(trimmed === '' ? {} : { query: trimmed }) });
      if (!outcome.ok) return { ok: false, reason: outcome.error.code === 'not-configured' ? 'no-crm' : 'failed', error: outcome.error };
      return { ok: true, persons: outcome.data.persons };
    },
    /** Links the chat to a CRM person (everyone on the chat sees it) and keeps the person for its link. */
    async linkPerson(chatId: string, person: CrmPerson) {
      const outcome = await run({ type: 'link-person', chatId, personId: person.id, displayName: person.name.slice(0, 200) });
      if (outcome.ok) persons.value = { ...persons.value, [person.id]: person };
      return outcome;
    },
    /** Reads a linked person the sidebar has not seen (linked by a colleague, or before a reload), once. */
    async lookUpPerson(personId: string) {
      if (persons.value[personId] || personsAsked.has(personId)) return;
      personsAsked.add(personId);
      const outcome = await bridge.send({ type: 'read-person', personId });
      if (outcome.ok) persons.value = { ...persons.value, [personId]: outcome.data.person };
    },
    applyUpdate(update: ViewUpdate) {
      if (update.type === 'page-context') pageContext.value = update.context;
      if (update.type !== 'session') return;
      batch(() => applySession(update.snapshot));
    },
  };

  function applySession(snapshot: SessionSnapshot) {
    session.value = snapshot;
    if (Object.keys(outgoing.value).length > 0) {
      outgoing.value = reconcileOutgoing(outgoing.value, new Map(snapshot.chats.map((chat) => [chat.chatId, chat.transcript])));
    }
    const present = new Set(snapshot.chats.map((chat) => chat.chatId));
    if (awaitingChat !== null && present.has(awaitingChat)) awaitingChat = null;
    // Only a connected session's list is complete: while it reconnects (e.g. after a policy change) the open
    // chat stays chosen and shows again when the session restores it.
    const complete = snapshot.connection.phase === 'connected';
    for (const [tab, chatId] of Object.entries(openChats.value) as Array<[SidebarTab, string | null]>) {
      if (complete && chatId !== null && chatId !== awaitingChat && !present.has(chatId)) openIn(tab, null);
    }
    for (const chat of snapshot.chats) {
      const offer = chat.pendingOffer;
      if (!chat.canRespond || offer === null || seenOffers.has(offer.transferId)) continue;
      seenOffers.add(offer.transferId);
      announcement.value = { transferId: offer.transferId, from: offer.from };
    }
    markRead();
  }
}

export type SidebarModel = ReturnType<typeof createSidebarModel>;
