import { useEffect, useRef, useState } from 'preact/hooks';
import type { CrmPerson } from '@/lib/crm/crm-adapter';
import type { ErrorInfo } from '@/lib/errors';
import { errorText } from '@/lib/i18n/error-text';
import type { PersonSearch } from '@/lib/models/sidebar-model';
import { useT } from '../i18n-context';
import { onModalKeyDown } from './modal-keys';

/** Waits this long after the last keystroke before asking the CRM, so typing a name is one search, not ten. */
const SEARCH_DELAY_MS = 300;

/**
 * "Link to person": the CRM's suggestions for the visitor (by email, then name), or a search as the agent types.
 * Choosing a person links the chat and closes. A modal dialog: focus starts in the search box, Tab stays
 * inside, Escape closes.
 */
export function LinkPersonDialog(props: {
  find: (query: string) => Promise<PersonSearch>;
  onLink: (person: CrmPerson) => Promise<{ ok: boolean; error?: ErrorInfo }>;
  onClose: () => void;
  searchDelayMs?: number;
}) {
  const t = useT();
  const [query, setQuery] = useState('');
  /** The newest answer; null while the CRM is asked. */
  const [shown, setShown] = useState<PersonSearch | null>(null);
  const [linking, setLinking] = useState(false);
  const [linkError, setLinkError] = useState<string | null>(null);
  const dialogRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  // Answers can arrive out of order; only the newest question's answer is shown.
  const asked = useRef(0);

  useEffect(() => {
    searchRef.current?.focus();
  }, []);

  const needle = query.trim();
  useEffect(() => {
    const mine = ++asked.current;
    setShown(null);
    const timer = setTimeout(
      () => {
        void props.find(needle).then((answer) => {
          if (mine === asked.current) setShown(answer);
        });
      },
      needle === '' ? 0 : (props.searchDelayMs ?? SEARCH_DELAY_MS),
    );
    return () => clearTimeout(timer);
  }, [needle]);

  const link = async (person: CrmPerson) => {
    if (linking) return;
    setLinking(true);
    const outcome = await props.onLink(person);
    setLinking(false);
    if (outcome.ok) props.onClose();
    else setLinkError(errorText(t, outcome.error ?? { code: 'refused' }));
  };

  const listHeading = needle === '' ? t('personSuggestions') : t('personResults');

  return (
    <div class="dialog-backdrop">
      <div
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="link-person-heading"
        ref={dialogRef}
        onKeyDown={(event) => onModalKeyDown(event, dialogRef.current, props.onClose)}
      >
        <h2 id="link-person-heading">{t('linkToPerson')}</h2>
        <label class="field">
          <span>{t('searchPersons')}</span>
          <input ref={searchRef} type="search" maxLength={100} value={query} onInput={(event) => setQuery(event.currentTarget.value)} />
        </label>
        <h3 id="person-list-heading" class="list-heading">
          {listHeading}
        </h3>
        {/* One polite live region for what the list is doing, so screen readers hear "Searching…" and its outcome. */}
        <p class="empty" role="status">
          {shown === null
            ? t('searchingPersons')
            : shown.ok && shown.persons.length === 0
              ? t(needle === '' ? 'noPersonSuggestions' : 'noPersonsMatch')
              : !shown.ok && shown.reason === 'no-crm'
                ? t('noCrmConfigured')
                : ''}
        </p>
        {shown !== null && !shown.ok && shown.reason === 'failed' && (
          <p class="command-error" role="alert">
            {t('personSearchFailed', errorText(t, shown.error))}
          </p>
        )}
        {shown?.ok && shown.persons.length > 0 && (
          <ul class="person-list" aria-labelledby="person-list-heading">
            {shown.persons.map((person) => (
              <li key={person.id}>
                <button type="button" class="person-option" disabled={linking} onClick={() => void link(person)}>
                  <span class="person-name">{person.name}</span>
                  <span class="person-meta">{[person.title, person.companyName, person.email].filter(Boolean).join(' · ')}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {linkError && (
          <p class="command-error" role="alert">
            {linkError}
          </p>
        )}
        <div class="dialog-actions">
          <button type="button" class="secondary-button" onClick={props.onClose}>
            {t('cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}
