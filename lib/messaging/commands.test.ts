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
  ])('rejects %j', (value) => {
    expect(parseCommandEnvelope(value)).toHaveProperty('error');
  });
});
