import { describe, expect, it } from 'vitest';
import { agentCapability } from '../../server/token-service/capabilities.ts';
import { signAblyJwt } from '../../server/token-service/sign-token.ts';
import { parseTokenGrants } from './token-grants.ts';

const KEY = { keyName: 'app.key', secret: 'test-secret' };
const sign = async (capability: Record<string, readonly string[]>) => (await signAblyJwt(KEY, { clientId: 'ana', capability, ttlSeconds: 60 })).token;

describe('parseTokenGrants', () => {
  it("reads what the token service's own JWT grants per chat", async () => {
    const capability = agentCapability('ana', undefined, { 'chat:owned': ['history', 'publish', 'subscribe'], 'chat:listening': ['history', 'subscribe'] });
    const grants = parseTokenGrants(await sign(capability));
    expect(grants?.('owned')).toBe('write');
    expect(grants?.('listening')).toBe('read');
    expect(grants?.('other')).toBe('none');
  });

  it('counts wildcards as the hub matches them (a listener reads every chat through chat:*)', async () => {
    const grants = parseTokenGrants(await sign({ 'chat:*': ['subscribe'], 'chat:mine': ['publish'] }));
    expect(grants?.('any')).toBe('read');
    expect(grants?.('mine')).toBe('write');
    expect(parseTokenGrants(await sign({ '*': ['*'] }))?.('any')).toBe('write');
  });

  it('is undefined for what is not a JWT with a capability claim (then every change re-authorizes)', async () => {
    expect(parseTokenGrants('opaque-ably-token')).toBeUndefined();
    expect(parseTokenGrants('a.b.c')).toBeUndefined();
    const [header, , signature] = (await sign({})).split('.');
    const noCapability = Buffer.from(JSON.stringify({ 'x-ably-clientId': 'ana' })).toString('base64url');
    expect(parseTokenGrants(`${header}.${noCapability}.${signature}`)).toBeUndefined();
    const badCapability = Buffer.from(JSON.stringify({ 'x-ably-capability': '{"chat:a": "publish"}' })).toString('base64url');
    expect(parseTokenGrants(`${header}.${badCapability}.${signature}`)).toBeUndefined();
  });
});
