// The admin's CRM sites, mirrored by the background into storage.local: content scripts
// cannot read managed storage in Chrome, and one local read is also the fastest start.
// Absent (null) when the policy names no sites, so the defaults apply.
export const CRM_SITES_MIRROR_KEY = 'policyCrmSites';

export function parseCrmSitesMirror(value: unknown): string[] | null {
  return Array.isArray(value) ? value.filter((site): site is string => typeof site === 'string') : null;
}
