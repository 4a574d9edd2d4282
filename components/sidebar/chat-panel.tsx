import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { CrmPerson } from '@/lib/crm/crm-adapter';
import type { ErrorInfo } from '@/lib/errors';
import type { PersonSearch } from '@/lib/models/sidebar-model';
import type { OutgoingMessage } from '@/lib/models/outgoing-messages';
import { isListeningIn } from '@/lib/models/dashboard';
import type { AgentPresence } from '@/lib/realtime/agent-presence';
import type { ChatSnapshot, SessionSnapshot } from '@/lib/session/session-snapshot';
import { useT } from '../i18n-context';
import { ChatMenu, type MenuItem } from './chat-menu';
import { EndChatDialog } from './end-chat-dialog';
import { LinkedPerson } from './linked-person';
import { LinkPersonDialog } from './link-person-dialog';
import { agentName } from './names';
import { IncomingOffer, PendingTransfer } from './offer-bar';
import { PENDING_ACTION_KEYS, receiverOutcomeKey, senderOutcomeKey } from '@/lib/i18n/offer-outcome';
import { TransferDialog } from './transfer-dialog';
import { Transcript } from './transcript';

interface Outcome {
  ok: boolean;
  error?: ErrorInfo;
}

export interface ChatActions {
  back: () => void;
  setDraft: (chatId: string, text: string) => void;
  send: (chatId: string, text: string) => Promise<Outcome>;
  /** Publishes a failed message again (same id: the chat gets it once). */
  retry?: (chatId: string, messageId: string) => void;
  setTyping: (chatId: string, typing: boolean) => void;
  transfer: (chatId: string, to: string, note: string) => Promise<Outcome>;
  /** While a "Transfer to" search is typed, colleagues of every team are listed (renewed by the dialog). */
  watchColleagues: () => void;
  cancelTransfer: (chatId: string, transferId: string) => void;
  accept: (chatId: string, transferId: string) => void;
  reject: (chatId: string, transferId: string, reason: string) => void;
  closeWindow: (chatId: string) => void;
  endChat: (chatId: string) => void;
  createRequest: (chatId: string, title: string) => Promise<Outcome & { number: string | null }>;
  findPersons: (chatId: string, query: string) => Promise<PersonSearch>;
  linkPerson: (chatId: string, person: CrmPerson) => Promise<Outcome>;
  lookUpPerson: (personId: string) => void;
  takeOver: (chatId: string) => void;
}

/** How close to the end of the log counts as "at the bottom" (a rounding pixel or a partly shown last line). */
const FOLLOW_SLACK_PX = 32;

