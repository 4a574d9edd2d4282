import { createDemoCrmAdapter } from '../crm/demo-crm-adapter.ts';
import type { CrmAdapter } from '../crm/crm-adapter.ts';
import { createSuperOfficeAdapter } from '../crm/superoffice-adapter.ts';
import { createOAuthTransport, tokenServiceSuperOfficeTokens } from '../crm/superoffice-oauth-transport.ts';
import { createSessionTransport } from '../crm/superoffice-session-transport.ts';
import { superOfficeTenantUrlFor } from '../crm/superoffice-tenant.ts';
import type { Settings } from '../policy/defaults.ts';
import { readStoredSession } from '../settings/session-settings.ts';
import { browserSuperOfficeRelay } from './superoffice-session-relay.ts';

/** Who the token service signed in, read when a token is needed (the agent may sign in after the adapter is built). */
const signedInAgent = async () => {
  const stored = await readStoredSession();
  return stored.agent?.id ?? stored.connection?.agentId;
};

/**
 * The CRM adapter the policy names, or undefined when it cannot work (SuperOffice with no address and no local
 * stand-in: the policy parser reports that on the options page, and Link to person says no CRM is set up).
 * SuperOffice in `session` mode is the default (docs/crm-adapters.md).
 */
export function crmAdapterFor(settings: Settings): CrmAdapter | undefined {
  const fetchFn = (input: string, init?: RequestInit) => fetch(input, init);
  if (settings.crmAdapter === 'demo') {
    const baseUrl = settings.crmAdapterSettings.baseUrl ?? new URL('/crm/', settings.tokenServiceUrl).toString();
    return createDemoCrmAdapter({ baseUrl, fetch: fetchFn });
  }
  const tenantUrl = superOfficeTenantUrlFor(settings);
  if (!tenantUrl) return undefined;
  const transport =
    settings.crmAdapterSettings.auth === 'oauth'
      ? createOAuthTransport({ fetch: fetchFn, tokens: tokenServiceSuperOfficeTokens({ url: new URL('/auth/superoffice/token', settings.tokenServiceUrl).href, fetch: fetchFn, agentId: signedInAgent }) })
      : createSessionTransport({ tenantUrl, relay: browserSuperOfficeRelay(tenantUrl) });
  return createSuperOfficeAdapter({ tenantUrl, transport });
}
