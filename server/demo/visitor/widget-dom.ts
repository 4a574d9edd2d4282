import type { TranscriptEntry } from '../../../lib/chat/fold-support.ts';
import type { PrechatField } from './prechat-form.ts';
import type { WidgetStrings } from './widget-strings.ts';

// The widget's elements, built with createElement/textContent only: chat text is never parsed as HTML.

type Attributes = Record<string, string>;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

export interface WidgetElements {
  readonly root: HTMLElement;
  readonly launcher: HTMLButtonElement;
  readonly panel: HTMLElement;
  readonly minimise: HTMLButtonElement;
  readonly status: HTMLElement;
  readonly notice: HTMLElement;
  readonly form: HTMLFormElement;
  readonly fields: Record<PrechatField, HTMLInputElement | HTMLSelectElement>;
  readonly errors: Record<PrechatField, HTMLElement>;
  readonly chat: HTMLElement;
  readonly log: HTMLOListElement;
  readonly typing: HTMLElement;
  readonly composer: HTMLFormElement;
  readonly message: HTMLTextAreaElement;
  readonly endChat: HTMLButtonElement;
  readonly ended: HTMLElement;
  readonly startNew: HTMLButtonElement;
}

export function createWidgetElements(strings: WidgetStrings): WidgetElements {
  const field = (id: PrechatField, label: string, control: HTMLInputElement | HTMLSelectElement) => {
    control.id = `chat-${id}`;
    control.setAttribute('aria-describedby', `chat-${id}-error`);
    const error = h('p', { id: `chat-${id}-error`, class: 'field-error' });
    return { row: h('div', { class: 'field' }, h('label', { for: control.id }, label), control, error), error };
  };
  const name = h('input', { type: 'text', name: 'name', autocomplete: 'name', maxlength: '120', required: '' });
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'email', maxlength: '254', required: '', inputmode: 'email' });
  const topic = h('select', { name: 'topic', required: '' }, h('option', { value: '' }, strings.topicPlaceholder), ...strings.topics.map((t) => h('option', { value: t }, t)));
  const nameField = field('name', strings.nameLabel, name);
  const emailField = field('email', strings.emailLabel, email);
  const topicField = field('topic', strings.topicLabel, topic);
  const form = h(
    'form',
    { class: 'prechat', novalidate: '', 'aria-labelledby': 'chat-title' },
    h('p', { class: 'intro' }, strings.intro),
    nameField.row,
    emailField.row,
    topicField.row,
    h('button', { type: 'submit', class: 'primary' }, strings.startChat),
  );

  const log = h('ol', { class: 'transcript', role: 'log', 'aria-live': 'polite', 'aria-label': strings.conversation, tabindex: '0' });
  const typing = h('p', { class: 'typing', 'aria-live': 'polite' });
  const message = h('textarea', { id: 'chat-message', name: 'message', rows: '2', maxlength: '4000', autocomplete: 'off' });
  const composer = h(
    'form',
    { class: 'composer' },
    h('label', { for: 'chat-message', class: 'visually-hidden' }, strings.messageLabel),
    message,
    h('button', { type: 'submit', class: 'primary' }, strings.send),
  );
  const endChat = h('button', { type: 'button', class: 'link-button' }, strings.endChat);
  const startNew = h('button', { type: 'button', class: 'primary' }, strings.startNew);
  const ended = h('div', { class: 'ended', hidden: '' }, startNew);
  const chat = h('div', { class: 'chat', hidden: '' }, log, typing, composer, h('div', { class: 'chat-actions' }, endChat), ended);

  const status = h('p', { class: 'status', role: 'status' });
  const notice = h('p', { class: 'notice', role: 'alert' });
  const minimise = h('button', { type: 'button', class: 'icon-button', 'aria-label': strings.closeChat }, '–');
  const panel = h(
    'section',
    { id: 'chat-panel', class: 'panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'chat-title', hidden: '' },
    h('header', { class: 'panel-header' }, h('h2', { id: 'chat-title' }, strings.title), minimise),
    status,
    notice,
    form,
    chat,
  );
  const launcher = h('button', { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': 'chat-panel' }, strings.openChat);
  const root = h('div', { class: 'support-chat', lang: strings.lang }, panel, launcher);
  return {
    root,
    launcher,
    panel,
    minimise,
    status,
    notice,
    form,
    fields: { name, email, topic },
    errors: { name: nameField.error, email: emailField.error, topic: topicField.error },
    chat,
    log,
    typing,
    composer,
    message,
    endChat,
    ended,
    startNew,
  };
}

/**
 * Brings the log in line with the transcript, touching only what changed: entries that kept their place stay,
 * so the live region announces new lines rather than the whole conversation again.
 */
export function syncTranscript(log: HTMLOListElement, entries: readonly TranscriptEntry[], authorOf: (entry: TranscriptEntry) => string, mine: (entry: TranscriptEntry) => boolean): void {
  const items = log.children;
  let same = 0;
  while (same < items.length && same < entries.length && (items[same] as HTMLElement).dataset['id'] === entries[same]?.id) same++;
  while (items.length > same) log.lastElementChild?.remove();
  for (const entry of entries.slice(same)) {
    const time = new Date(entry.timestamp);
    const item = h(
      'li',
      { class: mine(entry) ? 'line mine' : 'line theirs' },
      h('span', { class: 'author' }, authorOf(entry)),
      h('time', { datetime: time.toISOString() }, time.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })),
      h('p', { class: 'text' }, entry.text),
    );
    item.dataset['id'] = entry.id;
    log.append(item);
  }
}
