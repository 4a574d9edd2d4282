import type { ChatView } from '../chat/view.ts';
import { createVisitorSession } from '../visitor/visitor-session.ts';
import { agentLines, logItems, trackJoins, type Join } from './chat-log.ts';
import type { MountedChat, WidgetShell } from './loader.ts';
import { validatePrechat, type PrechatField, type PrechatInput } from './prechat-form.ts';
import { readSavedChat, writeSavedChat, type SavedChat } from './saved-chat.ts';
import { connectVisitor, fetchAgentNames, type VisitorConnection } from './visitor-connection.ts';
import { createWidgetElements, syncTranscript } from './widget-dom.ts';
import { typingLine, widgetStatus } from './widget-status.ts';

// baton-widget-chat.js, loaded by the launcher (loader.ts) on open or when a chat is going on: the pre-chat form,
// then the visitor's side of the protocol through lib/visitor/visitor-session.ts (the chat core, unforked), the
// log, typing, End chat and Start a new chat. The chat is saved (saved-chat.ts) so other pages of the site resume it.

/** Re-send "typing" this often while the visitor keeps typing (the indicator lasts TYPING_TTL_MS = 10 s). */
const TYPING_REFRESH_MS = 4_000;
const TYPING_IDLE_MS = 3_000;

type Session = ReturnType<typeof createVisitorSession>;

export function mount(shell: WidgetShell): MountedChat {
  const { settings, strings, launcher } = shell;
  const topics = settings.topics.length > 0 ? settings.topics : strings.topics;
  const ui = createWidgetElements(strings, settings, topics);
  const names = new Map<string, string>();
  const nameOf = (clientId: string) => (settings.showAgentName ? names.get(clientId) : undefined);
  let current: { connection: VisitorConnection; session: Session; input: PrechatInput; startedAt: number } | undefined;
  let lastView: ChatView | undefined;
  let lastInput: PrechatInput | undefined;
  let joins: readonly Join[] = [];
  let seenAgentLines = 0;
  let typingSentAt = 0;
  let typingIdle: ReturnType<typeof setTimeout> | undefined;

  const isOpen = () => !ui.panel.hidden;
  const save = (value: SavedChat | undefined) => writeSavedChat(shell.storageKey, value);
  let savedAs = '';
  const saveCurrent = () => {
    if (!current || lastView?.ended) return;
    const value = { ...current.input, token: current.connection.token(), startedAt: current.startedAt, open: isOpen(), seen: seenAgentLines, joins };
    // render() runs every second; write only what changed (savedAt aside).
    const key = JSON.stringify(value);
    if (key === savedAs) return;
    savedAs = key;
    save({ ...value, savedAt: Date.now() });
  };

  function setOpen(open: boolean, focus = true) {
    ui.panel.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    launcher.hidden = open;
    if (open && lastView && current) seenAgentLines = agentLines(lastView, current.session.me.clientId);
    updateUnread();
    saveCurrent();
    if (!focus) return;
    if (!open) launcher.focus();
    else if (!ui.form.hidden) ui.fields.name.focus();
    else if (lastView?.ended) ui.startNew.focus();
    else ui.message.focus();
  }

  function updateUnread() {
    const unread = !isOpen() && lastView && current ? Math.max(0, agentLines(lastView, current.session.me.clientId) - seenAgentLines) : 0;
    shell.setUnread(unread);
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
    const waitedMs = current ? Date.now() - current.startedAt : 0;
    const away = status.phase === 'queued' && waitedMs >= settings.awayAfterSeconds * 1000 ? settings.awayMessage || strings.away : '';
    if (ui.away.textContent !== away) ui.away.textContent = away;
    const me = current?.session.me.clientId ?? '';
    joins = trackJoins(joins, view, Date.now());
    syncTranscript(ui.log, logItems(view, joins, me, nameOf, strings));
    ui.logBox.scrollTop = ui.logBox.scrollHeight;
    const typing = typingLine(view, nameOf, strings);
    if (ui.typing.textContent !== typing) ui.typing.textContent = typing;
    for (const id of [view.owner, view.pendingOffer?.to]) if (settings.showAgentName && id && !names.has(id)) void refreshNames();
    if (isOpen()) seenAgentLines = agentLines(view, me);
    updateUnread();
    saveCurrent();
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
    if (!settings.showAgentName) return Promise.resolve();
    if (namesLoading || Date.now() - namesLoadedAt < 30_000) return namesLoading ?? Promise.resolve();
    namesLoading = fetchAgentNames(settings.tokenService)
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

  async function start(input: PrechatInput, resume?: SavedChat) {
    lastInput = input;
    joins = resume?.joins ?? [];
    seenAgentLines = resume?.seen ?? 0;
    savedAs = '';
    ui.form.hidden = true;
    ui.chat.hidden = false;
    ui.notice.textContent = '';
    ui.status.textContent = strings.connecting;
    if (isOpen()) ui.message.focus();
    try {
      void refreshNames();
      const connection = await connectVisitor(settings, resume?.token);
      const session = createVisitorSession({
        client: connection.client,
        chatId: connection.chatId,
        visitorName: input.name,
        ...(input.email ? { email: input.email } : {}),
        topic: input.topic,
        onChange: render,
        onDrop: (reason) => console.warn('[baton] ignored an event:', reason),
      });
      current = { connection, session, input, startedAt: resume?.startedAt ?? Date.now() };
      saveCurrent();
      connection.client.connection.on((change) => {
        if (change.current === 'connected') {
          if (current?.connection === connection) saveCurrent();
          if (ui.notice.textContent === strings.reconnecting) ui.notice.textContent = '';
        } else if (change.current === 'disconnected' || change.current === 'suspended') ui.notice.textContent = strings.reconnecting;
        else if (change.current === 'failed') ui.notice.textContent = strings.unableToStart;
      });
      await session.start();
      render(session.view());
    } catch (error) {
      console.warn('[baton] unable to start the chat;', error);
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

  /** The chat ended (by either side): keep the log on screen, let go of the connection and the saved chat. */
  function finish() {
    save(undefined);
    stop();
    if (isOpen()) ui.startNew.focus();
  }

  function showForm(prefill?: PrechatInput) {
    lastView = undefined;
    joins = [];
    ui.chat.hidden = true;
    ui.form.hidden = false;
    ui.log.replaceChildren();
    ui.typing.textContent = '';
    ui.status.textContent = '';
    ui.away.textContent = '';
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

  ui.minimise.addEventListener('click', () => setOpen(false));
  ui.panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') setOpen(false);
  });

  ui.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const result = validatePrechat({ name: ui.fields.name.value, email: ui.fields.email.value, topic: ui.fields.topic.value }, topics, settings.fields);
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
      console.warn('[baton] unable to send;', error);
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
    (settings.fields.includes('topic') ? ui.fields.topic : ui.fields.name).focus();
  });

  // Typing marks and the away message follow the clock, not an event: look again every second while chatting.
  setInterval(() => {
    if (current && !lastView?.ended) render(current.session.view());
  }, 1_000);

  shell.root.append(ui.panel);
  launcher.setAttribute('aria-controls', ui.panel.id);
  const saved = readSavedChat(shell.storageKey);
  if (saved) {
    setOpen(saved.open, false);
    void start(saved, saved);
  }
  return { open: () => setOpen(true), close: () => setOpen(false) };
}
