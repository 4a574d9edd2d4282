import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '../../server/local-server.ts';
import { CrmError, type CrmAdapter } from './crm-adapter.ts';
import { createSuperOfficeAdapter } from './superoffice-adapter.ts';
import { createOAuthTransport, tokenServiceSuperOfficeTokens, type SuperOfficeToken } from './superoffice-oauth-transport.ts';

// SuperOffice's `oauth` mode end to end over real HTTP: the background's adapter and token source, the local
// server's token service (`POST /auth/superoffice/token`, server/token-service/superoffice-token.ts) holding the
// app's secrets, and the demo CRM's SuperOffice stand-in playing SuperOffice Online (its token endpoint, state API
// and WebAPI; server/demo/superoffice-sign-in.ts). The stand-in's fault switch expires tokens and moves the tenant.

let server: LocalServer;
let asked: string[];

function adapterFor(agentId: string | undefined): CrmAdapter {
  const source = tokenServiceSuperOfficeTokens({ url: `${server.origin}/auth/superoffice/token`, fetch: (input, init) => fetch(input, init), agentId: async () => agentId });
  const tokens = async (why: 'first' | 'expired' | 'moved', stale?: SuperOfficeToken) => {
    asked.push(why);
    return source(why, stale);
  };
  return createSuperOfficeAdapter({ tenantUrl: `${server.origin}/crm/`, transport: createOAuthTransport({ fetch: (input, init) => fetch(input, init), tokens }) });
}

async function faults(body: unknown): Promise<void> {
  const response = await fetch(`${server.origin}/crm/__test/superoffice-faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBe(200);
}

beforeAll(async () => {
  server = await startLocalServer({ key: { keyName: 'so.test', secret: 'sosecret' }, port: 0, roster: [{ id: 'alice', name: 'Alice Andersen', role: 'agent' }] });
});
afterAll(() => server.close());
beforeEach(async () => {
  asked = [];
  await faults({ faults: [], moveTo: null });
});

describe('SuperOffice oauth mode against the stand-in', () => {
  it('suggests the person by email and creates a request with the transcript, signed in with the token service’s app token', async () => {
    const crm = adapterFor('alice');
    const [anna] = await crm.suggestPersons({ email: 'anna.berg@solvberg.example' });
    expect(anna).toMatchObject({ id: '1', name: 'Anna Berg', url: `${server.origin}/crm/default.aspx?person.main?person_id=1` });
    const created = await crm.createRequest({ title: 'OAuth request', personId: '1', transcript: [{ author: 'Anna Berg', authorKind: 'visitor', text: 'Hello <b>', at: '2026-01-15T10:00:00.000Z' }] });
    expect(created.number).toBe(`#${created.id}`);
    expect(asked).toEqual(['first']);

    // The token the agent's background got is SuperOffice's own, usable on the WebAPI and nowhere else.
    const issued = await (await fetch(`${server.origin}/auth/superoffice/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ why: 'first', agentId: 'alice' }) })).json();
    expect(issued).toMatchObject({ scheme: 'Bearer', webApiUrl: `${server.origin}/crm/api/v1/` });
    expect(JSON.stringify(issued)).not.toMatch(/client_secret|refresh/i);
    const filter = encodeURIComponent(`ticketId is '${created.id}'`);
    const messages = await (await fetch(`${issued.webApiUrl}TicketMessage?$filter=${filter}`, { headers: { authorization: `Bearer ${issued.token}` } })).json();
    expect(messages.value[0].Body).toBe('[10:00:00] Anna Berg: Hello <b>');
  });

  it('refuses a token to someone the token service does not know', async () => {
    const error = await adapterFor('mallory').getPerson('1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmError);
    expect(error).toMatchObject({ code: 'not-allowed', message: expect.stringMatching(/^unable to sign in to SuperOffice; .*unknown agentId/) });
  });

  it('a 401 fetches a fresh token once and the call goes through', async () => {
    const crm = adapterFor('alice');
    await crm.getPerson('1');
    await faults({ expireTokens: true });
    expect((await crm.getPerson('2')).id).toBe('2');
    expect(asked.slice(-1)).toEqual(['expired']);
    // A second 401 in a row is the agent's problem to hear about, not a loop.
    await faults({ faults: [{ answer: 401, times: 2 }] });
    const error = await crm.getPerson('3').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'not-allowed', status: 401 });
    expect(asked.filter((why) => why === 'expired')).toHaveLength(2);
  });

  it('a 421 asks where the tenant moved, and the call goes through at its new address', async () => {
    const crm = adapterFor('alice');
    await crm.getPerson('1');
    await faults({ moveTo: 'localhost' });
    const person = await crm.getPerson('2');
    expect(person.id).toBe('2');
    expect(asked.slice(-1)).toEqual(['moved']);
    const issued = await (await fetch(`${server.origin}/auth/superoffice/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ why: 'first', agentId: 'alice' }) })).json();
    expect(issued.webApiUrl).toBe(`http://localhost:${server.port}/crm/api/v1/`);
  });

  it('a 5xx and a malformed answer become clear errors, and nothing is retried behind the agent’s back', async () => {
    const crm = adapterFor('alice');
    await faults({ faults: [{ answer: 503, match: 'GET Person' }] });
    await expect(crm.getPerson('1')).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/SuperOffice is not available right now .*try again in a moment/) });
    await faults({ faults: [{ answer: 'malformed', match: 'GET Person' }] });
    await expect(crm.getPerson('1')).rejects.toMatchObject({ code: 'bad-response', message: expect.stringMatching(/^unable to read the person; unexpected answer from SuperOffice/) });
    expect((await crm.getPerson('1')).name).toBe('Anna Berg');
  });
});
