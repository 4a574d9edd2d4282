import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ChatView } from '../chat/view.ts';
import { translatorFor } from '../i18n/translator-for.ts';
import type { SessionSnapshot } from '../session/session-snapshot.ts';
import { showNotice } from './notifications.ts';

type Ending = NonNullable<ChatView['lastOffer']>;

const snapshot = { agents: [{ clientId: 'bob', name: 'Bob Berg' }] } as unknown as SessionSnapshot;
const ending = (over: Partial<Ending>): Ending => ({ transferId: 't1', status: 'cancelled', from: 'alice', to: 'bob', at: 1, reason: null, cause: null, ...over });

async function messageFor(end: Ending, language: 'en' | 'da'): Promise<string | undefined> {
  const create = vi.spyOn(fakeBrowser.notifications, 'create').mockResolvedValue(undefined as never);
  await showNotice({ kind: 'outcome', chatId: 'c1', transferId: 't1', ending: end }, snapshot, translatorFor(language).t);
  return (create.mock.lastCall?.[1] as { message?: string } | undefined)?.message;
}

describe('showNotice for how the sender\'s offer ended', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en');
  });

  it('says the receiver went away or offline when that ended it, as the sidebar does, not "cancelled"', async () => {
    expect(await messageFor(ending({ cause: 'receiver-away' }), 'en')).toBe('Bob Berg went away; the transfer ended.');
    expect(await messageFor(ending({ cause: 'receiver-offline' }), 'en')).toBe('Bob Berg went offline; the transfer ended.');
    expect(await messageFor(ending({ cause: 'receiver-away' }), 'da')).toMatch(/^Bob Berg .*/);
    expect(await messageFor(ending({ cause: 'receiver-away' }), 'da')).not.toBe(await messageFor(ending({ cause: null }), 'da'));
  });

  it('says cancelled, rejected, expired and accepted in their own words', async () => {
    expect(await messageFor(ending({}), 'en')).toBe('The transfer to Bob Berg was cancelled.');
    expect(await messageFor(ending({ status: 'rejected' }), 'en')).toBe('Bob Berg rejected the transfer.');
    expect(await messageFor(ending({ status: 'expired' }), 'en')).toBe('Bob Berg did not answer in time; the transfer expired.');
    expect(await messageFor(ending({ status: 'completed' }), 'en')).toMatch(/Bob Berg/);
  });
});
