// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import da from '../../public/_locales/da/messages.json';
import en from '../../public/_locales/en/messages.json';
import { createTranslator, parseMessages } from '@/lib/i18n/translator';
import type { ChatSnapshot, SessionSnapshot } from '@/lib/session/session-snapshot';
import { I18nProvider } from '../i18n-context';
import { ChatPanel, type ChatActions } from './chat-panel';
import { ChatsPanel } from './chats-panel';
import { OfferBanner } from './offer-banner';

const english = createTranslator(parseMessages(en) ?? {}, {}, 'en');
const danish = createTranslator(parseMessages(da) ?? {}, parseMessages(en) ?? {}, 'da');

const session: SessionSnapshot = {
  connection: { phase: 'connected', error: null, since: 0 },
  me: { clientId: 'alice', name: 'Alice Andersen', manager: false, listener: false },
  status: 'present',
  agents: [
    { clientId: 'alice', name: 'Alice Andersen', status: 'present', activeChats: 1 },
    { clientId: 'sam', name: 'Sam Sørensen', status: 'present', activeChats: 2 },
  ],
  lobby: [],
  chats: [],
  offerTimeoutMs: 120_000,
  now: 0,
};

const chat = (over: Partial<ChatSnapshot> = {}): ChatSnapshot =>
  ({
    chatId: 'c1',
    visitorName: 'Ada',
    topic: '',
    owner: 'sam',
    ended: false,
    myRole: 'none',
    canWrite: false,
    canTransfer: false,
    canRespond: false,
    canCancel: false,
    canTakeOver: false,
    canEnd: false,
    canLink: false,
    canCreateRequest: false,
    canClose: false,
    pendingOffer: null,
    highlight: { kind: 'none' },
    lastOffer: null,
    transcript: [],
    typing: [],
    unread: 0,
    requests: [],
    ...over,
  }) as ChatSnapshot;

const ended = (status: 'cancelled' | 'expired' | 'superseded', cause: 'receiver-away' | 'receiver-offline' | null = null, from = 'sam', to = 'alice') => ({
  lastOffer: { transferId: 't1', status, from, to, at: 1, reason: null, cause },
});

function showPanel(snapshot: ChatSnapshot, t = english) {
  const actions = Object.fromEntries(
    ['back', 'setDraft', 'send', 'setTyping', 'transfer', 'cancelTransfer', 'accept', 'reject', 'closeWindow', 'endChat', 'createRequest', 'findPersons', 'linkPerson', 'lookUpPerson', 'takeOver'].map((name) => [name, vi.fn()]),
  ) as unknown as ChatActions;
  render(
    <I18nProvider value={t}>
      <ChatPanel chat={snapshot} session={session} targets={[]} draft="" createdRequest={null} error={null} actions={actions} />
    </I18nProvider>,
  );
}

afterEach(cleanup);

describe('the receiver is told how an offer to them ended', () => {
  it.each([
    ['cancelled', null, 'Sam Sørensen cancelled the transfer.', 'Sam Sørensen annullerede overførslen.'],
    ['cancelled', 'receiver-away', 'The transfer from Sam Sørensen ended because you went away.', 'Overførslen fra Sam Sørensen sluttede, fordi du ikke var til stede.'],
    ['expired', null, 'The transfer from Sam Sørensen expired.', 'Overførslen fra Sam Sørensen udløb.'],
    ['superseded', null, 'The transfer from Sam Sørensen ended.', 'Overførslen fra Sam Sørensen sluttede.'],
  ] as const)('%s (%s), in English and Danish', (status, cause, inEnglish, inDanish) => {
    showPanel(chat(ended(status, cause)));
    expect(screen.getByRole('status').textContent).toBe(inEnglish);
    cleanup();
    showPanel(chat(ended(status, cause)), danish);
    expect(screen.getByRole('status').textContent).toBe(inDanish);
  });

  it('in the chat list too', () => {
    render(
      <I18nProvider value={english}>
        <ChatsPanel connected queue={[]} chats={[chat(ended('cancelled'))]} session={session} error={null} onPickUp={() => {}} onOpen={() => {}} returnFocusTo={null} />
      </I18nProvider>,
    );
    expect(screen.getByRole('button', { name: /Ada/ }).textContent).toContain('Sam Sørensen cancelled the transfer.');
  });
});

