import { useEffect, useRef, useState } from 'preact/hooks';
import type { LobbyEntry } from '@/lib/session/lobby';
import type { ChatSnapshot, SessionSnapshot } from '@/lib/session/session-snapshot';
import { useT } from '../i18n-context';
import { agentName } from './names';
import { receiverOutcomeKey } from '@/lib/i18n/offer-outcome';

function ChatRow({ chat, session, onOpen }: { chat: ChatSnapshot; session: SessionSnapshot | null; onOpen: (chatId: string) => void }) {
  const t = useT();
  const last = chat.transcript.at(-1);
  const offer = chat.lastOffer;
  const endedKey = offer && offer.to === session?.me?.clientId && chat.myRole === 'none' ? receiverOutcomeKey(offer) : undefined;
  const highlight =
    chat.highlight.kind === 'waiting-for'
      ? t('waitingFor', agentName(session, chat.highlight.to))
      : chat.highlight.kind === 'transferred-to-you'
        ? t('transferredToYou', agentName(session, chat.highlight.from))
        : chat.ended
          ? t('chatEnded')
          : chat.myRole === 'listening'
            ? t('listeningMode')
            : offer && endedKey
              ? t(endedKey, agentName(session, offer.from))
              : null;
  return (
    <li>
      <button type="button" class={`chat-row highlight-${chat.highlight.kind}`} data-chat-id={chat.chatId} onClick={() => onOpen(chat.chatId)}>
        <span class="chat-row-head">
          <span class="chat-visitor">{chat.visitorName || t('visitor')}</span>
          {chat.unread > 0 && <span class="count unread">{t('unreadCount', { count: chat.unread })}</span>}
        </span>
        {highlight && <span class="chat-highlight">{highlight}</span>}
        {last && <span class="chat-last">{last.text}</span>}
      </button>
    </li>
  );
}

/** The queue and the agent's own chats, live from the background session. */
export function ChatsPanel(props: {
  connected: boolean;
  queue: readonly LobbyEntry[];
  chats: readonly ChatSnapshot[];
  session: SessionSnapshot | null;
  error: string | null;
  /** Resolves when the pick-up is done (it may wait for a token that grants the claim: one round trip). */
  onPickUp: () => Promise<unknown> | void;
  onOpen: (chatId: string) => void;
  /** The chat the agent just came back from: focus returns to its row (or to the list if it is gone). */
  returnFocusTo: string | null;
}) {
  const t = useT();
  const listRef = useRef<HTMLElement>(null);
  // A pick-up asks for its claim's grant at the click (lib/realtime/chat-grants.ts): show it is under way, and do
  // not let a second click start another.
  const [pickingUp, setPickingUp] = useState(false);
  const pickUp = () => {
    setPickingUp(true);
    void Promise.resolve(props.onPickUp()).finally(() => setPickingUp(false));
  };
  useEffect(() => {
    if (props.returnFocusTo === null) return;
    const row = [...(listRef.current?.querySelectorAll<HTMLElement>('[data-chat-id]') ?? [])].find((element) => element.dataset['chatId'] === props.returnFocusTo);
    (row ?? listRef.current?.querySelector<HTMLElement>('h2'))?.focus();
    // Only when the list comes back, not on every update.
  }, []);
  return (
    <>
      <section class="panel-section" aria-labelledby="queue-heading">
        <div class="section-header">
          <h2 id="queue-heading">{t('inQueue')}</h2>
          <span class="count" aria-hidden="true">
            {props.queue.length}
          </span>
        </div>
        {props.queue.length === 0 ? (
          <p class="empty">{t('queueEmpty')}</p>
        ) : (
          <ul class="queue-list">
            {props.queue.map((entry) => (
              <li key={entry.chatId}>
                <span class="chat-visitor">{entry.visitorName || t('visitor')}</span>
                {entry.topic && <span class="chat-topic">{entry.topic}</span>}
              </li>
            ))}
          </ul>
        )}
        <button type="button" class="primary-button" aria-busy={pickingUp} disabled={pickingUp || !props.connected || props.queue.length === 0} onClick={pickUp}>
          {t('getNextInQueue')}
        </button>
        {pickingUp && (
          <p class="command-progress" role="status">
            {t('pickingUp')}
          </p>
        )}
        {props.error && (
          <p class="command-error" role="alert">
            {props.error}
          </p>
        )}
      </section>
      <section class="panel-section" aria-labelledby="my-chats-heading" ref={listRef}>
        <h2 id="my-chats-heading" tabIndex={-1}>
          {t('myChats')}
        </h2>
        {props.chats.length === 0 ? (
          <p class="empty">{t('noChats')}</p>
        ) : (
          <ul class="chat-list">
            {props.chats.map((chat) => (
              <ChatRow key={chat.chatId} chat={chat} session={props.session} onOpen={props.onOpen} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
