import { describe, expect, it } from 'vitest';
import { ANA, anasChat } from '../chat/flow-fixtures.ts';
import { AppError } from '../errors.ts';
import type { AgentSession } from './agent-session.ts';
import { createCommandHandler } from './session-commands.ts';
import { isCapabilityDenied, serviceRefusal } from './service-refusal.ts';

describe('a refusal by the realtime service', () => {
  it('becomes AppError not-permitted; other errors pass unchanged', () => {
    expect(() => serviceRefusal('send the message')({ code: 40160, message: 'denied' })).toThrow(expect.objectContaining({ code: 'not-permitted', message: expect.stringMatching(/^unable to send the message; /) }));
    const other = new Error('Connection closed');
    expect(() => serviceRefusal('send the message')(other)).toThrow(other);
    expect(isCapabilityDenied({ code: 40142 })).toBe(false);
    expect(isCapabilityDenied(null)).toBe(false);
  });

  it('is what a command answers when the publish is refused with 40160 after a race', async () => {
    const state = anasChat().state;
    const session = {
      chat: () => ({ state }),
      settled: () => Promise.resolve(),
      publish: () => Promise.reject(Object.assign(new Error('permission denied'), { code: 40160 })),
      author: (who: typeof ANA) => who,
    } as unknown as AgentSession;
    const handle = createCommandHandler({ session, me: ANA, offerTimeoutMs: 60_000 });
    const refused = await handle({ type: 'send', chatId: 'chat-1', text: 'hello' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'not-permitted' });
  });
});