/** One chat: header with ☰, transcript, typing, offers and notices, and the composer when I may write. */
export function ChatPanel(props: {
  chat: ChatSnapshot;
  session: SessionSnapshot | null;
  targets: readonly AgentPresence[];
  draft: string;
  /** My messages not yet in the chat's log: sending, sent, or failed with Retry. */
  outgoing?: readonly OutgoingMessage[];
  createdRequest: string | null;
  /** The CRM person the chat is linked to, when the sidebar knows it (name and link into the CRM). */
  linkedPerson?: CrmPerson | null;
  error: string | null;
  actions: ChatActions;
  focusOnOpen?: boolean;
  /** The tab the chat was opened from, which the back button returns to and names. */
  openedFrom?: 'chats' | 'dashboard';
}) {
  const t = useT();
  const { chat, session, actions } = props;
  const me = session?.me?.clientId ?? '';
  const visitor = chat.visitorName || t('visitor');
  const [transferOpen, setTransferOpen] = useState(false);
  const [requestOpen, setRequestOpen] = useState(false);
  const [linkOpen, setLinkOpen] = useState(false);
  const [endOpen, setEndOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const typingSent = useRef(false);

  // Opened by the agent: focus the chat's heading (not when the panel comes back with its tab).
  useEffect(() => {
    if (props.focusOnOpen) headingRef.current?.focus();
  }, [chat.chatId]);

  // Leaving the chat with a half-typed message: the visitor should not see "typing" for long.
  useEffect(
    () => () => {
      if (typingSent.current) actions.setTyping(chat.chatId, false);
    },
    // Only when the panel closes or shows another chat.
    [chat.chatId],
  );

  // Accepting a transfer gives the composer at once: put the focus there.
  const couldWrite = useRef(chat.canWrite);
  useEffect(() => {
    if (chat.canWrite && !couldWrite.current) composerRef.current?.focus();
    couldWrite.current = chat.canWrite;
  }, [chat.canWrite]);

  // A chat linked by a colleague (or before a reload): read the person once for its name and link.
  const contactId = chat.contact?.personId;
  useEffect(() => {
    if (contactId !== undefined && !props.linkedPerson) actions.lookUpPerson(contactId);
  }, [contactId]);

  // Follow the conversation when the reader is at the bottom, or has just sent a message; someone reading back
  // is not pulled down by each new message. Where the reader is comes from the log's scroll events (read while the
  // layout is clean), so a new message forces at most the one layout its scroll needs, and none when it does not
  // scroll (issue 19: that forced layout of the whole log was in the frame that paints my own message).
  const atBottom = useRef(true);
  const onLogScroll = useCallback((event: Event) => {
    const log = event.currentTarget as HTMLElement;
    atBottom.current = log.scrollHeight - log.scrollTop - log.clientHeight < FOLLOW_SLACK_PX;
  }, []);
  const newest = props.outgoing?.at(-1);
  const lastId = newest?.id ?? chat.transcript.at(-1)?.id;
  const sentByMe = newest !== undefined && newest.id === lastId;
  useLayoutEffect(() => {
    const log = logRef.current;
    if (log && (atBottom.current || sentByMe)) log.scrollTop = log.scrollHeight;
  }, [lastId, chat.chatId]);
  // The same function on every render, so typing in the composer does not re-render the transcript.
  const chatId = chat.chatId;
  const onRetry = useCallback((id: string) => actions.retry?.(chatId, id), [chatId, actions.retry]);

  const typingNames = chat.typing.map((clientId) => (session?.agents.some((agent) => agent.clientId === clientId) ? agentName(session, clientId) : visitor));

  const offer = chat.pendingOffer;
  // Opened from the Dashboard: read-only and silent (a manager may still take over or transfer).
  const listeningIn = isListeningIn(chat);
  // Linking and requests need a CRM adapter; without one in the policy they are not offered at all.
  const crm = session?.crmAvailable !== false;
  const requests = crm && session?.requestsAvailable !== false;
  const items: MenuItem[] = [];
  if (chat.canTakeOver) items.push({ id: 'take-over', label: t('takeOver'), onSelect: () => actions.takeOver(chat.chatId) });
  if (chat.canTransfer) items.push({ id: 'transfer', label: t('transfer'), onSelect: () => setTransferOpen(true) });
  if (chat.canCancel && offer) items.push({ id: 'cancel', label: t('cancelTransfer'), onSelect: () => actions.cancelTransfer(chat.chatId, offer.transferId) });
  if (crm && chat.canLink) items.push({ id: 'link', label: t('linkToPerson'), onSelect: () => setLinkOpen(true) });
  if (requests && chat.canCreateRequest) items.push({ id: 'request', label: t('createRequest'), onSelect: () => setRequestOpen(true) });
  if (chat.canEnd) items.push({ id: 'end', label: t('endChat'), onSelect: () => setEndOpen(true) });
  // An ended chat stays in the list until its owner is done with it.
  if (chat.canClose) items.push({ id: 'close', label: t('closeWindow'), onSelect: () => actions.closeWindow(chat.chatId) });

  const last = chat.lastOffer;
  // A transfer of mine that did not happen: the sender goes on or creates a request.
  const outcomeKey = last && last.from === me && chat.myRole === 'owner' && offer === null ? senderOutcomeKey(last) : undefined;
  // An offer to me that ended without my answer: say so instead of the chat vanishing (the background keeps it a minute).
  const endedKey = last && last.to === me && chat.myRole === 'none' ? receiverOutcomeKey(last) : undefined;
  const backLabel = t(props.openedFrom === 'dashboard' ? 'backToDashboard' : 'backToChats');

  const setText = (text: string) => {
    actions.setDraft(chat.chatId, text);
    const typing = text.trim() !== '';
    if (typing !== typingSent.current) {
      typingSent.current = typing;
      actions.setTyping(chat.chatId, typing);
    }
  };

  const send = async () => {
    if (props.draft.trim() === '') return;
    const result = await actions.send(chat.chatId, props.draft);
    if (result.ok) typingSent.current = false;
  };

  return (
    <section class="chat-panel" aria-labelledby="chat-heading">
      <div class="chat-header">
        <button type="button" class="icon-button" aria-label={backLabel} title={backLabel} onClick={actions.back}>
          <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M15 6l-6 6 6 6" stroke="currentColor" stroke-width="2" fill="none" stroke-linecap="round" stroke-linejoin="round" />
          </svg>
        </button>
        <div class="chat-title">
          <h2 id="chat-heading" ref={headingRef} tabIndex={-1}>
            {visitor}
          </h2>
          {chat.topic && <span class="chat-topic">{chat.topic}</span>}
          {chat.contact && <LinkedPerson contact={chat.contact} person={props.linkedPerson ?? null} />}
        </div>
        <ChatMenu items={items} buttonRef={menuButton} />
      </div>

      {/* My Transfer / Accept / Reject / Cancel is already shown; the chat log has not confirmed it yet. */}
      {chat.pendingAction && (
        <p class="notice pending-action" role="status">
          {t(PENDING_ACTION_KEYS[chat.pendingAction])}
        </p>
      )}

      {offer && chat.highlight.kind === 'waiting-for' && (
        <PendingTransfer
          offer={offer}
          toName={agentName(session, offer.to)}
          canCancel={chat.canCancel}
          onCancel={() => actions.cancelTransfer(chat.chatId, offer.transferId)}
        />
      )}

      <Transcript
        entries={chat.transcript}
        me={me}
        visitor={visitor}
        session={session}
        {...(props.outgoing ? { outgoing: props.outgoing } : {})}
        onRetry={onRetry}
        onScroll={onLogScroll}
        logRef={logRef}
      />
      {typingNames.length > 0 && <p class="typing">{t('isTyping', typingNames.join(', '))}</p>}

      {chat.canRespond && offer && (
        <IncomingOffer
          offer={offer}
          fromName={agentName(session, offer.from)}
          onAccept={() => actions.accept(chat.chatId, offer.transferId)}
          onReject={(reason) => actions.reject(chat.chatId, offer.transferId, reason)}
        />
      )}

      {last && outcomeKey && (
        <div class="notice outcome" role="status">
          <span>{t(outcomeKey, agentName(session, last.to))}</span>
          {last.reason && <span>{t('rejectedBecause', last.reason)}</span>}
          {last.status === 'expired' && chat.canWrite && <span>{t('expiredNextSteps')}</span>}
          {requests && !requestOpen && props.createdRequest === null && (
            <button type="button" class="secondary-button" onClick={() => setRequestOpen(true)}>
              {t('createRequest')}
            </button>
          )}
        </div>
      )}

      {last && endedKey && (
        <p class="notice outcome" role="status">
          {t(endedKey, agentName(session, last.from))}
        </p>
      )}

      {requestOpen && (
        <RequestForm
          topic={chat.topic}
          onCancel={() => {
            setRequestOpen(false);
            menuButton.current?.focus();
          }}
          onCreate={async (title) => {
            const result = await actions.createRequest(chat.chatId, title);
            if (result.ok) {
              setRequestOpen(false);
              if (result.number !== null) {
                actions.setDraft(chat.chatId, t('requestCreatedMessage', result.number));
                composerRef.current?.focus();
              }
            }
          }}
        />
      )}
      {props.createdRequest !== null && (
        <p class="notice success" role="status">
          {t('requestCreated', props.createdRequest)}
        </p>
      )}

      {props.error && (
        <p class="command-error" role="alert">
          {props.error}
        </p>
      )}

      {chat.canWrite ? (
        <form
          class="composer"
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
        >
          <label class="visually-hidden" for="composer-text">
            {t('messageLabel')}
          </label>
          <textarea
            id="composer-text"
            ref={composerRef}
            rows={3}
            maxLength={4000}
            value={props.draft}
            onInput={(event) => setText(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
                event.preventDefault();
                void send();
              }
            }}
          />
          <button type="submit" class="primary-button" disabled={props.draft.trim() === ''}>
            {t('send')}
          </button>
        </form>
      ) : listeningIn && !chat.ended ? (
        <p class="notice listening">{t('listeningInNotice')}</p>
      ) : chat.myRole === 'listening' && chat.owner !== null && !chat.ended ? (
        <p class="notice listening">{t('listeningNotice', agentName(session, chat.owner))}</p>
      ) : chat.ended ? (
        <p class="notice" role="status">
          {t('chatEnded')}
        </p>
      ) : null}

      {linkOpen && (
        <LinkPersonDialog
          find={(query) => actions.findPersons(chat.chatId, query)}
          onLink={(person) => actions.linkPerson(chat.chatId, person)}
          onClose={() => {
            setLinkOpen(false);
            menuButton.current?.focus();
          }}
        />
      )}

      {endOpen && (
        <EndChatDialog
          visitorName={visitor}
          onEnd={() => {
            setEndOpen(false);
            actions.endChat(chat.chatId);
            headingRef.current?.focus();
          }}
          onCancel={() => {
            setEndOpen(false);
            menuButton.current?.focus();
          }}
        />
      )}

      {transferOpen && (
        <TransferDialog
          agents={props.targets}
          onTransfer={(to, note) => actions.transfer(chat.chatId, to, note)}
          onWatch={actions.watchColleagues}
          onClose={() => {
            setTransferOpen(false);
            menuButton.current?.focus();
          }}
        />
      )}
    </section>
  );
}

function RequestForm(props: { topic: string; onCreate: (title: string) => Promise<void>; onCancel: () => void }) {
  const t = useT();
  const [title, setTitle] = useState(props.topic);
  const [busy, setBusy] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    titleRef.current?.focus();
  }, []);
  return (
    <form
      class="request-form"
      aria-label={t('createRequest')}
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        await props.onCreate(title);
        setBusy(false);
      }}
    >
      <label class="field">
        <span>{t('requestTitle')}</span>
        <input ref={titleRef} type="text" maxLength={200} value={title} onInput={(event) => setTitle(event.currentTarget.value)} />
      </label>
      <div class="dialog-actions">
        <button type="button" class="secondary-button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
        <button type="submit" class="primary-button" disabled={busy || title.trim() === ''}>
          {t('createRequest')}
        </button>
      </div>
    </form>
  );
}
