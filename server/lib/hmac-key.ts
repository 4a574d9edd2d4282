// The HS256 key of an API key's secret, imported once. Given the secret's bytes, `jose` imports them as a WebCrypto
// key on every sign and verify; in the local server's profile that import (`normalizeAlgorithm`, `importKey`) was
// about a third of each token's signing and of each REST request's token check, on the hub's own thread.
import { webcrypto } from 'node:crypto';

const imported = new Map<string, Promise<webcrypto.CryptoKey>>();

export function hmacKey(secret: string): Promise<webcrypto.CryptoKey> {
  let key = imported.get(secret);
  if (!key) {
    key = webcrypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    imported.set(secret, key);
    // A refused import (an empty secret) is not kept: each call then fails on its own, as it did before.
    key.catch(() => imported.delete(secret));
  }
  return key;
}
