import { createDemoCrmAdapter } from '../crm/demo-crm-adapter.ts';
import type { CrmAdapter } from '../crm/crm-adapter.ts';
import type { Settings } from '../policy/defaults.ts';

/**
 * The CRM adapter the policy names. The demo CRM lives beside the local hub; SuperOffice
 * and the webhook adapter need their token-service endpoints first (docs/crm-adapters.md).
 */
export function crmAdapterFor(settings: Settings): CrmAdapter | undefined {
  if (settings.crmAdapter !== 'demo') return undefined;
  const baseUrl = settings.crmAdapterSettings.baseUrl ?? new URL('/crm/', settings.tokenServiceUrl).toString();
  return createDemoCrmAdapter({ baseUrl, fetch: (input, init) => fetch(input, init) });
}
