import { browser } from 'wxt/browser';
import { DEFAULT_CRM_MATCHES } from '../crm/crm-sites.ts';
import { matchesAnySite } from '../crm/site-match.ts';
import { addedMatches, policyScriptMatches, sameMatches } from '../crm/policy-script-matches.ts';

// The sidebar's content script (entrypoints/crm.content), registered at run time for
// the policy's own CRM sites. Registrations persist across worker and browser restarts,
// so a CRM page loaded at the next start, before storage.managed answers, is covered.
export const POLICY_SCRIPT_ID = 'baton-policy-crm-sites';
const SCRIPT_FILE = '/content-scripts/crm.js';

/** Registers, updates or removes the script so it covers exactly the policy's non-default sites. Idempotent. */
export async function syncPolicyCrmScript(policySites: readonly string[] | null): Promise<void> {
  const wanted = policyScriptMatches(policySites);
  const [current] = await browser.scripting.getRegisteredContentScripts({ ids: [POLICY_SCRIPT_ID] });
  if (wanted.length === 0) {
    if (current) await browser.scripting.unregisterContentScripts({ ids: [POLICY_SCRIPT_ID] });
    return;
  }
  if (sameMatches(current?.matches, wanted)) return;
  const script = {
    id: POLICY_SCRIPT_ID,
    js: [SCRIPT_FILE],
    matches: wanted,
    // The manifest's own script runs there already; twice would mean two sidebars.
    excludeMatches: DEFAULT_CRM_MATCHES,
    runAt: 'document_idle' as const,
    persistAcrossSessions: true,
  };
  if (current) await browser.scripting.updateContentScripts([script]);
  else {
    // A second worker start racing this one may have registered it a moment ago ("Duplicate
    // script ID" in Chrome, "already registered" in Firefox): then it is updated instead.
    await browser.scripting.registerContentScripts([script]).catch(async (error: unknown) => {
      const [raced] = await browser.scripting.getRegisteredContentScripts({ ids: [POLICY_SCRIPT_ID] });
      if (!raced) throw error;
      await browser.scripting.updateContentScripts([script]);
    });
  }
  await injectIntoOpenPages(addedMatches(current?.matches ?? [], wanted), wanted);
}

/** Runs the sidebar's content script in the open tabs on `sites` that `wanted` accepts. */
async function runInOpenTabs(sites: readonly string[], wanted: (url: string) => boolean): Promise<void> {
  if (sites.length === 0) return;
  const tabs = await browser.tabs.query({ url: [...sites] });
  await Promise.all(
    tabs
      .filter((tab) => tab.id !== undefined && tab.url !== undefined && wanted(tab.url))
      .map((tab) => browser.scripting.executeScript({ target: { tabId: tab.id! }, files: [SCRIPT_FILE] }).catch(() => {})),
  );
}

/**
 * A registration only reaches pages loaded after it: pages of `sites` already open (the
 * policy arrived late, or access was just granted) get the script now. Pages Baton has no
 * access to are not listed by tabs.query, so this never asks for more than was granted.
 */
export function injectIntoOpenPages(sites: readonly string[], covered: readonly string[]): Promise<void> {
  return runInOpenTabs(sites, (url) => matchesAnySite(url, covered) && !matchesAnySite(url, DEFAULT_CRM_MATCHES));
}

/**
 * After an install or update the browser gives the new version's content script only to
 * pages loaded from then on; the old one in open CRM tabs lost its extension (its sidebar
 * went blank). Each open CRM page gets the new script now: it removes the old sidebar and
 * mounts one of its own, so the agent keeps working without reloading the CRM.
 */
export async function injectAfterUpdate(): Promise<void> {
  const [policy] = await browser.scripting.getRegisteredContentScripts({ ids: [POLICY_SCRIPT_ID] });
  const sites = [...DEFAULT_CRM_MATCHES, ...(policy?.matches ?? [])];
  await runInOpenTabs(sites, (url) => matchesAnySite(url, sites));
}
