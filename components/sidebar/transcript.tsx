import { memo } from 'preact/compat';
import type { Ref } from 'preact';
import type { TranscriptEntry } from '@/lib/chat/fold-support';
import type { OutgoingMessage } from '@/lib/models/outgoing-messages';
import type { SessionSnapshot } from '@/lib/session/session-snapshot';
import { useT } from '../i18n-context';
import { agentName } from './names';

/** Messages per block; each block is skipped by layout while out of view (content-visibility in style.css). */
const CHUNK = 50;

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

interface RowProps {
  entry: TranscriptEntry;
  author: string;
  own: boolean;
}

/** One message; rows compare by content, so a copy of the same message does not render again. */
const MessageRow = memo(
  function MessageRow({ entry, author, own }: RowProps) {
    return (
      <div class={`message ${own ? 'own' : entry.authorKind}`}>
        <div class="message-meta">
          <span class="message-author">{author}</span>
          <time dateTime={new Date(entry.timestamp).toISOString()}>{timeFormat.format(entry.timestamp)}</time>
        </div>
        <div class="message-text">{entry.text}</div>
      </div>
    );
  },
  (before, after) =>
    before.author === after.author &&
    before.own === after.own &&
    before.entry.id === after.entry.id &&
    before.entry.text === after.entry.text &&
    before.entry.timestamp === after.entry.timestamp &&
    before.entry.authorKind === after.entry.authorKind,
);

interface BlockProps {
  entries: readonly TranscriptEntry[];
  start: number;
  nameOf: (clientId: string, authorKind: 'visitor' | 'agent') => string;
  me: string;
  /** What the author names depend on (nameOf itself is new on every render): colleagues, the visitor, the language. */
  agents: unknown;
  visitor: string;
  t: unknown;
}

/**
 * Fifty messages. The session patches keep unchanged entries as the same objects (lib/messaging/view-delta.ts),
 * so a block whose entries are all the same is skipped whole: a new message renders its own block only, not
 * 5,000 rows' comparisons.
 */
const TranscriptBlock = memo(
  function TranscriptBlock({ entries, start, nameOf, me }: BlockProps) {
    return (
      <div class="transcript-block">
        {entries.slice(start, start + CHUNK).map((entry) => (
          <MessageRow key={entry.id} entry={entry} author={nameOf(entry.clientId, entry.authorKind)} own={entry.clientId === me} />
        ))}
      </div>
    );
  },
  (before, after) => {
    if (before.start !== after.start || before.me !== after.me || before.agents !== after.agents || before.visitor !== after.visitor || before.t !== after.t) return false;
    for (let i = after.start; i < after.start + CHUNK; i += 1) if (before.entries[i] !== after.entries[i]) return false;
    return true;
  },
);

/** My message on its way: "Sending…" until the hub has it, and "Failed" with Retry when it did not get there. */
function OutgoingRow({ message, onRetry }: { message: OutgoingMessage; onRetry: (id: string) => void }) {
  const t = useT();
  return (
    <div class={`message own outgoing ${message.state}`}>
      <div class="message-meta">
        <span class="message-author">{t('you')}</span>
        {message.state === 'sent' ? (
          <time dateTime={new Date(message.at).toISOString()}>{timeFormat.format(message.at)}</time>
        ) : (
          <span class="message-status">{t(message.state === 'failed' ? 'messageFailed' : 'messageSending')}</span>
        )}
      </div>
      <div class="message-text">{message.text}</div>
      {message.state === 'failed' && (
        <button type="button" class="secondary-button retry-button" onClick={() => onRetry(message.id)}>
          {t('retrySend')}
        </button>
      )}
    </div>
  );
}

/**
 * The conversation as a `role=log` (screen readers announce what is appended). Memoised
 * on its inputs so typing in the composer does not re-render thousands of messages. The
 * messages sit in blocks of 50 that the browser lays out only near the view: per message
 * the skipping cost more per scrolled frame than it saved at 5,000 messages.
 */
export const Transcript = memo(function Transcript(props: {
  entries: readonly TranscriptEntry[];
  me: string;
  visitor: string;
  session: SessionSnapshot | null;
  outgoing?: readonly OutgoingMessage[];
  onRetry?: (id: string) => void;
  onScroll?: (event: Event) => void;
  logRef: Ref<HTMLDivElement>;
}) {
  const t = useT();
  const { me, visitor, session } = props;
  const nameOf = (clientId: string, authorKind: 'visitor' | 'agent') =>
    clientId === me ? t('you') : authorKind === 'visitor' ? visitor : agentName(session, clientId);
  return (
    <div class="transcript" role="log" aria-label={t('conversation')} ref={props.logRef} tabIndex={0} onScroll={props.onScroll}>
      {Array.from({ length: Math.ceil(props.entries.length / CHUNK) }, (_, chunk) => (
        <TranscriptBlock key={chunk} entries={props.entries} start={chunk * CHUNK} nameOf={nameOf} me={me} agents={session?.agents} visitor={visitor} t={t} />
      ))}
      {props.outgoing?.map((message) => <OutgoingRow key={message.id} message={message} onRetry={props.onRetry ?? (() => {})} />)}
    </div>
  );
});
