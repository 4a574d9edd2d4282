// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import da from '../../public/_locales/da/messages.json';
import en from '../../public/_locales/en/messages.json';
import type { ConnectionErrorCode } from '@/lib/session/connection-error';
import { createTranslator, parseMessages, type Translate } from '@/lib/i18n/translator';
import { I18nProvider } from '../i18n-context';
import { ConnectionBanner } from './connection-banner';

const english = createTranslator(parseMessages(en) ?? {});
const danish = createTranslator(parseMessages(da) ?? {}, parseMessages(en) ?? {}, 'da');

function show(phase: 'signed-out' | 'failed' | 'connected', error: string | null, errorCode?: ConnectionErrorCode, t: Translate = english) {
  render(
    <I18nProvider value={t}>
      <ConnectionBanner phase={phase} error={error} errorCode={errorCode} onOpenSettings={() => {}} />
    </I18nProvider>,
  );
}

afterEach(cleanup);

describe('ConnectionBanner', () => {
  it('says why Baton is signed out when the background knows, with the way to settings', () => {
    show('signed-out', 'unable to connect; Baton is not set up yet', 'not-configured');
    const banner = screen.getByRole('status');
    expect(banner.textContent).toContain(english('connectionError_not_configured'));
    expect(screen.getByText('unable to connect; Baton is not set up yet').getAttribute('lang')).toBe('en');
    expect(screen.getByRole('button', { name: english('openSettings') })).toBeTruthy();
  });

  it('speaks Danish in Danish, keeping the English detail for support behind "Tekniske detaljer"', () => {
    show('failed', 'Token revoked', 'token-revoked', danish);
    const banner = screen.getByRole('status');
    expect(banner.textContent).toContain('Din adgang til Baton er trukket tilbage');
    expect(screen.getByText('Tekniske detaljer').tagName).toBe('SUMMARY');
    expect(screen.getByText('Token revoked').closest('details')?.open).toBe(false);
  });

  it('has English and Danish words for every code', () => {
    for (const code of ['not-configured', 'token-revoked', 'token-service', 'sign-in-refused'] as const) {
      cleanup();
      show('failed', null, code, danish);
      const danishText = screen.getByRole('status').textContent;
      cleanup();
      show('failed', null, code);
      expect(screen.getByRole('status').textContent).not.toBe(danishText);
      expect(danishText).not.toMatch(/connectionError_/);
    }
  });

  it('is silent when connected', () => {
    show('connected', null);
    expect(screen.queryByRole('status')).toBeNull();
  });
});
