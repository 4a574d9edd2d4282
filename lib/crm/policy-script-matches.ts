import { DEFAULT_CRM_MATCHES } from './crm-sites.ts';

// The manifest's content script covers the default CRM hosts from the first page load,
// whatever the policy and however slowly it arrives. The admin's other CRM sites get the
// same script through a run-time registration; these decide what it covers.

/** The policy's sites the manifest's content script does not already cover, sorted, once each. */
export function policyScriptMatches(policySites: readonly string[] | null): string[] {
  if (!policySites) return [];
  return [...new Set(policySites.filter((site) => !DEFAULT_CRM_MATCHES.includes(site)))].sort();
}

/** Does a registration with `current` matches need replacing to cover `wanted`? */
export function sameMatches(current: readonly string[] | undefined, wanted: readonly string[]): boolean {
  return current !== undefined && current.length === wanted.length && [...current].sort().every((site, index) => site === wanted[index]);
}

/** Sites in `next` that `previous` did not cover: open pages there need the script injected now. */
export function addedMatches(previous: readonly string[], next: readonly string[]): string[] {
  return next.filter((site) => !previous.includes(site));
}
