// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import da from '../../public/_locales/da/messages.json';
import en from '../../public/_locales/en/messages.json';
import type { TranscriptEntry } from '@/lib/chat/fold-support';
import { createTranslator, parseMessages, type Translate } from '@/lib/i18n/translator';
import type { OutgoingMessage } from '@/lib/models/outgoing-messages';
import { I18nProvider } from '../i18n-context';
import { Transcript } from './transcript';

const english = createTranslator(parseMessages(en) ?? {});
const danish = createTranslator(parseMessages(da) ?? {}, parseMessages(en) ?? {});

const visitorLine: TranscriptEntry = { id: 'v1', clientId: 'visitor-1', timestamp: 0, authorKind: 'visitor', text: 'Where is my parcel?', fromOwner: false, countsAsReply: false };

function show(t: Translate, outgoing: OutgoingMessage[], onRetry = vi.fn()) {
  render(
    <I18nProvider value={t}>
      <Transcript entries={[visitorLine]} me="alice" visitor="Ada" session={null} outgoing={outgoing} onRetry={onRetry} logRef={{ current: null }} />
    </I18nProvider>,
  );
  return { log: screen.getByRole('log'), onRetry };
}

describe('my messages on their way', () => {
  afterEach(cleanup);

  it('shows a message the hub has not confirmed as sending, after the conversation', () => {
    const { log } = show(english, [{ id: 'm1', text: 'Checking now', at: 0, state: 'sending' }]);
    expect(within(log).getByText('Checking now')).toBeTruthy();
    expect(within(log).getByText('Sending…')).toBeTruthy();
    expect(within(log).queryByRole('button')).toBeNull();
    expect(log.textContent!.indexOf('Where is my parcel?')).toBeLessThan(log.textContent!.indexOf('Checking now'));
  });

  it('a failed one says so in Danish, and Prøv igen retries that message', () => {
    const { log, onRetry } = show(danish, [{ id: 'm1', text: 'Jeg tjekker', at: 0, state: 'failed' }]);
    expect(within(log).getByText('Fejlede — ikke sendt')).toBeTruthy();
    fireEvent.click(within(log).getByRole('button', { name: 'Prøv igen' }));
    expect(onRetry).toHaveBeenCalledWith('m1');
  });
});
