import type { ChatView } from '../../../lib/chat/view.ts';
import { createVisitorSession } from '../../../lib/visitor/visitor-session.ts';
import { validatePrechat, type PrechatField, type PrechatInput } from './prechat-form.ts';
import { connectVisitor, fetchAgentNames, type VisitorConnection } from './visitor-connection.ts';
import { createWidgetElements, syncTranscript } from './widget-dom.ts';
import { stringsFor } from './widget-strings.ts';
import { typingLine, widgetStatus } from './widget-status.ts';

// The website's chat widget (bundled by build.ts, served as /visit/widget.js): pre-chat form, then the visitor's side
// of the protocol through lib/visitor/visitor-session.ts, then the transcript and "Start a new chat".

const STORAGE_KEY = 'nordlys.support-chat';
/** Re-send "typing" this often while the visitor keeps typing (the indicator lasts TYPING_TTL_MS = 10 s). */
const TYPING_REFRESH_MS = 4_000;
const TYPING_IDLE_MS = 3_000;

interface Saved extends PrechatInput {
  readonly token: string;
}

type Session = ReturnType<typeof createVisitorSession>;

const strings = stringsFor(navigator.language);
const ui = createWidgetElements(strings);
const names = new Map<string, string>();
const nameOf = (clientId: string) => names.get(clientId);
let current: { connection: VisitorConnection; session: Session; input: PrechatInput } | undefined;
let lastView: ChatView | undefined;
let lastInput: PrechatInput | undefined;
let typingSentAt = 0;
let typingIdle: ReturnType<typeof setTimeout> | undefined;

function readSaved(): Saved | undefined {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null');
    if (parsed === null || typeof parsed !== 'object') return undefined;
    const { token, name, email, topic } = parsed as Record<string, unknown>;
    if (typeof token !== 'string' || typeof name !== 'string' || typeof email !== 'string' || typeof topic !== 'string') return undefined;
    return { token, name, email, topic };
  } catch {
    return undefined;
  }
}

const save = (value: Saved | undefined) => {
  if (value === undefined) sessionStorage.removeItem(STORAGE_KEY);
  else sessionStorage.setItem(STORAGE_KEY, JSON.stringify(value));
};

function setOpen(open: boolean, focus = true) {
  ui.panel.hidden = !open;
  ui.launcher.setAttribute('aria-expanded', String(open));
  ui.launcher.hidden = open;
  if (!focus) return;
  if (!open) ui.launcher.focus();
  else if (!ui.form.hidden) ui.fields.name.focus();
  else if (lastView?.ended) ui.startNew.focus();
  else ui.message.focus();
}

function showErrors(errors: Partial<Record<PrechatField, 'required' | 'invalid'>>) {
  const messages: Record<PrechatField, string> = { name: strings.nameRequired, email: strings.emailInvalid, topic: strings.topicRequired };
  let first: HTMLElement | undefined;
  for (const key of ['name', 'email', 'topic'] as const) {
    const failed = errors[key] !== undefined;
    ui.fields[key].setAttribute('aria-invalid', String(failed));
    ui.errors[key].textContent = failed ? messages[key] : '';
    if (failed) first ??= ui.fields[key];
  }
  first?.focus();
}

function render(view: ChatView) {
  lastView = view;
  const status = widgetStatus(view, nameOf, strings);
  if (ui.status.textContent !== status.text) ui.status.textContent = status.text;
  ui.status.dataset['phase'] = status.phase;
  const me = current?.session.me.clientId;
  syncTranscript(
    ui.log,
    view.transcript,
    (entry) => (entry.clientId === me ? strings.you : (nameOf(entry.clientId) ?? strings.anAgent)),
    (entry) => entry.clientId === me,
  );
  ui.log.scrollTop = ui.log.scrollHeight;
  const typing = typingLine(view, nameOf, strings);
  if (ui.typing.textContent !== typing) ui.typing.textContent = typing;
  for (const id of [view.owner, view.pendingOffer?.to]) if (id && !names.has(id)) void refreshNames();
  const wasEnded = !ui.ended.hidden;
  ui.composer.hidden = view.ended;
  ui.endChat.hidden = view.ended;
  ui.ended.hidden = !view.ended;
  if (view.ended && !wasEnded) finish();
}

let namesLoading: Promise<void> | undefined;
let namesLoadedAt = 0;
/** Agent names for "You are chatting with …"; re-read at most every 30 s when someone unknown answers. */
function refreshNames(): Promise<void> {
  if (namesLoading || Date.now() - namesLoadedAt < 30_000) return namesLoading ?? Promise.resolve();
  namesLoading = fetchAgentNames(location.origin)
    .then((list) => {
      for (const { id, name } of list) names.set(id, name);
    })
    .catch(() => {})
    .finally(() => {
      namesLoading = undefined;
      namesLoadedAt = Date.now();
      if (lastView) render(lastView);
    });
  return namesLoading;
}

