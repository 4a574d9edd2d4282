import * as v from 'valibot';

// What the agent is looking at in the CRM, reduced to what Baton may use: the record
// kind and id from the URL, and a display title. Pure, so each CRM's URL scheme is
// table-tested (SuperOffice: `default.aspx?person_main&person_id=12`, where a
// "contact" is a company and a "person" a person).
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

const RECORD_PARAMS: ReadonlyArray<readonly [string, RecordKind]> = [
  ['person_id', 'person'],
  ['contact_id', 'company'],
  ['company_id', 'company'],
  ['ticket_id', 'request'],
  ['request_id', 'request'],
];

const MAX_TITLE = 200;
const MAX_URL = 2048;

export function getPageRecord(url: string): PageRecord | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  for (const [param, kind] of RECORD_PARAMS) {
    const id = parsed.searchParams.get(param);
    if (id && /^\d{1,12}$/.test(id)) return { kind, id };
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
