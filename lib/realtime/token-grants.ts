// What the token in hand already grants on each chat, read from its own `x-ably-capability` claim (the token service
// signs a JWT, server/token-service/sign-token.ts; ably-js keeps no capability for a JWT it did not request itself,
// so `auth.tokenDetails.capability` is empty). chat-grants.ts compares it with what a fold says the agent may do now,
// and re-authorizes only when the answer would differ. No signature check: the hub checks it; this only saves work.
import { decodeJwt } from 'jose';
import type { ChatGrant } from '../chat/grant.ts';
import { operationsFor, parseCapability, type Capability } from './capability.ts';

export type TokenGrants = (chatId: string) => ChatGrant;

/** The grant per chat of a capability, as grant.ts names them: publish makes write, subscribe read (wildcards count). */
export function grantsOf(capability: Capability): TokenGrants {
  return (chatId) => {
    const ops = operationsFor(capability, `chat:${chatId}`);
    if (ops.has('*') || ops.has('publish')) return 'write';
    return ops.has('subscribe') ? 'read' : 'none';
  };
}

/** The token's chat grants; undefined when it is not a JWT with a readable capability (then every change re-authorizes). */
export function parseTokenGrants(jwt: string): TokenGrants | undefined {
  let claims: Record<string, unknown>;
  try {
    claims = decodeJwt(jwt);
  } catch {
    return undefined;
  }
  const capability = parseCapability(claims['x-ably-capability']);
  return capability ? grantsOf(capability) : undefined;
}
