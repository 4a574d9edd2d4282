import { browser } from 'wxt/browser';
import { OptionsApp } from '@/components/options/options-app';
import { startView } from '@/components/start-view';
import type { RosterEntry } from '@/lib/background/roster';
import type { EffectiveSettings } from '@/lib/policy/effective-settings';
import type { PolicyProblem } from '@/lib/policy/policy-problem';
import { connectToBackground } from '@/lib/messaging/view-connection';
import { readLanguagePreference, writeLanguagePreference } from '@/lib/settings/preferences';
import '@/components/theme.css';
import './style.css';

function download(name: string, data: unknown) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function start() {
  const language = await readLanguagePreference();
  const background = connectToBackground(() => {});
  const account = {
    async listAgents() {
      const outcome = await background.send({ type: 'list-agents' });
      // The background's own answer (see session-host `list-agents`).
      return (outcome.data as { agents: RosterEntry[]; signedIn: { id: string; name: string } | null } | undefined) ?? { agents: [], signedIn: null };
    },
    async signIn(agentId: string) {
      const outcome = await background.send({ type: 'sign-in', agentId });
      return outcome.ok ? null : (outcome.error?.message ?? 'unable to sign in');
    },
    async signOut() {
      await background.send({ type: 'sign-out' });
    },
  };
  const exportDiagnostics = async () => {
    const outcome = await background.send({ type: 'export-diagnostics' });
    if (outcome.ok) download(`baton-diagnostics-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.json`, outcome.data);
  };
  const loadSettings = async () => {
    const outcome = await background.send({ type: 'get-settings' });
    // The background's own answer (see session-host `get-settings`).
    const data = outcome.data as { effective: EffectiveSettings; problems: PolicyProblem[] } | undefined;
    if (!outcome.ok || !data) return null;
    return {
      alerts: { notifications: data.effective.notifications, sound: data.effective.sound },
      languageLocked: data.effective.language.locked,
      problems: data.problems,
    };
  };
  startView('optionsTitle', language, () => (
    <OptionsApp
      version={browser.runtime.getManifest().version}
      language={language}
      onLanguageChange={writeLanguagePreference}
      account={account}
      onExportDiagnostics={() => void exportDiagnostics()}
      loadSettings={loadSettings}
      onAlertChange={(key, value) => browser.storage.local.set({ [key]: value })}
    />
  ));
}

void start();
