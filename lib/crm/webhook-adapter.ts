import * as v from 'valibot';
import {
  CrmError,
  MAX_SEARCH_QUERY,
  checkNewRequest,
  fetchJson,
  type CallOptions,
  type CreatedCrmRequest,
  type CrmAdapter,
  type CrmPerson,
  type FetchLike,
  type NewCrmRequest,
  type PersonHints,
} from './crm-adapter.ts';

// A generic adapter for any CRM an organisation fronts with one HTTPS endpoint of its own (docs/crm-adapters.md).
// Every call is a signed JSON POST to that endpoint:
//
//   POST <endpoint>
//   content-type: application/json
//   x-baton-timestamp: 1764096000            seconds since the epoch
//   x-baton-agent: ana                       the signed-in agent, as the token service knows them
//   x-baton-signature: v1=<hex>              HMAC-SHA256(orgSecret, "v1:<timestamp>:<agent>:<sha256hex(body)>")
//
//   { "action": "persons.suggest", "email"?: "...", "name"?: "..." }  → 200 { "persons": [Person] }
//   { "action": "persons.search", "query": "..." }                    → 200 { "persons": [Person] }
//   { "action": "persons.get", "id": "..." }                          → 200 { "person": Person } | 404
//   { "action": "requests.create", "title", "transcript", "personId"? } → 200|201 { "request": { id, number, url } }
//   Person = { id, name, email?, phone?, title?, companyName?, url? }; errors: 4xx/5xx with { error: { message } }.
//
// The shared secret never reaches the extension: the extension is installed on every agent's machine and anything
// in it can be read. The token service holds the secret and signs on behalf of the agent it has authenticated
// (the same way it signs Ably JWTs), so the endpoint learns *who* asked as well as that Baton did. The extension
// sends the token service only the body's SHA-256, not the transcript. The endpoint must check the signature with
// a constant-time compare and refuse timestamps more than five minutes off (replay).

export interface WebhookSignature {
  /** `v1=<hex>`. */
  signature: string;
  /** Seconds since the epoch, as signed. */
  timestamp: number;
  /** The agent the token service authenticated, as signed. */
  agent: string;
}

/** Asks the token service to sign a body's digest; see createTokenServiceSigner. */
export type WebhookSigner = (bodySha256: string, options?: CallOptions) => Promise<WebhookSignature>;

export interface WebhookAdapterOptions {
  /** The organisation's endpoint; https, or http on loopback for development. */
  endpoint: string;
  fetch: FetchLike;
  sign: WebhookSigner;
}

const SignatureWire = v.object({
  signature: v.pipe(v.string(), v.regex(/^v1=[0-9a-f]{64}$/)),
  timestamp: v.pipe(v.number(), v.integer(), v.minValue(0)),
  agent: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
});

/**
 * The signer the background would use: `POST <tokenService>/auth/crm-webhook/sign { bodySha256 }` with the agent's
 * session credentials (`getAuthHeaders`, as for the Ably token request) → `{ signature, timestamp, agent }`.
 * The token service's side of this is not built yet (docs/crm-adapters.md says what it must do).
 */
export function createTokenServiceSigner(options: { url: string; fetch: FetchLike; getAuthHeaders: () => Promise<Record<string, string>> }): WebhookSigner {
  return async (bodySha256, callOptions) => {
    const headers = { ...(await options.getAuthHeaders()), accept: 'application/json', 'content-type': 'application/json' };
    return fetchJson(options.fetch, 'sign the CRM call', options.url, { method: 'POST', headers, body: JSON.stringify({ bodySha256 }), signal: callOptions?.signal ?? null }, SignatureWire);
  };
}

// A URL from the organisation's endpoint is opened by the sidebar: only web URLs, never javascript: or data:.
const WebUrl = v.pipe(v.string(), v.maxLength(2048), v.url(), v.check((s) => /^https?:\/\//i.test(s), 'url must be http(s)'));
const Text = (max: number) => v.pipe(v.string(), v.maxLength(max));

const PersonWire = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  name: Text(300),
  email: v.optional(Text(320)),
  phone: v.optional(Text(100)),
  title: v.optional(Text(300)),
  companyName: v.optional(Text(300)),
  url: v.optional(WebUrl),
});
const PersonsWire = v.object({ persons: v.pipe(v.array(PersonWire), v.maxLength(200)) });
const PersonWrapWire = v.object({ person: PersonWire });
const CreatedWire = v.object({
  request: v.object({ id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)), number: v.pipe(v.string(), v.minLength(1), v.maxLength(64)), url: WebUrl }),
});
const ErrorWire = v.object({ error: v.object({ message: v.pipe(v.string(), v.maxLength(500)) }) });
const errorDetail = (body: unknown) => {
  const parsed = v.safeParse(ErrorWire, body);
  return parsed.success ? parsed.output.error.message : undefined;
};

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

