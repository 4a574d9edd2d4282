// How an agent proves who they are. Pluggable: `local` trusts a roster id (demo/dev on loopback only);
// `sso` trusts a header set by the organisation's reverse proxy after it authenticated the user.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isRole } from './roster.ts';
import type { Role, RosterAgent } from './roster.ts';

export interface AgentIdentity {
  id: string;
  name: string;
  role: Role;
}

export type IdentityResult = { ok: true; agent: AgentIdentity } | { ok: false; status: number; message: string };

export interface SsoOptions {
  /** Header carrying the authenticated user id (default `x-forwarded-user`). The proxy must strip it from clients. */
  userHeader?: string;
  /** Optional header with comma-separated groups (default `x-forwarded-groups`). */
  groupsHeader?: string;
  /** Group names that map to roles; first match in order manager, can-listen-in wins, else agent. */
  roleGroups?: Partial<Record<Role, string>>;
  /**
   * Requests must carry `x-baton-proxy-secret: <secret>`, proving they came through the proxy. Required and
   * non-empty: without it anyone who reaches the port could name themselves in the user header.
   */
  proxySecret: string;
}

export type AgentAuthenticator = (req: IncomingMessage, params: Record<string, unknown>) => IdentityResult;

const AGENT_ID = /^[\w.@+-]{1,64}$/;

export function createLocalAuthenticator(roster: readonly RosterAgent[]): AgentAuthenticator {
  const byId = new Map(roster.map((a) => [a.id, a]));
  return (_req, params) => {
    const id = params['agentId'];
    const agent = typeof id === 'string' ? byId.get(id) : undefined;
    if (!agent) return { ok: false, status: 403, message: 'unable to issue token; unknown agentId' };
    return { ok: true, agent };
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function createSsoAuthenticator(options: SsoOptions, roster: readonly RosterAgent[] = []): AgentAuthenticator {
  const userHeader = options.userHeader ?? 'x-forwarded-user';
  const groupsHeader = options.groupsHeader ?? 'x-forwarded-groups';
  const byId = new Map(roster.map((a) => [a.id, a]));
  if (typeof options.proxySecret !== 'string' || options.proxySecret.trim() === '') {
    throw new Error('SSO mode needs a non-empty proxy secret (BATON_SSO_PROXY_SECRET)');
  }
  return (req) => {
    if (!sameSecret(header(req, 'x-baton-proxy-secret') ?? '', options.proxySecret)) {
      return { ok: false, status: 401, message: 'unable to issue token; request did not come through the SSO proxy' };
    }
    const id = header(req, userHeader)?.trim();
    if (!id || !AGENT_ID.test(id)) return { ok: false, status: 401, message: 'unable to issue token; no authenticated user' };
    const known = byId.get(id);
    if (known) return { ok: true, agent: known };
    const groups = new Set((header(req, groupsHeader) ?? '').split(',').map((g) => g.trim()).filter(Boolean));
    const role = (['manager', 'can-listen-in'] as const).find((r) => {
      const group = options.roleGroups?.[r];
      return group !== undefined && groups.has(group);
    });
    return { ok: true, agent: { id, name: id, role: role !== undefined && isRole(role) ? role : 'agent' } };
  };
}
