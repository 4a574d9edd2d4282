// Token revocation as Ably has it (docs auth/revocation; ably-js `auth.revokeTokens`): `POST /keys/{keyName}/revokeTokens`
// with the API key (Basic auth; a token is refused with 40162) and `{targets: ["clientId:…"], issuedBefore?,
// allowReauthMargin?}`. Every token of that clientId issued before `issuedBefore` (default now) is refused from then
// on (40141), and connections using one are disconnected at once, or after 30 s with a hint to re-authenticate when
// `allowReauthMargin` is set. Only `clientId:` targets are supported (no revocationKey or channel targets).
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as v from 'valibot';
import { readBody, sendAblyError, sendJson } from '../lib/http.ts';
import type { Logger } from '../lib/log.ts';
import { verifyAuthorizationHeader, type ApiKey, type Principal } from './credentials.ts';
import { ErrorCode, errorInfo, type WireErrorInfo } from './protocol.ts';

export const REVOKE_PATH = /^\/keys\/([^/]+)\/revokeTokens$/;
/** Ably postpones enforcement by 30 s with allowReauthMargin. */
export const REAUTH_MARGIN_MS = 30_000;
/** Ably refuses an issuedBefore more than an hour in the past. */
const MAX_PAST_MS = 3_600_000;

const RevokeSchema = v.object({
  targets: v.pipe(v.array(v.pipe(v.string(), v.maxLength(300))), v.minLength(1), v.maxLength(100)),
  issuedBefore: v.optional(v.pipe(v.number(), v.integer())),
  allowReauthMargin: v.optional(v.boolean()),
});

export const revokedError = (): WireErrorInfo => errorInfo(ErrorCode.TOKEN_REVOKED, 401, 'Token revoked');

export interface Revocations {
  /** True when this principal's token was revoked (by its clientId and issue time) and the revocation applies now. */
  isRevoked(principal: Principal, now?: number): boolean;
  revoke(clientId: string, issuedBefore: number, appliesAt: number): void;
}

export function createRevocations(): Revocations {
  const byClient = new Map<string, { issuedBefore: number; appliesAt: number }>();
  return {
    isRevoked(principal, now = Date.now()) {
      if (principal.issuedAt === undefined || principal.clientId === undefined) return false;
      const entry = byClient.get(principal.clientId);
      return entry !== undefined && now >= entry.appliesAt && principal.issuedAt < entry.issuedBefore;
    },
    revoke(clientId, issuedBefore, appliesAt) {
      const previous = byClient.get(clientId);
      // A later issuedBefore covers every token an earlier one did.
      if (!previous || previous.issuedBefore <= issuedBefore) byClient.set(clientId, { issuedBefore, appliesAt });
    },
  };
}

export interface RevokeDeps {
  keys: readonly ApiKey[];
  revocations: Revocations;
  log: Logger;
  /** Applies a revocation to live connections: at once, or with `AUTH` first and enforcement at `appliesAt`. */
  enforce(clientId: string, appliesAt: number): void;
}

export function handleRevoke(req: IncomingMessage, res: ServerResponse, keyName: string, deps: RevokeDeps): void {
  void (async () => {
    const header = req.headers.authorization;
    if (header?.toLowerCase().startsWith('bearer ')) {
      return sendAblyError(res, errorInfo(ErrorCode.REVOKE_NEEDS_KEY, 401, 'Cannot revoke tokens when using token auth; use the API key'));
    }
    const auth = await verifyAuthorizationHeader(header, deps.keys);
    if (!auth.ok) return sendAblyError(res, auth.error);
    if (auth.principal.keyName !== keyName) return sendAblyError(res, errorInfo(ErrorCode.UNAUTHORIZED, 401, 'key name does not match the credentials'));
    let raw: unknown;
    try {
      raw = JSON.parse((await readBody(req, 64 * 1024)) ?? '');
    } catch {
      return sendAblyError(res, errorInfo(ErrorCode.BAD_REQUEST, 400, 'body must be JSON: {targets, issuedBefore?, allowReauthMargin?}'));
    }
    const parsed = v.safeParse(RevokeSchema, raw);
    if (!parsed.success) return sendAblyError(res, errorInfo(ErrorCode.BAD_REQUEST, 400, 'body must be {targets: ["clientId:<id>", …] (1 to 100), issuedBefore?, allowReauthMargin?}'));
    const now = Date.now();
    const issuedBefore = parsed.output.issuedBefore ?? now;
    if (issuedBefore > now + 1000 || issuedBefore < now - MAX_PAST_MS) {
      return sendAblyError(res, errorInfo(ErrorCode.BAD_REQUEST, 400, 'issuedBefore must not be in the future nor more than an hour in the past'));
    }
    const appliesAt = parsed.output.allowReauthMargin ? now + REAUTH_MARGIN_MS : now;
    const results = parsed.output.targets.map((target) => {
      const clientId = target.startsWith('clientId:') ? target.slice('clientId:'.length) : '';
      if (clientId === '') return { target, error: errorInfo(ErrorCode.BAD_REQUEST, 400, 'only clientId:<id> targets are supported by this hub') };
      deps.revocations.revoke(clientId, issuedBefore, appliesAt);
      deps.enforce(clientId, appliesAt);
      deps.log.info('tokens_revoked', { clientId, issuedBefore, appliesAt });
      return { target, issuedBefore, appliesAt };
    });
    const failures = results.filter((r) => 'error' in r).length;
    sendJson(res, 200, { successCount: results.length - failures, failureCount: failures, results });
  })().catch((error: unknown) => {
    deps.log.error('revoke_failed', { error: String(error) });
    if (!res.headersSent) sendAblyError(res, errorInfo(ErrorCode.INTERNAL, 500, 'internal error'));
  });
}
