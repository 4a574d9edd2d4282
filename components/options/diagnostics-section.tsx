import { useT } from '../i18n-context';

/** Support asks for this file; it holds connection changes, drops and errors, never chat text. */
export function DiagnosticsSection({ onExport }: { onExport: () => void }) {
  const t = useT();
  return (
    <section class="options-section" aria-labelledby="diagnostics-heading">
      <h2 id="diagnostics-heading">{t('optionsDiagnostics')}</h2>
      <p class="hint">{t('optionsDiagnosticsHint')}</p>
      <button type="button" class="secondary-button" onClick={onExport}>
        {t('optionsExportDiagnostics')}
      </button>
    </section>
  );
}
