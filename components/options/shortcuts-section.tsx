import { SHORTCUT_LABELS } from '@/lib/shortcuts/shortcut-names';
import { useT } from '../i18n-context';

export interface Shortcut {
  name: string;
  /** The keys as the browser reports them, e.g. `Alt+Shift+B`; empty when the agent removed it. */
  keys: string;
}

/** The browser's current bindings for Baton's keyboard shortcuts (the agent may have changed them). */
export function ShortcutsSection({ shortcuts }: { shortcuts: readonly Shortcut[] }) {
  const t = useT();
  const known = shortcuts.filter((shortcut) => SHORTCUT_LABELS[shortcut.name]);
  if (known.length === 0) return null;
  return (
    <section class="options-section" aria-labelledby="shortcuts-heading">
      <h2 id="shortcuts-heading">{t('shortcutsHeading')}</h2>
      <dl class="shortcuts">
        {known.map((shortcut) => (
          <div key={shortcut.name} class="shortcut">
            <dt>{t(SHORTCUT_LABELS[shortcut.name]!)}</dt>
            <dd>{shortcut.keys ? <kbd>{shortcut.keys}</kbd> : t('shortcutNotSet')}</dd>
          </div>
        ))}
      </dl>
      <p class="hint">{t('shortcutsHint')}</p>
    </section>
  );
}
