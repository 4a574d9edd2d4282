// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import da from '../../public/_locales/da/messages.json';
import en from '../../public/_locales/en/messages.json';
import { createTranslator, parseMessages } from '@/lib/i18n/translator';
import type { LobbyEntry } from '@/lib/session/lobby';
import { I18nProvider } from '../i18n-context';
import { ChatsPanel } from './chats-panel';

const english = createTranslator(parseMessages(en) ?? {}, {}, 'en');
const danish = createTranslator(parseMessages(da) ?? {}, parseMessages(en) ?? {}, 'da');
const queue: LobbyEntry[] = [{ chatId: 'q1', visitorName: 'Ada', topic: '', startedAt: 0, owner: null }];

function showPanel(onPickUp: () => Promise<unknown>, translate = english) {
  render(
    <I18nProvider value={translate}>
      <ChatsPanel connected queue={queue} chats={[]} session={null} error={null} onPickUp={onPickUp} onOpen={() => {}} returnFocusTo={null} />
    </I18nProvider>,
  );
}

afterEach(cleanup);

describe('picking up a chat', () => {
  it.each([
    [english, 'Get next in queue', 'Opening the chat…'],
    [danish, 'Hent næste fra køen', 'Åbner chatten…'],
  ] as const)('says it is under way until the chat is open, and takes no second click meanwhile (%#)', async (translate, label, progress) => {
    let done = () => {};
    let clicks = 0;
    showPanel(() => {
      clicks += 1;
      return new Promise<void>((resolve) => (done = resolve));
    }, translate);
    expect(screen.queryByRole('status')).toBeNull();
    const button = screen.getByRole('button', { name: label }) as HTMLButtonElement;
    fireEvent.click(button);
    expect(screen.getByRole('status').textContent).toBe(progress);
    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-busy')).toBe('true');
    fireEvent.click(button);
    expect(clicks).toBe(1);
    await act(async () => done());
    expect(screen.queryByRole('status')).toBeNull();
    expect(button.disabled).toBe(false);
  });
});
