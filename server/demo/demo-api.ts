import type { IncomingMessage, ServerResponse } from 'node:http';
import * as v from 'valibot';
import { MAX_REQUEST_TITLE, MAX_TRANSCRIPT_BYTES, MAX_TRANSCRIPT_LINES, TranscriptLineSchema, transcriptOversize } from '../../lib/crm/crm-transcript.ts';
import { readBody, sendJson } from '../lib/http.ts';
import { MAX_QUERY_LENGTH, UnknownPersonError, type DemoStore } from './demo-store.ts';
import { REQUEST_STATUSES, type Activity, type CrmRequest, type CrmRequestSummary, type Sale } from './demo-types.ts';

// The demo CRM's JSON API under /crm/api/: reads for the page, and the writes Baton's CRM adapter makes
// (lib/crm/demo-crm-adapter.ts; issue 6):
//   POST  /crm/api/requests       { title, transcript: [{ author, authorKind, text, at }], personId?, status?: 'open' }
//                                 → 201 { request } (id, number "#1013", createdAt, transcript, personName, …)
//   PATCH /crm/api/requests/:id   { status } → 200 { request }
// Ids in paths are positive integers; anything else is a 400, an unknown id a 404, so callers (and the CRM
// adapter) can tell "you asked wrong" from "it is not there". Every error is `{ error: { code, message } }`.
// Text is stored exactly as sent — `<script>` in a name stays those characters — and the page renders it
// through text nodes only (public/assets/dom.js), so it shows inert.
// Writes need `content-type: application/json`: a page on another origin cannot send that without a CORS
// preflight, which this API never answers, so a website the agent visits cannot create requests here.
export const API_PREFIX = '/crm/api/';

/** The body cap: a full transcript (MAX_TRANSCRIPT_BYTES of text) plus JSON quoting and per-line framing. */
export const MAX_BODY_BYTES = 2 * MAX_TRANSCRIPT_BYTES + MAX_TRANSCRIPT_LINES * 200;

type ApiError = 'bad_request' | 'not_found' | 'method_not_allowed' | 'payload_too_large' | 'unsupported_media_type';

function sendError(res: ServerResponse, status: number, code: ApiError, message: string): void {
  sendJson(res, status, { error: { code, message } });
}

export function parseId(segment: string | undefined): number | undefined {
  return segment !== undefined && /^[1-9]\d{0,8}$/.test(segment) ? Number(segment) : undefined;
}

function parseLimit(value: string | null): number | undefined {
  if (value === null) return 50;
  const n = parseId(value);
  return n !== undefined && n <= 200 ? n : undefined;
}

const nonBlank = (what: string) => v.check((s: string) => s.trim() !== '', `${what} is empty`);

const CreateRequestBody = v.strictObject({
  title: v.pipe(v.string('title must be a string'), nonBlank('title'), v.maxLength(MAX_REQUEST_TITLE, `title is longer than ${MAX_REQUEST_TITLE} characters`)),
  transcript: v.array(TranscriptLineSchema, 'transcript must be an array of lines'),
  personId: v.optional(v.pipe(v.number('personId must be a number'), v.integer('personId must be an integer'), v.minValue(1, 'personId must be positive'), v.maxValue(999_999_999, 'personId is too large'))),
  status: v.optional(v.literal('open', "a new request's status can only be 'open'")),
});

const PatchRequestBody = v.strictObject({
  status: v.picklist(REQUEST_STATUSES, `status must be one of ${REQUEST_STATUSES.join(', ')}`),
});

/** "transcript.3.authorKind: authorKind must be …", the first problem only: enough to fix the call. */
function describeIssue(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return 'invalid body';
  const where = v.getDotPath(issue);
  return where ? `${where}: ${issue.message}` : issue.message;
}

type JsonBody = { ok: true; value: unknown } | { ok: false };

