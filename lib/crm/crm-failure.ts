import { CrmError, TranscriptMissingError } from './crm-adapter.ts';

// What a CRM failure means to the agent, as an error code the views translate (`error_<code>` in public/_locales,
// English and Danish). The CrmError's English message stays the diagnostic text; the code picks what the agent
// reads: sign in to SuperOffice, ask the administrator, try again in a moment, or the CRM said something odd.

export const CRM_ERROR_CODES = [
  /** No SuperOffice tab, a signed-out one, or SuperOffice said 401: open SuperOffice, sign in, try again. */
  'crm-signed-out',
  /** SuperOffice said 403: the agent's CRM user may not do this. */
  'crm-not-allowed',
  /** The person or request is not in the CRM (any more). */
  'crm-not-found',
  /** SuperOffice said 421 and Baton could not follow the tenant: the administrator checks the address. */
  'crm-moved',
  /** Unreachable, 5xx, 429, 408 or cancelled: try again in a moment. */
  'crm-unavailable',
  /** An answer Baton does not understand (not JSON, not the entity). */
  'crm-bad-response',
  /** The request was made but its transcript was not added (`{ number }`): Create request again adds it there. */
  'crm-transcript-missing',
] as const;

export type CrmErrorCode = (typeof CRM_ERROR_CODES)[number];

/** What the agent's text names besides the code: the half-made request's number. */
export function crmErrorParams(error: unknown): { number: string } | undefined {
  return error instanceof TranscriptMissingError ? { number: error.requestNumber } : undefined;
}

/** The code for a failed CRM call; `invalid-input` for input the adapter refused before calling, `refused` otherwise. */
export function crmErrorCode(error: unknown): CrmErrorCode | 'invalid-input' | 'refused' {
  if (!(error instanceof CrmError)) return 'refused';
  if (error instanceof TranscriptMissingError) return 'crm-transcript-missing';
  switch (error.code) {
    case 'invalid-input':
      return 'invalid-input';
    case 'not-allowed':
      return error.status === 403 ? 'crm-not-allowed' : 'crm-signed-out';
    case 'not-found':
      return 'crm-not-found';
    case 'unavailable':
      return error.status === 421 ? 'crm-moved' : 'crm-unavailable';
    case 'bad-response':
      return 'crm-bad-response';
    default:
      return 'refused';
  }
}
