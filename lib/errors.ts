import { REJECTIONS, type Rejection } from './chat/reasons.ts';
import { CRM_ERROR_CODES } from './crm/crm-failure.ts';

// One error vocabulary for Baton: a code the tests assert and the views translate (`error_<code>` in
// public/_locales, see lib/i18n/error-text.ts), named parameters for the translated text, and a message in the
// "unable to <do X>; <why>" form for logs and diagnostics only: a Danish agent is never shown the English message.
export const APP_ERROR_CODES = [
  'not-signed-in',
  'not-allowed',
  'unknown-chat',
  /** Something failed that has no code of its own (e.g. the CRM refused): the views say so in general words. */
  'refused',
  'not-available',
  /** The organisation has not set up what this needs (e.g. no CRM adapter in the policy). */
  'not-configured',
  /** `{ count }` seconds passed without an answer. */
  'timeout',
  'invalid-input',
  /** "Get next in queue" with nobody waiting. */
  'queue-empty',
  /** "Close window" on a chat the agent still owns. */
  'still-owner',
] as const;

/** A chat-rule refusal keeps the chat core's own code (lib/chat/reasons.ts), e.g. `chat-ended`, `self-transfer`. */
/** A CRM call that failed keeps the code that says what the agent can do (lib/crm/crm-failure.ts). */
export type ErrorCode = (typeof APP_ERROR_CODES)[number] | Rejection | (typeof CRM_ERROR_CODES)[number];
export const ERROR_CODES: readonly ErrorCode[] = [...new Set<ErrorCode>([...APP_ERROR_CODES, ...REJECTIONS, ...CRM_ERROR_CODES])];

export type ErrorParams = Readonly<Record<string, string | number>>;

/** What a failed command carries to a view. `code` is a string on the wire: a view treats an unknown one generically. */
export interface ErrorInfo {
  readonly code: string;
  readonly message: string;
  readonly params?: ErrorParams;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams | undefined;

  constructor(code: ErrorCode, message: string, params?: ErrorParams) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The error as a command result carries it: an unexpected throw becomes `refused`, its text kept for diagnostics. */
export function errorInfo(error: unknown): ErrorInfo {
  if (!(error instanceof AppError)) return { code: 'refused', message: errorMessage(error) };
  return { code: error.code, message: error.message, ...(error.params ? { params: error.params } : {}) };
}
