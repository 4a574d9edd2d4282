import { describe, expect, it } from 'vitest';
import { planAccept, planClaim, planEnd, planMessage, planOffer, planReject, planTakeover } from './commands.ts';
import { createChat } from './fold.ts';
import { LIMITS } from './limits.ts';
import { parseChatEvent } from './parse-chat-event.ts';
import { parseInboxEvent } from './parse-inbox-event.ts';
import { describeDrop } from './reasons.ts';
import { agent, delivered, manager, visitor } from './test-harness.ts';

const ANA = agent('ana');
const base = { id: 'conn:1:0', name: 'message', data: { text: 'hi' }, clientId: 'ana', timestamp: 1000, extras: { userClaim: 'agent' } };

describe('parseChatEvent', () => {
  it('reads a message with identity from clientId and the claim', () => {
    expect(parseChatEvent(base)).toEqual({
      type: 'message',
      id: 'conn:1:0',
      timestamp: 1000,
      clientId: 'ana',
      sender: { clientId: 'ana', kind: 'agent', manager: false, listener: false },
      text: 'hi',
    });
  });

  it.each([
    ['not an object', 'hello', 'malformed-envelope'],
    ['null', null, 'malformed-envelope'],
    ['an array', [base], 'malformed-envelope'],
    ['no id', { ...base, id: undefined }, 'malformed-envelope'],
    ['a numeric id', { ...base, id: 7 }, 'malformed-envelope'],
    ['an empty id', { ...base, id: '' }, 'malformed-envelope'],
    ['a huge id', { ...base, id: 'x'.repeat(LIMITS.id + 1) }, 'malformed-envelope'],
    ['no name', { ...base, name: undefined }, 'malformed-envelope'],
    ['a string timestamp', { ...base, timestamp: '1000' }, 'malformed-envelope'],
    ['a fractional timestamp', { ...base, timestamp: 1000.5 }, 'malformed-envelope'],
    ['a negative timestamp', { ...base, timestamp: -1 }, 'malformed-envelope'],
    ['a NaN timestamp', { ...base, timestamp: Number.NaN }, 'malformed-envelope'],
    ['an infinite timestamp', { ...base, timestamp: Number.POSITIVE_INFINITY }, 'malformed-envelope'],
    ['no clientId', { ...base, clientId: undefined }, 'missing-identity'],
    ['an empty clientId', { ...base, clientId: '' }, 'missing-identity'],
    ['a numeric clientId', { ...base, clientId: 5 }, 'missing-identity'],
    ['no extras', { ...base, extras: undefined }, 'untrusted-claim'],
    ['no user claim', { ...base, extras: { headers: { role: 'manager' } } }, 'untrusted-claim'],
    ['a role claimed only in data', { ...base, extras: undefined, data: { text: 'hi', role: 'manager' } }, 'untrusted-claim'],
    ['an unknown claim', { ...base, extras: { userClaim: 'admin' } }, 'untrusted-claim'],
    ['a visitor-and-agent claim', { ...base, extras: { userClaim: 'visitor,agent' } }, 'untrusted-claim'],
    ['an unknown event name', { ...base, name: 'transfer.stolen' }, 'unknown-event'],
    ['a prototype key as name', { ...base, name: '__proto__' }, 'unknown-event'],
    ['data as a JSON string', { ...base, data: '{"text":"hi"}' }, 'malformed-data'],
    ['text of the wrong type', { ...base, data: { text: 42 } }, 'malformed-data'],
    ['empty text', { ...base, data: { text: '' } }, 'malformed-data'],
    ['whitespace-only text', { ...base, data: { text: ' \n\t ' } }, 'malformed-data'],
    ['too long text', { ...base, data: { text: 'x'.repeat(LIMITS.text + 1) } }, 'too-large'],
    ['a too long note', { ...base, name: 'transfer.offered', data: { transferId: 't', to: 'bo', note: 'n'.repeat(LIMITS.note + 1), expiresAt: 2000, seq: 1 } }, 'too-large'],
    ['a transfer id with spaces', { ...base, name: 'transfer.accepted', data: { transferId: 'a b' } }, 'malformed-data'],
    ['a transfer id that is an object', { ...base, name: 'transfer.accepted', data: { transferId: { toString: 'x' } } }, 'malformed-data'],
    ['a seq of zero on takeover', { ...base, name: 'takeover', data: { owner: 'ana', seq: 0 } }, 'malformed-data'],
    ['a fractional seq', { ...base, name: 'assigned', data: { owner: 'ana', seq: 1.5 } }, 'malformed-data'],
    ['a string seq', { ...base, name: 'transfer.completed', data: { transferId: 't', owner: 'bo', seq: '2' } }, 'malformed-data'],
    ['an empty owner', { ...base, name: 'takeover', data: { owner: '', seq: 2 } }, 'malformed-data'],
    ['typing without a boolean', { ...base, name: 'typing', data: { typing: 'yes' } }, 'malformed-data'],
  ])('drops a message with %s', (_label, message, reason) => {
    const result = parseChatEvent(message);
    expect(result).toMatchObject({ drop: reason });
    if ('drop' in result) expect(describeDrop(result)).toMatch(/^unable to read message; /);
  });

  it('ignores identity forged inside data', () => {
    const forged = { ...base, data: { text: 'hi', clientId: 'max', sender: { manager: true }, from: 'max', __proto__: { x: 1 } } };
    const event = parseChatEvent(forged);
    expect(event).toMatchObject({ clientId: 'ana', sender: { clientId: 'ana', manager: false } });
    expect(Object.keys(event)).not.toContain('from');
  });

  it('keeps hostile text as inert text (rendering escapes it)', () => {
    const text = '<img src=x onerror=alert(1)>\u202Eevil\u0000';
    expect(parseChatEvent({ ...base, data: { text } })).toMatchObject({ text });
  });

  it('reads a claim or an ended chat with no data at all', () => {
    expect(parseChatEvent({ ...base, name: 'claim', data: undefined })).toMatchObject({ type: 'claim' });
    expect(parseChatEvent({ ...base, name: 'chat.ended', data: null })).toMatchObject({ type: 'chat.ended', reason: null });
  });

  it('never throws, whatever the input', () => {
    const cyclic: Record<string, unknown> = { text: 'x' };
    cyclic.self = cyclic;
    const inputs: unknown[] = [undefined, 0, Symbol('x'), () => 1, { ...base, data: cyclic }, { ...base, extras: { userClaim: '{"roles":' } }, Object.create(null)];
    for (const input of inputs) expect(() => parseChatEvent(input)).not.toThrow();
  });

  it('reads back exactly what each command publishes', () => {
    const MAX = manager('max');
    const VISITOR = visitor('v');
    const queued = createChat('c');
    const checks = [
      { from: ANA, publish: planClaim(queued, ANA, 5) },
      { from: VISITOR, publish: planMessage(queued, VISITOR, 5, 'hello') },
      { from: MAX, publish: planTakeover(queued, MAX, 5, 'ana') },
      { from: VISITOR, publish: planEnd(queued, VISITOR, 5, 'bye') },
    ];
    for (const { from, publish } of checks) {
      if (!publish.ok) throw new Error(publish.reason);
      const [first] = publish.publish;
      if (first === undefined) throw new Error('nothing published');
      const event = parseChatEvent(delivered(first, from, 5, 'fallback'));
      expect(event).toMatchObject({ type: first.name, clientId: from.clientId, ...first.data });
    }
    // Commands that need a state are covered in flows.test.ts; here only their shape matters.
    expect(planOffer(queued, ANA, 5, { to: 'bo', note: '', transferId: 't', timeoutMs: 1 })).toEqual({ ok: false, reason: 'not-assigned' });
    expect(planAccept(queued, ANA, 5, 'not valid!')).toEqual({ ok: false, reason: 'invalid-input' });
    expect(planReject(queued, ANA, 5, 't', 'x'.repeat(LIMITS.rejectReason + 1))).toEqual({ ok: false, reason: 'invalid-input' });
    expect(planMessage(queued, VISITOR, 5, '   ')).toEqual({ ok: false, reason: 'invalid-input' });
  });
});

