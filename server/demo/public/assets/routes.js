// The CRM's URL scheme, SuperOffice style: `/crm/default.aspx?<view>&<record>_id=<n>`. The first bare
// query key names the view. As in SuperOffice, a person is `person_main&person_id`, and Baton's
// page-context detector (lib/crm/page-context.ts) reads the record from exactly these parameters.

export const SHELL_PATH = '/crm/default.aspx';

/** view name → section of the navigator it belongs to, and the id parameter it needs. */
const VIEWS = {
  contact_list: { section: 'contacts' },
  person_main: { section: 'contacts', idParam: 'person_id' },
  company_list: { section: 'companies' },
  company_main: { section: 'companies', idParam: 'company_id' },
  request_list: { section: 'requests' },
  request_main: { section: 'requests', idParam: 'request_id' },
  sale_list: { section: 'sales' },
  diary: { section: 'diary' },
};

// Older or foreign spellings that land on a canonical view. `contact_main&contact_id` is kept for links
// written before persons got their own view; SuperOffice itself uses it for companies.
const ALIASES = {
  contact_main: { view: 'person_main', idParam: 'contact_id' },
  person_list: { view: 'contact_list' },
  ticket_main: { view: 'request_main', idParam: 'ticket_id' },
  ticket_list: { view: 'request_list' },
};

const DEFAULT_VIEW = 'contact_list';

/**
 * Parses a URL into { view, section, id?, query?, canonical }. `canonical` is the URL the page should
 * show (aliases and the bare /crm/ resolved); unknown views give view 'not_found'.
 */
export function parseRoute(href) {
  const url = new URL(href, location.origin);
  const params = url.searchParams;
  const bare = [...params.keys()].find((key) => params.get(key) === '');
  let view = bare ?? DEFAULT_VIEW;
  let idParam = VIEWS[view]?.idParam;
  const alias = ALIASES[view];
  if (alias) {
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
  return { view, section: spec.section, id, query, canonical: routeUrl(view, { id, query }) };
}

export function routeUrl(view, { id, query } = {}) {
  const spec = VIEWS[view];
  let search = `?${view}`;
  if (spec?.idParam && id !== undefined) search += `&${spec.idParam}=${encodeURIComponent(id)}`;
  if (query) search += `&query=${encodeURIComponent(query)}`;
  return SHELL_PATH + search;
}

export const personUrl = (id) => routeUrl('person_main', { id });
export const companyUrl = (id) => routeUrl('company_main', { id });
export const requestUrl = (id) => routeUrl('request_main', { id });
