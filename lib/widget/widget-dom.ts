import type { PrechatField } from './prechat-form.ts';
import type { WidgetSettings } from './widget-settings.ts';
import type { WidgetStrings } from './widget-strings.ts';

// The chat panel's elements, built with createElement/textContent only: chat text, names and the owner's settings
// are never parsed as HTML. They live in the widget's shadow root, so the ids below cannot clash with the page's.

type Attributes = Record<string, string>;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

export interface WidgetElements {
  readonly panel: HTMLElement;
  readonly away: HTMLElement;
  readonly minimise: HTMLButtonElement;
  readonly status: HTMLElement;
  readonly notice: HTMLElement;
  readonly form: HTMLFormElement;
  readonly fields: Record<PrechatField, HTMLInputElement | HTMLSelectElement>;
  readonly errors: Record<PrechatField, HTMLElement>;
  readonly chat: HTMLElement;
  readonly log: HTMLOListElement;
  /** The scrolling log region around `log`. */
  readonly logBox: HTMLElement;
  readonly typing: HTMLElement;
  readonly composer: HTMLFormElement;
  readonly message: HTMLTextAreaElement;
  readonly endChat: HTMLButtonElement;
  readonly ended: HTMLElement;
  readonly startNew: HTMLButtonElement;
}

export function createWidgetElements(strings: WidgetStrings, settings: WidgetSettings, topics: readonly string[]): WidgetElements {
  const field = (id: PrechatField, label: string, control: HTMLInputElement | HTMLSelectElement) => {
    control.id = `chat-${id}`;
    control.setAttribute('aria-describedby', `chat-${id}-error`);
    const error = h('p', { id: `chat-${id}-error`, class: 'field-error' });
    return { row: h('div', { class: 'field' }, h('label', { for: control.id }, label), control, error), error };
  };
  const name = h('input', { type: 'text', name: 'name', autocomplete: 'name', maxlength: '120', required: '' });
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'email', maxlength: '254', required: '', inputmode: 'email' });
  const topic = h('select', { name: 'topic', required: '' }, h('option', { value: '' }, strings.topicPlaceholder), ...topics.map((t) => h('option', { value: t }, t)));
  const nameField = field('name', strings.nameLabel, name);
  const emailField = field('email', strings.emailLabel, email);
  const topicField = field('topic', strings.topicLabel, topic);
  const form = h(
    'form',
    { class: 'prechat', novalidate: '', 'aria-labelledby': 'chat-title' },
    h('p', { class: 'intro' }, settings.greeting || strings.intro),
    nameField.row,
    ...(settings.fields.includes('email') ? [emailField.row] : []),
    ...(settings.fields.includes('topic') ? [topicField.row] : []),
    h('button', { type: 'submit', class: 'primary' }, strings.startChat),
  );

  // The list inside the log region, not the log itself: role="log" on an <ol> would orphan its <li>s (axe: listitem).
  const log = h('ol', { class: 'lines' });
  const logBox = h('div', { class: 'transcript', role: 'log', 'aria-live': 'polite', 'aria-label': strings.conversation, tabindex: '0' }, log);
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
  const chat = h('div', { class: 'chat', hidden: '' }, logBox, typing, composer, h('div', { class: 'chat-actions' }, endChat), ended);

  const status = h('p', { class: 'status', role: 'status' });
  const away = h('p', { class: 'away' });
  const notice = h('p', { class: 'notice', role: 'alert' });
  const minimise = h('button', { type: 'button', class: 'icon-button', 'aria-label': strings.closeChat }, '–');
  const logo = settings.logo ? [h('img', { src: settings.logo, alt: '' })] : [];
  const panel = h(
    'section',
    { id: 'chat-panel', class: 'panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'chat-title', lang: strings.lang, hidden: '' },
    h('header', { class: 'panel-header' }, ...logo, h('h2', { id: 'chat-title' }, settings.brand), minimise),
    status,
    away,
    notice,
    form,
    chat,
  );
  return {
    panel,
    away,
    minimise,
    status,
    notice,
    form,
    fields: { name, email, topic },
    errors: { name: nameField.error, email: emailField.error, topic: topicField.error },
    chat,
    log,
    logBox,
    typing,
    composer,
    message,
    endChat,
    ended,
    startNew,
  };
}

/** One line of the log: a message (mine or theirs) or an event such as "Bob Berg has joined the chat". */
export interface LogItem {
  readonly id: string;
  readonly kind: 'mine' | 'theirs' | 'event';
  readonly author: string;
  readonly timestamp: number;
  readonly text: string;
}

/**
 * Brings the log in line with the items, touching only what changed: items that kept their place stay, so the
 * live region announces new lines rather than the whole conversation again.
 */
export function syncTranscript(log: HTMLOListElement, entries: readonly LogItem[]): void {
  const items = log.children;
  let same = 0;
  while (same < items.length && same < entries.length && (items[same] as HTMLElement).dataset['key'] === keyOf(entries[same])) same++;
  while (items.length > same) log.lastElementChild?.remove();
  for (const entry of entries.slice(same)) {
    const time = new Date(entry.timestamp);
    const item =
      entry.kind === 'event'
        ? h('li', { class: 'line event' }, entry.text)
        : h(
            'li',
            { class: `line ${entry.kind}` },
            h('span', { class: 'author' }, entry.author),
            h('time', { datetime: time.toISOString() }, time.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })),
            h('p', { class: 'text' }, entry.text),
          );
    item.dataset['key'] = keyOf(entry);
    log.append(item);
  }
}

// An event's text changes when the agent's name arrives, so it is part of the key.
const keyOf = (entry: LogItem | undefined) => (entry === undefined ? '' : entry.kind === 'event' ? `${entry.id}:${entry.text}` : entry.id);
