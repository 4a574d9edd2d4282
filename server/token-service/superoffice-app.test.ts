import { describe, expect, it } from 'vitest';
import { superOfficeAppFromEnv, webApiRoot } from './superoffice-app.ts';

describe('superOfficeAppFromEnv', () => {
  it('is off without a client id', () => {
    expect(superOfficeAppFromEnv({})).toBeUndefined();
  });

  it('reads an Online app with a refresh token, defaulting to SuperOffice Online’s token endpoint', () => {
    expect(superOfficeAppFromEnv({ BATON_SO_CLIENT_ID: 'id1', BATON_SO_CLIENT_SECRET: 's3cret', BATON_SO_REFRESH_TOKEN: 'rt', BATON_SO_CONTEXT_ID: 'Cust12345' })).toEqual({
      tokenUrl: 'https://online.superoffice.com/login/common/oauth/tokens',
      clientId: 'id1',
      clientSecret: 's3cret',
      grant: { type: 'refresh_token', refreshToken: 'rt' },
      contextId: 'Cust12345',
    });
  });

  it('uses client credentials without a refresh token, and a fixed WebAPI address for on-site', () => {
    const app = superOfficeAppFromEnv({ BATON_SO_CLIENT_ID: 'id1', BATON_SO_CLIENT_SECRET: 's', BATON_SO_TOKEN_URL: 'https://idp.example.com/token', BATON_SO_WEBAPI_URL: 'https://crm.example.com/SuperOffice/api/v1/' });
    expect(app).toMatchObject({ grant: { type: 'client_credentials' }, webApiUrl: 'https://crm.example.com/SuperOffice/api/v1/' });
  });

  it('names the setting that is wrong', () => {
    expect(() => superOfficeAppFromEnv({ BATON_SO_CLIENT_ID: 'id1' })).toThrow(/^BATON_SO_CLIENT_SECRET/);
    expect(() => superOfficeAppFromEnv({ BATON_SO_CLIENT_ID: 'id1', BATON_SO_CLIENT_SECRET: 's', BATON_SO_TOKEN_URL: 'javascript:alert(1)' })).toThrow(/^BATON_SO_TOKEN_URL/);
    expect(() => superOfficeAppFromEnv({ BATON_SO_CLIENT_ID: 'id1', BATON_SO_CLIENT_SECRET: 's', BATON_SO_CONTEXT_ID: 'Cust 1' })).toThrow(/^BATON_SO_CONTEXT_ID/);
  });
});

describe('webApiRoot', () => {
  it('turns a tenant root, an api link or a WebAPI root into the WebAPI root', () => {
    expect(webApiRoot('https://sod2.superoffice.com/Cust37911')).toBe('https://sod2.superoffice.com/Cust37911/api/v1/');
    expect(webApiRoot('https://sod2.superoffice.com/Cust37911/api')).toBe('https://sod2.superoffice.com/Cust37911/api/v1/');
    expect(webApiRoot('https://sod2.superoffice.com/Cust37911/api/v1')).toBe('https://sod2.superoffice.com/Cust37911/api/v1/');
    expect(webApiRoot('https://sod2.superoffice.com/Cust37911/api/v1/')).toBe('https://sod2.superoffice.com/Cust37911/api/v1/');
  });
});
