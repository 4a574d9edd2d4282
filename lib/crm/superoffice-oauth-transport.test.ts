import { describe, expect, it } from 'vitest';
import { fakeFetch } from './crm-test-support.ts';
import { createOAuthTransport, type SuperOfficeToken } from './superoffice-oauth-transport.ts';

const API = 'https://sod.superoffice.com/Cust1/api/v1/';
const MOVED = 'https://sod2.superoffice.com/Cust1/api/v1/';

function tokens(sequence: SuperOfficeToken[]) {
  const asked: string[] = [];
  return { asked, source: async (why: 'first' | 'expired' | 'moved') => (asked.push(why), sequence[Math.min(asked.length - 1, sequence.length - 1)]!) };
}

describe('SuperOffice oauth transport', () => {
  it('calls with the bearer token at the tenant API and keeps the token', async () => {
    const fetch = fakeFetch({ json: { PersonId: 1 } });
    const t = tokens([{ scheme: 'Bearer', token: 'a', webApiUrl: API }]);
    const transport = createOAuthTransport({ fetch, tokens: t.source });
    expect(await transport({ method: 'GET', path: 'Person/1' })).toEqual({ status: 200, body: { PersonId: 1 } });
    await transport({ method: 'POST', path: 'Ticket', body: { Title: 't' } });
    expect(fetch.calls.map((c) => [c.method, c.url, c.headers.authorization])).toEqual([
      ['GET', `${API}Person/1`, 'Bearer a'],
      ['POST', `${API}Ticket`, 'Bearer a'],
    ]);
    expect(fetch.calls[1]!.body).toEqual({ Title: 't' });
    expect(t.asked).toEqual(['first']);
  });

  it('refreshes once on 401, and passes a second 401 on', async () => {
    const fetch = fakeFetch((call) => ({ status: call.headers.authorization === 'Bearer b' ? 200 : 401, json: {} }));
    const t = tokens([{ scheme: 'Bearer', token: 'a', webApiUrl: API }, { scheme: 'Bearer', token: 'b', webApiUrl: API }]);
    expect((await createOAuthTransport({ fetch, tokens: t.source })({ method: 'GET', path: 'Person/1' })).status).toBe(200);
    expect(t.asked).toEqual(['first', 'expired']);

    const always401 = fakeFetch({ status: 401, json: { Error: true } });
    const t2 = tokens([{ scheme: 'Bearer', token: 'a', webApiUrl: API }]);
    expect((await createOAuthTransport({ fetch: always401, tokens: t2.source })({ method: 'GET', path: 'Person/1' })).status).toBe(401);
    expect(always401.calls).toHaveLength(2);
  });

  it('on 421 asks where the tenant moved and retries there once', async () => {
    const fetch = fakeFetch((call) => ({ status: call.url.startsWith(MOVED) ? 200 : 421, json: {} }));
    const t = tokens([{ scheme: 'Bearer', token: 'a', webApiUrl: API }, { scheme: 'Bearer', token: 'a', webApiUrl: MOVED }]);
    expect((await createOAuthTransport({ fetch, tokens: t.source })({ method: 'GET', path: 'Person/1' })).status).toBe(200);
    expect(t.asked).toEqual(['first', 'moved']);
    expect(fetch.calls.map((c) => c.url)).toEqual([`${API}Person/1`, `${MOVED}Person/1`]);

    const stuck = fakeFetch({ status: 421, json: {} });
    const t2 = tokens([{ scheme: 'Bearer', token: 'a', webApiUrl: API }]);
    expect((await createOAuthTransport({ fetch: stuck, tokens: t2.source })({ method: 'GET', path: 'Person/1' })).status).toBe(421);
    expect(stuck.calls).toHaveLength(1);
  });

  it('a network failure is a readable CrmError', async () => {
    const t = tokens([{ scheme: 'SOTicket', token: '7T:abc', webApiUrl: API }]);
    await expect(createOAuthTransport({ fetch: fakeFetch(new Error('offline')), tokens: t.source })({ method: 'GET', path: 'Person/1' })).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/network failed \(offline\)/),
    });
  });
});
