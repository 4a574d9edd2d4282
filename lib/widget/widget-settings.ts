import * as v from 'valibot';

// What a website owner sets, from the script tag's data-* attributes or from `Baton.init({...})` (docs/widget.md).
// Both come from a page we do not control, so they are parsed like any other outside input: a bad value falls
// back to its default and is reported once on the console, never breaking the page.

export type WidgetPosition = 'bottom-right' | 'bottom-left';
export type PrechatFieldName = 'name' | 'email' | 'topic';

export interface WidgetSettings {
  /** Base URL of Baton's token service, e.g. `https://baton.example.com`. Required. */
  readonly tokenService: string;
  /** `ably` (Ably's own endpoints) or a self-hosted hub's URL, e.g. `ws://127.0.0.1:8377`. */
  readonly realtime: 'ably' | { readonly host: string; readonly port: number; readonly tls: boolean };
  readonly brand: string;
  /** A CSS hex colour; the text on it is chosen for contrast. */
  readonly accent: string;
  /** An https: (or same-origin) image URL shown in the header; empty for none. */
  readonly logo: string;
  /** Which pre-chat fields are asked; `name` always is. */
  readonly fields: readonly PrechatFieldName[];
  /** Topics to choose from; empty uses the language's default list. */
  readonly topics: readonly string[];
  /** `en`, `da`, or `auto` (the page's `<html lang>`, then the browser's languages). */
  readonly language: 'en' | 'da' | 'auto';
  readonly position: WidgetPosition;
  /** Shown above the pre-chat form; empty uses the language's default. */
  readonly greeting: string;
  /** Shown while nobody has answered for `awayAfterSeconds` (no agent present, outside opening hours). */
  readonly awayMessage: string;
  readonly awayAfterSeconds: number;
  readonly showAgentName: boolean;
}

const MAX_TEXT = 500;
const text = v.pipe(v.string(), v.trim(), v.maxLength(MAX_TEXT));
const bool = v.pipe(
  v.union([v.boolean(), v.picklist(['true', 'false', 'yes', 'no', ''])]),
  v.transform((value) => value === true || value === 'true' || value === 'yes' || value === ''),
);
const list = v.pipe(
  v.union([v.array(v.string()), v.string()]),
  v.transform((value) => (typeof value === 'string' ? value.split(/[,|]/) : value).map((item) => item.trim()).filter((item) => item.length > 0 && item.length <= 80)),
  v.maxLength(20),
);
const httpUrl = v.pipe(v.string(), v.trim(), v.url(), v.regex(/^https?:\/\//), v.maxLength(2048));

function parseRealtime(value: unknown): WidgetSettings['realtime'] | undefined {
  if (value === undefined || value === 'ably' || value === '') return 'ably';
  if (typeof value !== 'string') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return undefined;
  const tls = url.protocol === 'wss:';
  return { host: url.hostname, port: Number(url.port) || (tls ? 443 : 80), tls };
}

const FIELDS = ['name', 'email', 'topic'] as const;

const Schema = v.object({
  brand: v.optional(v.pipe(text, v.minLength(1), v.maxLength(60)), 'Support'),
  accent: v.optional(v.pipe(v.string(), v.trim(), v.regex(/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/)), '#0f7b5f'),
  logo: v.optional(v.union([v.literal(''), httpUrl]), ''),
  fields: v.optional(v.pipe(list, v.transform((items) => ['name', ...FIELDS.filter((f) => f !== 'name' && items.includes(f))] as PrechatFieldName[])), [...FIELDS]),
  topics: v.optional(list, []),
  language: v.optional(v.picklist(['en', 'da', 'auto']), 'auto'),
  position: v.optional(v.picklist(['bottom-right', 'bottom-left']), 'bottom-right'),
  greeting: v.optional(text, ''),
  awayMessage: v.optional(text, ''),
  awayAfterSeconds: v.optional(v.pipe(v.union([v.number(), v.pipe(v.string(), v.regex(/^\d{1,5}$/), v.transform(Number))]), v.integer(), v.minValue(0), v.maxValue(86_400)), 90),
  showAgentName: v.optional(bool, true),
});

export type SettingsResult = { readonly ok: true; readonly settings: WidgetSettings; readonly ignored: readonly string[] } | { readonly ok: false; readonly reason: string };

/**
 * Settings from a plain object (`Baton.init`) or a script's dataset (`data-token-service` → `tokenService`).
 * Without a valid token service there is nothing to connect to; every other bad value falls back to its default.
 */
export function parseWidgetSettings(raw: unknown): SettingsResult {
  if (raw === null || typeof raw !== 'object') return { ok: false, reason: 'settings must be an object' };
  const input = raw as Record<string, unknown>;
  const tokenService = v.safeParse(httpUrl, input['tokenService']);
  if (!tokenService.success) return { ok: false, reason: 'tokenService (data-token-service) must be an http(s) URL' };
  const ignored: string[] = [];
  const realtime = parseRealtime(input['realtime']);
  if (realtime === undefined) ignored.push('realtime');
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(Schema.entries)) {
    const value = input[key];
    if (value === undefined) continue;
    const one = v.safeParse(Schema.entries[key as keyof typeof Schema.entries], value);
    if (one.success) picked[key] = value;
    else ignored.push(key);
  }
  const parsed = v.parse(Schema, picked);
  return { ok: true, settings: { ...parsed, tokenService: tokenService.output.replace(/\/+$/, ''), realtime: realtime ?? 'ably' }, ignored };
}

/** `en` or `da`: the setting, else the page's `<html lang>`, else the first of the browser's languages we speak. */
export function pickLanguage(setting: WidgetSettings['language'], pageLang: string | null | undefined, browserLanguages: readonly string[]): 'en' | 'da' {
  if (setting !== 'auto') return setting;
  for (const candidate of [pageLang ?? '', ...browserLanguages]) {
    const primary = candidate.toLowerCase().split('-')[0];
    if (primary === 'da' || primary === 'en') return primary;
  }
  return 'en';
}

/** Black or white text on the accent, whichever contrasts more (WCAG relative luminance). */
export function inkOn(hex: string): '#ffffff' | '#111111' {
  const full = hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join('')}` : hex;
  const channel = (i: number) => {
    const c = parseInt(full.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? '#ffffff' : '#111111';
}
