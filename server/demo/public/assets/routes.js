// The CRM's URL scheme is SuperOffice's web client's (SuperOfficeDocs/superoffice-docs): a record view is
// `/crm/default.aspx?<entity>.main?<entity>_id=<n>` — `person.main?person_id`, `contact.main?contact_id` (a
// *contact* is a company) and `ticket.main?ticket_id` (a request) — and deeper views carry several ids
// (`person.main.activityarchive?person_id=1&contact_id=2`): the first segment names the record. Lists keep the
// demo's own `?contact_list` form. Baton's page-context detector (lib/crm/page-context.ts) reads the same URLs.

export const SHELL_PATH = '/crm/default.aspx';

/** view name → section of the navigator it belongs to, and the id parameter it needs. */
const VIEWS = {
  contact_list: { section: 'contacts' },
  person_main: { section: 'contacts', idParam: 'person_id', so: 'person.main' },
  company_list: { section: 'companies' },
  company_main: { section: 'companies', idParam: 'contact_id', so: 'contact.main' },
  request_list: { section: 'requests' },
  request_main: { section: 'requests', idParam: 'ticket_id', so: 'ticket.main' },
  sale_list: { section: 'sales' },
  diary: { section: 'diary' },
};

// SuperOffice's first segment (before any `.`) → the view; and older demo spellings that land on a view.
const SO_VIEWS = { person: 'person_main', contact: 'company_main', ticket: 'request_main' };
const ALIASES = {
  person_main: { view: 'person_main', idParam: 'person_id' },
  contact_main: { view: 'person_main', idParam: 'contact_id' },
  company_main: { view: 'company_main', idParam: 'company_id' },
  request_main: { view: 'request_main', idParam: 'request_id' },
  ticket_main: { view: 'request_main', idParam: 'ticket_id' },
  person_list: { view: 'contact_list' },
  ticket_list: { view: 'request_list' },
};

const DEFAULT_VIEW = 'contact_list';

/** `?person.main?person_id=1&contact_id=2` → first bare segment and the parameters (`?` and `&` both separate). */
function splitQuery(search) {
  const params = new Map();
  let first;
  search
    .replace(/^\?/, '')
    .split(/[?&]/)
    .filter((part) => part !== '')
    .forEach((part, index) => {
      const eq = part.indexOf('=');
      if (eq === -1) {
        if (index === 0) first = part;
        return;
      }
      const key = decodeURIComponent(part.slice(0, eq));
      if (!params.has(key)) params.set(key, decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' ')));
    });
  return { first, params };
}

/**
 * Parses a URL into { view, section, id?, query?, canonical }. `canonical` is the URL the page should
 * show (aliases and the bare /crm/ resolved); unknown views give view 'not_found'.
 */
export function parseRoute(href) {
  const url = new URL(href, location.origin);
  let params;
  let first;
  try {
    ({ first, params } = splitQuery(url.search));
  } catch {
    return { view: 'not_found', section: undefined, canonical: url.pathname + url.search };
  }
  let view = first ?? DEFAULT_VIEW;
  let idParam = VIEWS[view]?.idParam;
  if (view.includes('.')) {
    view = SO_VIEWS[view.split('.')[0]] ?? 'not_found';
    idParam = VIEWS[view]?.idParam;
  } else if (ALIASES[view]) {
    const alias = ALIASES[view];
    view = alias.view;
    idParam = alias.idParam;
  }

  const spec = VIEWS[view];
  if (!spec) return { view: 'not_found', section: undefined, canonical: url.pathname + url.search };
  let id;
  if (spec.idParam) {
    const raw = params.get(idParam ?? spec.idParam) ?? '';
    if (!/^[1-9]\d{0,8}$/.test(raw)) return { view: 'not_found', section: spec.section, canonical: url.pathname + url.search };
    id = Number(raw);
  }
  const query = params.get('query') ?? '';
  // A deeper SuperOffice view (`person.main.activityarchive?…`) stays as written: it is a valid address of the record.
  const canonical = first?.includes('.') && first.split('.').length > 2 ? url.pathname + url.search : routeUrl(view, { id, query });
  return { view, section: spec.section, id, query, canonical };
}

export function routeUrl(view, { id, query } = {}) {
  const spec = VIEWS[view];
  let search = spec?.so && id !== undefined ? `?${spec.so}?${spec.idParam}=${encodeURIComponent(id)}` : `?${view}`;
  if (query) search += `&query=${encodeURIComponent(query)}`;
  return SHELL_PATH + search;
}

export const personUrl = (id) => routeUrl('person_main', { id });
export const companyUrl = (id) => routeUrl('company_main', { id });
export const requestUrl = (id) => routeUrl('request_main', { id });
