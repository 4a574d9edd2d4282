import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CrmError } from './crm-adapter.ts';
import { fakeFetch } from './crm-test-support.ts';
import { createTokenServiceSigner, createWebhookAdapter, type WebhookSigner } from './webhook-adapter.ts';

const ENDPOINT = 'https://crm.example.org/baton-hook';
const SECRET = 'org-secret';
const line = { author: 'Vera', authorKind: 'visitor' as const, text: 'Hello', at: '2026-01-15T10:00:00.000Z' };

/** What the token service would do: HMAC over timestamp, agent and the body's digest, with a secret the extension never sees. */
const signer: WebhookSigner = async (bodySha256) => {
  const timestamp = 1_768_471_200;
  const mac = createHmac('sha256', SECRET).update(`v1:${timestamp}:ana:${bodySha256}`).digest('hex');
  return { signature: `v1=${mac}`, timestamp, agent: 'ana' };
};

async function failure(promise: Promise<unknown>): Promise<CrmError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(CrmError);
  return error as CrmError;
}

describe('webhook adapter', () => {
  it('posts a signed JSON call the endpoint can verify', async () => {
    const fetch = fakeFetch({ json: { persons: [{ id: 'p-9', name: 'Anna Berg', email: 'anna@x.example', url: 'https://crm.example.org/p/9' }] } });
    const crm = createWebhookAdapter({ endpoint: ENDPOINT, fetch, sign: signer });
    expect(await crm.searchPersons('anna')).toEqual([{ id: 'p-9', name: 'Anna Berg', email: 'anna@x.example', url: 'https://crm.example.org/p/9' }]);
    const call = fetch.calls[0]!;
    expect(call).toMatchObject({ url: ENDPOINT, method: 'POST', body: { action: 'persons.search', query: 'anna' } });
    // The endpoint's side: recompute from the raw body it received.
    const raw = JSON.stringify(call.body);
    const digest = createHash('sha256').update(raw).digest('hex');
    const expected = createHmac('sha256', SECRET).update(`v1:${call.headers['x-baton-timestamp']}:${call.headers['x-baton-agent']}:${digest}`).digest('hex');
    expect(call.headers['x-baton-signature']).toBe(`v1=${expected}`);
    expect(call.headers['x-baton-agent']).toBe('ana');
  });

  it('suggests, reads and creates through the same endpoint', async () => {
    const fetch = fakeFetch((call) => {
      const action = (call.body as { action: string }).action;
      if (action === 'persons.suggest') return { json: { persons: [] } };
      if (action === 'persons.get') return { json: { person: { id: '42', name: 'Lars Eriksen' } } };
      return { status: 201, json: { request: { id: 'T-7', number: 'T-7', url: 'https://crm.example.org/tickets/7' } } };
    });
    const crm = createWebhookAdapter({ endpoint: ENDPOINT, fetch, sign: signer });
    expect(await crm.suggestPersons({ email: 'lars@x.example' })).toEqual([]);
    expect(await crm.getPerson('42')).toEqual({ id: '42', name: 'Lars Eriksen' });
    expect(await crm.createRequest({ title: 'From chat', transcript: [line], personId: '42' })).toEqual({ id: 'T-7', number: 'T-7', url: 'https://crm.example.org/tickets/7' });
    expect(fetch.calls.map((c) => c.body)).toEqual([
      { action: 'persons.suggest', email: 'lars@x.example' },
      { action: 'persons.get', id: '42' },
      { action: 'requests.create', title: 'From chat', transcript: [line], personId: '42' },
    ]);
  });

  it('never hands the sidebar a URL it should not open', async () => {
    const fetch = fakeFetch({ json: { request: { id: '1', number: '1', url: 'javascript:alert(1)' } } });
    const error = await failure(createWebhookAdapter({ endpoint: ENDPOINT, fetch, sign: signer }).createRequest({ title: 't', transcript: [] }));
    expect(error.code).toBe('bad-response');
  });

  it('fails clearly when the token service will not sign', async () => {
    const fetch = fakeFetch({ json: { persons: [] } });
    const crm = createWebhookAdapter({ endpoint: ENDPOINT, fetch, sign: () => Promise.reject(new CrmError('not-allowed', 'unable to sign the CRM call; HTTP 403')) });
    expect(await failure(crm.searchPersons('a'))).toMatchObject({ code: 'not-allowed', message: 'unable to search persons; the token service did not sign the call (HTTP 403)' });
    expect(fetch.calls).toHaveLength(0);
  });

  it('refuses plain http except on loopback', () => {
    const fetch = fakeFetch({ json: {} });
    expect(() => createWebhookAdapter({ endpoint: 'http://crm.example.org/hook', fetch, sign: signer })).toThrow(/must be https/);
    expect(() => createWebhookAdapter({ endpoint: 'http://127.0.0.1:9000/hook', fetch, sign: signer })).not.toThrow();
  });

  it('maps the endpoint’s errors', async () => {
    const fetch = fakeFetch({ status: 404, json: { error: { message: 'no such person' } } });
    expect(await failure(createWebhookAdapter({ endpoint: ENDPOINT, fetch, sign: signer }).getPerson('7'))).toMatchObject({
      code: 'not-found',
      message: 'unable to read person 7; the CRM said: no such person',
    });
  });
});

describe('token service signer', () => {
  it('sends only the digest, with the agent’s credentials, and parses the answer', async () => {
    const fetch = fakeFetch({ json: { signature: `v1=${'a'.repeat(64)}`, timestamp: 5, agent: 'ana' } });
    const sign = createTokenServiceSigner({ url: 'http://127.0.0.1:8377/auth/crm-webhook/sign', fetch, getAuthHeaders: async () => ({ authorization: 'Bearer t' }) });
    expect(await sign('ab'.repeat(32))).toEqual({ signature: `v1=${'a'.repeat(64)}`, timestamp: 5, agent: 'ana' });
    expect(fetch.calls[0]).toMatchObject({ method: 'POST', headers: { authorization: 'Bearer t' }, body: { bodySha256: 'ab'.repeat(32) } });
  });

  it('rejects a malformed signature', async () => {
    const fetch = fakeFetch({ json: { signature: 'nope', timestamp: 5, agent: 'ana' } });
    const sign = createTokenServiceSigner({ url: 'http://127.0.0.1:8377/auth/crm-webhook/sign', fetch, getAuthHeaders: async () => ({}) });
    expect((await failure(sign('00'))).code).toBe('bad-response');
  });
});
