import * as v from 'valibot';
import {
  CrmError,
  TranscriptMissingError,
  MAX_SEARCH_QUERY,
  MAX_SUGGESTIONS,
  checkNewRequest,
  type CallOptions,
  type CreatedCrmRequest,
  type CrmAdapter,
  type CrmPerson,
  type NewCrmRequest,
  type PersonHints,
} from './crm-adapter.ts';
import { transcriptHtml, transcriptPlain } from './superoffice-transcript.ts';
import {
  PersonArchiveWire,
  PersonEntityWire,
  PersonRowWire,
  TicketEntityWire,
  TicketMessageEntityWire,
  odataString,
  parseAnswer,
  superOfficeError,
} from './superoffice-wire.ts';

// SuperOffice CRM through its WebAPI (REST, `<tenant>/api/v1/`), as SuperOffice's public reference documents it
// (docs/crm-adapters.md has the calls in prose). How a call reaches SuperOffice is the transport's business:
// `session` runs it in the agent's SuperOffice tab with the agent's own sign-in (superoffice-session.ts), `oauth`
// from the background with a short-lived token from the token service (superoffice-oauth-transport.ts). The
// adapter only builds calls and reads answers; every answer goes through a valibot schema.
//
// suggestPersons  GET Person?$select=…&$filter=email/emailAddress is '<email>'&$top=10, then fullName contains
// searchPersons   GET Person?$select=…&$filter=fullName contains 'q' or email/emailAddress contains 'q'
// getPerson       GET Person/<id> → PersonEntity
// createRequest   POST Ticket { Title, Person{PersonId}, Origin: 'Chat' } → TicketEntity { TicketId }, then
//                 POST TicketMessage { Ticket{TicketId}, HtmlBody, Body, Type: 'Html', Slevel: 'Internal' }: the
//                 transcript as the request's first message, as SuperOffice's own chat does.

export interface SuperOfficeCall {
  method: 'GET' | 'POST';
  /** Relative to the tenant's `api/v1/`, e.g. `Person/12`. */
  path: string;
  body?: unknown;
}

export interface SuperOfficeAnswer {
  status: number;
  /** The parsed JSON body, or undefined when the body was empty or not JSON. */
  body: unknown;
}

/** Carries one call to SuperOffice; rejects with a CrmError when it cannot (no tab, signed out, network). */
export type SuperOfficeTransport = (call: SuperOfficeCall, options?: CallOptions) => Promise<SuperOfficeAnswer>;

export interface SuperOfficeAdapterOptions {
  /** The web client's root, e.g. `https://online.superoffice.com/Cust12345/`; person and request links start here. */
  tenantUrl: string;
  transport: SuperOfficeTransport;
}

const PERSON_COLUMNS = 'personId,fullName,email/emailAddress,personContact/name,title';
const ID_PATTERN = /^[1-9]\d{0,11}$/;

/** The tenant's web client root with a trailing slash, or a CrmError naming the bad setting. */
export function tenantRoot(tenantUrl: string): URL {
  try {
    const url = new URL(tenantUrl.endsWith('/') ? tenantUrl : `${tenantUrl}/`);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url;
  } catch {
    // reported below
  }
  throw new CrmError('invalid-input', `unable to set up the SuperOffice adapter; ${JSON.stringify(tenantUrl)} is not an http(s) address`);
}

