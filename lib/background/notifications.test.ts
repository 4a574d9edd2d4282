import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ChatView } from '../chat/view.ts';
import { translatorFor } from '../i18n/translator-for.ts';
import type { SessionSnapshot } from '../session/session-snapshot.ts';
import { noticeContent } from './notifications.ts';

type Ending = NonNullable<ChatView['lastOffer']>;

const snapshot = { agents: [{ clientId: 'bob', name: 'Bob Berg' }] } as unknown as SessionSnapshot;
beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en');
});

const ending = (over: Partial<Ending>): Ending => ({ transferId: 't1', status: 'cancelled', from: 'alice', to: 'bob', at: 1, reason: null, cause: null, ...over });

async function messageFor(end: Ending, language: 'en' | 'da'): Promise<string | undefined> {
  return noticeContent({ kind: 'outcome', chatId: 'c1', transferId: 't1', ending: end }, snapshot, translatorFor(language).t)?.message;
}

describe('noticeContent for how the sender\'s offer ended', () => {
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

describe('noticeContent for an offer', () => {
  it('names the sender and the visitor, and carries Accept and Reject in the agent\'s language', () => {
    const offer = { kind: 'offer' as const, chatId: 'c1', transferId: 't1', from: 'bob', visitorName: 'Ada Lovelace', note: 'Billing' };
    const english = noticeContent(offer, snapshot, translatorFor('en').t);
    expect(english).toMatchObject({ id: 'offer|c1|t1', title: 'Transfer from Bob Berg', buttons: ['Accept transfer', 'Reject transfer'] });
    expect(english?.message).toContain('Ada Lovelace');
    expect(english?.message).toContain('Billing');
    const danish = noticeContent(offer, snapshot, translatorFor('da').t);
    expect(danish?.buttons).toEqual(['Accepter overførsel', 'Afvis overførsel']);
  });

  it('has no buttons when it only tells the sender how the offer ended', () => {
    expect(noticeContent({ kind: 'outcome', chatId: 'c1', transferId: 't1', ending: ending({ status: 'rejected' }) }, snapshot, translatorFor('en').t)).toEqual({
      id: 'outcome|c1|t1',
      title: 'Baton',
      message: 'Bob Berg rejected the transfer.',
    });
  });
});
