import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { EARLY_PREFERENCES_GLOBAL, earlyViewPreferences } from './early-preferences.ts';
import { VIEW_PREFERENCE_KEYS } from './preferences.ts';

beforeEach(() => {
  fakeBrowser.reset();
});

const withEarly = (read: unknown) => ({ [EARLY_PREFERENCES_GLOBAL]: read });

describe('earlyViewPreferences', () => {
  it('parses what the early script read', async () => {
    const read = Promise.resolve({ shownLanguage: 'da', agentStatus: 'away', sidebarCollapsed: true });
    expect(await earlyViewPreferences(withEarly(read))).toEqual({ language: 'da', status: 'away', collapsed: true });
  });

  it('drops values it does not know to the defaults', async () => {
    const read = Promise.resolve({ shownLanguage: '<img>', agentStatus: 42, sidebarCollapsed: 'yes' });
    expect(await earlyViewPreferences(withEarly(read))).toEqual({ language: 'auto', status: 'present', collapsed: false });
  });

  it('reads storage itself when the page had no early read, or it failed or brought something else', async () => {
    await fakeBrowser.storage.local.set({ language: 'en', agentStatus: 'away' });
    const stored = { language: 'en', status: 'away', collapsed: false };
    expect(await earlyViewPreferences({})).toEqual(stored);
    expect(await earlyViewPreferences(withEarly(Promise.reject(new Error('context invalidated'))))).toEqual(stored);
    expect(await earlyViewPreferences(withEarly(Promise.resolve(['da'])))).toEqual(stored);
    expect(await earlyViewPreferences(withEarly('da'))).toEqual(stored);
  });
});

describe('public/sidebar-early.js', () => {
  it('reads exactly the keys the parse reads, into the global the sidebar looks at', () => {
    const source = readFileSync('public/sidebar-early.js', 'utf8');
    const keys = /storage\.local\.get\((\[[^\]]*\])\)/.exec(source)?.[1];
    expect(JSON.parse(keys!.replaceAll("'", '"'))).toEqual([...VIEW_PREFERENCE_KEYS]);
    expect(source).toContain(`globalThis.${EARLY_PREFERENCES_GLOBAL} =`);
  });
});
