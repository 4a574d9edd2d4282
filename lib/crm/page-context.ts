import * as v from 'valibot';

// What the agent is looking at in the CRM, reduced to what Baton may use: the record
// kind and id from the URL, and a display title. Pure, so each CRM's URL scheme is
// table-tested.
//
// SuperOffice's web client writes `default.aspx?<view>?<name>=<value>&…`, e.g.
// `default.aspx?person.main?person_id=12`, `…?contact.main?contact_id=7` (a "contact" is a
// company), `…?ticket.main?ticket_id=301` (a request), and deeper views that carry several
// ids at once: `…?person.main.activityarchive?person_id=1&contact_id=1&sale_id=1`. The
// record kind is the view's first segment, never whichever `_id` comes first
// (SuperOfficeDocs/superoffice-docs, "web client URLs"). Older and demo links write
// `?person_main&person_id=12`; the same rule reads them.
export type RecordKind = 'person' | 'company' | 'request';

export interface PageRecord {
  kind: RecordKind;
  id: string;
}

export interface PageContext {
  url: string;
  title: string;
  record?: PageRecord;
}

/** View prefix → the record kind Baton knows and the parameter that holds its id. */
const VIEWS: Readonly<Record<string, readonly [RecordKind, string]>> = {
  person: ['person', 'person_id'],
  contact: ['company', 'contact_id'],
  company: ['company', 'company_id'],
  ticket: ['request', 'ticket_id'],
  request: ['request', 'request_id'],
};

/** Without a view segment, the first of these parameters names the record (plain `?person_id=12` links). */
const RECORD_PARAMS: ReadonlyArray<readonly [string, RecordKind]> = [
  ['person_id', 'person'],
  ['contact_id', 'company'],
  ['company_id', 'company'],
  ['ticket_id', 'request'],
  ['request_id', 'request'],
];

const ID = /^\d{1,12}$/;

/** `?person.main?person_id=1&contact_id=2` → view `person.main`, params; `?` and `&` both separate. */
function splitQuery(search: string): { view: string | undefined; params: Map<string, string> } {
  const parts = search.replace(/^\?/, '').split(/[?&]/).filter((part) => part !== '');
  const params = new Map<string, string>();
  let view: string | undefined;
  parts.forEach((part, index) => {
    const eq = part.indexOf('=');
    if (eq === -1) {
      if (index === 0) view = part;
      return;
    }
    const name = safeDecode(part.slice(0, eq));
    if (!params.has(name)) params.set(name, safeDecode(part.slice(eq + 1)));
  });
  return { view, params };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

const MAX_TITLE = 200;
const MAX_URL = 2048;

export function getPageRecord(url: string): PageRecord | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const { view, params } = splitQuery(parsed.search);
  if (view !== undefined) {
    // `person.main.activityarchive`, `person_main`: the word before the first `.` or `_`.
    const known = VIEWS[view.split(/[._]/)[0]!.toLowerCase()];
    if (!known) return undefined; // a sale, project, diary… view: not a record Baton links
    const id = params.get(known[1]);
    return id && ID.test(id) ? { kind: known[0], id } : undefined;
  }
  for (const [param, kind] of RECORD_PARAMS) {
    const id = params.get(param);
    if (id && ID.test(id)) return { kind, id };
  }
  return undefined;
}

/** The CRM's window title without its product suffix ("Anna Berg – Contacts – Nordlys CRM" → "Anna Berg"). */
export function getDisplayTitle(documentTitle: string): string {
  const first = documentTitle.split(/\s[–—|-]\s/)[0] ?? '';
  return first.trim().slice(0, MAX_TITLE);
}

const ReportSchema = v.object({
  url: v.pipe(v.string(), v.maxLength(MAX_URL), v.regex(/^https?:\/\//)),
  title: v.pipe(v.string(), v.maxLength(MAX_URL)),
});

/** Parses a page-context report from a content script; anything malformed is dropped. */
export function parsePageContext(value: unknown): PageContext | undefined {
  const result = v.safeParse(ReportSchema, value);
  if (!result.success) return undefined;
  const { url, title } = result.output;
  const record = getPageRecord(url);
  return { url, title: getDisplayTitle(title), ...(record ? { record } : {}) };
}
