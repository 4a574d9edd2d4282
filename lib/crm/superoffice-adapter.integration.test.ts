import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandIn } from '../../server/demo/stand-in-test-server.ts';
import { CrmError, type CrmAdapter } from './crm-adapter.ts';
import { createSuperOfficeAdapter } from './superoffice-adapter.ts';
import { runSuperOfficeCall } from './superoffice-session.ts';
import { createSessionTransport } from './superoffice-session-transport.ts';

// The SuperOffice adapter in `session` mode against the demo CRM's SuperOffice stand-in (server/demo/
// superoffice-api.ts) over real HTTP: the content script's half (runSuperOfficeCall) runs with a page whose cookie
// the shell page set, exactly as in the browser; only tabs.sendMessage between the halves is a direct call.

let standIn: Awaited<ReturnType<typeof startStandIn>>;
let tenant: string;
let cookie: string;

function adapterWith(pageCookie: string): CrmAdapter {
  const doc = { cookie: pageCookie, querySelector: (() => null) as unknown as Document['querySelector'] };
  // Node's fetch has no cookie jar: send the page's cookie as the browser would for a same-origin call.
  const fetchFn = ((url: string, init: RequestInit) => fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: pageCookie } })) as typeof fetch;
  const relay = (message: Parameters<typeof runSuperOfficeCall>[0]) => runSuperOfficeCall(message, { pageUrl: `${tenant}default.aspx?person.main?person_id=1`, doc, fetchFn });
  return createSuperOfficeAdapter({ tenantUrl: tenant, transport: createSessionTransport({ tenantUrl: tenant, relay }) });
}

beforeAll(async () => {
  standIn = await startStandIn();
  tenant = standIn.tenant;
  cookie = standIn.cookie;
});

afterAll(() => standIn.close());

describe('SuperOffice adapter against the stand-in (session mode)', () => {
  it('the shell page signs the browser in with an XSRF cookie', () => {
    expect(cookie).toMatch(/^XSRF-TOKEN=[\w-]{20,}$/);
  });

  it('suggests by email, reads the person, creates a request whose first message is the whole transcript', async () => {
    const crm = adapterWith(cookie);
    const [person] = await crm.searchPersons('a');
    expect(person).toBeDefined();
    const suggested = await crm.suggestPersons({ email: person!.email!.toUpperCase(), name: 'nobody at all' });
    expect(suggested.map((p) => p.id)).toEqual([person!.id]);
    expect(suggested[0]!.url).toBe(`${tenant}default.aspx?person.main?person_id=${person!.id}`);
    expect(await crm.getPerson(person!.id)).toMatchObject({ id: person!.id, name: person!.name, email: person!.email });

    const transcript = [
      { author: '<b>Visitor</b>', authorKind: 'visitor' as const, text: "It's <script>alert(1)</script> broken", at: '2026-01-15T10:00:00.000Z' },
      { author: 'Ana', authorKind: 'agent' as const, text: 'On it', at: '2026-01-15T10:01:00.000Z' },
    ];
    const created = await crm.createRequest({ title: 'Chat: login fails', transcript, personId: person!.id });
    expect(created.number).toBe(`#${created.id}`);
    expect(created.url).toBe(`${tenant}default.aspx?ticket.main?ticket_id=${created.id}`);

    const headers = { cookie, 'x-xsrf-token': decodeURIComponent(cookie.split('=')[1]!) };
    const ticket = await (await fetch(`${tenant}api/v1/Ticket/${created.id}`, { headers })).json();
    expect(ticket).toMatchObject({ TicketId: Number(created.id), Title: 'Chat: login fails', Person: { PersonId: Number(person!.id) } });
    const messages = (await (await fetch(`${tenant}api/v1/TicketMessage?$filter=${encodeURIComponent(`ticketId is '${created.id}'`)}`, { headers })).json()) as { value: { Body: string; HtmlBody: string }[] };
    expect(messages.value).toHaveLength(1);
    expect(messages.value[0]!.Body).toBe("[10:00:00] <b>Visitor</b>: It's <script>alert(1)</script> broken\n[10:01:00] Ana: On it");
    expect(messages.value[0]!.HtmlBody).not.toMatch(/<script|<b>/);
  });

  it('answers a call without the XSRF token 401, which the agent reads as "sign in"', async () => {
    const error = await adapterWith('XSRF-TOKEN=forged').searchPersons('a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmError);
    expect(error).toMatchObject({ code: 'not-allowed', status: 401, message: expect.stringMatching(/open SuperOffice and sign in/) });
    const signedOut = await adapterWith('').searchPersons('a').catch((e: unknown) => e);
    expect(signedOut).toMatchObject({ code: 'not-allowed', message: expect.stringMatching(/signed out/) });
  });

  it('a person that is not there is SuperOffice\'s not-found, in its own words', async () => {
    expect(await adapterWith(cookie).getPerson('999999').catch((e: unknown) => e)).toMatchObject({ code: 'not-found', message: 'unable to read the person; SuperOffice said: Person 999999 not found' });
  });
});
