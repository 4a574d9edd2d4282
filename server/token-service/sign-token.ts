// Ably JWTs (docs auth/token/jwt): HS256 signed with the API key secret, `kid` = key name, capability as a JSON
// string, clientId, and channel user claims. The same token is accepted by Ably and by the local hub.
import { SignJWT } from 'jose';
import { hmacKey } from '../lib/hmac-key.ts';

export interface SigningKey {
  keyName: string;
  secret: string;
}

export interface AblyTokenSpec {
  clientId: string;
  /** resource → operations, e.g. { 'chat:*': ['publish', 'subscribe', 'history'] } */
  capability: Record<string, readonly string[]>;
  /** pattern → claim; becomes `ably.channel.<pattern>` and reaches subscribers as extras.userClaim. */
  channelClaims?: Record<string, string>;
  ttlSeconds: number;
  /** Baton's own claims (the presence layout); Ably reads only its own `x-ably-*` and `ably.*` claims. */
  extraClaims?: Record<string, string | number>;
}

export interface SignedToken {
  token: string;
  /** ms since epoch */
  issued: number;
  expires: number;
}

export async function signAblyJwt(key: SigningKey, spec: AblyTokenSpec, now = Date.now()): Promise<SignedToken> {
  const iat = Math.floor(now / 1000);
  const exp = iat + spec.ttlSeconds;
  const claims: Record<string, unknown> = {
    ...spec.extraClaims,
    'x-ably-capability': JSON.stringify(spec.capability),
    'x-ably-clientId': spec.clientId,
  };
  for (const [pattern, claim] of Object.entries(spec.channelClaims ?? {})) claims[`ably.channel.${pattern}`] = claim;
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: key.keyName })
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(await hmacKey(key.secret));
  return { token, issued: iat * 1000, expires: exp * 1000 };
}
