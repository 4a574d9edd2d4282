import type { ChatView } from '../chat/view.ts';
import type { LogItem } from './widget-dom.ts';
import type { WidgetStrings } from './widget-strings.ts';

// The log the visitor reads: the transcript, with a line where an agent joined ("Bob Berg has joined the chat"),
// after the pick-up and after each transfer. Joins are what this widget saw happen (the owner changed), placed
// after the messages that were there at that moment; pure, so it is table-tested.

export interface Join {
  readonly clientId: string;
  readonly at: number;
  /** How many transcript entries came before it. */
  readonly after: number;
}

/** The joins so far, plus one when the view's owner is new. */
export function trackJoins(joins: readonly Join[], view: ChatView, now: number): readonly Join[] {
  const owner = view.owner;
  if (owner === null || joins.at(-1)?.clientId === owner) return joins;
  return [...joins, { clientId: owner, at: now, after: view.transcript.length }];
}

export function logItems(view: ChatView, joins: readonly Join[], me: string, nameOf: (clientId: string) => string | undefined, strings: WidgetStrings): LogItem[] {
  const name = (clientId: string) => nameOf(clientId) ?? strings.anAgent;
  const joined = (join: Join, index: number): LogItem => {
    const text = strings.joined(name(join.clientId));
    return { id: `join-${index}`, kind: 'event', author: '', timestamp: join.at, text: text.charAt(0).toUpperCase() + text.slice(1) };
  };
  const items: LogItem[] = [];
  let next = 0;
  view.transcript.forEach((entry, index) => {
    while (next < joins.length && (joins[next]?.after ?? 0) <= index) items.push(joined(joins[next] as Join, next++));
    const mine = entry.clientId === me;
    items.push({ id: entry.id, kind: mine ? 'mine' : 'theirs', author: mine ? strings.you : name(entry.clientId), timestamp: entry.timestamp, text: entry.text });
  });
  while (next < joins.length) items.push(joined(joins[next] as Join, next++));
  return items;
}

/** Agents' messages, for the unread count on the launcher. */
export const agentLines = (view: ChatView, me: string) => view.transcript.filter((entry) => entry.clientId !== me).length;
