import { describe, expect, it } from 'vitest';
import { CrmError } from './crm-adapter.ts';
import { fakeFetch } from './crm-test-support.ts';
import { MAX_TRANSCRIPT_LINES } from './crm-transcript.ts';
import { createDemoCrmAdapter } from './demo-crm-adapter.ts';

const BASE = 'http://127.0.0.1:8377/crm/';
const anna = { id: 1, firstName: 'Anna', lastName: 'Berg', title: 'Head of Customer Service', email: 'anna.berg@solvberg.example', phone: '+45 33 91 20 14', mobile: '', companyName: 'Sølvberg Revision', companyId: 3 };
const annaPerson = {
  id: '1',
  name: 'Anna Berg',
  email: 'anna.berg@solvberg.example',
  phone: '+45 33 91 20 14',
  title: 'Head of Customer Service',
  companyName: 'Sølvberg Revision',
  url: 'http://127.0.0.1:8377/crm/default.aspx?person_main&person_id=1',
};
const line = { author: 'Vera', authorKind: 'visitor' as const, text: 'Hello', at: '2026-01-15T10:00:00.000Z' };

async function failure(promise: Promise<unknown>): Promise<CrmError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(CrmError);
  return error as CrmError;
}

describe('demo CRM adapter', () => {
  it('searches persons and maps them, with a link into the CRM', async () => {
    const fetch = fakeFetch({ json: { items: [anna] } });
    const crm = createDemoCrmAdapter({ baseUrl: BASE, fetch });
    expect(await crm.searchPersons('  anna  ')).toEqual([annaPerson]);
    expect(fetch.calls[0]).toMatchObject({ method: 'GET', url: `${BASE}api/persons?query=anna&limit=50` });
  });

  it('does not call the CRM for an empty search, and cuts long ones to the API limit', async () => {
    const fetch = fakeFetch({ json: { items: [] } });
    const crm = createDemoCrmAdapter({ baseUrl: 'http://127.0.0.1:8377/crm', fetch });
    expect(await crm.searchPersons('   ')).toEqual([]);
    expect(fetch.calls).toHaveLength(0);
    await crm.searchPersons('x'.repeat(300));
    expect(new URL(fetch.calls[0]!.url).searchParams.get('query')).toHaveLength(100);
  });

  it('suggests by exact email first', async () => {
    const other = { ...anna, id: 7, firstName: 'Freja', lastName: 'Madsen', email: 'freja.madsen@solvberg.example' };
    const fetch = fakeFetch({ json: { items: [other, anna] } });
    const crm = createDemoCrmAdapter({ baseUrl: BASE, fetch });
    expect(await crm.suggestPersons({ email: 'Anna.Berg@solvberg.example', name: 'Anna' })).toEqual([annaPerson]);
    expect(fetch.calls).toHaveLength(1);
  });

  it('falls back to the name when the email finds nobody, and asks nothing without hints', async () => {
    const fetch = fakeFetch((call) => ({ json: { items: call.url.includes('%40') ? [] : [anna] } }));
    const crm = createDemoCrmAdapter({ baseUrl: BASE, fetch });
    expect(await crm.suggestPersons({ email: 'nobody@example.com', name: 'Anna Berg' })).toEqual([annaPerson]);
    expect(fetch.calls.map((c) => new URL(c.url).searchParams.get('query'))).toEqual(['nobody@example.com', 'Anna Berg']);
    expect(await crm.suggestPersons({})).toEqual([]);
    expect(await crm.suggestPersons({ email: 'not-an-email', name: ' ' })).toEqual([]);
    expect(fetch.calls).toHaveLength(2);
  });

  it('reads one person', async () => {
    const fetch = fakeFetch({ json: { person: anna, company: null, activities: [], requests: [], sales: [] } });
    expect(await createDemoCrmAdapter({ baseUrl: BASE, fetch }).getPerson('1')).toEqual(annaPerson);
    expect(fetch.calls[0]!.url).toBe(`${BASE}api/persons/1`);
  });

  it('refuses ids the demo CRM cannot have without asking it', async () => {
    const fetch = fakeFetch({ json: {} });
    const crm = createDemoCrmAdapter({ baseUrl: BASE, fetch });
    for (const id of ['0', 'abc', '1/../2', '']) expect((await failure(crm.getPerson(id))).code).toBe('invalid-input');
    expect((await failure(crm.createRequest({ title: 't', transcript: [], personId: 'x1' }))).code).toBe('invalid-input');
    expect(fetch.calls).toHaveLength(0);
  });

  it('says what went wrong for an unknown person', async () => {
    const fetch = fakeFetch({ status: 404, json: { error: { code: 'not_found', message: 'no person with id 99' } } });
    const error = await failure(createDemoCrmAdapter({ baseUrl: BASE, fetch }).getPerson('99'));
    expect(error).toMatchObject({ code: 'not-found', status: 404, message: 'unable to read person 99; the CRM said: no person with id 99' });
  });

  it('creates a request with the transcript and returns its number and URL', async () => {
    const fetch = fakeFetch({ status: 201, json: { request: { id: 1013, number: '#1013', title: 't', status: 'open', createdAt: '2026-01-15T10:00:00.000Z' } } });
    const crm = createDemoCrmAdapter({ baseUrl: BASE, fetch });
    const created = await crm.createRequest({ title: 'Invoice question', transcript: [line], personId: '1' });
    expect(created).toEqual({ id: '1013', number: '#1013', url: `${BASE}default.aspx?request_main&request_id=1013` });
    expect(fetch.calls[0]).toMatchObject({
      method: 'POST',
      url: `${BASE}api/requests`,
      headers: { 'content-type': 'application/json' },
      body: { title: 'Invoice question', transcript: [line], personId: 1, status: 'open' },
    });
  });

  it('leaves personId out when the chat is not linked, and strips extra fields from lines', async () => {
    const fetch = fakeFetch({ status: 201, json: { request: { id: 1014, number: '#1014' } } });
    const extra = { ...line, chatId: 'c-1' };
    await createDemoCrmAdapter({ baseUrl: BASE, fetch }).createRequest({ title: 't', transcript: [extra] });
    expect(fetch.calls[0]!.body).toEqual({ title: 't', transcript: [line], status: 'open' });
  });

  it('refuses an empty title and an oversize transcript before sending', async () => {
    const fetch = fakeFetch({ json: {} });
    const crm = createDemoCrmAdapter({ baseUrl: BASE, fetch });
    expect(await failure(crm.createRequest({ title: ' ', transcript: [] }))).toMatchObject({ code: 'invalid-input', message: 'unable to create a request; the title is empty' });
    expect((await failure(crm.createRequest({ title: 'x'.repeat(201), transcript: [] }))).code).toBe('invalid-input');
    const long = Array.from({ length: MAX_TRANSCRIPT_LINES + 1 }, () => line);
    expect((await failure(crm.createRequest({ title: 't', transcript: long }))).message).toMatch(/^unable to create a request; the transcript has 5001 lines/);
    expect(fetch.calls).toHaveLength(0);
  });

  it.each([
    ['a network failure', new TypeError('fetch failed'), 'unavailable', 'unable to search persons; the CRM could not be reached (fetch failed)'],
    ['a 500', { status: 500, text: 'oops' }, 'unavailable', 'unable to search persons; HTTP 500'],
    ['a 401', { status: 401, json: { error: { code: 'x', message: 'sign in' } } }, 'not-allowed', 'unable to search persons; the CRM said: sign in'],
    ['HTML instead of JSON', { status: 200, text: '<html>' }, 'bad-response', "unable to search persons; the CRM's answer is not JSON"],
    ['a wrong shape', { json: { items: [{ id: '1', firstName: 'A' }] } }, 'bad-response', 'unable to search persons; unexpected answer from the CRM (items.0.id: '],
    ['no items', { json: {} }, 'bad-response', 'unable to search persons; unexpected answer from the CRM (items: '],
  ])('turns %s into a CrmError', async (_name, answer, code, message) => {
    const crm = createDemoCrmAdapter({ baseUrl: BASE, fetch: fakeFetch(answer as never) });
    const error = await failure(crm.searchPersons('anna'));
    expect(error.code).toBe(code);
    expect(error.message.startsWith(message)).toBe(true);
  });

  it('passes the caller’s abort signal on', async () => {
    const controller = new AbortController();
    let seen: AbortSignal | null | undefined;
    const crm = createDemoCrmAdapter({
      baseUrl: BASE,
      fetch: async (_url, init) => {
        seen = init?.signal;
        controller.abort();
        throw new DOMException('aborted', 'AbortError');
      },
    });
    const error = await failure(crm.searchPersons('anna', { signal: controller.signal }));
    expect(seen).toBe(controller.signal);
    expect(error.message).toBe('unable to search persons; cancelled');
  });

  it('refuses a base URL that is not one', () => {
    expect(() => createDemoCrmAdapter({ baseUrl: 'not a url', fetch: fakeFetch({ json: {} }) })).toThrow(CrmError);
  });
});
