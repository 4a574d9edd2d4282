import * as v from 'valibot';
import { MAX_REQUEST_TITLE, transcriptOversize, type TranscriptLine } from './crm-transcript.ts';

// What Baton needs from a CRM (issue 6, used by the sidebar in issue 7): suggest a person for a chat from the
// visitor's email or name, search, read one person, and create a request that carries the transcript and can be
// opened in the CRM. Every CRM — the demo CRM, SuperOffice, an organisation's own system behind a webhook — is
// one implementation of this interface, so callers never change when the CRM does (docs/crm-adapters.md).
//
// Ids are strings: SuperOffice's are integers, a webhook's may be anything; the sidebar's link-person command
// already carries a string id (lib/messaging/commands.ts). Every method resolves to a typed, parsed value or
// rejects with a CrmError whose message reads "unable to <do x>; <why>".

export type { TranscriptLine } from './crm-transcript.ts';

export interface CrmPerson {
  id: string;
  /** As the CRM shows it, e.g. "Anna Berg". */
  name: string;
  email?: string;
  phone?: string;
  title?: string;
  companyName?: string;
  /** Opens the person in the CRM, when the CRM has a page for it. */
  url?: string;
}

export interface PersonHints {
  email?: string;
  name?: string;
}

export interface NewCrmRequest {
  title: string;
  transcript: readonly TranscriptLine[];
  personId?: string;
}

export interface CreatedCrmRequest {
  id: string;
  /** What people say and type, e.g. "#1013"; the composer's pre-filled message names it. */
  number: string;
  /** Opens the request in the CRM. */
  url: string;
}

export interface CrmAdapter {
  /** Which CRM this is, for diagnostics ("demo", "superoffice", "webhook"). */
  readonly kind: string;
  /** Persons that probably are the visitor: by email first (exact), then by name. Empty when nothing fits. */
  suggestPersons(hints: PersonHints, options?: CallOptions): Promise<CrmPerson[]>;
  /** Free-text search as the agent types: name, email or phone. */
  searchPersons(query: string, options?: CallOptions): Promise<CrmPerson[]>;
  /** One person; rejects with code 'not-found' when the CRM has no such person. */
  getPerson(id: string, options?: CallOptions): Promise<CrmPerson>;
  createRequest(request: NewCrmRequest, options?: CallOptions): Promise<CreatedCrmRequest>;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export type CrmErrorCode =
  /** The caller's input cannot be sent (empty title, transcript too large, bad id). */
  | 'invalid-input'
  /** The CRM has no such record. */
  | 'not-found'
  /** The CRM refused who we are (401/403), or no credentials could be had. */
  | 'not-allowed'
  /** The CRM could not be reached, answered 5xx, or timed out. */
  | 'unavailable'
  /** The CRM answered something this adapter does not understand. */
  | 'bad-response'
  /** The adapter does not do this (yet). */
  | 'not-implemented';

export class CrmError extends Error {
  readonly code: CrmErrorCode;
  /** HTTP status when the CRM answered one. */
  readonly status: number | undefined;

  constructor(code: CrmErrorCode, message: string, status?: number) {
    super(message);
    this.name = 'CrmError';
    this.code = code;
    this.status = status;
  }
}

/**
 * The request was made in the CRM but its transcript could not be added: the agent must hear the request's number,
 * since a retry completes that request rather than making a second one.
 */
export class TranscriptMissingError extends CrmError {
  /** The request as the agent knows it, e.g. `#40`. */
  readonly requestNumber: string;

  constructor(cause: CrmError, requestNumber: string) {
    super(cause.code, `${cause.message} (request ${requestNumber} exists without it; Create request again adds it there)`, cause.status);
    this.name = 'TranscriptMissingError';
    this.requestNumber = requestNumber;
  }
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export const MAX_SEARCH_QUERY = 100;
export const MAX_SUGGESTIONS = 10;

/** Checks a new request before any adapter sends it, so each CRM fails the same way on the same input. */
export function checkNewRequest(request: NewCrmRequest): void {
  const fail = (why: string) => {
    throw new CrmError('invalid-input', `unable to create a request; ${why}`);
  };
  if (request.title.trim() === '') fail('the title is empty');
  if (request.title.length > MAX_REQUEST_TITLE) fail(`the title is longer than ${MAX_REQUEST_TITLE} characters`);
  const oversize = transcriptOversize(request.transcript);
  if (oversize) fail(oversize);
}

/** The error for an HTTP answer that is not a success, by status. */
export function httpError(action: string, status: number, detail: string | undefined): CrmError {
  const why = detail ? `the CRM said: ${detail}` : `HTTP ${status}`;
  if (status === 404) return new CrmError('not-found', `unable to ${action}; ${why}`, status);
  if (status === 401 || status === 403) return new CrmError('not-allowed', `unable to ${action}; ${why}`, status);
  if (status === 400 || status === 413 || status === 415 || status === 422) return new CrmError('invalid-input', `unable to ${action}; ${why}`, status);
  if (status >= 500 || status === 429 || status === 408) return new CrmError('unavailable', `unable to ${action}; ${why}`, status);
  return new CrmError('bad-response', `unable to ${action}; ${why}`, status);
}

/**
 * fetch + JSON + schema: the one way adapters talk HTTP. Network failures, non-2xx answers, bodies that are not
 * JSON and bodies that do not match `schema` all become a CrmError naming `action`; nothing from the wire reaches
 * the caller unparsed. `errorDetail` reads a CRM's error body for the message.
 */
export async function fetchJson<TSchema extends v.GenericSchema>(
  fetchFn: FetchLike,
  action: string,
  url: string,
  init: RequestInit,
  schema: TSchema,
  errorDetail: (body: unknown) => string | undefined = () => undefined,
): Promise<v.InferOutput<TSchema>> {
  let response: Response;
  try {
    response = await fetchFn(url, init);
  } catch (error) {
    if (init.signal?.aborted) throw new CrmError('unavailable', `unable to ${action}; cancelled`);
    throw new CrmError('unavailable', `unable to ${action}; the CRM could not be reached (${error instanceof Error ? error.message : String(error)})`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (!response.ok) throw httpError(action, response.status, errorDetail(body));
  if (body === undefined) throw new CrmError('bad-response', `unable to ${action}; the CRM's answer is not JSON`, response.status);
  const parsed = v.safeParse(schema, body);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const where = issue ? v.getDotPath(issue) : null;
    throw new CrmError('bad-response', `unable to ${action}; unexpected answer from the CRM (${where ? `${where}: ` : ''}${issue?.message ?? 'invalid'})`, response.status);
  }
  return parsed.output;
}
