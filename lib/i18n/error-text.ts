import type { ErrorInfo } from '../errors.ts';
import type { Translate } from './translator.ts';

// A failed command's code, translated in the view: `error_<code>` in public/_locales (hyphens become underscores,
// since message names allow only [A-Za-z0-9_@]). The English `message` is for logs; a code this version has no text
// for (a newer background, a typo) gets the generic text, never the English message in Danish mode.

export function errorKey(code: string): string {
  return `error_${code.replace(/-/g, '_')}`;
}

export function errorText(t: Translate, error: Pick<ErrorInfo, 'code' | 'params'>): string {
  const key = errorKey(error.code);
  const text = t(key, error.params ?? {});
  return text === key ? t('error_unknown') : text;
}
