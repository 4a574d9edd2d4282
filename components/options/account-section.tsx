import { useEffect, useState } from 'preact/hooks';
import type { RosterEntry } from '@/lib/background/roster';
import { useT } from '../i18n-context';
import type { ErrorInfo } from '@/lib/errors';
import { errorText } from '@/lib/i18n/error-text';

export interface AccountSectionProps {
  listAgents(): Promise<{ agents: RosterEntry[]; signedIn: { id: string; name: string } | null }>;
  /** The refusal, by code (translated here), or null. */
  signIn(agentId: string): Promise<ErrorInfo | null>;
  signOut(): Promise<void>;
}

/** Who Baton signs in as. Local (demo) mode lists the roster; behind SSO the proxy decides and the list is empty. */
export function AccountSection(props: AccountSectionProps) {
  const t = useT();
  const [agents, setAgents] = useState<RosterEntry[]>([]);
  const [signedIn, setSignedIn] = useState<{ id: string; name: string } | null>(null);
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<ErrorInfo | null>(null);

  const refresh = () =>
    props.listAgents().then((result) => {
      setAgents(result.agents);
      setSignedIn(result.signedIn);
      setChoice((current) => current || result.agents[0]?.id || '');
    });
  useEffect(() => void refresh(), []);

  return (
    <section class="options-section" aria-labelledby="account-heading">
      <h2 id="account-heading">{t('optionsAccount')}</h2>
      {signedIn && (
        <div class="field">
          <span>{t('optionsSignedInAs', signedIn.name)}</span>
          <button type="button" class="secondary-button" onClick={() => void props.signOut().then(refresh)}>
            {t('optionsSignOut')}
          </button>
        </div>
      )}
      {agents.length > 0 && (
        <div class="field">
          <label for="sign-in-as">{t('optionsSignInAs')}</label>
          <span class="field-controls">
            <select id="sign-in-as" value={choice} onChange={(event) => setChoice(event.currentTarget.value)}>
              {agents.map((agent) => (
                <option value={agent.id}>{agent.name}</option>
              ))}
            </select>
            <button
              type="button"
              class="primary-button"
              disabled={!choice}
              onClick={() => void props.signIn(choice).then((failure) => (setError(failure), refresh()))}
            >
              {t('optionsSignIn')}
            </button>
          </span>
        </div>
      )}
      {error && (
        <p class="command-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
    </section>
  );
}
