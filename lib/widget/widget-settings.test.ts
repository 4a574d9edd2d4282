import { describe, expect, it } from 'vitest';
import { inkOn, parseWidgetSettings, pickLanguage } from './widget-settings.ts';

describe('parseWidgetSettings', () => {
  it('takes a script tag dataset as strings, and Baton.init values as values', () => {
    const fromTag = parseWidgetSettings({
      tokenService: 'https://baton.example.com/',
      realtime: 'wss://hub.example.com:9443',
      brand: 'Acme Help',
      accent: '#123',
      topics: 'Orders | Returns|',
      fields: 'email',
      showAgentName: 'false',
      awayAfterSeconds: '30',
      position: 'bottom-left',
    });
    expect(fromTag).toMatchObject({
      ok: true,
      ignored: [],
      settings: {
        tokenService: 'https://baton.example.com',
        realtime: { host: 'hub.example.com', port: 9443, tls: true },
        brand: 'Acme Help',
        accent: '#123',
        topics: ['Orders', 'Returns'],
        fields: ['name', 'email'],
        showAgentName: false,
        awayAfterSeconds: 30,
        position: 'bottom-left',
        language: 'auto',
      },
    });
    const fromInit = parseWidgetSettings({ tokenService: 'http://127.0.0.1:8377', realtime: 'ws://127.0.0.1:8377', topics: ['A'], showAgentName: true, awayAfterSeconds: 5 });
    expect(fromInit).toMatchObject({ ok: true, settings: { realtime: { host: '127.0.0.1', port: 8377, tls: false }, topics: ['A'], showAgentName: true, awayAfterSeconds: 5 } });
  });

  it('uses Ably and the defaults when nothing else is set', () => {
    expect(parseWidgetSettings({ tokenService: 'https://baton.example.com' })).toEqual({
      ok: true,
      ignored: [],
      settings: {
        tokenService: 'https://baton.example.com',
        realtime: 'ably',
        brand: 'Support',
        accent: '#0f7b5f',
        logo: '',
        fields: ['name', 'email', 'topic'],
        topics: [],
        language: 'auto',
        position: 'bottom-right',
        greeting: '',
        awayMessage: '',
        awayAfterSeconds: 90,
        showAgentName: true,
      },
    });
  });

  it('falls back to the default for each bad value and says which', () => {
    const result = parseWidgetSettings({
      tokenService: 'https://baton.example.com',
      realtime: 'javascript:alert(1)',
      accent: 'red; background: url(x)',
      logo: 'javascript:alert(1)',
      position: 'top-middle',
      language: 'fr',
      brand: 'x'.repeat(61),
    });
    expect(result.ok && [...result.ignored].sort()).toEqual(['accent', 'brand', 'language', 'logo', 'position', 'realtime']);
    expect(result.ok && result.settings).toMatchObject({ realtime: 'ably', accent: '#0f7b5f', logo: '', position: 'bottom-right', language: 'auto', brand: 'Support' });
  });

  it.each([undefined, null, 'str', {}, { tokenService: 'ftp://x' }, { tokenService: '/relative' }])('refuses to start without a token service: %j', (raw) => {
    expect(parseWidgetSettings(raw).ok).toBe(false);
  });
});

describe('pickLanguage', () => {
  it.each([
    ['da', 'en', ['en-US'], 'da'],
    ['auto', 'da-DK', ['en-US'], 'da'],
    ['auto', '', ['de-DE', 'da', 'en'], 'da'],
    ['auto', 'de', ['fr-FR'], 'en'],
    ['auto', null, [], 'en'],
    ['en', 'da', ['da'], 'en'],
  ] as const)('setting %s, page %s, browser %j → %s', (setting, page, browser, expected) => {
    expect(pickLanguage(setting, page, browser)).toBe(expected);
  });
});

describe('inkOn', () => {
  it('picks the text colour with more contrast', () => {
    expect(inkOn('#0f7b5f')).toBe('#ffffff');
    expect(inkOn('#000')).toBe('#ffffff');
    expect(inkOn('#ffd400')).toBe('#111111');
    expect(inkOn('#FFFFFF')).toBe('#111111');
  });
});
