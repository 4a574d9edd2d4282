// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import da from '../../public/_locales/da/messages.json';
import en from '../../public/_locales/en/messages.json';
import type { PersonSearch } from '@/lib/models/sidebar-model';
import { createTranslator, parseMessages } from '@/lib/i18n/translator';
import { I18nProvider } from '../i18n-context';
import { LinkPersonDialog } from './link-person-dialog';

const english = createTranslator(parseMessages(en) ?? {});
const danish = createTranslator(parseMessages(da) ?? {}, parseMessages(en) ?? {});

const anna = { id: '1', name: 'Anna Berg', title: 'Head of Customer Service' };
const lars = { id: '2', name: 'Lars Eriksen', email: 'lars.eriksen@nordvik.example' };

/** A CRM the test answers by hand: each question waits until the test resolves it. */
function manualCrm() {
  const asked: Array<{ query: string; answer: (result: PersonSearch) => void }> = [];
  const find = vi.fn((query: string) => new Promise<PersonSearch>((resolve) => asked.push({ query, answer: resolve })));
  return { asked, find };
}

function show(find: (query: string) => Promise<PersonSearch>, t = english) {
  const onLink = vi.fn(async () => ({ ok: false, error: { code: 'not-owner', message: 'unable to link the contact; the sender does not own the chat' } }));
  const onClose = vi.fn();
  render(
    <I18nProvider value={t}>
      <LinkPersonDialog find={find} onLink={onLink} onClose={onClose} searchDelayMs={0} />
    </I18nProvider>,
  );
  return { onLink, onClose };
}

afterEach(cleanup);

describe('LinkPersonDialog', () => {
  it('says it is searching, then shows the suggestions; typing searches instead', async () => {
    const crm = manualCrm();
    show(crm.find);
    expect(screen.getByRole('status').textContent).toBe('Searching…');
    await waitFor(() => expect(crm.asked).toHaveLength(1));
    crm.asked[0]!.answer({ ok: true, persons: [anna] });
    expect(await screen.findByRole('button', { name: /Anna Berg/ })).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Suggestions' }).textContent).toContain('Head of Customer Service');

    fireEvent.input(screen.getByRole('searchbox', { name: 'Search persons' }), { target: { value: ' lars ' } });
    await waitFor(() => expect(crm.asked).toHaveLength(2));
    expect(crm.asked[1]!.query).toBe('lars');
    crm.asked[1]!.answer({ ok: true, persons: [lars] });
    expect(await screen.findByRole('list', { name: 'Search results' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Anna Berg/ })).toBeNull();
  });

  it('shows only the newest answer when an older one arrives late', async () => {
    const crm = manualCrm();
    show(crm.find);
    await waitFor(() => expect(crm.asked).toHaveLength(1));
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'lars' } });
    await waitFor(() => expect(crm.asked).toHaveLength(2));
    crm.asked[1]!.answer({ ok: true, persons: [lars] });
    await screen.findByRole('button', { name: /Lars Eriksen/ });
    crm.asked[0]!.answer({ ok: true, persons: [anna] });
    // Let the late answer and any render it causes run before looking.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(screen.queryByRole('button', { name: /Anna Berg/ })).toBeNull();
    expect(screen.getByRole('button', { name: /Lars Eriksen/ })).toBeTruthy();
  });

  it('says when nothing matches, both for suggestions and for a search (Danish)', async () => {
    show(async () => ({ ok: true, persons: [] }), danish);
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Ingen person i CRM passer'));
    fireEvent.input(screen.getByRole('searchbox', { name: 'Søg efter personer' }), { target: { value: 'zz' } });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Ingen person passer til søgningen.'));
  });

  it('explains when no CRM is configured, and shows the CRM\'s failure as an alert', async () => {
    show(async (query) => (query === '' ? { ok: false, reason: 'no-crm', error: { code: 'not-configured', message: 'unable to find persons; no CRM is configured' } } : { ok: false, reason: 'failed', error: { code: 'not-available', message: 'HTTP 503' } }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('No CRM is set up for Baton'));
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'anna' } });
    expect((await screen.findByRole('alert')).textContent).toBe('The CRM could not be searched: That is not available right now. Try again in a moment.');
  });

  it('stays open with the reason when linking is refused; Escape closes', async () => {
    const { onLink, onClose } = show(async () => ({ ok: true, persons: [anna] }));
    fireEvent.click(await screen.findByRole('button', { name: /Anna Berg/ }));
    expect((await screen.findByRole('alert')).textContent).toBe('Only the chat’s owner can do this.');
    expect(onLink).toHaveBeenCalledWith(anna);
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.keyDown(screen.getByRole('dialog', { name: 'Link to person' }), { key: 'Escape' });
    expect(onClose).toHaveBeenCalled();
  });
});
