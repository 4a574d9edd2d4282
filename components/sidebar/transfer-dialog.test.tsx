// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import da from '../../public/_locales/da/messages.json';
import en from '../../public/_locales/en/messages.json';
import { createTranslator, parseMessages } from '@/lib/i18n/translator';
import type { AgentPresence } from '@/lib/realtime/agent-presence';
import { I18nProvider } from '../i18n-context';
import { TransferDialog } from './transfer-dialog';

const english = createTranslator(parseMessages(en) ?? {});
const danish = createTranslator(parseMessages(da) ?? {}, parseMessages(en) ?? {});

const crowd: AgentPresence[] = Array.from({ length: 120 }, (_, i) => ({ clientId: `a${i}`, name: `Agent ${String(i).padStart(3, '0')}`, status: 'present', activeChats: 0 }));

function show(agents: readonly AgentPresence[], t = english) {
  const onTransfer = vi.fn(async () => ({ ok: true }));
  render(
    <I18nProvider value={t}>
      <TransferDialog agents={agents} onTransfer={onTransfer} onClose={() => {}} />
    </I18nProvider>,
  );
  return { onTransfer };
}

const search = (value: string) => fireEvent.input(screen.getByRole('searchbox'), { target: { value } });

afterEach(cleanup);

describe('TransferDialog with many colleagues', () => {
  it('shows the best 50, says so in a polite live line, and lists all once the search narrows enough', () => {
    show(crowd);
    expect(screen.getAllByRole('radio')).toHaveLength(50);
    const line = screen.getByText('Showing 50 of 120 — type to narrow the list');
    expect(line.getAttribute('aria-live')).toBe('polite');

    search('agent 11');
    expect(screen.getAllByRole('radio')).toHaveLength(10);
    expect(line.textContent).toBe('');
  });

  it('keeps the chosen colleague shown and submittable when the search no longer matches them', async () => {
    const { onTransfer } = show(crowd);
    fireEvent.click(screen.getByRole('radio', { name: /Agent 007/ }));
    search('agent 11');
    const chosen = screen.getByRole('radio', { name: /Agent 007/ }) as HTMLInputElement;
    expect(chosen.checked).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    await vi.waitFor(() => expect(onTransfer).toHaveBeenCalledWith('a7', ''));
  });

  it('says it in Danish too', () => {
    show(crowd, danish);
    expect(screen.getByText('Viser 50 af 120 — skriv for at indsnævre listen')).toBeTruthy();
  });
});
