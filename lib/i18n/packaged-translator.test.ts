import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type * as PackagedTranslator from './packaged-translator.ts';

// The packaged tables are the real public/_locales files, served to fetch from disk.
function servePackage(failFor: string[] = []) {
  const requested: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    const path = new URL(url).pathname;
    requested.push(path);
    if (failFor.some((part) => path.includes(part))) throw new TypeError('Failed to fetch');
    return new Response(await readFile(`public${path}`, 'utf8'));
  });
  return requested;
}

describe('loadPackagedTranslator', () => {
  // A fresh module per test: its cache of tables is the thing under test.
  let loadPackagedTranslator: typeof PackagedTranslator.loadPackagedTranslator;
  beforeEach(async () => {
    vi.resetModules();
    ({ loadPackagedTranslator } = await import('./packaged-translator.ts'));
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('speaks the chosen language, reading each table from the package once', async () => {
    const requested = servePackage();
    const t = await loadPackagedTranslator('da');
    expect(t('acceptTransfer')).toBe('Accepter overførsel');
    await loadPackagedTranslator('da');
    expect(requested.filter((path) => path.includes('/da/'))).toHaveLength(1);
  });

  it('makes one translator per language, not one per notification', async () => {
    servePackage();
    const [first, again] = await Promise.all([loadPackagedTranslator('da'), loadPackagedTranslator('da')]);
    expect(await loadPackagedTranslator('da')).toBe(first);
    expect(again).toBe(first);
    expect(await loadPackagedTranslator('en')).not.toBe(first);
  });

  it('tries again after a failed read instead of failing every later notification', async () => {
    servePackage(['/en/']);
    await expect(loadPackagedTranslator('en')).rejects.toThrow('Failed to fetch');
    servePackage();
    expect((await loadPackagedTranslator('en'))('rejectTransfer')).toBe('Reject transfer');
  });
});
