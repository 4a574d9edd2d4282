import { CrmError, type CallOptions, type CrmAdapter, type FetchLike } from './crm-adapter.ts';

// SuperOffice CRM through its published REST API — a documented design, not built yet: every method rejects with
// code 'not-implemented'. It is here so the interface is checked against the CRM Baton is modelled on, and so
// the one who builds it starts from the calls below (docs/crm-adapters.md has the same in prose).
//
// Base: the tenant's WebAPI, `https://<env>.superoffice.com/<CustId>/api/v1/` (Online; `sod` for development,
// `online` for production) or `https://<host>/<site>/api/v1/` on-site. JSON both ways (`accept: application/json`).
//
// suggestPersons({ email, name })
//   GET Person?$select=personId,fullName,email/emailAddress,contactName,title&$filter=email/emailAddress eq '<email>'&$top=10
//   then, when nothing matched, the same with `$filter=fullName contains '<name>'`. (The archive-backed OData list;
//   quotes in values are escaped per SuperOffice's restriction syntax, `\'`.) Agents/EMail/GetPersonEntitiesFromEmailAddress
//   would be exact, but SuperOffice Online restricts that agent to apps that ask for it.
// searchPersons(query)
//   GET Find/Person?…  or the same OData list with `fullName contains`, `email/emailAddress contains` and
//   `phone/formattedNumber contains` OR-ed — whatever the tenant's Find configuration allows.
// getPerson(id)
//   GET Person/<id>  → PersonEntity { PersonId, Firstname, Lastname, Title, Emails[{ Value }], Phones[{ Value }],
//   Contact { ContactId, Name } } ; 404 → 'not-found'.
// createRequest({ title, transcript, personId })
//   POST Ticket { Title, Person: { PersonId }, Status: <open status id>, Category: <chat category> } → TicketEntity
//   { TicketId, … }, then the transcript as the ticket's first message: POST TicketMessage { TicketId, Body (plain
//   text, one line per chat line, "[hh:mm] author: text"), Type: internal }. SuperOffice Chat does the same: a
//   chat becomes a request whose first message is the transcript. number = `#${TicketId}`; url =
//   `<tenant>/default.aspx?ticket_main&ticket_id=<TicketId>` (Service's own deep link, which
//   lib/crm/page-context.ts already reads).
// Every answer goes through a valibot schema (fetchJson in crm-adapter.ts), never trusted as is.
//
// Authentication (the extension holds no secret):
// - SuperOffice Online: OAuth 2.0 / OpenID Connect. The organisation registers Baton as an app; the token service
//   (server/token-service/, which already authenticates the agent) runs the code flow once per agent or uses the
//   app's system user, keeps the refresh token and client secret server-side, and hands the extension short-lived
//   access tokens on request (`getAccessToken` below, e.g. `POST <tokenService>/auth/crm-token`). Calls carry
//   `Authorization: Bearer <access token>`; a 401 means "fetch a new token and retry once".
// - On-site: a system user ticket (`Authorization: SOTicket <ticket>`) issued the same way by the token service;
//   never a user name and password in the extension.
// The agent's own browser session cookie is not used: the WebAPI would want an XSRF token from the page, and the
// background must not borrow the page's identity.

export interface SuperOfficeAdapterOptions {
  /** e.g. `https://online.superoffice.com/Cust12345/` */
  tenantUrl: string;
  fetch: FetchLike;
  /** A short-lived access token from the token service; never a stored secret. */
  getAccessToken: (options?: CallOptions) => Promise<{ scheme: 'Bearer' | 'SOTicket'; token: string }>;
}

export function createSuperOfficeAdapter(_options: SuperOfficeAdapterOptions): CrmAdapter {
  const notYet = (action: string) => Promise.reject(new CrmError('not-implemented', `unable to ${action}; the SuperOffice adapter is designed but not built yet (docs/crm-adapters.md)`));
  return {
    kind: 'superoffice',
    suggestPersons: () => notYet('suggest persons'),
    searchPersons: () => notYet('search persons'),
    getPerson: () => notYet('read the person'),
    createRequest: () => notYet('create a request'),
  };
}