describe('the sender is told the receiver left Present', () => {
  it.each([
    ['receiver-away', 'Sam Sørensen went away; the transfer ended.', 'Sam Sørensen er ikke længere til stede; overførslen sluttede.'],
    ['receiver-offline', 'Sam Sørensen went offline; the transfer ended.', 'Sam Sørensen gik offline; overførslen sluttede.'],
  ] as const)('%s', (cause, inEnglish, inDanish) => {
    const mine = chat({ owner: 'alice', myRole: 'owner', canWrite: true, ...ended('cancelled', cause, 'alice', 'sam') });
    showPanel(mine);
    expect(screen.getByText(inEnglish)).toBeTruthy();
    cleanup();
    showPanel(mine, danish);
    expect(screen.getByText(inDanish)).toBeTruthy();
  });
});

describe('OfferBanner', () => {
  const offered = chat({
    chatId: 'c2',
    visitorName: 'Hedy',
    myRole: 'offered-to',
    canRespond: true,
    pendingOffer: { transferId: 't2', from: 'sam', to: 'alice', note: '', offeredAt: 0, expiresAt: 90_000, accepted: false, overdue: false },
  });

  it('shows an offer for another chat, with Accept transfer and Open transfer; not the open chat’s own', () => {
    const onAccept = vi.fn();
    const onOpen = vi.fn();
    render(
      <I18nProvider value={danish}>
        <OfferBanner session={{ ...session, chats: [chat(), offered] }} openChatId="c1" onAccept={onAccept} onOpen={onOpen} />
      </I18nProvider>,
    );
    const region = screen.getByRole('region', { name: 'Overførsel tilbudt dig' });
    expect(region.textContent).toContain('Sam Sørensen vil overføre Hedy til dig.');
    fireEvent.click(screen.getByRole('button', { name: 'Accepter overførsel' }));
    expect(onAccept).toHaveBeenCalledWith('c2', 't2');
    fireEvent.click(screen.getByRole('button', { name: 'Åbn overførsel' }));
    expect(onOpen).toHaveBeenCalledWith('c2');
    cleanup();
    render(
      <I18nProvider value={english}>
        <OfferBanner session={{ ...session, chats: [offered] }} openChatId="c2" onAccept={onAccept} onOpen={onOpen} />
      </I18nProvider>,
    );
    expect(screen.queryByRole('region')).toBeNull();
  });
});

describe('my transfer action is shown as pending until the chat log has it', () => {
  it.each([
    ['transfer', 'Transferring…', 'Overfører…'],
    ['cancel', 'Cancelling the transfer…', 'Annullerer overførslen…'],
    ['accept', 'Accepting the transfer…', 'Accepterer overførslen…'],
    ['reject', 'Rejecting the transfer…', 'Afviser overførslen…'],
  ] as const)('%s, in English and Danish, as a status', (action, inEnglish, inDanish) => {
    showPanel(chat({ pendingAction: action, myRole: 'owner', owner: 'alice' }));
    expect(screen.getByRole('status').textContent).toBe(inEnglish);
    cleanup();
    showPanel(chat({ pendingAction: action, myRole: 'owner', owner: 'alice' }), danish);
    expect(screen.getByRole('status').textContent).toBe(inDanish);
  });

  it('nothing pending shows no such status', () => {
    showPanel(chat({ pendingAction: null, myRole: 'owner', owner: 'alice' }));
    expect(screen.queryByText(/…$/)).toBeNull();
  });
});
