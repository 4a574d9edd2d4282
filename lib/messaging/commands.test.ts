import { describe, expect, it } from 'vitest';
import { parseCommandEnvelope } from './commands.ts';

describe('parseCommandEnvelope', () => {
  it('accepts a well-formed command', () => {
    expect(parseCommandEnvelope({ type: 'command', id: 3, command: { type: 'transfer', chatId: 'c1', to: 'bob', note: 'VIP' } })).toEqual({
      type: 'command',
      id: 3,
      command: { type: 'transfer', chatId: 'c1', to: 'bob', note: 'VIP' },
    });
  });

  it.each([
    { type: 'find-persons', chatId: 'c1' },
    { type: 'find-persons', chatId: 'c1', query: 'anna berg' },
    { type: 'read-person', personId: '17' },
  ])('accepts the person look-up %j', (command) => {
    expect(parseCommandEnvelope({ type: 'command', id: 5, command })).toEqual({ type: 'command', id: 5, command });
  });

  it('answers a malformed command with its id, so the view is not left waiting', () => {
    const result = parseCommandEnvelope({ type: 'command', id: 4, command: { type: 'send', chatId: 'c1', text: '' } });
    expect(result).toMatchObject({ id: 4, error: expect.stringContaining('malformed command') });
  });

  it.each([
    null,
    { type: 'command', id: 'x', command: {} },
    { type: 'command', id: 1, command: { type: 'transfer', chatId: '../etc', to: 'bob', note: '' } },
    { type: 'command', id: 1, command: { type: 'send', chatId: 'c1', text: 'x'.repeat(5000) } },
    { type: 'command', id: 1, command: { type: 'format-disk' } },
    { type: 'command', id: 1, command: { type: 'find-persons', chatId: 'c1', query: 'x'.repeat(101) } },
    { type: 'command', id: 1, command: { type: 'read-person', personId: '1 OR 1=1' } },
  ])('rejects %j', (value) => {
    expect(parseCommandEnvelope(value)).toHaveProperty('error');
  });
});
