import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import type { Shortcut } from '@/components/options/shortcuts-section';
import { sitesWithoutAccess } from '@/lib/crm/site-access';
import { CRM_SITES_MIRROR_KEY, parseCrmSitesMirror } from '@/lib/settings/crm-sites-mirror';
import { OptionsApp } from '@/components/options/options-app';
import { startView } from '@/components/start-view';
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
      return outcome.ok ? outcome.data : { agents: [], signedIn: null };
    },
    async signIn(agentId: string) {
      const outcome = await background.send({ type: 'sign-in', agentId });
      return outcome.ok ? null : outcome.error;
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
    if (!outcome.ok) return null;
    const data = outcome.data;
    return {
      alerts: { notifications: data.effective.notifications, sound: data.effective.sound },
      languageLocked: data.effective.language.locked,
      problems: data.problems,
    };
  };
  // The policy's CRM sites still waiting for the agent's permission; kept current as the
  // policy or the browser's grants change while the page is open.
  const missingSites = signal<string[] | null>(null);
  const refreshSiteAccess = async () => {
    const policySites = parseCrmSitesMirror((await browser.storage.local.get(CRM_SITES_MIRROR_KEY))[CRM_SITES_MIRROR_KEY]);
    missingSites.value = policySites ? await sitesWithoutAccess(policySites) : null;
  };
  void refreshSiteAccess();
  browser.permissions.onAdded.addListener(() => void refreshSiteAccess());
  browser.permissions.onRemoved.addListener(() => void refreshSiteAccess());
  browser.storage.onChanged.addListener((changes, area) => area === 'local' && CRM_SITES_MIRROR_KEY in changes && void refreshSiteAccess());
  // Called straight from the click, with no await before it: the browser requires the gesture.
  const grantSiteAccess = () => browser.permissions.request({ origins: missingSites.value ?? [] });
  const shortcuts: Shortcut[] = (await browser.commands.getAll()).map((command) => ({ name: command.name ?? '', keys: command.shortcut ?? '' }));

  const Root = () => (
    <OptionsApp
      siteAccess={{ missing: missingSites.value, onGrant: grantSiteAccess }}
      shortcuts={shortcuts}
      version={browser.runtime.getManifest().version}
      language={language}
      onLanguageChange={writeLanguagePreference}
      account={account}
      onExportDiagnostics={() => void exportDiagnostics()}
      loadSettings={loadSettings}
      onAlertChange={(key, value) => browser.storage.local.set({ [key]: value })}
    />
  );
  startView('optionsTitle', language, () => <Root />);
}

void start();
