// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import en from '../../public/_locales/en/messages.json';
import { createTranslator, parseMessages } from '@/lib/i18n/translator';
import { I18nProvider } from '../i18n-context';
import { ShortcutsSection } from './shortcuts-section';
import { SiteAccessSection } from './site-access-section';

const english = createTranslator(parseMessages(en) ?? {});
afterEach(cleanup);

describe('SiteAccessSection', () => {
  it('lists the sites still waiting and says so when the browser refuses', async () => {
    let asked = 0;
    render(
      <I18nProvider value={english}>
        <SiteAccessSection missing={['https://crm.example.com/*']} onGrant={async () => (asked++, false)} />
      </I18nProvider>,
    );
    expect(screen.getByRole('listitem').textContent).toBe('https://crm.example.com/*');
    fireEvent.click(screen.getByRole('button', { name: 'Grant access' }));
    expect(asked).toBe(1);
    expect((await screen.findByRole('alert')).textContent).toMatch(/Access was not granted/);
  });

  it('says all is well when nothing waits, and stays away without a policy', () => {
    const { rerender } = render(
      <I18nProvider value={english}>
        <SiteAccessSection missing={[]} onGrant={async () => true} />
      </I18nProvider>,
    );
    expect(screen.getByRole('status').textContent).toMatch(/all of your organization's CRM sites/);
    rerender(
      <I18nProvider value={english}>
        <SiteAccessSection missing={null} onGrant={async () => true} />
      </I18nProvider>,
    );
    expect(screen.queryByRole('region')).toBeNull();
  });
});

describe('ShortcutsSection', () => {
  it('names Baton’s commands with their keys, "Not set" where the agent removed one, and skips unknown ones', () => {
    render(
      <I18nProvider value={english}>
        <ShortcutsSection
          shortcuts={[
            { name: 'accept-newest-transfer', keys: 'Alt+Shift+Y' },
            { name: 'reject-newest-transfer', keys: '' },
            { name: 'something-else', keys: 'Ctrl+Q' },
          ]}
        />
      </I18nProvider>,
    );
    expect(screen.getAllByRole('term').map((term) => term.textContent)).toEqual(['Accept the newest transfer', 'Reject the newest transfer']);
    expect(screen.getAllByRole('definition').map((value) => value.textContent)).toEqual(['Alt+Shift+Y', 'Not set']);
  });
});
