import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ID_KEY_KEY, sessionIdKey } from './session-settings.ts';

describe('sessionIdKey', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('gives every worker of a browser session the same key, kept in storage.session', async () => {
    const first = await sessionIdKey();
    expect(first).toHaveLength(32);
    expect(await sessionIdKey()).toEqual(first);
    expect(await fakeBrowser.storage.local.get(ID_KEY_KEY)).toEqual({});
  });

  it('replaces a stored value that is not a 256-bit hex key, and a new browser session gets a new key', async () => {
    await fakeBrowser.storage.session.set({ [ID_KEY_KEY]: 'ab'.repeat(31) });
    const replaced = await sessionIdKey();
    expect(replaced).toHaveLength(32);
    expect(Buffer.from(replaced).toString('hex')).not.toBe('ab'.repeat(31));
    await fakeBrowser.storage.session.set({ [ID_KEY_KEY]: { hex: 'nope' } });
    expect(await sessionIdKey()).not.toEqual(replaced);
    fakeBrowser.reset();
    expect(await sessionIdKey()).not.toEqual(replaced);
  });

  it('still gives a key when storage.session fails, so the session starts', async () => {
    vi.spyOn(fakeBrowser.storage.session, 'get').mockRejectedValueOnce(new Error('storage unavailable'));
    vi.spyOn(fakeBrowser.storage.session, 'set').mockRejectedValueOnce(new Error('storage unavailable'));
    expect(await sessionIdKey()).toHaveLength(32);
  });
});
