import * as v from 'valibot';
import { CrmError } from './crm-adapter.ts';
import type { SuperOfficeTransport } from './superoffice-adapter.ts';
import { MAX_REPLY_CHARS, SUPEROFFICE_CALL, type SuperOfficeCallMessage } from './superoffice-session.ts';

// The background's half of `session` mode: each call goes to Baton's content script in a SuperOffice tab
// (superoffice-session.ts), whose reply is parsed here like any answer from outside.

/** Sends a call to the content script of a signed-in SuperOffice tab; resolves undefined when no such tab is open. */
export type SuperOfficeTabRelay = (message: SuperOfficeCallMessage) => Promise<unknown>;

export const NO_TAB = 'no-superoffice-tab';

const ReplyWire = v.variant('ok', [
  v.object({ ok: v.literal(true), status: v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(599)), text: v.pipe(v.string(), v.maxLength(MAX_REPLY_CHARS)), json: v.boolean() }),
  v.object({ ok: v.literal(false), reason: v.picklist(['wrong-page', 'signed-out', 'network', 'bad-call']), detail: v.optional(v.pipe(v.string(), v.maxLength(300))) }),
]);

const SIGN_IN = 'open SuperOffice in a tab and sign in, then try again';

export function createSessionTransport(options: { tenantUrl: string; relay: SuperOfficeTabRelay }): SuperOfficeTransport {
  return async (call, callOptions) => {
    const message: SuperOfficeCallMessage = {
      type: SUPEROFFICE_CALL,
      tenantUrl: options.tenantUrl,
      method: call.method,
      path: call.path,
      ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
    };
    if (callOptions?.signal?.aborted) throw new CrmError('unavailable', 'unable to reach SuperOffice; cancelled');
    let raw: unknown;
    try {
      raw = await options.relay(message);
    } catch (error) {
      if (error instanceof CrmError) throw error;
      throw new CrmError('unavailable', `unable to reach SuperOffice; the SuperOffice tab did not answer (${error instanceof Error ? error.message.slice(0, 200) : 'no answer'}); reload it and try again`);
    }
    if (raw === NO_TAB || raw === undefined) throw new CrmError('not-allowed', `unable to reach SuperOffice; no SuperOffice tab is open: ${SIGN_IN}`);
    const parsed = v.safeParse(ReplyWire, raw);
    if (!parsed.success) throw new CrmError('bad-response', 'unable to reach SuperOffice; the SuperOffice tab answered something Baton does not understand');
    const reply = parsed.output;
    if (!reply.ok) {
      if (reply.reason === 'signed-out') throw new CrmError('not-allowed', `unable to reach SuperOffice; the SuperOffice tab is signed out: ${SIGN_IN}`);
      if (reply.reason === 'wrong-page') throw new CrmError('not-allowed', `unable to reach SuperOffice; no tab shows ${options.tenantUrl}: ${SIGN_IN}`);
      if (reply.reason === 'network') throw new CrmError('unavailable', `unable to reach SuperOffice; the network failed (${reply.detail ?? 'no detail'}); try again in a moment`);
      throw new CrmError('bad-response', 'unable to reach SuperOffice; Baton sent a call the SuperOffice tab refused');
    }
    let body: unknown;
    if (reply.text !== '') {
      try {
        body = JSON.parse(reply.text);
      } catch {
        body = undefined;
      }
    }
    // A 200 HTML page instead of JSON is the web client's login page: the session has ended.
    if (reply.status === 200 && body === undefined && !reply.json && /<html/i.test(reply.text)) {
      throw new CrmError('not-allowed', `unable to reach SuperOffice; the SuperOffice session has ended: ${SIGN_IN}`);
    }
    return { status: reply.status, body };
  };
}