const strip = (p: v.InferOutput<typeof PersonWire>): CrmPerson => {
  const person: CrmPerson = { id: p.id, name: p.name };
  if (p.email) person.email = p.email;
  if (p.phone) person.phone = p.phone;
  if (p.title) person.title = p.title;
  if (p.companyName) person.companyName = p.companyName;
  if (p.url) person.url = p.url;
  return person;
};

export function createWebhookAdapter(options: WebhookAdapterOptions): CrmAdapter {
  let endpoint: URL;
  try {
    endpoint = new URL(options.endpoint);
  } catch {
    throw new CrmError('invalid-input', `unable to set up the webhook CRM adapter; ${JSON.stringify(options.endpoint)} is not a URL`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(endpoint.hostname);
  if (endpoint.protocol !== 'https:' && !(endpoint.protocol === 'http:' && loopback)) {
    throw new CrmError('invalid-input', 'unable to set up the webhook CRM adapter; the endpoint must be https (http only on loopback)');
  }

  const call = async <S extends v.GenericSchema>(action: string, payload: Record<string, unknown>, schema: S, callOptions?: CallOptions) => {
    const body = JSON.stringify(payload);
    let signed: WebhookSignature;
    try {
      signed = await options.sign(await sha256Hex(body), callOptions);
    } catch (error) {
      const why = error instanceof CrmError ? error.message.replace(/^unable to [^;]*; /, '') : String(error);
      throw new CrmError(error instanceof CrmError && error.code === 'not-allowed' ? 'not-allowed' : 'unavailable', `unable to ${action}; the token service did not sign the call (${why})`);
    }
    const headers = {
      accept: 'application/json',
      'content-type': 'application/json',
      'x-baton-timestamp': String(signed.timestamp),
      'x-baton-agent': signed.agent,
      'x-baton-signature': signed.signature,
    };
    return fetchJson(options.fetch, action, endpoint.href, { method: 'POST', headers, body, signal: callOptions?.signal ?? null }, schema, errorDetail);
  };

  return {
    kind: 'webhook',

    async suggestPersons(hints: PersonHints, callOptions?: CallOptions) {
      const email = hints.email?.trim() ?? '';
      const name = hints.name?.trim() ?? '';
      if (email === '' && name === '') return [];
      const payload = { action: 'persons.suggest', ...(email ? { email: email.slice(0, 320) } : {}), ...(name ? { name: name.slice(0, MAX_SEARCH_QUERY) } : {}) };
      return (await call('suggest persons', payload, PersonsWire, callOptions)).persons.map(strip);
    },

    async searchPersons(query: string, callOptions?: CallOptions) {
      const trimmed = query.trim();
      if (trimmed === '') return [];
      return (await call('search persons', { action: 'persons.search', query: trimmed.slice(0, MAX_SEARCH_QUERY) }, PersonsWire, callOptions)).persons.map(strip);
    },

    async getPerson(id: string, callOptions?: CallOptions) {
      if (id === '' || id.length > 64) throw new CrmError('invalid-input', 'unable to read the person; the id is empty or too long');
      return strip((await call(`read person ${id}`, { action: 'persons.get', id }, PersonWrapWire, callOptions)).person);
    },

    async createRequest(request: NewCrmRequest, callOptions?: CallOptions): Promise<CreatedCrmRequest> {
      checkNewRequest(request);
      const payload = {
        action: 'requests.create',
        title: request.title,
        transcript: request.transcript.map(({ author, authorKind, text, at }) => ({ author, authorKind, text, at })),
        ...(request.personId !== undefined ? { personId: request.personId } : {}),
      };
      return (await call('create a request', payload, CreatedWire, callOptions)).request;
    },
  };
}
