// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import en from '../../public/_locales/en/messages.json';
import type { ErrorInfo } from '@/lib/errors';
import { createTranslator, parseMessages } from '@/lib/i18n/translator';
import type { ChatSnapshot, SessionSnapshot } from '@/lib/session/session-snapshot';
import { I18nProvider } from '../i18n-context';
import { PopupApp } from './popup-app';

const english = createTranslator(parseMessages(en) ?? {}, {}, 'en');

const offered = {
  chatId: 'c1',
  visitorName: 'Ada',
  topic: '',
  startedAt: null,
  canRespond: true,
  pendingOffer: { transferId: 't1', from: 'sam', to: 'alice', note: '', offeredAt: 1, expiresAt: Date.now() + 60_000, accepted: false, overdue: false },
  transcript: [],
} as unknown as ChatSnapshot;

const sessionWith = (chats: ChatSnapshot[]): SessionSnapshot => ({
  connection: { phase: 'connected', error: null, since: 0 },
  me: { clientId: 'alice', name: 'Alice Andersen', manager: false, listener: false },
  status: 'present',
  agents: [{ clientId: 'sam', name: 'Sam Sørensen', status: 'present', activeChats: 1 }],
  lobby: [],
  chats,
  offerTimeoutMs: 120_000,
  now: 0,
});

afterEach(cleanup);

describe('the popup’s Accept', () => {
  it('a predicted Accept hides the offer; a refusal brings it back with the reason', async () => {
    let refuse: (error: ErrorInfo | null) => void = () => {};
    const props = {
      onAccept: () => new Promise<ErrorInfo | null>((resolve) => (refuse = resolve)),
      onReject: async () => null,
      onOpenSettings: () => {},
    };
    const show = (session: SessionSnapshot) => (
      <I18nProvider value={english}>
        <PopupApp session={session} {...props} />
      </I18nProvider>
    );
    const { rerender } = render(show(sessionWith([offered])));
    fireEvent.click(screen.getByRole('button', { name: 'Accept transfer' }));
    // The background's prediction: I own the chat, so it is no longer an offer to answer.
    rerender(show(sessionWith([{ ...offered, canRespond: false, pendingOffer: null, pendingAction: 'accept' }])));
    expect(screen.queryByRole('button', { name: 'Accept transfer' })).toBeNull();
    // Refused: the log's state again, and the refusal in words.
    rerender(show(sessionWith([offered])));
    await act(async () => refuse({ code: 'offer-not-pending', message: 'unable to accept the transfer; offer-not-pending' }));
    expect(screen.getByRole('alert').textContent).toBe('The transfer has already ended.');
    expect(screen.getByRole('button', { name: 'Accept transfer' })).toBeTruthy();
  });
});
