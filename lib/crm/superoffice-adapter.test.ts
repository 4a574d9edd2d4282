import { describe, expect, it } from 'vitest';
import { CrmError } from './crm-adapter.ts';
import { createSuperOfficeAdapter, type SuperOfficeAnswer, type SuperOfficeCall } from './superoffice-adapter.ts';

const TENANT = 'https://online.superoffice.com/Cust1/';

function fakeTransport(answer: (call: SuperOfficeCall) => SuperOfficeAnswer | Error) {
  const calls: SuperOfficeCall[] = [];
  const transport = async (call: SuperOfficeCall) => {
    calls.push(call);
    const a = answer(call);
    if (a instanceof Error) throw a;
    return a;
  };
  return { calls, crm: createSuperOfficeAdapter({ tenantUrl: TENANT, transport }) };
}

async function failure(promise: Promise<unknown>): Promise<CrmError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(CrmError);
  return error as CrmError;
}

const row = (id: number, fullName: string, email: string) => ({ personId: id, fullName, 'email/emailAddress': email, 'personContact/name': 'Nordlys AS', title: 'CTO', PrimaryKey: id, EntityName: 'person' });
const filterOf = (call: SuperOfficeCall) => new URLSearchParams(call.path.split('?')[1]).get('$filter');
const transcript = [
  { author: 'Visitor <b>', authorKind: 'visitor' as const, text: 'Hi <img src=x onerror=alert(1)> & bye', at: '2026-01-15T10:02:11.000Z' },
  { author: 'Ana', authorKind: 'agent' as const, text: 'Hello', at: '2026-01-15T10:02:30.000Z' },
];

describe('SuperOffice adapter: persons', () => {
  it('suggests by email first, with SuperOffice archive columns and an escaped OData literal', async () => {
    const { crm, calls } = fakeTransport(() => ({ status: 200, body: { value: [row(12, 'Anna Berg', "o'neil@example.com"), row(12, 'Anna Berg', 'second@example.com')] } }));
    const persons = await crm.suggestPersons({ email: "o'neil@example.com", name: 'Anna' });
    expect(persons).toEqual([
      { id: '12', name: 'Anna Berg', email: "o'neil@example.com", title: 'CTO', companyName: 'Nordlys AS', url: `${TENANT}default.aspx?person.main?person_id=12` },
    ]);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.method).toBe('GET');
    expect(calls[0]!.path).toMatch(/^Person\?/);
    const params = new URLSearchParams(calls[0]!.path.split('?')[1]);
    expect(params.get('$select')).toBe('personId,fullName,email/emailAddress,personContact/name,title');
    expect(params.get('$filter')).toBe("email/emailAddress is 'o''neil@example.com'");
    expect(params.get('$top')).toBe('10');
  });

  it('falls back to the name when no email matches, and to nothing without hints', async () => {
    const { crm, calls } = fakeTransport((call) => ({ status: 200, body: { value: filterOf(call)!.startsWith('fullName') ? [row(3, 'Bo Ek', 'bo@example.com')] : [] } }));
    expect((await crm.suggestPersons({ email: 'x@example.com', name: 'Bo' })).map((p) => p.id)).toEqual(['3']);
    expect(calls.map(filterOf)).toEqual(["email/emailAddress is 'x@example.com'", "fullName contains 'Bo'"]);
    expect(await crm.suggestPersons({})).toEqual([]);
    expect(calls).toHaveLength(2);
  });

  it('searches name or email with one literal, control characters made inert', async () => {
    const { crm, calls } = fakeTransport(() => ({ status: 200, body: { value: [] } }));
    await crm.searchPersons("a'\n or 1 eq 1");
    expect(filterOf(calls[0]!)).toBe("fullName contains 'a''  or 1 eq 1' or email/emailAddress contains 'a''  or 1 eq 1'");
    expect(await crm.searchPersons('   ')).toEqual([]);
  });

  it('reads a PersonEntity', async () => {
    const { crm, calls } = fakeTransport(() => ({
      status: 200,
      body: { PersonId: 7, Firstname: 'Anna', Lastname: 'Berg', FullName: 'Anna Berg', Title: null, Emails: [{ Value: 'anna@example.com' }], Phones: [], Contact: { ContactId: 2, Name: 'Nordlys AS' } },
    }));
    expect(await crm.getPerson('7')).toEqual({ id: '7', name: 'Anna Berg', email: 'anna@example.com', companyName: 'Nordlys AS', url: `${TENANT}default.aspx?person.main?person_id=7` });
    expect(calls[0]).toEqual({ method: 'GET', path: 'Person/7' });
    expect(await failure(crm.getPerson('7/../Ticket'))).toMatchObject({ code: 'invalid-input' });
    expect(calls).toHaveLength(1);
  });
});

