import type { CrmAdapterSettings } from '../policy/defaults.ts';

/**
 * The SuperOffice web client root the policy names: `baseUrl` (Online or on-site, any host and path), else
 * SuperOffice Online's production address for `tenantId` (`https://online.superoffice.com/<CustId>/`). Undefined
 * when the policy names neither, which leaves the SuperOffice kind unusable (reported, never silent).
 */
export function superOfficeTenantUrl(settings: CrmAdapterSettings): string | undefined {
  if (settings.baseUrl) return settings.baseUrl.endsWith('/') ? settings.baseUrl : `${settings.baseUrl}/`;
  if (settings.tenantId) return `https://online.superoffice.com/${settings.tenantId}/`;
  return undefined;
}
