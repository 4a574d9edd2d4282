import { describe, expect, it } from 'vitest';
import { planAccept, planCancel, planEnd, planTakeover } from '../../lib/chat/commands.ts';
import type { ChatState } from '../../lib/chat/fold.ts';
import { ANA, BO, CY, LIV, MAX, VISITOR, anasChat, offerToBo } from '../../lib/chat/flow-fixtures.ts';
import { createHarness, type Harness } from '../../lib/chat/test-harness.ts';
import type { Principal } from '../../lib/chat/roles.ts';
import { MAX_CHATS_PER_TOKEN, agentBaseChats, agentChatCapability, chatGrant, type ChatGrant } from './agent-capability.ts';

/** Ana's chat after Bo accepted and Ana's background completed: Bo owns it, Ana listens. */
function transferred(): Harness {
  const h = anasChat();
  offerToBo(h);
  h.run(planAccept(h.state, BO, h.now, 'tr-1'), BO);
  h.arbitrate(ANA);
  return h;
}

const queued = (): Harness => createHarness();
const offered = (): Harness => {
  const h = anasChat();
  offerToBo(h);
  return h;
};
const takenOver = (): Harness => {
  const h = anasChat();
  h.run(planTakeover(h.state, MAX, h.now), MAX);
  return h;
};
const cancelled = (): Harness => {
  const h = offered();
  h.run(planCancel(h.state, ANA, h.now, 'tr-1'), ANA);
  return h;
};
const endedWhileOffered = (): Harness => {
  const h = offered();
  h.run(planEnd(h.state, ANA, h.now), ANA);
  return h;
};
const ended = (): Harness => {
  const h = transferred();
  h.run(planEnd(h.state, BO, h.now), BO);
  return h;
};

describe('chatGrant: what an agent may do on a chat now, from its folded log', () => {
  it.each<[string, () => Harness, Principal, ChatGrant]>([
    ['queued, any agent (to claim it)', queued, CY, 'write'],
    ['assigned, the owner', anasChat, ANA, 'write'],
    ['assigned, another agent', anasChat, CY, 'none'],
    ['assigned, Can listen in (reads through chat:*, no entry)', anasChat, LIV, 'none'],
    ['assigned, a manager (take over, transfer)', anasChat, MAX, 'write'],
    ['offered, the receiver (accept, reject)', offered, BO, 'write'],
    ['offered, the sender (still the owner)', offered, ANA, 'write'],
    ['offered, a third agent', offered, CY, 'none'],
    ['offer cancelled, the receiver (the notice why, a minute)', cancelled, BO, 'read'],
    ['offer cancelled, a third agent', cancelled, CY, 'none'],
    ['ended while offered, the receiver', endedWhileOffered, BO, 'read'],
    ['transferred, the new owner', transferred, BO, 'write'],
    ['transferred, the former owner in listening mode', transferred, ANA, 'read'],
    ['transferred, a third agent', transferred, CY, 'none'],
    ['taken over, the manager', takenOver, MAX, 'write'],
    ['taken over, the former owner', takenOver, ANA, 'read'],
    ['ended, the last owner', ended, BO, 'read'],
    ['ended, a former owner', ended, ANA, 'read'],
    ['ended, a manager (nothing left to take over)', ended, MAX, 'none'],
    ['ended, another agent', ended, CY, 'none'],
  ])('%s', (_what, make, me, grant) => {
    expect(chatGrant(me, make().state)).toBe(grant);
  });

  it('a chat ended while still queued is closed to everyone', () => {
    const h = queued();
    h.run(planEnd(h.state, VISITOR, h.now), VISITOR);
    expect(chatGrant(CY, h.state)).toBe('none');
  });
});

describe('agentChatCapability and agentBaseChats', () => {
  it('gives write and read entries, leaves out what the role already reads', () => {
    const states = [anasChat().state, transferred().state, offered().state];
    expect(agentChatCapability(ANA, states).capability).toEqual({ 'chat:chat-1': ['history', 'publish', 'subscribe'] });
    const forBo = agentChatCapability(BO, [offered().state]).capability;
    expect(forBo).toEqual({ 'chat:chat-1': ['history', 'publish', 'subscribe'] });
    expect(agentChatCapability(ANA, [transferred().state]).capability).toEqual({ 'chat:chat-1': ['history', 'subscribe'] });
    expect(agentChatCapability(LIV, [transferred().state]).capability).toEqual({});
  });

  it('only listeners and managers read every chat', () => {
    expect(agentBaseChats(ANA)).toEqual({});
    expect(agentBaseChats(LIV)).toEqual({ 'chat:*': ['history', 'subscribe'] });
    expect(agentBaseChats(MAX)).toEqual({ 'chat:*': ['history', 'subscribe'] });
  });

  it(`keeps at most ${MAX_CHATS_PER_TOKEN} chats, the first asked for, and counts the rest`, () => {
    const states: ChatState[] = Array.from({ length: MAX_CHATS_PER_TOKEN + 5 }, (_, i) => createHarness(`q${i}`).state);
    const { capability, dropped } = agentChatCapability(CY, states);
    expect(Object.keys(capability)).toHaveLength(MAX_CHATS_PER_TOKEN);
    expect(capability['chat:q0']).toBeDefined();
    expect(capability[`chat:q${MAX_CHATS_PER_TOKEN}`]).toBeUndefined();
    expect(dropped).toBe(5);
  });
});
