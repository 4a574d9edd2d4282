// The page's only door to its data: the demo CRM's JSON API (server/demo/demo-api.ts). The page only reads;
// requests are created by Baton through the same API (lib/crm/demo-crm-adapter.ts) and show up here.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function get(path, signal) {
  const response = await fetch(`/crm/api/${path}`, { signal, headers: { accept: 'application/json' } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, body?.error?.message ?? `unable to load ${path}; HTTP ${response.status}`);
  return body;
}

const id = (value) => encodeURIComponent(String(value));

/** The session's XSRF token, which the SuperOffice stand-in's WebAPI wants back (server/demo/superoffice-api.ts). */
function xsrfToken() {
  const match = /(?:^|;\s*)XSRF-TOKEN=([^;]*)/.exec(document.cookie);
  return match ? decodeURIComponent(match[1]) : '';
}

/** A request's messages from the SuperOffice WebAPI stand-in, where Baton's SuperOffice adapter puts the chat. */
async function ticketMessages(ticketId, signal) {
  const filter = encodeURIComponent(`ticketId is '${Number(ticketId)}'`);
  const response = await fetch(`/crm/api/v1/TicketMessage?$filter=${filter}`, { signal, headers: { accept: 'application/json', 'x-xsrf-token': xsrfToken() } });
  if (!response.ok) return [];
  const body = await response.json().catch(() => ({}));
  return Array.isArray(body?.value) ? body.value.filter((m) => typeof m?.Body === 'string') : [];
}

export const api = {
  searchPersons: (query, { limit, signal } = {}) =>
    get(`persons?${new URLSearchParams({ query, ...(limit ? { limit: String(limit) } : {}) })}`, signal).then((b) => b.items),
  person: (personId, signal) => get(`persons/${id(personId)}`, signal),
  companies: (signal) => get('companies', signal).then((b) => b.items),
  company: (companyId, signal) => get(`companies/${id(companyId)}`, signal),
  requests: (signal) => get('requests', signal).then((b) => b.items),
  request: (requestId, signal) => get(`requests/${id(requestId)}`, signal).then((b) => b.request),
  ticketMessages,
  sales: (signal) => get('sales', signal).then((b) => b.items),
  activities: (signal) => get('activities', signal).then((b) => b.items),
};
