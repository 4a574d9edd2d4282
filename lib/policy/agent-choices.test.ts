import { describe, expect, it } from 'vitest';
import { parseAgentChoices } from './agent-choices.ts';

describe('parseAgentChoices', () => {
  it('keeps well-formed choices', () => {
    expect(parseAgentChoices({ notifications: false, sound: true, language: 'da', agentStatus: 'away' })).toEqual({
      notifications: false,
      sound: true,
      language: 'da',
    });
  });

  it.each([undefined, null, 'x', 42, [], [true]])('reads %j as no choices', (raw) => {
    expect(parseAgentChoices(raw)).toEqual({});
  });

  it('drops values that do not fit, one by one', () => {
    expect(parseAgentChoices({ notifications: 'true', sound: 1, language: 'fr' })).toEqual({});
    expect(parseAgentChoices({ notifications: null, sound: false, language: { en: true } })).toEqual({ sound: false });
  });

  it('reads only own keys', () => {
    expect(parseAgentChoices(Object.create({ sound: true }))).toEqual({});
  });
});
