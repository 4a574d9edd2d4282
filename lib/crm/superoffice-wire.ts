import * as v from 'valibot';
import { CrmError } from './crm-adapter.ts';

// What Baton reads from SuperOffice's WebAPI (REST, `<tenant>/api/v1/`), and how its answers become CrmErrors.
// Shapes from SuperOffice's public reference (github.com/SuperOfficeDocs/superoffice-docs, docs/en/api/reference/
// restful): entities are PascalCase (`PersonEntity`, `TicketEntity`), archive lists (`GET Person?$select=…`) answer
// `{ value: [row], "odata.nextLink"? }` with camelCase column names, errors are `{ Error, ErrorType, ErrorMessage }`.
// Only the fields Baton uses are checked; everything else SuperOffice sends is ignored.

const Id = v.pipe(v.number(), v.integer(), v.minValue(1));
const Text = v.optional(v.nullable(v.string()));

/** One row of `GET Person?$select=personId,fullName,email/emailAddress,personContact/name,title`. */
export const PersonRowWire = v.looseObject({
  personId: v.union([Id, v.pipe(v.string(), v.regex(/^[1-9]\d{0,11}$/), v.transform(Number))]),
  fullName: Text,
  'email/emailAddress': Text,
  'personContact/name': Text,
  title: Text,
});

export const PersonArchiveWire = v.looseObject({
  value: v.pipe(v.array(v.unknown()), v.maxLength(1000)),
  'odata.nextLink': Text,
});

export const PersonEntityWire = v.looseObject({
  PersonId: Id,
  Firstname: Text,
  Lastname: Text,
  FullName: Text,
  Title: Text,
  Emails: v.optional(v.nullable(v.array(v.looseObject({ Value: Text })))),
  Phones: v.optional(v.nullable(v.array(v.looseObject({ Value: Text })))),
  Contact: v.optional(v.nullable(v.looseObject({ ContactId: v.optional(v.number()), Name: Text }))),
});

export const TicketEntityWire = v.looseObject({ TicketId: Id });
export const TicketMessageEntityWire = v.looseObject({ EjMessageId: Id });

const ErrorWire = v.looseObject({
  Error: v.optional(v.boolean()),
  ErrorType: Text,
  ErrorMessage: Text,
  Message: Text,
});

const MAX_DETAIL = 300;

/** SuperOffice's own words from an error body, trimmed; undefined when the body says nothing readable. */
export function superOfficeErrorDetail(body: unknown): string | undefined {
  const parsed = v.safeParse(ErrorWire, body);
  if (!parsed.success) return undefined;
  const { ErrorMessage, Message, ErrorType } = parsed.output;
  const text = (ErrorMessage || Message || ErrorType || '').replace(/\s+/g, ' ').trim();
  return text ? text.slice(0, MAX_DETAIL) : undefined;
}

/**
 * The CrmError for a SuperOffice answer that is not a success. `action` reads "create the request"; the message
 * reads "unable to create the request; SuperOffice said: …" so an agent knows what failed and why.
 */
export function superOfficeError(action: string, status: number, body: unknown): CrmError {
  const detail = superOfficeErrorDetail(body);
  const said = detail ? `SuperOffice said: ${detail}` : `SuperOffice answered HTTP ${status}`;
  const fail = (code: ConstructorParameters<typeof CrmError>[0], why: string) => new CrmError(code, `unable to ${action}; ${why}`, status);
  if (status === 401) return fail('not-allowed', `SuperOffice did not accept the sign-in (${said}); open SuperOffice and sign in again`);
  if (status === 403) return fail('not-allowed', `your SuperOffice user may not do this (${said})`);
  if (status === 404) return fail('not-found', said);
  // 421 Misdirected Request: the tenant now lives on another server (SuperOffice Online's tenant moves).
  if (status === 421) return fail('unavailable', `the SuperOffice tenant has moved and Baton could not follow it (${said}); ask your administrator to check the SuperOffice address in Baton's policy`);
  if (status === 400 || status === 413 || status === 415 || status === 422) return fail('invalid-input', said);
  if (status >= 500 || status === 429 || status === 408) return fail('unavailable', `SuperOffice is not available right now (${said}); try again in a moment`);
  return fail('bad-response', said);
}

/** A parsed answer, or the CrmError naming what did not fit. */
export function parseAnswer<S extends v.GenericSchema>(action: string, status: number, schema: S, body: unknown): v.InferOutput<S> {
  if (body === undefined) throw new CrmError('bad-response', `unable to ${action}; SuperOffice's answer is not JSON`, status);
  const parsed = v.safeParse(schema, body);
  if (parsed.success) return parsed.output;
  const issue = parsed.issues[0];
  const where = issue ? v.getDotPath(issue) : null;
  throw new CrmError('bad-response', `unable to ${action}; unexpected answer from SuperOffice (${where ? `${where}: ` : ''}${issue?.message ?? 'invalid'})`, status);
}

/**
 * A string literal in a SuperOffice OData `$filter`. OData doubles a single quote inside a literal; control
 * characters are dropped so a search term cannot end the filter or add clauses of its own.
 */
export function odataString(value: string): string {
  // eslint-disable-next-line no-control-regex
  return `'${value.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/'/g, "''")}'`;
}