describe('parseInboxEvent', () => {
  const notice = { ...base, name: 'transfer.offered', data: { chatId: 'chat-1', transferId: 't1', expiresAt: 5000, note: 'hi' } };

  it('reads an offer notice and an assignment notice', () => {
    expect(parseInboxEvent(notice)).toMatchObject({ type: 'transfer.offered', chatId: 'chat-1', transferId: 't1', clientId: 'ana' });
    expect(parseInboxEvent({ ...notice, name: 'chat.assigned', data: { chatId: 'chat-1', seq: 3 } })).toMatchObject({ seq: 3 });
  });

  it('reads an acceptance notice: which chat and transfer, and who (the clientId Ably stamped)', () => {
    const acceptance = { ...notice, name: 'transfer.accepted', data: { chatId: 'chat-1', transferId: 't1' } };
    expect(parseInboxEvent(acceptance)).toEqual(expect.objectContaining({ type: 'transfer.accepted', chatId: 'chat-1', transferId: 't1', clientId: 'ana' }));
    expect(parseInboxEvent({ ...acceptance, data: { chatId: 'chat-1' } })).toMatchObject({ drop: 'malformed-data' });
    expect(parseInboxEvent({ ...acceptance, data: { chatId: 'chat-1', transferId: 'a b' } })).toMatchObject({ drop: 'malformed-data' });
  });

  it.each([
    ['from a visitor', { ...notice, extras: { userClaim: 'visitor' } }, 'untrusted-claim'],
    ['with a bad chat id', { ...notice, data: { ...notice.data, chatId: '../admin' } }, 'malformed-data'],
    ['with an unknown name', { ...notice, name: 'message' }, 'unknown-event'],
    ['without identity', { ...notice, clientId: undefined }, 'missing-identity'],
  ])('drops a notice %s', (_label, message, reason) => {
    expect(parseInboxEvent(message)).toMatchObject({ drop: reason });
  });
});
