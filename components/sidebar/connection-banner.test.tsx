// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import en from '../../public/_locales/en/messages.json';
import { createTranslator, parseMessages } from '@/lib/i18n/translator';
import { I18nProvider } from '../i18n-context';
import { ConnectionBanner } from './connection-banner';

const english = createTranslator(parseMessages(en) ?? {});

function show(phase: 'signed-out' | 'failed' | 'connected', error: string | null) {
  render(
    <I18nProvider value={english}>
      <ConnectionBanner phase={phase} error={error} onOpenSettings={() => {}} />
    </I18nProvider>,
  );
}

afterEach(cleanup);

describe('ConnectionBanner', () => {
  it('says why Baton is signed out when the background knows, with the way to settings', () => {
    show('signed-out', 'unable to connect; Baton is not set up yet');
    const banner = screen.getByRole('status');
    expect(banner.textContent).toContain('unable to connect; Baton is not set up yet');
    expect(screen.getByRole('button', { name: english('openSettings') })).toBeTruthy();
  });

  it('is silent when connected', () => {
    show('connected', null);
    expect(screen.queryByRole('status')).toBeNull();
  });
});
