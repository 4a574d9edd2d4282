import * as v from 'valibot';

// The `_locales/<lang>/messages.json` format that browsers read, so the same files
// serve the manifest (`__MSG_extName__`) and a runtime language switch, which
// `browser.i18n.getMessage` cannot do (it only follows the browser's language).
// https://developer.chrome.com/docs/extensions/reference/api/i18n#overview-predefined
const MessageSchema = v.object({
  message: v.string(),
  placeholders: v.optional(v.record(v.string(), v.object({ content: v.string() }))),
});
const MessagesSchema = v.record(v.string(), MessageSchema);

export type Messages = v.InferOutput<typeof MessagesSchema>;
/** Named values for a message's placeholders (`$COUNT$` reads `count`); a numeric `count` also picks the plural form. */
export type TranslateParams = Readonly<Record<string, string | number>>;
/** `t(key, 'Ana')` fills placeholders by position (`$1`), `t(key, { count: 2 })` by name. */
export interface Translate {
  (key: string, ...substitutions: string[]): string;
  (key: string, params: TranslateParams): string;
}

export function parseMessages(json: unknown): Messages | undefined {
  const result = v.safeParse(MessagesSchema, json);
  return result.success ? result.output : undefined;
}

/**
 * `t(key, ...subs)` or `t(key, params)` over one locale with a fallback locale. Missing keys fall back, then show the
 * key itself, so a gap in a translation is visible but never breaks a view.
 *
 * Plurals: with a numeric `count`, `key_one` / `key_other` (the CLDR categories `Intl.PluralRules` gives for the
 * locale) are tried before `key`, so each language words its own forms ("1 chatsamtale", "2 chatsamtaler").
 * https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Intl/PluralRules
 */
export function createTranslator(messages: Messages, fallback: Messages = {}, locale = 'en'): Translate {
  const plurals = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale);
  const lookup = (key: string) => messages[key] ?? fallback[key];
  return (key: string, ...substitutions: Array<string | TranslateParams>) => {
    const first = substitutions[0];
    const params = typeof first === 'object' ? first : null;
    const count = params?.['count'];
    const entry =
      (typeof count === 'number' ? (lookup(`${key}_${plurals.select(count)}`) ?? lookup(`${key}_other`)) : undefined) ?? lookup(key);
    if (!entry) return key;
    return entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
      const lower = name.toLowerCase();
      if (params !== null) {
        const value = params[lower];
        return value === undefined ? whole : typeof value === 'number' ? numbers.format(value) : value;
      }
      const content = entry.placeholders?.[lower]?.content;
      if (content === undefined) return whole;
      return content.replace(/\$(\d)/g, (_, index: string) => (substitutions as string[])[Number(index) - 1] ?? '');
    });
  };
}
