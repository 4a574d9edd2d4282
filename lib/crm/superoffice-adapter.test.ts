import { describe, expect, it } from 'vitest';
import { CrmError } from './crm-adapter.ts';
import { fakeFetch } from './crm-test-support.ts';
import { createSuperOfficeAdapter } from './superoffice-adapter.ts';

async function failure(promise: Promise<unknown>): Promise<CrmError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(CrmError);
  return error as CrmError;
}

describe('SuperOffice adapter (design only)', () => {
  it('says clearly that it is not built yet, and calls nobody', async () => {
    const fetch = fakeFetch({ json: {} });
    const crm = createSuperOfficeAdapter({ tenantUrl: 'https://online.superoffice.com/Cust1/', fetch, getAccessToken: async () => ({ scheme: 'Bearer', token: 't' }) });
    expect(crm.kind).toBe('superoffice');
    for (const call of [crm.suggestPersons({ name: 'a' }), crm.searchPersons('a'), crm.getPerson('1'), crm.createRequest({ title: 't', transcript: [] })]) {
      expect(await failure(call)).toMatchObject({ code: 'not-implemented', message: expect.stringMatching(/^unable to .+; the SuperOffice adapter is designed but not built yet/) });
    }
    expect(fetch.calls).toHaveLength(0);
  });
});
