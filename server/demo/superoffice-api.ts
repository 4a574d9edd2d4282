import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as v from 'valibot';
import { readBody, sendJson } from '../lib/http.ts';
import { UnknownPersonError, type DemoStore } from './demo-store.ts';
import type { PersonSummary } from './demo-types.ts';
import { createStandInFaults, type StandInFaults } from './superoffice-faults.ts';
import { parseFilter, passes } from './superoffice-filter.ts';
import { createStandInSignIn, type StandInApp, type StandInSignIn } from './superoffice-sign-in.ts';

// The demo CRM as a SuperOffice stand-in: the WebAPI subset Baton's SuperOffice adapter uses
// (lib/crm/superoffice-adapter.ts), under `/crm/api/v1/`, shaped as SuperOffice's public REST reference documents
// it (SuperOfficeDocs/superoffice-docs): PascalCase entities, camelCase archive rows, `$select`/`$filter`/`$top`/
// `$skip` with `odata.nextLink`, errors `{ Error, ErrorType, ErrorMessage }` with the HTTP status, and — as for
// the web client's session — a 401 unless the call carries `X-XSRF-TOKEN` equal to the `XSRF-TOKEN` cookie the
// shell page set (double submit; the shell also writes it into the hidden input `XSRF_TOKEN`), or an app's live
// `Authorization: Bearer` token (superoffice-sign-in.ts, the `oauth` mode). A moved tenant answers 421; tests can
// make calls fail on purpose (superoffice-faults.ts).
//   GET  Person?$select=…&$filter=…&$top=n&$skip=n → { value: [row], "odata.nextLink"? }
//   GET  Person/<id>     → PersonEntity
//   POST Ticket          { Title, Person?: { PersonId }, Origin? } → TicketEntity
//   GET  Ticket/<id>     → TicketEntity
//   POST TicketMessage   { Ticket: { TicketId }, HtmlBody?, Body?, Type?, Slevel? } → TicketMessageEntity
//   GET  TicketMessage?$filter=ticketId is '<id>' → { value: [TicketMessageEntity] } (for tests and the demo)
export const SO_API_PREFIX = '/crm/api/v1/';
export const XSRF_COOKIE = 'XSRF-TOKEN';

const MAX_BODY = 4_000_000;
const COLUMNS = ['personId', 'fullName', 'email/emailAddress', 'personContact/name', 'title'] as const;

export interface SuperOfficeStandIn {
  /** The token the shell page hands out (cookie and hidden input). */
  readonly xsrfToken: string;
  /** The app sign-in (`oauth` mode): its credentials, token checks, and the tenant's moves. */
  readonly signIn: StandInSignIn;
  readonly faults: StandInFaults;
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> | undefined;
}

