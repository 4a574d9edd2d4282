import { describe, expect, it } from 'vitest';
import da from '../../public/_locales/da/messages.json';
import en from '../../public/_locales/en/messages.json';
import { ERROR_CODES } from '../errors.ts';
import { errorKey, errorText } from './error-text.ts';
import { createTranslator, parseMessages, type Messages } from './translator.ts';

const english = parseMessages(en)!;
const danish = parseMessages(da)!;

/** A code's text, or its plural forms' texts. */
function textsOf(table: Messages, code: string): string[] {
  const key = errorKey(code);
  return [table[key], table[`${key}_one`], table[`${key}_other`]].flatMap((entry) => (entry ? [entry.message] : []));
}

describe('error texts', () => {
  it.each(ERROR_CODES)('%s has its own text in English and in Danish', (code) => {
    const inEnglish = textsOf(english, code);
    const inDanish = textsOf(danish, code);
    expect(inEnglish.length, code).toBeGreaterThan(0);
    expect(inDanish.length, code).toBe(inEnglish.length);
    // A Danish text that equals the English one would be an untranslated copy.
    inDanish.forEach((text, i) => expect(text).not.toBe(inEnglish[i]));
  });

  it('translates a code with its parameters, in the plural form of each language', () => {
    const tEn = createTranslator(english, {}, 'en');
    const tDa = createTranslator(danish, english, 'da');
    expect(errorText(tEn, { code: 'chat-ended' })).toBe('The chat has ended.');
    expect(errorText(tDa, { code: 'chat-ended' })).toBe('Chatten er afsluttet.');
    expect(errorText(tEn, { code: 'timeout', params: { count: 1 } })).toBe('No answer within 1 second. Try again.');
    expect(errorText(tDa, { code: 'timeout', params: { count: 10 } })).toBe('Intet svar inden for 10 sekunder. Prøv igen.');
  });

  it('shows the generic text for a code it does not know, never the English message', () => {
    const tDa = createTranslator(danish, english, 'da');
    expect(errorText(tDa, { code: 'from-a-newer-version' })).toBe('Noget gik galt. Prøv igen.');
  });
});

describe('plural forms', () => {
  it('counts chats and unread messages with each language’s own forms', () => {
    const tEn = createTranslator(english, {}, 'en');
    const tDa = createTranslator(danish, english, 'da');
    expect([0, 1, 2].map((count) => tEn('agentChats', { count }))).toEqual(['0 chats', '1 chat', '2 chats']);
    expect([0, 1, 2].map((count) => tDa('agentChats', { count }))).toEqual(['0 chatsamtaler', '1 chatsamtale', '2 chatsamtaler']);
    expect([1, 3].map((count) => tDa('unreadCount', { count }))).toEqual(['1 ulæst', '3 ulæste']);
    expect(tEn('unreadCount', { count: 1200 })).toBe('1,200 unread');
  });

  it('fills named parameters as text, and positional substitutions as before', () => {
    const tEn = createTranslator(english, {}, 'en');
    expect(tEn('offerCancelledBy', { name: '$1 <b>Sam</b>' })).toBe('$1 <b>Sam</b> cancelled the transfer.');
    expect(tEn('offerCancelledBy', 'Sam')).toBe('Sam cancelled the transfer.');
  });
});
