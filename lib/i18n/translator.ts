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
export type Translate = (key: string, ...substitutions: string[]) => string;

export function parseMessages(json: unknown): Messages | undefined {
  const result = v.safeParse(MessagesSchema, json);
  return result.success ? result.output : undefined;
}

/**
 * `t(key, ...subs)` over one locale with a fallback locale. Missing keys fall back, then
 * show the key itself, so a gap in a translation is visible but never breaks a view.
 */
export function createTranslator(messages: Messages, fallback: Messages = {}): Translate {
  return (key, ...substitutions) => {
    const entry = messages[key] ?? fallback[key];
    if (!entry) return key;
    return entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content;
      if (content === undefined) return whole;
      return content.replace(/\$(\d)/g, (_, index: string) => substitutions[Number(index) - 1] ?? '');
    });
  };
}