describe('SuperOffice adapter: requests', () => {
  it('creates a ticket from the chat, then the escaped transcript as its first message', async () => {
    const { crm, calls } = fakeTransport((call) => ({ status: 200, body: call.path === 'Ticket' ? { TicketId: 1013, Title: 'x' } : { EjMessageId: 5 } }));
    const created = await crm.createRequest({ title: 'Chat with Bo', transcript, personId: '12' });
    expect(created).toEqual({ id: '1013', number: '#1013', url: `${TENANT}default.aspx?ticket.main?ticket_id=1013` });
    expect(calls[0]).toEqual({ method: 'POST', path: 'Ticket', body: { Title: 'Chat with Bo', Origin: 'Chat', Person: { PersonId: 12 } } });
    const message = calls[1]!.body as Record<string, unknown>;
    expect(calls[1]!.path).toBe('TicketMessage');
    expect(message).toMatchObject({ Ticket: { TicketId: 1013 }, Type: 'Html', Slevel: 'Internal' });
    expect(message.Body).toBe('[10:02:11] Visitor <b>: Hi <img src=x onerror=alert(1)> & bye\n[10:02:30] Ana: Hello');
    expect(message.HtmlBody).toContain('<strong>Visitor &lt;b&gt;</strong>: Hi &lt;img src=x onerror=alert(1)&gt; &amp; bye');
    expect(message.HtmlBody).not.toMatch(/<img|<b>/);
  });

  it('a retry after a failed transcript message adds it to the same ticket instead of making a second', async () => {
    let messageFails = true;
    const { crm, calls } = fakeTransport((call) => {
      if (call.path === 'Ticket') return { status: 200, body: { TicketId: 40 } };
      if (messageFails) return { status: 503, body: { Error: true, ErrorType: 'SoException', ErrorMessage: 'Database busy' } };
      return { status: 200, body: { EjMessageId: 1 } };
    });
    const error = await failure(crm.createRequest({ title: 't', transcript }));
    expect(error.code).toBe('unavailable');
    expect(error).toMatchObject({ name: 'TranscriptMissingError', requestNumber: '#40' });
    expect(error.message).toMatch(/^unable to add the chat transcript to the request; SuperOffice is not available right now \(SuperOffice said: Database busy\).*request #40 exists/);
    messageFails = false;
    expect((await crm.createRequest({ title: 't', transcript })).number).toBe('#40');
    expect(calls.map((c) => c.path)).toEqual(['Ticket', 'TicketMessage', 'TicketMessage']);
  });

  it('refuses bad input before calling SuperOffice', async () => {
    const { crm, calls } = fakeTransport(() => ({ status: 200, body: {} }));
    expect(await failure(crm.createRequest({ title: ' ', transcript }))).toMatchObject({ code: 'invalid-input' });
    expect(await failure(crm.createRequest({ title: 't', transcript, personId: 'abc' }))).toMatchObject({ code: 'invalid-input' });
    expect(calls).toHaveLength(0);
  });
});

describe('SuperOffice adapter: every error shape becomes a CrmError a person can read', () => {
  const soError = (type: string, message: string) => ({ Error: true, ErrorType: type, ErrorMessage: message });
  it.each([
    [404, soError('SoNotFoundException', 'Person 9 not found'), 'not-found', /^unable to read the person; SuperOffice said: Person 9 not found$/],
    [401, soError('SoAuthenticationException', 'Not signed in'), 'not-allowed', /open SuperOffice and sign in/],
    [403, soError('SoAccessDeniedException', 'No access'), 'not-allowed', /your SuperOffice user may not do this/],
    [421, undefined, 'unavailable', /tenant has moved/],
    [500, undefined, 'unavailable', /SuperOffice is not available right now \(SuperOffice answered HTTP 500\)/],
    [400, soError('SoValidationException', 'Bad id'), 'invalid-input', /SuperOffice said: Bad id/],
    [302, undefined, 'bad-response', /HTTP 302/],
  ])('HTTP %i', async (status, body, code, message) => {
    const { crm } = fakeTransport(() => ({ status, body }));
    const error = await failure(crm.getPerson('9'));
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.message).toMatch(message);
  });

  it.each([
    ['not JSON', undefined, /SuperOffice's answer is not JSON/],
    ['the wrong shape', { PersonId: 'nine' }, /unexpected answer from SuperOffice \(PersonId: /],
  ])('a 200 that is %s', async (_name, body, message) => {
    const { crm } = fakeTransport(() => ({ status: 200, body }));
    expect(await failure(crm.getPerson('9'))).toMatchObject({ code: 'bad-response', message: expect.stringMatching(message) });
  });

  it('an archive whose rows have no person id is a bad answer, not "nobody found"', async () => {
    const { crm } = fakeTransport(() => ({ status: 200, body: { value: [{ fullName: 'x' }] } }));
    expect(await failure(crm.searchPersons('x'))).toMatchObject({ code: 'bad-response' });
  });

  it('passes on what the transport says (no tab, signed out)', async () => {
    const { crm } = fakeTransport(() => new CrmError('not-allowed', 'unable to reach SuperOffice; open SuperOffice and sign in'));
    expect(await failure(crm.searchPersons('x'))).toMatchObject({ code: 'not-allowed', message: expect.stringMatching(/open SuperOffice and sign in/) });
  });
});
