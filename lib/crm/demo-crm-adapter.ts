import * as v from 'valibot';
import {
  CrmError,
  MAX_SEARCH_QUERY,
  MAX_SUGGESTIONS,
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

// The demo CRM's adapter (server/demo/demo-api.ts): complete, and the model for the others. `fetch` is injected
// (the background passes its own; tests a fake), the base URL is the CRM's root, e.g. `http://127.0.0.1:8377/crm/`.
// No credentials: the demo CRM is the local server's, on loopback.

export interface DemoCrmAdapterOptions {
  /** The CRM's root, e.g. `http://127.0.0.1:8377/crm/`; the API is `<baseUrl>api/…`. */
  baseUrl: string;
  fetch: FetchLike;
}

const Id = v.pipe(v.number(), v.integer(), v.minValue(1));

const PersonWire = v.object({
  id: Id,
  firstName: v.string(),
  lastName: v.string(),
  title: v.string(),
  email: v.string(),
  phone: v.string(),
  companyName: v.string(),
});

const PersonListWire = v.object({ items: v.array(PersonWire) });
const PersonWrapWire = v.object({ person: PersonWire });
const CreatedWire = v.object({ request: v.object({ id: Id, number: v.pipe(v.string(), v.regex(/^#\d+$/)) }) });
const ErrorWire = v.object({ error: v.object({ code: v.string(), message: v.string() }) });

const errorDetail = (body: unknown) => {
  const parsed = v.safeParse(ErrorWire, body);
  // The API's messages already say "unable to <x>; <why>"; the adapter says what it was doing itself.
  return parsed.success ? parsed.output.error.message.replace(/^unable to [^;]*; /, '') : undefined;
};

const ID_PATTERN = /^[1-9]\d{0,8}$/;

export function createDemoCrmAdapter(options: DemoCrmAdapterOptions): CrmAdapter {
  let base: URL;
  try {
    base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  } catch {
    throw new CrmError('invalid-input', `unable to set up the demo CRM adapter; ${JSON.stringify(options.baseUrl)} is not a URL`);
  }
  const fetchFn = options.fetch;
  const at = (path: string) => new URL(path, base).href;
  const personUrl = (id: number) => at(`default.aspx?person_main&person_id=${id}`);
  const requestUrl = (id: number) => at(`default.aspx?request_main&request_id=${id}`);

  const toPerson = (p: v.InferOutput<typeof PersonWire>): CrmPerson => ({
    id: String(p.id),
    name: `${p.firstName} ${p.lastName}`.trim(),
    ...(p.email ? { email: p.email } : {}),
    ...(p.phone ? { phone: p.phone } : {}),
    ...(p.title ? { title: p.title } : {}),
    ...(p.companyName ? { companyName: p.companyName } : {}),
    url: personUrl(p.id),
  });

  const get = <S extends v.GenericSchema>(action: string, path: string, schema: S, callOptions?: CallOptions) =>
    fetchJson(fetchFn, action, at(path), { method: 'GET', headers: { accept: 'application/json' }, signal: callOptions?.signal ?? null }, schema, errorDetail);

  const search = async (action: string, query: string, limit: number, callOptions?: CallOptions) => {
    const params = new URLSearchParams({ query: query.slice(0, MAX_SEARCH_QUERY), limit: String(limit) });
    const { items } = await get(action, `api/persons?${params}`, PersonListWire, callOptions);
    return items.map(toPerson);
  };

  return {
    kind: 'demo',

    async suggestPersons(hints: PersonHints, callOptions?: CallOptions) {
      const email = hints.email?.trim().toLowerCase() ?? '';
      const name = hints.name?.trim() ?? '';
      // An email that matches exactly is as good as it gets; the name search (which also finds colleagues
      // and namesakes) only when it does not.
      if (email.includes('@')) {
        const byEmail = (await search('suggest persons', email, MAX_SUGGESTIONS, callOptions)).filter((p) => p.email?.toLowerCase() === email);
        if (byEmail.length > 0) return byEmail;
      }
      if (name.length >= 2) return search('suggest persons', name, MAX_SUGGESTIONS, callOptions);
      return [];
    },

    async searchPersons(query: string, callOptions?: CallOptions) {
      const trimmed = query.trim();
      if (trimmed === '') return [];
      return search('search persons', trimmed, 50, callOptions);
    },

    async getPerson(id: string, callOptions?: CallOptions) {
      if (!ID_PATTERN.test(id)) throw new CrmError('invalid-input', `unable to read person ${JSON.stringify(id.slice(0, 40))}; the demo CRM's ids are positive integers`);
      const { person } = await get(`read person ${id}`, `api/persons/${id}`, PersonWrapWire, callOptions);
      return toPerson(person);
    },

    async createRequest(request: NewCrmRequest, callOptions?: CallOptions): Promise<CreatedCrmRequest> {
      checkNewRequest(request);
      if (request.personId !== undefined && !ID_PATTERN.test(request.personId)) {
        throw new CrmError('invalid-input', `unable to create a request; person id ${JSON.stringify(request.personId.slice(0, 40))} is not one of the demo CRM's`);
      }
      const body = {
        title: request.title,
        transcript: request.transcript.map(({ author, authorKind, text, at: lineAt }) => ({ author, authorKind, text, at: lineAt })),
        ...(request.personId !== undefined ? { personId: Number(request.personId) } : {}),
        status: 'open',
      };
      const { request: created } = await fetchJson(
        fetchFn,
        'create a request',
        at('api/requests'),
        { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify(body), signal: callOptions?.signal ?? null },
        CreatedWire,
        errorDetail,
      );
      return { id: String(created.id), number: created.number, url: requestUrl(created.id) };
    },
  };
}
