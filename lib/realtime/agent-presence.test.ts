import { describe, expect, it, vi } from 'vitest';
import { agentsFromMembers, parseAgentPresence } from './agent-presence.ts';

const member = (clientId: string, name: string, status: string, activeChats = 0) => ({ clientId, data: { name, status, activeChats } });

describe('parseAgentPresence', () => {
  it('takes identity from clientId only', () => {
    expect(parseAgentPresence({ clientId: 'bob', data: { name: 'Bob', status: 'present', activeChats: 2, clientId: 'mia' } })).toEqual({
      clientId: 'bob',
      name: 'Bob',
      status: 'present',
      activeChats: 2,
    });
  });

  it.each([
    { clientId: 'x', data: null },
    { clientId: 'x', data: { name: '', status: 'present', activeChats: 0 } },
    { clientId: 'x', data: { name: 'X', status: 'busy', activeChats: 0 } },
    { clientId: 'x', data: { name: 'X', status: 'present', activeChats: -1 } },
    { clientId: 'x', data: { name: 'X'.repeat(500), status: 'present', activeChats: 0 } },
    { data: { name: 'X', status: 'present', activeChats: 0 } },
  ])('drops %j', (input) => {
    expect(parseAgentPresence(input)).toBeUndefined();
  });
});

describe('agentsFromMembers', () => {
  it('removes direction overrides from a name, and refuses a name of nothing else', () => {
    expect(parseAgentPresence({ clientId: 'bob', data: { name: '\u202EBob Berg', status: 'present', activeChats: 0 } })?.name).toBe('Bob Berg');
    expect(parseAgentPresence({ clientId: 'bob', data: { name: ' \u202E ', status: 'present', activeChats: 0 } })).toBeUndefined();
  });

  it('merges one agent connected twice and counts bad members', () => {
    const onDrop = vi.fn();
    const agents = agentsFromMembers(
      [member('bob', 'Bob', 'away', 1), member('bob', 'Bob', 'present', 3), { clientId: 'evil', data: '<script>' }],
      onDrop,
    );
    expect(agents).toEqual([{ clientId: 'bob', name: 'Bob', status: 'present', activeChats: 3 }]);
    expect(onDrop).toHaveBeenCalledTimes(1);
  });
});