async function start(input: PrechatInput, resume?: string) {
  lastInput = input;
  ui.form.hidden = true;
  ui.chat.hidden = false;
  ui.notice.textContent = '';
  ui.status.textContent = strings.connecting;
  ui.message.focus();
  try {
    await refreshNames();
    const connection = await connectVisitor(location, resume);
    const session = createVisitorSession({
      client: connection.client,
      chatId: connection.chatId,
      visitorName: input.name,
      email: input.email,
      topic: input.topic,
      onChange: render,
      onDrop: (reason) => console.warn('[support-chat] ignored an event:', reason),
    });
    current = { connection, session, input };
    connection.client.connection.on((change) => {
      if (change.current === 'connected') {
        if (current?.connection === connection) save({ ...input, token: connection.token() });
        if (ui.notice.textContent === strings.reconnecting) ui.notice.textContent = '';
      } else if (change.current === 'disconnected' || change.current === 'suspended') ui.notice.textContent = strings.reconnecting;
      else if (change.current === 'failed') ui.notice.textContent = strings.unableToStart;
    });
    await session.start();
    render(session.view());
  } catch (error) {
    console.warn('[support-chat] unable to start the chat;', error);
    stop();
    save(undefined);
    ui.notice.textContent = strings.unableToStart;
    showForm(input);
  }
}

function stop() {
  clearTimeout(typingIdle);
  if (!current) return;
  current.session.close();
  current.connection.client.close();
  current = undefined;
}

/** The chat ended (by either side): keep the transcript on screen, let go of the connection. */
function finish() {
  save(undefined);
  stop();
  if (!ui.panel.hidden) ui.startNew.focus();
}

function showForm(prefill?: PrechatInput) {
  lastView = undefined;
  ui.chat.hidden = true;
  ui.form.hidden = false;
  ui.log.replaceChildren();
  ui.typing.textContent = '';
  ui.status.textContent = '';
  if (prefill) {
    ui.fields.name.value = prefill.name;
    ui.fields.email.value = prefill.email;
    ui.fields.topic.value = prefill.topic;
  }
}

function sendTyping(typing: boolean) {
  if (!current || lastView?.ended) return;
  typingSentAt = typing ? Date.now() : 0;
  current.session.typing(typing).catch(() => {});
}

ui.launcher.addEventListener('click', () => setOpen(true));
ui.minimise.addEventListener('click', () => setOpen(false));
ui.panel.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') setOpen(false);
});

ui.form.addEventListener('submit', (event) => {
  event.preventDefault();
  const result = validatePrechat({ name: ui.fields.name.value, email: ui.fields.email.value, topic: ui.fields.topic.value }, strings.topics);
  if (!result.ok) return showErrors(result.errors);
  showErrors({});
  void start(result.value);
});

ui.message.addEventListener('input', () => {
  clearTimeout(typingIdle);
  if (ui.message.value.trim() === '') return sendTyping(false);
  if (Date.now() - typingSentAt > TYPING_REFRESH_MS) sendTyping(true);
  typingIdle = setTimeout(() => sendTyping(false), TYPING_IDLE_MS);
});

// Enter sends, Shift+Enter starts a new line (as in most chat widgets).
ui.message.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    ui.composer.requestSubmit();
  }
});

ui.composer.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = ui.message.value.trim();
  if (!current || text === '') return;
  clearTimeout(typingIdle);
  typingSentAt = 0;
  ui.message.value = '';
  ui.notice.textContent = '';
  current.session.send(text).catch((error: unknown) => {
    console.warn('[support-chat] unable to send;', error);
    if (ui.message.value === '') ui.message.value = text;
    ui.notice.textContent = strings.sendFailed;
  });
  ui.message.focus();
});

ui.endChat.addEventListener('click', () => {
  current?.session.end().catch(() => (ui.notice.textContent = strings.sendFailed));
});

ui.startNew.addEventListener('click', () => {
  stop();
  save(undefined);
  showForm(lastInput);
  ui.fields.topic.focus();
});

// Typing marks expire on the clock, not on an event: look again while someone is shown typing.
setInterval(() => {
  if (lastView && current && ui.typing.textContent !== '') render(current.session.view());
}, 1_000);

document.body.append(ui.root);
const saved = readSaved();
if (saved) {
  setOpen(true, false);
  void start(saved, saved.token);
}
