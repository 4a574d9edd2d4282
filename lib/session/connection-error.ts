// Why the connection is down, as a code the views translate (`connectionError_<code>` in public/_locales), so a
// Danish agent reads Danish and not ably-js' or the token service's English. The English text stays beside it as
// the detail for support. Codes are Ably's (https://github.com/ably/ably-common/blob/main/protocol/errors.json).

export type ConnectionErrorCode = 'not-configured' | 'token-revoked' | 'token-service' | 'sign-in-refused';

/** Ably's codes for "no token could be had from the authCallback / authUrl". */
const TOKEN_SERVICE_CODES = new Set([40170, 80019]);
/** The token was revoked (`revokeTokens`): the admin cut this agent off. */
const REVOKED = 40141;

/** The code for an ably-js `ErrorInfo` (or anything with a numeric `code`); undefined when the phase says enough. */
export function connectionErrorCode(reason: { code?: unknown } | null | undefined): ConnectionErrorCode | undefined {
  const code = typeof reason?.code === 'number' ? reason.code : undefined;
  if (code === undefined) return undefined;
  if (code === REVOKED) return 'token-revoked';
  if (TOKEN_SERVICE_CODES.has(code)) return 'token-service';
  // 401xx: the service did not accept the token (expired and not renewable, wrong key, bad signature…).
  if (code >= 40100 && code < 40200) return 'sign-in-refused';
  return undefined;
}
