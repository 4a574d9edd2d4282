// One error vocabulary for Baton: a code the tests assert, and a message in the
// "unable to <do X>; <why>" form that views translate or show as they stand.
export type ErrorCode =
  | 'not-signed-in'
  | 'not-allowed'
  /** The realtime service refused the operation (40160): the agent's rights on the chat changed meanwhile. */
  | 'not-permitted'
  | 'unknown-chat'
  | 'refused'
  | 'not-available'
  /** The organisation has not set up what this needs (e.g. no CRM adapter in the policy). */
  | 'not-configured'
  | 'timeout'
  | 'invalid-input';

export class AppError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
