import type { ChatView } from '../chat/view.ts';
import type { WidgetStrings } from './widget-strings.ts';

// What the visitor is told about who answers, from the chat's view alone (pure, table-tested).

export type WidgetPhase = 'queued' | 'chatting' | 'transferring' | 'ended';

export interface WidgetStatus {
  readonly phase: WidgetPhase;
  readonly text: string;
}

export type NameOf = (clientId: string) => string | undefined;

export function widgetStatus(view: ChatView, nameOf: NameOf, strings: WidgetStrings): WidgetStatus {
  const name = (clientId: string) => nameOf(clientId) ?? strings.anAgent;
  if (view.ended) return { phase: 'ended', text: strings.ended };
  // An offer past its deadline is as good as gone (its `transfer.expired` is on its way): say who still answers.
  const offer = view.pendingOffer;
  if (offer !== null && !offer.overdue) return { phase: 'transferring', text: strings.transferringTo(name(offer.to)) };
  if (view.owner !== null) return { phase: 'chatting', text: strings.chattingWith(name(view.owner)) };
  return { phase: 'queued', text: strings.waiting };
}

/** The line under the transcript while the answering agent types (the visitor's own typing is never in `view.typing`). */
export function typingLine(view: ChatView, nameOf: NameOf, strings: WidgetStrings): string {
  if (view.ended) return '';
  const agent = view.typing.find((clientId) => clientId === view.owner);
  return agent === undefined ? '' : strings.typing(nameOf(agent) ?? strings.anAgent);
}
