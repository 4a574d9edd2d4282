import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../lib/http.ts';
import { MAX_QUERY_LENGTH, type DemoStore } from './demo-store.ts';
import type { Activity, CrmRequest, Sale } from './demo-types.ts';

// The demo CRM's JSON API under /crm/api/. Read-only for now; issue 6 adds request creation here.
// Ids in paths are positive integers; anything else is a 400, an unknown id a 404, so callers (and the
// CRM adapter) can tell "you asked wrong" from "it is not there".
export const API_PREFIX = '/crm/api/';

type ApiError = 'bad_request' | 'not_found' | 'method_not_allowed';

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

export function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, store: DemoStore): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return sendError(res, 405, 'method_not_allowed', 'unable to change demo records; this API is read-only for now');
  }
  const [collection, idSegment, ...rest] = url.pathname.slice(API_PREFIX.length).split('/');
  if (rest.length > 0) return sendError(res, 404, 'not_found', 'no such API resource');
  const id = idSegment === undefined ? undefined : parseId(idSegment);
  if (idSegment !== undefined && id === undefined) return sendError(res, 400, 'bad_request', 'unable to read id; expected a positive integer');

  // Joins the names lists show, so the page needs one request per view.
  const withPerson = <T extends { personId: number }>(record: T) => {
    const person = store.getPerson(record.personId);
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
        requests: store.requestsOfPersons([id]),
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
        requests: store.requestsOfPersons(ids).map(withPerson),
        sales: store.salesOfPersons(ids).map(withPerson),
      });
    }
    case 'requests': {
      if (id === undefined) return sendJson(res, 200, { items: store.listRequests().map((r: CrmRequest) => withPerson(r)) });
      const request = store.getRequest(id);
      if (!request) return sendError(res, 404, 'not_found', `no request with id ${id}`);
      return sendJson(res, 200, { request: withPerson(request) });
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