/** Reads and parses a JSON body, answering 415/413/400 itself when it cannot. */
async function readJson(req: IncomingMessage, res: ServerResponse, action: string): Promise<JsonBody> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    sendError(res, 415, 'unsupported_media_type', `unable to ${action}; send content-type application/json`);
    return { ok: false };
  }
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > MAX_BODY_BYTES) {
    sendError(res, 413, 'payload_too_large', `unable to ${action}; the body is larger than ${MAX_BODY_BYTES} bytes`);
    req.resume();
    return { ok: false };
  }
  const text = await readBody(req, MAX_BODY_BYTES);
  if (text === undefined) {
    sendError(res, 413, 'payload_too_large', `unable to ${action}; the body is larger than ${MAX_BODY_BYTES} bytes`);
    return { ok: false };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    sendError(res, 400, 'bad_request', `unable to ${action}; the body is not JSON`);
    return { ok: false };
  }
}

export function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, store: DemoStore): void | Promise<void> {
  const [collection, idSegment, ...rest] = url.pathname.slice(API_PREFIX.length).split('/');
  if (rest.length > 0) return sendError(res, 404, 'not_found', 'no such API resource');
  const id = idSegment === undefined ? undefined : parseId(idSegment);
  if (idSegment !== undefined && id === undefined) return sendError(res, 400, 'bad_request', 'unable to read id; expected a positive integer');

  const method = req.method ?? 'GET';
  const writable = collection === 'requests' ? (id === undefined ? 'POST' : 'PATCH') : undefined;
  if (method !== 'GET' && method !== 'HEAD' && method !== writable) {
    res.setHeader('allow', ['GET', 'HEAD', ...(writable ? [writable] : [])].join(', '));
    return sendError(res, 405, 'method_not_allowed', `unable to ${method} ${url.pathname}; ${writable ? `use GET or ${writable}` : 'this resource is read-only'}`);
  }
  if (method === 'POST') return createRequest(req, res, store);
  if (method === 'PATCH' && id !== undefined) return patchRequest(req, res, store, id);

  // Joins the names lists show, so the page needs one request per view.
  const withPerson = <T extends { personId: number | null }>(record: T) => {
    const person = record.personId === null ? undefined : store.getPerson(record.personId);
    return {
      ...record,
      personName: person ? `${person.firstName} ${person.lastName}` : '',
      companyId: person?.companyId ?? 0,
      companyName: person?.companyName ?? '',
    };
  };

  switch (collection) {
    case 'persons': {
      if (id === undefined) {
        const query = url.searchParams.get('query') ?? url.searchParams.get('q') ?? '';
        const limit = parseLimit(url.searchParams.get('limit'));
        if (query.length > MAX_QUERY_LENGTH) return sendError(res, 400, 'bad_request', `unable to search; query is longer than ${MAX_QUERY_LENGTH} characters`);
        if (limit === undefined) return sendError(res, 400, 'bad_request', 'unable to search; limit must be 1–200');
        return sendJson(res, 200, { items: store.searchPersons(query, limit) });
      }
      const person = store.getPerson(id);
      if (!person) return sendError(res, 404, 'not_found', `no person with id ${id}`);
      return sendJson(res, 200, {
        person,
        company: store.getCompany(person.companyId) ?? null,
        activities: store.activitiesOfPersons([id]),
        requests: store.requestsOfPersons([id]).map(withNumber),
        sales: store.salesOfPersons([id]),
      });
    }
    case 'companies': {
      if (id === undefined) {
        const items = store.listCompanies().map((c) => ({ ...c, personCount: store.personsOfCompany(c.id).length }));
        return sendJson(res, 200, { items });
      }
      const company = store.getCompany(id);
      if (!company) return sendError(res, 404, 'not_found', `no company with id ${id}`);
      const persons = store.personsOfCompany(id);
      const ids = persons.map((p) => p.id);
      return sendJson(res, 200, {
        company,
        persons,
        activities: store.activitiesOfPersons(ids).map(withPerson),
        requests: store.requestsOfPersons(ids).map((r) => withPerson(withNumber(r))),
        sales: store.salesOfPersons(ids).map(withPerson),
      });
    }
    case 'requests': {
      if (id === undefined) return sendJson(res, 200, { items: store.listRequests().map((r: CrmRequestSummary) => withPerson(withNumber(r))) });
      const request = store.getRequest(id);
      if (!request) return sendError(res, 404, 'not_found', `no request with id ${id}`);
      return sendJson(res, 200, { request: presentRequest(store, request) });
    }
    case 'sales': {
      if (id !== undefined) return sendError(res, 404, 'not_found', 'no such API resource');
      const all = store.searchPersons('', Number.MAX_SAFE_INTEGER).map((p) => p.id);
      return sendJson(res, 200, { items: store.salesOfPersons(all).map((s: Sale) => withPerson(s)) });
    }
    case 'activities': {
      if (id !== undefined) return sendError(res, 404, 'not_found', 'no such API resource');
      const all = store.searchPersons('', Number.MAX_SAFE_INTEGER).map((p) => p.id);
      const items = store.activitiesOfPersons(all).map((a: Activity) => withPerson(a));
      return sendJson(res, 200, { items: items.sort((a, b) => a.at.localeCompare(b.at)) });
    }
    default:
      return sendError(res, 404, 'not_found', 'no such API resource');
  }
}