function soError(res: ServerResponse, status: number, type: string, message: string): void {
  sendJson(res, status, { Error: true, ErrorType: type, ErrorMessage: message });
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const TicketBody = v.object({
  Title: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  Person: v.optional(v.nullable(v.object({ PersonId: v.pipe(v.number(), v.integer(), v.minValue(1)) }))),
  Origin: v.optional(v.string()),
});
const MessageBody = v.object({
  Ticket: v.object({ TicketId: v.pipe(v.number(), v.integer(), v.minValue(1)) }),
  HtmlBody: v.optional(v.string()),
  Body: v.optional(v.string()),
  Type: v.optional(v.picklist(['Html', 'Plain'])),
  Slevel: v.optional(v.picklist(['Internal', 'External', 'Unknown'])),
  Author: v.optional(v.string()),
});

interface TicketMessage {
  EjMessageId: number;
  Ticket: { TicketId: number };
  CreatedAt: string;
  Author: string;
  Slevel: string;
  Type: string;
  Body: string;
  HtmlBody: string;
}

export function createSuperOfficeStandIn(store: DemoStore, options: { xsrfToken?: string; now?: () => Date; app?: StandInApp } = {}): SuperOfficeStandIn {
  const xsrfToken = options.xsrfToken ?? randomBytes(18).toString('base64url');
  const signIn = createStandInSignIn(options.app ? { app: options.app } : {});
  const faults = createStandInFaults(signIn);
  const now = options.now ?? (() => new Date());
  const messages: TicketMessage[] = [];

  const row = (p: PersonSummary): Record<(typeof COLUMNS)[number], string | number> => ({
    personId: p.id,
    fullName: `${p.firstName} ${p.lastName}`.trim(),
    'email/emailAddress': p.email,
    'personContact/name': p.companyName,
    title: p.title,
  });
  const personEntity = (p: PersonSummary) => ({
    PersonId: p.id,
    Firstname: p.firstName,
    Lastname: p.lastName,
    FullName: `${p.firstName} ${p.lastName}`.trim(),
    Title: p.title,
    Emails: p.email ? [{ Value: p.email, StrippedValue: p.email, Description: '' }] : [],
    Phones: p.phone ? [{ Value: p.phone, StrippedValue: p.phone.replace(/\D/g, ''), Description: '' }] : [],
    Contact: { ContactId: p.companyId, Name: p.companyName },
  });
  const ticketEntity = (id: number) => {
    const r = store.getRequest(id);
    if (!r) return undefined;
    const person = r.personId === null ? undefined : store.getPerson(r.personId);
    return { TicketId: r.id, Title: r.title, CreatedAt: r.createdAt, Origin: 'Chat', Person: person ? { PersonId: person.id, FullName: `${person.firstName} ${person.lastName}` } : null };
  };

  const listPersons = (res: ServerResponse, url: URL) => {
    const p = url.searchParams;
    const select = (p.get('$select') ?? COLUMNS.join(',')).split(',').map((s) => s.trim());
    const unknown = select.find((c) => !(COLUMNS as readonly string[]).includes(c));
    if (unknown) return soError(res, 400, 'SoArgumentException', `Unknown column ${unknown}`);
    const filterText = p.get('$filter');
    const clauses = filterText ? parseFilter(filterText) : [];
    if (!clauses || clauses.some((c) => !(COLUMNS as readonly string[]).includes(c.column))) return soError(res, 400, 'SoArgumentException', `Cannot parse $filter: ${filterText}`);
    const top = Math.min(Number(p.get('$top') ?? 50) || 50, 500);
    const skip = Math.max(Number(p.get('$skip') ?? 0) || 0, 0);
    const all = store.searchPersons('', 100_000).map(row).filter((r) => passes(clauses, (c) => String(r[c as keyof typeof r] ?? '')));
    const page = all.slice(skip, skip + top).map((r) => Object.fromEntries([...select.map((c) => [c, r[c as keyof typeof r]]), ['PrimaryKey', r.personId], ['EntityName', 'person']]));
    const next = skip + top < all.length ? new URL(`Person?${new URLSearchParams({ ...Object.fromEntries(p), $skip: String(skip + top) })}`, new URL(SO_API_PREFIX, url)).href : undefined;
    sendJson(res, 200, { 'odata.metadata': '', ...(next ? { 'odata.nextLink': next } : {}), value: page });
  };

  const readJson = async (req: IncomingMessage, res: ServerResponse): Promise<unknown> => {
    if (!/^application\/json/i.test(req.headers['content-type'] ?? '')) {
      soError(res, 415, 'SoArgumentException', 'Content-Type must be application/json');
      return undefined;
    }
    const text = await readBody(req, MAX_BODY);
    if (text === undefined) {
      soError(res, 413, 'SoArgumentException', 'The request is too large');
      return undefined;
    }
    try {
      return JSON.parse(text);
    } catch {
      soError(res, 400, 'SoArgumentException', 'The body is not JSON');
      return undefined;
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const [entity, id, extra] = url.pathname.slice(SO_API_PREFIX.length).split('/');
    if (signIn.misdirected(req)) return soError(res, 421, 'SoMisdirectedRequestException', 'The tenant has moved; ask the state API where it is');
    const bearer = signIn.bearer(req);
    if (bearer === 'rejected') return soError(res, 401, 'SoAuthenticationException', 'Not authenticated: the access token has expired or is not valid');
    const header = req.headers['x-xsrf-token'];
    const fromCookie = cookie(req, XSRF_COOKIE);
    if (bearer === 'none' && (typeof header !== 'string' || !fromCookie || !sameToken(header, fromCookie) || !sameToken(header, xsrfToken))) {
      return soError(res, 401, 'SoAuthenticationException', 'Not authenticated: missing or wrong X-XSRF-TOKEN');
    }
    if (faults.intercept(req.method ?? 'GET', entity ?? '', res)) return;
    const numericId = id !== undefined && /^[1-9]\d{0,8}$/.test(id) ? Number(id) : undefined;
    if (extra !== undefined || (id !== undefined && numericId === undefined)) return soError(res, 404, 'SoNotFoundException', `No such resource ${url.pathname}`);
    if (entity === 'Person' && req.method === 'GET') {
      if (numericId === undefined) return listPersons(res, url);
      const person = store.getPerson(numericId);
      return person ? sendJson(res, 200, personEntity(person)) : soError(res, 404, 'SoNotFoundException', `Person ${numericId} not found`);
    }
    if (entity === 'Ticket' && req.method === 'GET' && numericId !== undefined) {
      const ticket = ticketEntity(numericId);
      return ticket ? sendJson(res, 200, ticket) : soError(res, 404, 'SoNotFoundException', `Ticket ${numericId} not found`);
    }
    if (entity === 'Ticket' && req.method === 'POST' && numericId === undefined) {
      const raw = await readJson(req, res);
      if (raw === undefined) return;
      const body = v.safeParse(TicketBody, raw);
      if (!body.success) return soError(res, 400, 'SoArgumentException', `Invalid TicketEntity: ${v.getDotPath(body.issues[0]) ?? ''} ${body.issues[0].message}`);
      try {
        const created = store.createRequest({ title: body.output.Title, transcript: [], personId: body.output.Person?.PersonId });
        return sendJson(res, 200, ticketEntity(created.id));
      } catch (error) {
        if (error instanceof UnknownPersonError) return soError(res, 400, 'SoArgumentException', `Person ${error.personId} not found`);
        throw error;
      }
    }
    if (entity === 'TicketMessage' && req.method === 'POST' && numericId === undefined) {
      const raw = await readJson(req, res);
      if (raw === undefined) return;
      const body = v.safeParse(MessageBody, raw);
      if (!body.success) return soError(res, 400, 'SoArgumentException', `Invalid TicketMessageEntity: ${v.getDotPath(body.issues[0]) ?? ''} ${body.issues[0].message}`);
      const m = body.output;
      if (!store.getRequest(m.Ticket.TicketId)) return soError(res, 404, 'SoNotFoundException', `Ticket ${m.Ticket.TicketId} not found`);
      const message: TicketMessage = {
        EjMessageId: messages.length + 1,
        Ticket: { TicketId: m.Ticket.TicketId },
        CreatedAt: now().toISOString(),
        Author: m.Author ?? '',
        Slevel: m.Slevel ?? 'Internal',
        Type: m.Type ?? (m.HtmlBody ? 'Html' : 'Plain'),
        Body: m.Body ?? '',
        HtmlBody: m.HtmlBody ?? '',
      };
      messages.push(message);
      return sendJson(res, 200, message);
    }
    if (entity === 'TicketMessage' && req.method === 'GET' && numericId === undefined) {
      const clauses = parseFilter(url.searchParams.get('$filter') ?? '');
      const ticketId = clauses?.find((c) => c.column === 'ticketId')?.value;
      return sendJson(res, 200, { value: messages.filter((m) => String(m.Ticket.TicketId) === ticketId) });
    }
    return soError(res, 404, 'SoNotFoundException', `No such resource ${req.method} ${url.pathname}`);
  };

  return { xsrfToken, signIn, faults, handle: (req, res, url) => handle(req, res, url) };
}
