// Revokes every token an agent holds now, through Ably's REST endpoint (`POST /keys/{keyName}/revokeTokens`, docs
// auth/revocation), which the local hub implements too. Used by `npm run revoke-agent` (docs/admin/revoke.md).
import type { SigningKey } from './sign-token.ts';

export interface RevokeAgentOptions {
  /** The hub (`http://127.0.0.1:8377`) or Ably's REST host (`https://main.realtime.ably.net`). */
  restUrl: string;
  key: SigningKey;
  agentId: string;
  /** Ably's 30 s grace with a hint to re-authenticate first (for a role change, not for a leaver). */
  allowReauthMargin?: boolean;
  fetch?: typeof fetch;
}

export interface RevokeResult {
  ok: boolean;
  status: number;
  /** Ably's answer: `{successCount, failureCount, results}`, or its `{error}`. */
  body: unknown;
}

export async function revokeAgentTokens(options: RevokeAgentOptions): Promise<RevokeResult> {
  const fetchImpl = options.fetch ?? fetch;
  const url = `${options.restUrl.replace(/\/$/, '')}/keys/${encodeURIComponent(options.key.keyName)}/revokeTokens`;
  const response = await fetchImpl(url, {
    method: 'POST',
    headers: { authorization: `Basic ${btoa(`${options.key.keyName}:${options.key.secret}`)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ targets: [`clientId:${options.agentId}`], ...(options.allowReauthMargin ? { allowReauthMargin: true } : {}) }),
  });
  const body: unknown = await response.json().catch(() => undefined);
  const failures = typeof body === 'object' && body !== null && 'failureCount' in body ? body.failureCount : 1;
  return { ok: response.ok && failures === 0, status: response.status, body };
}
