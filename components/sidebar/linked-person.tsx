import type { Register } from '@/lib/chat/register';
import type { CrmPerson } from '@/lib/crm/crm-adapter';
import { useT } from '../i18n-context';

/**
 * The CRM person a chat is linked to, under the chat's title: the name, as a link into the CRM when the adapter
 * gave one. The link opens a new tab without handing the CRM a way back into Baton (noopener, noreferrer).
 */
export function LinkedPerson(props: { contact: NonNullable<Register['contact']>; person: CrmPerson | null }) {
  const t = useT();
  const { contact, person } = props;
  // The person the chat is linked to now, even if the sidebar still knows an earlier one.
  const known = person !== null && person.id === contact.personId ? person : null;
  const name = known?.name || contact.displayName || contact.personId;
  return (
    <span class="linked-person">
      {t('linkedTo')}{' '}
      {known?.url ? (
        <a href={known.url} target="_blank" rel="noopener noreferrer">
          {name}
          <span class="visually-hidden"> {t('opensInNewTab')}</span>
        </a>
      ) : (
        <strong>{name}</strong>
      )}
    </span>
  );
}
