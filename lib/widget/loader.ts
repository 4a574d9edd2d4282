import { readSavedChat, savedChatKey } from './saved-chat.ts';
import { WIDGET_CSS } from './widget-css.ts';
import { inkOn, parseWidgetSettings, pickLanguage, type WidgetSettings } from './widget-settings.ts';
import { stringsFor, type WidgetStrings } from './widget-strings.ts';

// baton-widget.js: the part every page view pays for (budget ≤ 12 KB gzipped, `npm run bench`). It reads the
// settings, puts the launcher in a shadow root and defines the one global, `Baton`. The chat itself (ably-js, the
// chat core, the panel) is baton-widget-chat.js, imported when the visitor opens the chat or when a chat is going
// on (a saved chat from an earlier page). Nothing inline: the stylesheet is constructed (widget-css.ts).

export interface WidgetShell {
  readonly settings: WidgetSettings;
  readonly strings: WidgetStrings;
  readonly root: ShadowRoot;
  readonly launcher: HTMLButtonElement;
  readonly storageKey: string;
  /** The count on the launcher while the panel is closed; 0 hides it. */
  setUnread(count: number): void;
}

export interface MountedChat {
  open(): void;
  close(): void;
}

interface BatonGlobal {
  init(settings: Record<string, unknown>): void;
  open(): void;
  close(): void;
  readonly version: string;
}

declare global {
  interface Window {
    Baton?: Partial<BatonGlobal>;
    /** Settings set before the script loads, as an alternative to data-* attributes. */
    BatonSettings?: Record<string, unknown>;
  }
}

const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;
const chunkUrl = new URL('baton-widget-chat.js', script?.src || location.href).href;
let mounted: Promise<MountedChat> | undefined;
let started = false;

function mountChat(shell: WidgetShell): Promise<MountedChat> {
  mounted ??= (import(/* @vite-ignore */ chunkUrl) as Promise<{ mount(shell: WidgetShell): MountedChat }>).then((chunk) => chunk.mount(shell));
  return mounted;
}

function init(raw: Record<string, unknown>): void {
  if (started) return console.warn('[baton] the chat widget is already on this page; init() ignored');
  const parsed = parseWidgetSettings(raw);
  if (!parsed.ok) return console.error(`[baton] the chat widget is off: ${parsed.reason}`);
  started = true;
  if (parsed.ignored.length > 0) console.warn(`[baton] ignored invalid settings, using defaults: ${parsed.ignored.join(', ')}`);
  const { settings } = parsed;
  const strings = stringsFor(pickLanguage(settings.language, document.documentElement.lang, navigator.languages ?? [navigator.language]));

  const host = document.createElement('baton-chat');
  host.dataset['position'] = settings.position;
  host.style.setProperty('--baton-accent', settings.accent);
  host.style.setProperty('--baton-ink', inkOn(settings.accent));
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(WIDGET_CSS);
  root.adoptedStyleSheets = [sheet];

  const launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'launcher';
  launcher.lang = strings.lang;
  launcher.setAttribute('aria-expanded', 'false');
  launcher.append(strings.openChat);
  const badge = document.createElement('span');
  badge.className = 'badge';
  badge.hidden = true;
  badge.setAttribute('aria-hidden', 'true');
  launcher.append(badge);
  root.append(launcher);

  const shell: WidgetShell = {
    settings,
    strings,
    root,
    launcher,
    storageKey: savedChatKey(settings.tokenService),
    setUnread(count) {
      badge.hidden = count === 0;
      badge.textContent = String(count);
      if (count === 0) launcher.removeAttribute('aria-label');
      else launcher.setAttribute('aria-label', `${strings.openChat} (${strings.unread(count)})`);
    },
  };
  const open = () => {
    launcher.setAttribute('aria-busy', 'true');
    mountChat(shell).then(
      (chat) => chat.open(),
      (error: unknown) => console.error('[baton] unable to load the chat;', error),
    ).finally(() => launcher.removeAttribute('aria-busy'));
  };
  launcher.addEventListener('click', open);
  // Intent to open (pointer over, keyboard focus) starts the download, so the panel is there sooner on click.
  const preload = () => void mountChat(shell).catch(() => {});
  launcher.addEventListener('pointerenter', preload, { once: true });
  launcher.addEventListener('focus', preload, { once: true });
  Object.assign(baton, { open, close: () => void mounted?.then((chat) => chat.close()) });
  document.body.append(host);
  // A chat going on (from another page of this site): load the chat now, so it goes on and counts unread lines.
  if (readSavedChat(shell.storageKey)) void mountChat(shell).catch((error: unknown) => console.error('[baton] unable to resume the chat;', error));
}

const baton: BatonGlobal = {
  init,
  open: () => console.warn('[baton] call Baton.init() first'),
  close: () => {},
  version: '1',
};
window.Baton = baton;

const fromTag = script?.dataset ?? {};
const preset = window.BatonSettings;
if (fromTag['tokenService'] !== undefined || preset !== undefined) {
  const settings = { ...preset, ...fromTag };
  if (document.body) init(settings);
  else document.addEventListener('DOMContentLoaded', () => init(settings), { once: true });
}
