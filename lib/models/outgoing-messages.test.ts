import { describe, expect, it } from 'vitest';
import type { TranscriptEntry } from '../chat/fold-support.ts';
import { addOutgoing, reconcileOutgoing, setOutgoingState, type OutgoingByChat } from './outgoing-messages.ts';

const entry = (id: string): TranscriptEntry => ({ id, clientId: 'alice', timestamp: 1, authorKind: 'agent', text: id, fromOwner: true, countsAsReply: true });

describe('outgoing messages', () => {
  it('a sent message stays until the log has it, then only the log shows it', () => {
    let all: OutgoingByChat = addOutgoing({}, 'c1', { id: 'm1', text: 'Hello', at: 1, state: 'sending' });
    all = setOutgoingState(all, 'c1', 'm1', 'sent');
    expect(reconcileOutgoing(all, new Map([['c1', [entry('v1')]]]))).toBe(all);
    expect(reconcileOutgoing(all, new Map([['c1', [entry('v1'), entry('m1'), entry('v2')]]]))).toEqual({});
  });

  it('a failed or unanswered message survives its chat leaving the session; a sent one goes with it', () => {
    let all: OutgoingByChat = addOutgoing({}, 'c1', { id: 'm1', text: 'kept', at: 1, state: 'failed' });
    all = addOutgoing(all, 'c1', { id: 'm2', text: 'gone', at: 2, state: 'sent' });
    expect(reconcileOutgoing(all, new Map())).toEqual({ c1: [{ id: 'm1', text: 'kept', at: 1, state: 'failed' }] });
  });

  it('changing to the same state returns the same object (nothing re-renders)', () => {
    const all = addOutgoing({}, 'c1', { id: 'm1', text: 'x', at: 1, state: 'sending' });
    expect(setOutgoingState(all, 'c1', 'm1', 'sending')).toBe(all);
    expect(setOutgoingState(all, 'c1', 'other', 'failed')).toBe(all);
    expect(setOutgoingState(all, 'c1', 'm1', 'failed').c1![0]!.state).toBe('failed');
  });
});
