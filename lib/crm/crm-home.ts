import type { Settings } from '../policy/defaults.ts';
import { superOfficeTenantUrlFor } from './superoffice-tenant.ts';

/**
 * Where to open the CRM when no tab has Baton's sidebar: the adapter's base URL (or SuperOffice Online's address
 * for the tenant, or the local server's SuperOffice stand-in), or the demo CRM the local server hosts next to its
 * token service. Null when nothing says.
 */
export function crmHomeUrl(settings: Pick<Settings, 'crmAdapter' | 'crmAdapterSettings' | 'tokenServiceUrl'>): string | null {
  if (settings.crmAdapter === 'superoffice') return superOfficeTenantUrlFor(settings) ?? null;
  if (settings.crmAdapterSettings.baseUrl) return settings.crmAdapterSettings.baseUrl;
  return settings.crmAdapter === 'demo' ? `${settings.tokenServiceUrl.replace(/\/+$/, '')}/crm/` : null;
}
