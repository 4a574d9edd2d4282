import { useState } from 'preact/hooks';
import { useT } from '../i18n-context';

export interface SiteAccessSectionProps {
  /** The policy's CRM sites Baton has no access to yet; null while unknown or when the policy names none. */
  missing: readonly string[] | null;
  /** Asks the browser for access; it must run inside the click (browsers require a user gesture). */
  onGrant(): Promise<boolean>;
}

/** The organisation's CRM sites that still need the agent's permission, with one button to grant them. */
export function SiteAccessSection({ missing, onGrant }: SiteAccessSectionProps) {
  const t = useT();
  const [refused, setRefused] = useState(false);
  if (missing === null) return null;
  return (
    <section class="options-section" aria-labelledby="site-access-heading">
      <h2 id="site-access-heading">{t('siteAccessHeading')}</h2>
      {missing.length === 0 ? (
        <p role="status">{t('siteAccessGranted')}</p>
      ) : (
        <>
          <p id="site-access-needed">{t('siteAccessNeeded')}</p>
          <ul aria-labelledby="site-access-needed">
            {missing.map((site) => (
              <li key={site}>
                <code>{site}</code>
              </li>
            ))}
          </ul>
          <button type="button" class="primary-button" onClick={() => void onGrant().then((granted) => setRefused(!granted))}>
            {t('siteAccessGrant')}
          </button>
          {refused && <p role="alert">{t('siteAccessRefused')}</p>}
        </>
      )}
    </section>
  );
}
