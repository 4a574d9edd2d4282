import { browser } from 'wxt/browser';
import { policyScriptMatches } from './policy-script-matches.ts';

/** The policy's CRM sites this browser has not granted Baton access to yet (the options page offers them). */
export async function sitesWithoutAccess(policySites: readonly string[] | null): Promise<string[]> {
  const sites = policyScriptMatches(policySites);
  const granted = await Promise.all(sites.map((site) => browser.permissions.contains({ origins: [site] })));
  return sites.filter((_, index) => !granted[index]);
}
