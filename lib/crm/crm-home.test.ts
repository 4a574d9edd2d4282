import { describe, expect, it } from 'vitest';
import { crmHomeUrl } from './crm-home.ts';

describe('crmHomeUrl', () => {
  it('prefers the adapter’s base URL', () => {
    expect(crmHomeUrl({ crmAdapter: 'superoffice', crmAdapterSettings: { baseUrl: 'https://online.superoffice.com/Cust1/' }, tokenServiceUrl: 'https://t' })).toBe(
      'https://online.superoffice.com/Cust1/',
    );
  });

  it('finds the demo CRM next to the local token service', () => {
    expect(crmHomeUrl({ crmAdapter: 'demo', crmAdapterSettings: {}, tokenServiceUrl: 'http://127.0.0.1:8377/' })).toBe('http://127.0.0.1:8377/crm/');
  });

  it('has nothing to open for a SuperOffice CRM without a base URL and a token service elsewhere', () => {
    expect(crmHomeUrl({ crmAdapter: 'superoffice', crmAdapterSettings: {}, tokenServiceUrl: 'https://t' })).toBeNull();
    expect(crmHomeUrl({ crmAdapter: 'superoffice', crmAdapterSettings: {}, tokenServiceUrl: '' })).toBeNull();
  });

  it('opens the local server’s SuperOffice stand-in when the policy names no SuperOffice and the token service is local', () => {
    expect(crmHomeUrl({ crmAdapter: 'superoffice', crmAdapterSettings: {}, tokenServiceUrl: 'http://127.0.0.1:3414' })).toBe('http://127.0.0.1:3414/crm/');
    expect(crmHomeUrl({ crmAdapter: 'superoffice', crmAdapterSettings: { auth: 'session' }, tokenServiceUrl: 'http://localhost:8377/x/' })).toBe('http://localhost:8377/crm/');
    // A look-alike host is not the local server.
    expect(crmHomeUrl({ crmAdapter: 'superoffice', crmAdapterSettings: {}, tokenServiceUrl: 'http://127.0.0.1.example.com/' })).toBeNull();
  });

  it('opens SuperOffice Online for a tenant id alone', () => {
    expect(crmHomeUrl({ crmAdapter: 'superoffice', crmAdapterSettings: { tenantId: 'Cust9' }, tokenServiceUrl: 'https://t' })).toBe('https://online.superoffice.com/Cust9/');
  });
});
