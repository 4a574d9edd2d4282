import { describe, expect, it } from 'vitest';
import en from '../../public/_locales/en/messages.json';
import da from '../../public/_locales/da/messages.json';
import { resolveLocale } from './locale.ts';
import { createTranslator, parseMessages } from './translator.ts';

describe('createTranslator', () => {
  const english = parseMessages(en)!;
  const danish = parseMessages(da)!;

  it('uses the product labels in each language', () => {
    expect(createTranslator(english)('acceptTransfer')).toBe('Accept transfer');
    expect(createTranslator(danish)('acceptTransfer')).toBe('Accepter overførsel');
    expect(createTranslator(danish)('getNextInQueue')).toBe('Hent næste fra køen');
  });

  it('fills named placeholders from positional substitutions', () => {
    expect(createTranslator(english)('viewingRecord', 'Anna Berg')).toBe('In view: Anna Berg');
    expect(createTranslator(danish)('viewingRecord', 'Anna Berg')).toBe('Vises: Anna Berg');
  });

  it('falls back to the fallback locale, then to the key', () => {
    const t = createTranslator({ only: { message: 'x' } }, english);
    expect(t('transfer')).toBe('Transfer');
    expect(t('no-such-key')).toBe('no-such-key');
  });

  it('treats substitutions as text, not as further placeholders', () => {
    expect(createTranslator(english)('viewingRecord', '$1 <b>$TITLE$</b>')).toBe('In view: $1 <b>$TITLE$</b>');
  });
});

describe('parseMessages', () => {
  it('rejects malformed tables', () => {
    expect(parseMessages({ key: { message: 3 } })).toBeUndefined();
    expect(parseMessages('nope')).toBeUndefined();
  });
});

describe('locale files', () => {
  it('have the same keys and placeholders in every language', () => {
    expect(Object.keys(da).sort()).toEqual(Object.keys(en).sort());
    for (const [key, entry] of Object.entries(en)) {
      const danishEntry = (da as Record<string, { placeholders?: object }>)[key];
      expect(Object.keys(danishEntry?.placeholders ?? {}), key).toEqual(Object.keys(('placeholders' in entry && entry.placeholders) || {}));
    }
  });
});

describe('resolveLocale', () => {
  it.each([
    ['auto', 'da-DK', 'da'],
    ['auto', 'da', 'da'],
    ['auto', 'en-US', 'en'],
    ['auto', 'sv-SE', 'en'],
    ['da', 'en-US', 'da'],
    ['en', 'da', 'en'],
  ] as const)('%s with browser %s → %s', (preference, ui, expected) => {
    expect(resolveLocale(preference, ui)).toBe(expected);
  });
});
