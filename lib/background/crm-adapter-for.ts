import { createDemoCrmAdapter } from '../crm/demo-crm-adapter.ts';
import type { CrmAdapter } from '../crm/crm-adapter.ts';
import { createSuperOfficeAdapter } from '../crm/superoffice-adapter.ts';
import { createOAuthTransport, tokenServiceSuperOfficeTokens } from '../crm/superoffice-oauth-transport.ts';
import { createSessionTransport } from '../crm/superoffice-session-transport.ts';
import { superOfficeTenantUrl } from '../crm/superoffice-tenant.ts';
import type { Settings } from '../policy/defaults.ts';
import { browserSuperOfficeRelay } from './superoffice-session-relay.ts';

/**
 * The CRM adapter the policy names, or undefined when it cannot work (SuperOffice with no address: the policy
 * parser reports that on the options page, and Link to person says no CRM is set up). docs/crm-adapters.md.
 */
export function crmAdapterFor(settings: Settings): CrmAdapter | undefined {
  const fetchFn = (input: string, init?: RequestInit) => fetch(input, init);
  if (settings.crmAdapter === 'demo') {
    const baseUrl = settings.crmAdapterSettings.baseUrl ?? new URL('/crm/', settings.tokenServiceUrl).toString();
    return createDemoCrmAdapter({ baseUrl, fetch: fetchFn });
  }
  const tenantUrl = superOfficeTenantUrl(settings.crmAdapterSettings);
  if (!tenantUrl) return undefined;
  const transport =
    settings.crmAdapterSettings.auth === 'oauth'
      ? createOAuthTransport({ fetch: fetchFn, tokens: tokenServiceSuperOfficeTokens({ url: new URL('/auth/superoffice/token', settings.tokenServiceUrl).href, fetch: fetchFn }) })
      : createSessionTransport({ tenantUrl, relay: browserSuperOfficeRelay(tenantUrl) });
  return createSuperOfficeAdapter({ tenantUrl, transport });
}
