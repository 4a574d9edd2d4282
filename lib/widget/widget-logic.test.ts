import { describe, expect, it } from 'vitest';
import type { ChatView, PendingOfferView } from '../chat/view.ts';
import { validatePrechat } from './prechat-form.ts';
import { parseAgentNames } from './visitor-connection.ts';
import { stringsFor } from './widget-strings.ts';
import { typingLine, widgetStatus } from './widget-status.ts';

const en = stringsFor('en-GB');
const names: Record<string, string> = { alice: 'Alice Andersen', bob: 'Bob Berg' };
const nameOf = (id: string) => names[id];

function view(overrides: Partial<ChatView>): ChatView {
  return { owner: null, ended: false, pendingOffer: null, typing: [], transcript: [], ...overrides } as ChatView;
}

function offer(to: string, overdue = false): PendingOfferView {
  return { transferId: 't1', from: 'alice', to, note: '', offeredAt: 0, expiresAt: 1, accepted: false, overdue };
}

describe('widgetStatus', () => {
  it.each([
    ['queued', view({}), 'queued', 'Waiting for an agent…'],
    ['owned', view({ owner: 'alice' }), 'chatting', 'You are chatting with Alice Andersen'],
    ['offered', view({ owner: 'alice', pendingOffer: offer('bob') }), 'transferring', 'You are being transferred to Bob Berg…'],
    ['accepted, not yet completed', view({ owner: 'alice', pendingOffer: { ...offer('bob'), accepted: true } }), 'transferring', 'You are being transferred to Bob Berg…'],
    ['offer overdue', view({ owner: 'alice', pendingOffer: offer('bob', true) }), 'chatting', 'You are chatting with Alice Andersen'],
    ['completed', view({ owner: 'bob' }), 'chatting', 'You are chatting with Bob Berg'],
    ['unknown agent', view({ owner: 'zed' }), 'chatting', 'You are chatting with an agent'],
    ['ended', view({ owner: 'bob', ended: true, pendingOffer: offer('alice') }), 'ended', en.ended],
  ])('%s', (_name, input, phase, text) => {
    expect(widgetStatus(input, nameOf, en)).toEqual({ phase, text });
  });

  it('speaks Danish to a Danish browser', () => {
    const da = stringsFor('da-DK');
    expect(widgetStatus(view({ owner: 'alice', pendingOffer: offer('bob') }), nameOf, da).text).toBe('Du bliver overført til Bob Berg…');
    expect(widgetStatus(view({}), nameOf, da).text).toBe('Venter på en repræsentant…');
    expect(stringsFor('de-DE').lang).toBe('en');
    expect(stringsFor(undefined).lang).toBe('en');
  });
});

describe('typingLine', () => {
  it('names the answering agent only', () => {
    expect(typingLine(view({ owner: 'alice', typing: ['alice'] }), nameOf, en)).toBe('Alice Andersen is typing…');
    expect(typingLine(view({ owner: 'alice', typing: [] }), nameOf, en)).toBe('');
    expect(typingLine(view({ owner: 'alice', typing: ['alice'], ended: true }), nameOf, en)).toBe('');
  });
});

describe('validatePrechat', () => {
  const topics = ['Billing', 'Technical problem'];
  it('accepts a complete form, tidying whitespace', () => {
    expect(validatePrechat({ name: '  Erik   Eriksen ', email: ' erik@example.com ', topic: 'Billing' }, topics)).toEqual({
      ok: true,
      value: { name: 'Erik Eriksen', email: 'erik@example.com', topic: 'Billing' },
    });
  });

  it.each([
    [{ name: '', email: '', topic: '' }, { name: 'required', email: 'required', topic: 'required' }],
    [{ name: 'E', email: 'erik@example', topic: 'Billing' }, { email: 'invalid' }],
    [{ name: 'E', email: 'erik example@x.dk', topic: 'Billing' }, { email: 'invalid' }],
    [{ name: 'E', email: '@x.dk', topic: 'Billing' }, { email: 'invalid' }],
    [{ name: 'x'.repeat(121), email: 'e@x.dk', topic: 'Billing' }, { name: 'invalid' }],
    [{ name: 'E', email: 'e@x.dk', topic: 'Free text' }, { topic: 'invalid' }],
  ])('refuses %j', (input, errors) => {
    expect(validatePrechat(input, topics)).toEqual({ ok: false, errors });
  });
});

describe('parseAgentNames', () => {
  it('keeps well-formed entries only', () => {
    expect(parseAgentNames([{ id: 'alice', name: 'Alice' }, { id: 1, name: 'x' }, null, 'bob', { id: 'bob' }])).toEqual([{ id: 'alice', name: 'Alice' }]);
    expect(parseAgentNames({ agents: [] })).toEqual([]);
  });
});

describe('validatePrechat with fewer fields asked', () => {
  it('does not ask for what the website owner turned off', () => {
    expect(validatePrechat({ name: 'Erik', email: 'not checked', topic: 'Free text' }, en.topics, ['name'])).toEqual({ ok: true, value: { name: 'Erik', email: '', topic: '' } });
    expect(validatePrechat({ name: 'Erik', email: '', topic: '' }, en.topics, ['name', 'email'])).toEqual({ ok: false, errors: { email: 'required' } });
  });
});
