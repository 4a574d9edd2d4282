import { memo } from 'preact/compat';
import type { Ref } from 'preact';
import type { TranscriptEntry } from '@/lib/chat/fold-support';
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

/**
 * One message. Every snapshot from the background is a fresh copy of the whole
 * transcript, so rows compare by content: in a 5,000-message chat only the new row renders.
 */
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
  logRef: Ref<HTMLDivElement>;
}) {
  const t = useT();
  const { me, visitor, session } = props;
  const nameOf = (clientId: string, authorKind: 'visitor' | 'agent') =>
    clientId === me ? t('you') : authorKind === 'visitor' ? visitor : agentName(session, clientId);
  return (
    <div class="transcript" role="log" aria-label={t('conversation')} ref={props.logRef} tabIndex={0}>
      {Array.from({ length: Math.ceil(props.entries.length / CHUNK) }, (_, chunk) => (
        <div key={chunk} class="transcript-block">
          {props.entries.slice(chunk * CHUNK, (chunk + 1) * CHUNK).map((entry) => (
            <MessageRow key={entry.id} entry={entry} author={nameOf(entry.clientId, entry.authorKind)} own={entry.clientId === me} />
          ))}
        </div>
      ))}
    </div>
  );
});
