import type { CrmAdapterSettings, Settings } from '../policy/defaults.ts';

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

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Where the SuperOffice adapter points: the policy's address, or, when the policy names none and the token service
 * is the local server (`npm start`, the e2e suite), the SuperOffice stand-in that server hosts at `/crm/`
 * (server/demo/superoffice-api.ts). Never the stand-in for a token service elsewhere: a real deployment without a
 * SuperOffice address stays unusable and is reported, rather than quietly talking to a demo.
 */
export function superOfficeTenantUrlFor(settings: Pick<Settings, 'crmAdapterSettings' | 'tokenServiceUrl'>): string | undefined {
  const named = superOfficeTenantUrl(settings.crmAdapterSettings);
  if (named) return named;
  let tokenService: URL;
  try {
    tokenService = new URL(settings.tokenServiceUrl);
  } catch {
    return undefined;
  }
  if (tokenService.protocol !== 'http:' || !LOOPBACK_HOSTS.has(tokenService.hostname)) return undefined;
  return new URL('/crm/', tokenService.origin).href;
}
