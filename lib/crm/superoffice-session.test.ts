import { describe, expect, it } from 'vitest';
import { CrmError } from './crm-adapter.ts';
import { readXsrfToken, runSuperOfficeCall, SUPEROFFICE_CALL, webApiUrl, type SuperOfficeCallMessage } from './superoffice-session.ts';
import { createSessionTransport, NO_TAB } from './superoffice-session-transport.ts';

const TENANT = 'https://online.superoffice.com/Cust1/';
const PAGE = `${TENANT}default.aspx?person.main?person_id=1`;

describe('webApiUrl: the content script only calls its own tenant API', () => {
  it.each([
    ['Person/12', PAGE, `${TENANT}api/v1/Person/12`],
    ['Person?$top=10&$filter=x', PAGE, `${TENANT}api/v1/Person?$top=10&$filter=x`],
    ['Person/12', 'https://evil.example/Cust1/default.aspx', undefined],
    ['Person/12', 'https://online.superoffice.com/Cust2/default.aspx', undefined],
    ['../../Cust2/api/v1/Person', PAGE, undefined],
    ['/Cust2/api/v1/Person', PAGE, undefined],
    ['https://evil.example/x', PAGE, undefined],
    ['//evil.example/x', PAGE, undefined],
  ])('%s on %s', (path, page, expected) => {
    expect(webApiUrl(TENANT, path, page)).toBe(expected);
  });
});

const doc = (input: string | null, cookie = '') => ({
  cookie,
  querySelector: (() => (input === null ? null : { value: input })) as unknown as Document['querySelector'],
});

describe('readXsrfToken', () => {
  it('reads the hidden input first, then the XSRF-TOKEN cookie', () => {
    expect(readXsrfToken(doc('abc', 'XSRF-TOKEN=zzz'))).toBe('abc');
    expect(readXsrfToken(doc(null, 'a=1; XSRF-TOKEN=q%3D%3D; b=2'))).toBe('q==');
    expect(readXsrfToken(doc('  ', 'other=1'))).toBeUndefined();
  });
});

const message = (over: Partial<SuperOfficeCallMessage> = {}): SuperOfficeCallMessage => ({ type: SUPEROFFICE_CALL, tenantUrl: TENANT, method: 'GET', path: 'Person/1', ...over });

describe('runSuperOfficeCall (content script)', () => {
  it('calls with the XSRF header, same-origin credentials and no redirects followed', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    const fetchFn = (async (url: string, init: RequestInit) => {
      seen.push({ url, init });
      return new Response('{"PersonId":1}', { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    const reply = await runSuperOfficeCall(message({ method: 'POST', path: 'Ticket', body: '{"Title":"t"}' }), { pageUrl: PAGE, doc: doc('tok'), fetchFn });
    expect(reply).toEqual({ ok: true, status: 200, text: '{"PersonId":1}', json: true });
    expect(seen[0]!.url).toBe(`${TENANT}api/v1/Ticket`);
    expect(seen[0]!.init).toMatchObject({ method: 'POST', credentials: 'same-origin', redirect: 'manual', body: '{"Title":"t"}' });
    expect(seen[0]!.init.headers).toMatchObject({ 'X-XSRF-TOKEN': 'tok', accept: 'application/json' });
  });

  it('says signed-out without a token or when sent to the login page, and refuses other pages', async () => {
    let calls = 0;
    const fetchFn = (async () => {
      calls += 1;
      return new Response(null, { status: 302, headers: { location: '/login' } });
    }) as unknown as typeof fetch;
    expect(await runSuperOfficeCall(message(), { pageUrl: PAGE, doc: doc(null), fetchFn })).toEqual({ ok: false, reason: 'signed-out' });
    expect(calls).toBe(0);
    expect(await runSuperOfficeCall(message(), { pageUrl: PAGE, doc: doc('t'), fetchFn })).toEqual({ ok: false, reason: 'signed-out' });
    expect(await runSuperOfficeCall(message(), { pageUrl: 'https://other.example/', doc: doc('t'), fetchFn })).toEqual({ ok: false, reason: 'wrong-page' });
    expect(calls).toBe(1);
  });
});

async function failure(promise: Promise<unknown>): Promise<CrmError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(CrmError);
  return error as CrmError;
}

describe('session transport (background)', () => {
  const transport = (reply: unknown) => createSessionTransport({ tenantUrl: TENANT, relay: async () => (reply instanceof Error ? Promise.reject(reply) : reply) });

  it('hands back the status and the parsed JSON', async () => {
    expect(await transport({ ok: true, status: 404, text: '{"Error":true}', json: true })({ method: 'GET', path: 'Person/1' })).toEqual({ status: 404, body: { Error: true } });
    expect(await transport({ ok: true, status: 200, text: 'garbage', json: true })({ method: 'GET', path: 'Person/1' })).toEqual({ status: 200, body: undefined });
  });

  it.each([
    ['no tab', NO_TAB, 'not-allowed', /no SuperOffice tab is open: open SuperOffice in a tab and sign in/],
    ['a signed-out tab', { ok: false, reason: 'signed-out' }, 'not-allowed', /signed out: open SuperOffice in a tab and sign in/],
    ['the login page', { ok: true, status: 200, text: '<html>login</html>', json: false }, 'not-allowed', /session has ended/],
    ['a network failure', { ok: false, reason: 'network', detail: 'offline' }, 'unavailable', /network failed \(offline\)/],
    ['a forged reply', { ok: true, status: 200, text: 5 }, 'bad-response', /does not understand/],
    ['a tab that went away', new Error('Receiving end does not exist.'), 'unavailable', /did not answer/],
  ])('%s', async (_name, reply, code, text) => {
    expect(await failure(transport(reply)({ method: 'GET', path: 'Person/1' }))).toMatchObject({ code, message: expect.stringMatching(text) });
  });
});