/** The number people say and type ("#1013"), as SuperOffice shows a ticket's. */
export const requestNumber = (id: number) => `#${id}`;

function withNumber<T extends { id: number }>(request: T): T & { number: string } {
  return { ...request, number: requestNumber(request.id) };
}

/** One request as the API answers it: number and the linked person's names joined in. */
function presentRequest(store: DemoStore, request: CrmRequest) {
  const person = request.personId === null ? undefined : store.getPerson(request.personId);
  return {
    ...withNumber(request),
    personName: person ? `${person.firstName} ${person.lastName}` : '',
    companyId: person?.companyId ?? 0,
    companyName: person?.companyName ?? '',
  };
}

async function createRequest(req: IncomingMessage, res: ServerResponse, store: DemoStore): Promise<void> {
  const action = 'create the request';
  const body = await readJson(req, res, action);
  if (!body.ok) return;
  // Too many lines is "too large", not "wrong": checked before the per-line validation that would reject the
  // same body line by line.
  const lines = (body.value as { transcript?: unknown } | null)?.transcript;
  if (Array.isArray(lines) && lines.length > MAX_TRANSCRIPT_LINES) {
    return sendError(res, 413, 'payload_too_large', `unable to ${action}; the transcript has ${lines.length} lines; at most ${MAX_TRANSCRIPT_LINES} fit`);
  }
  const parsed = v.safeParse(CreateRequestBody, body.value);
  if (!parsed.success) return sendError(res, 400, 'bad_request', `unable to ${action}; ${describeIssue(parsed.issues)}`);
  const oversize = transcriptOversize(parsed.output.transcript);
  if (oversize) return sendError(res, 413, 'payload_too_large', `unable to ${action}; ${oversize}`);
  try {
    const request = store.createRequest({ title: parsed.output.title, transcript: parsed.output.transcript, personId: parsed.output.personId });
    sendJson(res, 201, { request: presentRequest(store, request) }, { location: `${API_PREFIX}requests/${request.id}` });
  } catch (error) {
    if (error instanceof UnknownPersonError) return sendError(res, 404, 'not_found', `unable to ${action}; no person with id ${error.personId}`);
    throw error;
  }
}

async function patchRequest(req: IncomingMessage, res: ServerResponse, store: DemoStore, id: number): Promise<void> {
  const action = `update request ${id}`;
  const body = await readJson(req, res, action);
  if (!body.ok) return;
  const parsed = v.safeParse(PatchRequestBody, body.value);
  if (!parsed.success) return sendError(res, 400, 'bad_request', `unable to ${action}; ${describeIssue(parsed.issues)}`);
  const request = store.setRequestStatus(id, parsed.output.status);
  if (!request) return sendError(res, 404, 'not_found', `unable to ${action}; no request with id ${id}`);
  sendJson(res, 200, { request: presentRequest(store, request) });
}
