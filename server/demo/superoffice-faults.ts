import type { IncomingMessage, ServerResponse } from 'node:http';
import * as v from 'valibot';
import { readBody, sendJson } from '../lib/http.ts';

// The SuperOffice stand-in's fault switch, for tests only: the next calls to its WebAPI answer a chosen status
// (401, 421, 5xx…) in SuperOffice's error shape, or a 200 that is not the entity, so tests can show what the agent
// sees when SuperOffice fails. `POST /crm/__test/superoffice-faults` with JSON `{ faults: [...], expireTokens?,
// moveTo? }` (`{ "faults": [] }` clears). It answers only a loopback peer, and only `application/json`: a web page the agent visits cannot send
// that content type cross-origin without a CORS preflight, which this server never answers, so no page can break
// the demo CRM for the agent. The local server runs in local (loopback) mode whenever the stand-in is up.

export const FAULTS_PATH = '/crm/__test/superoffice-faults';

const Fault = v.object({
  /** HTTP status to answer, or `malformed` for a 200 whose body is not what SuperOffice sends. */
  answer: v.union([v.pipe(v.number(), v.integer(), v.minValue(400), v.maxValue(599)), v.literal('malformed')]),
  /** Only calls like `POST Ticket` or `GET Person` (method and entity); all calls when absent. */
  match: v.optional(v.pipe(v.string(), v.regex(/^(GET|POST) [A-Za-z]+$/))),
  /** How many matching calls fail; then the fault is spent. */
  times: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)), 1),
});
const FaultsBody = v.object({
  faults: v.optional(v.pipe(v.array(Fault), v.maxLength(20)), []),
  /** Every access token handed out so far stops working (the `oauth` mode's 401). */
  expireTokens: v.optional(v.boolean()),
  /** The tenant moves to this loopback host name (the `oauth` mode's 421); null: it lives anywhere again. */
  moveTo: v.optional(v.nullable(v.picklist(['localhost', '127.0.0.1']))),
});
type Fault = v.InferOutput<typeof Fault>;

const TEXT: Record<number, [string, string]> = {
  401: ['SoAuthenticationException', 'The session has expired'],
  403: ['SoAccessDeniedException', 'Access denied'],
  421: ['SoMisdirectedRequestException', 'The tenant is not served here'],
  429: ['SoThrottledException', 'Too many requests'],
};

export interface StandInFaults {
  /** Answers the call with a pending fault and returns true, or returns false to let it through. */
  intercept(method: string, entity: string, res: ServerResponse): boolean;
  /** The switch itself; returns false for other paths. */
  handle(req: IncomingMessage, res: ServerResponse, pathname: string): boolean;
}

function isLoopbackPeer(req: IncomingMessage): boolean {
  const address = req.socket.remoteAddress ?? '';
  return address === '::1' || /^(::ffff:)?127\./.test(address);
}

/** What the switch can do to the stand-in's sign-in (superoffice-sign-in.ts). */
export interface SignInControls {
  expireTokens(): void;
  moveTo(host: string | undefined): void;
}

export function createStandInFaults(signIn: SignInControls): StandInFaults {
  let pending: Fault[] = [];

  const switchFaults = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'POST only' }, { allow: 'POST' });
    if (!isLoopbackPeer(req)) return sendJson(res, 403, { error: 'loopback only' });
    if (!/^application\/json/i.test(req.headers['content-type'] ?? '')) return sendJson(res, 415, { error: 'application/json only' });
    const text = (await readBody(req, 16 * 1024)) ?? '';
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      raw = undefined;
    }
    const parsed = v.safeParse(FaultsBody, raw);
    if (!parsed.success) return sendJson(res, 400, { error: `${v.getDotPath(parsed.issues[0]) ?? 'body'}: ${parsed.issues[0].message}` });
    pending = parsed.output.faults.map((fault) => ({ ...fault }));
    if (parsed.output.expireTokens) signIn.expireTokens();
    if (parsed.output.moveTo !== undefined) signIn.moveTo(parsed.output.moveTo ?? undefined);
    sendJson(res, 200, { faults: pending });
  };

  return {
    intercept(method, entity, res) {
      const fault = pending.find((f) => f.match === undefined || f.match === `${method} ${entity}`);
      if (!fault) return false;
      fault.times -= 1;
      if (fault.times <= 0) pending = pending.filter((f) => f !== fault);
      if (fault.answer === 'malformed') {
        // What a proxy or a half-upgraded server might send: JSON, but not the entity Baton asked for.
        sendJson(res, 200, { value: 'not a list', TicketId: 'not a number', PersonId: null });
        return true;
      }
      const [type, message] = TEXT[fault.answer] ?? (fault.answer >= 500 ? ['SoServerException', 'Internal server error'] : ['SoArgumentException', 'Bad request']);
      sendJson(res, fault.answer, { Error: true, ErrorType: type, ErrorMessage: message });
      return true;
    },
    handle(req, res, pathname) {
      if (pathname !== FAULTS_PATH) return false;
      void switchFaults(req, res);
      return true;
    },
  };
}