export function createSuperOfficeAdapter(options: SuperOfficeAdapterOptions): CrmAdapter {
  const root = tenantRoot(options.tenantUrl);
  const webClient = (view: string, param: string, id: number) => new URL(`default.aspx?${view}?${param}=${id}`, root).href;

  const call = async <S extends v.GenericSchema>(action: string, request: SuperOfficeCall, schema: S, callOptions?: CallOptions) => {
    const answer = await options.transport(request, callOptions);
    if (answer.status < 200 || answer.status > 299) throw superOfficeError(action, answer.status, answer.body);
    return parseAnswer(action, answer.status, schema, answer.body);
  };

  const rowToPerson = (raw: unknown): CrmPerson | undefined => {
    const parsed = v.safeParse(PersonRowWire, raw);
    if (!parsed.success) return undefined;
    const row = parsed.output;
    const email = row['email/emailAddress'];
    const company = row['personContact/name'];
    return {
      id: String(row.personId),
      name: row.fullName?.trim() || email || `#${row.personId}`,
      ...(email ? { email } : {}),
      ...(row.title ? { title: row.title } : {}),
      ...(company ? { companyName: company } : {}),
      url: webClient('person.main', 'person_id', row.personId),
    };
  };

  const list = async (action: string, filter: string, top: number, callOptions?: CallOptions) => {
    const params = new URLSearchParams({ $select: PERSON_COLUMNS, $filter: filter, $top: String(top) });
    const archive = await call(action, { method: 'GET', path: `Person?${params}` }, PersonArchiveWire, callOptions);
    const persons: CrmPerson[] = [];
    const seen = new Set<string>();
    for (const raw of archive.value) {
      const person = rowToPerson(raw);
      // A row without a person id cannot be linked; several rows per person come from several email addresses.
      if (!person || seen.has(person.id)) continue;
      seen.add(person.id);
      persons.push(person);
    }
    if (persons.length === 0 && archive.value.length > 0) {
      throw new CrmError('bad-response', `unable to ${action}; unexpected answer from SuperOffice (no row has a personId)`);
    }
    return persons.slice(0, top);
  };

  // Half-made requests: the ticket exists but its transcript message failed. A retry of the same request adds the
  // message to that ticket instead of making a second one (nothing lost, nothing doubled).
  const ticketsWithoutTranscript = new Map<string, number>();

  const addTranscript = async (ticketId: number, request: NewCrmRequest, callOptions?: CallOptions) => {
    const body = {
      Ticket: { TicketId: ticketId },
      HtmlBody: transcriptHtml(request.transcript),
      Body: transcriptPlain(request.transcript),
      Type: 'Html',
      Slevel: 'Internal',
      Author: 'Baton',
    };
    await call('add the chat transcript to the request', { method: 'POST', path: 'TicketMessage', body }, TicketMessageEntityWire, callOptions);
  };

  return {
    kind: 'superoffice',

    async suggestPersons(hints: PersonHints, callOptions?: CallOptions) {
      const email = hints.email?.trim().slice(0, MAX_SEARCH_QUERY);
      if (email) {
        const byEmail = await list('suggest persons', `email/emailAddress is ${odataString(email)}`, MAX_SUGGESTIONS, callOptions);
        if (byEmail.length > 0) return byEmail;
      }
      const name = hints.name?.trim().slice(0, MAX_SEARCH_QUERY);
      if (!name) return [];
      return list('suggest persons', `fullName contains ${odataString(name)}`, MAX_SUGGESTIONS, callOptions);
    },

    async searchPersons(query: string, callOptions?: CallOptions) {
      const q = query.trim().slice(0, MAX_SEARCH_QUERY);
      if (!q) return [];
      const literal = odataString(q);
      return list('search persons', `fullName contains ${literal} or email/emailAddress contains ${literal}`, MAX_SUGGESTIONS, callOptions);
    },

    async getPerson(id: string, callOptions?: CallOptions) {
      if (!ID_PATTERN.test(id)) throw new CrmError('invalid-input', `unable to read the person; ${JSON.stringify(id.slice(0, 40))} is not a SuperOffice person id`);
      const p = await call('read the person', { method: 'GET', path: `Person/${id}` }, PersonEntityWire, callOptions);
      const email = p.Emails?.find((e) => e.Value)?.Value ?? undefined;
      const phone = p.Phones?.find((e) => e.Value)?.Value ?? undefined;
      const name = p.FullName?.trim() || `${p.Firstname ?? ''} ${p.Lastname ?? ''}`.trim() || email || `#${p.PersonId}`;
      return {
        id: String(p.PersonId),
        name,
        ...(email ? { email } : {}),
        ...(phone ? { phone } : {}),
        ...(p.Title ? { title: p.Title } : {}),
        ...(p.Contact?.Name ? { companyName: p.Contact.Name } : {}),
        url: webClient('person.main', 'person_id', p.PersonId),
      };
    },

    async createRequest(request: NewCrmRequest, callOptions?: CallOptions): Promise<CreatedCrmRequest> {
      checkNewRequest(request);
      if (request.personId !== undefined && !ID_PATTERN.test(request.personId)) {
        throw new CrmError('invalid-input', `unable to create the request; ${JSON.stringify(request.personId.slice(0, 40))} is not a SuperOffice person id`);
      }
      const key = JSON.stringify([request.personId ?? '', request.title, request.transcript.length, request.transcript[0]?.at ?? '']);
      let ticketId = ticketsWithoutTranscript.get(key);
      if (ticketId === undefined) {
        const ticket = {
          Title: request.title,
          Origin: 'Chat',
          ...(request.personId ? { Person: { PersonId: Number(request.personId) } } : {}),
        };
        ticketId = (await call('create the request', { method: 'POST', path: 'Ticket', body: ticket }, TicketEntityWire, callOptions)).TicketId;
        ticketsWithoutTranscript.set(key, ticketId);
      }
      try {
        await addTranscript(ticketId, request, callOptions);
      } catch (error) {
        if (error instanceof CrmError) {
          throw new TranscriptMissingError(error, `#${ticketId}`);
        }
        throw error;
      }
      ticketsWithoutTranscript.delete(key);
      return { id: String(ticketId), number: `#${ticketId}`, url: webClient('ticket.main', 'ticket_id', ticketId) };
    },
  };
}
