// Verifies what a client presents: an API key (`keyName:secret`) or an Ably JWT (HS256, `kid` = keyName,
// `x-ably-capability`, `x-ably-clientId`, `ably.channel.*` user claims; docs auth/token/jwt). Opaque Ably tokens and
// TokenRequests are not supported (see docs/realtime-hub.md).
import { errors as joseErrors, jwtVerify, decodeProtectedHeader } from 'jose';
import { FULL_CAPABILITY, matchesResource, parseCapability } from './capability.ts';
import type { Capability } from './capability.ts';
import { hmacKey } from '../lib/hmac-key.ts';
import { ErrorCode } from './protocol.ts';
import type { WireErrorInfo } from './protocol.ts';

export interface ApiKey {
  keyName: string;
  secret: string;
}

export interface Principal {
  /** undefined = anonymous, '*' = may act as any clientId (key auth without clientId, wildcard token). */
  clientId: string | undefined;
  capability: Capability;
  /** `ably.channel.<pattern>` → claim, stamped as extras.userClaim. */
  channelClaims: ReadonlyMap<string, string>;
  /** ms since epoch; undefined for API keys. */
  expiresAt: number | undefined;
  /** ms since epoch (the JWT's `iat`), what a revocation's `issuedBefore` is compared with; undefined for API keys. */
  issuedAt?: number | undefined;
  method: 'key' | 'jwt';
  keyName: string;
}

export type CredentialResult = { ok: true; principal: Principal } | { ok: false; error: WireErrorInfo };

const KEY_PATTERN = /^([^:\s]+):([^:.\s]+)$/;

export function parseApiKey(key: string | undefined): ApiKey | undefined {
  const match = key === undefined ? null : KEY_PATTERN.exec(key);
  return match?.[1] !== undefined && match[2] !== undefined ? { keyName: match[1], secret: match[2] } : undefined;
}

function fail(code: number, statusCode: number, message: string): CredentialResult {
  return { ok: false, error: { code, statusCode, message, href: `https://help.ably.io/error/${code}` } };
}

export function verifyKey(presented: string, keys: readonly ApiKey[], clientId: string | undefined): CredentialResult {
  const key = parseApiKey(presented);
  const known = key && keys.find((k) => k.keyName === key.keyName);
  if (!key || !known || known.secret !== key.secret) return fail(ErrorCode.INVALID_CREDENTIALS, 401, 'Invalid key');
  return {
    ok: true,
    principal: { clientId: clientId ?? '*', capability: FULL_CAPABILITY, channelClaims: new Map(), expiresAt: undefined, method: 'key', keyName: key.keyName },
  };
}

/**
 * Verifies an Ably JWT. Expired → 40142 and anything else wrong → 40140: both are token errors, so
 * ably-js renews through its authCallback once (RTN14b, RTN15h2) and fails if the new token is bad too.
 */
export async function verifyJwt(token: string, keys: readonly ApiKey[], now = Date.now()): Promise<CredentialResult> {
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    return fail(ErrorCode.TOKEN_UNRECOGNISED, 401, 'Token not recognised; only Ably JWTs are accepted by this hub');
  }
  const key = keys.find((k) => k.keyName === kid);
  // 40140 (a token error) rather than 40101: ably-js then fetches a fresh token (RTN14b), which is what a
  // client needs after the hub's key was rotated or regenerated.
  if (!key) return fail(ErrorCode.TOKEN_UNRECOGNISED, 401, 'Token signed with an unknown key');
  try {
    const { payload } = await jwtVerify(token, await hmacKey(key.secret), {
      algorithms: ['HS256'],
      currentDate: new Date(now),
      requiredClaims: ['exp'],
    });
    const capability = payload['x-ably-capability'] === undefined ? FULL_CAPABILITY : parseCapability(payload['x-ably-capability']);
    if (!capability) return fail(ErrorCode.TOKEN_UNRECOGNISED, 401, 'Token has an invalid x-ably-capability');
    const rawClientId = payload['x-ably-clientId'];
    const claims = new Map<string, string>();
    for (const [name, value] of Object.entries(payload)) {
      if (name.startsWith('ably.channel.') && typeof value === 'string') claims.set(name.slice('ably.channel.'.length), value);
    }
    return {
      ok: true,
      principal: {
        clientId: typeof rawClientId === 'string' && rawClientId !== '' ? rawClientId : undefined,
        capability,
        channelClaims: claims,
        expiresAt: (payload.exp ?? 0) * 1000,
        issuedAt: payload.iat === undefined ? undefined : payload.iat * 1000,
        method: 'jwt',
        keyName: key.keyName,
      },
    };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return fail(ErrorCode.TOKEN_EXPIRED, 401, 'Key/token expired');
    return fail(ErrorCode.TOKEN_UNRECOGNISED, 401, 'Token signature or claims invalid');
  }
}

/** Most specific matching claim: an exact channel name, else the longest matching prefix pattern. */
export function userClaimFor(claims: ReadonlyMap<string, string>, channel: string): string | undefined {
  const exact = claims.get(channel);
  if (exact !== undefined) return exact;
  let best: [string, string] | undefined;
  for (const [pattern, claim] of claims) {
    if (!pattern.endsWith('*') || !matchesResource(pattern, channel)) continue;
    if (!best || pattern.length > best[0].length) best = [pattern, claim];
  }
  return best?.[1];
}

/** For REST: `Authorization: Basic base64(key)` or `Bearer base64(token)` (ably-js always base64s, auth.ts). */
export async function verifyAuthorizationHeader(header: string | undefined, keys: readonly ApiKey[], clientIdHeader?: string): Promise<CredentialResult> {
  if (!header) return fail(ErrorCode.UNAUTHORIZED, 401, 'Authentication required');
  const [scheme, value = ''] = header.split(' ', 2);
  if (scheme?.toLowerCase() === 'basic') {
    return verifyKey(Buffer.from(value, 'base64').toString('utf8'), keys, clientIdHeader);
  }
  if (scheme?.toLowerCase() === 'bearer') {
    // A raw JWT contains '.', base64 of one does not; accept both forms.
    const token = value.includes('.') ? value : Buffer.from(value, 'base64').toString('utf8');
    return verifyJwt(token, keys);
  }
  return fail(ErrorCode.UNAUTHORIZED, 401, 'Unsupported authorization scheme');
}
