import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../errors.ts';
import type { Command } from '../messaging/commands.ts';
import { createDiagnostics } from '../session/diagnostics.ts';
import type { SessionSnapshot } from '../session/session-snapshot.ts';
import { commandError, createViewServer } from './view-server.ts';

const snapshot = (phase: SessionSnapshot['connection']['phase']): SessionSnapshot => ({
  connection: { phase, error: null, since: 0 },
  me: null,
  status: 'present',
  agents: [],
  lobby: [],
  chats: [],
  offerTimeoutMs: 120_000,
  now: 0,
});

function fakeView() {
  const posted: unknown[] = [];
  const listeners: Array<(message: unknown) => void> = [];
  const disconnects: Array<() => void> = [];
  return {
    posted,
    send: (message: unknown) => listeners.forEach((listener) => listener(message)),
    disconnect: () => disconnects.forEach((listener) => listener()),
    port: {
      postMessage: (message: unknown) => void posted.push(message),
      onMessage: { addListener: (listener: (message: unknown) => void) => void listeners.push(listener) },
      onDisconnect: { addListener: (listener: () => void) => void disconnects.push(listener) },
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(runCommand: (command: Command) => Promise<unknown> = async () => undefined) {
  const diagnostics = createDiagnostics();
  const server = createViewServer({ diagnostics, current: () => snapshot('connected'), runCommand: vi.fn(runCommand) });
  return { diagnostics, server };
}

describe('createViewServer', () => {
  it('shows a view the current state at once, then each published one until it disconnects', () => {
    const { server } = setup();
    const view = fakeView();
    server.connect(view.port);
    expect(view.posted).toEqual([{ type: 'session', seq: 0, snapshot: snapshot('connected') }]);
    // After the whole session, only what changed, numbered (lib/messaging/view-delta-feed.ts).
    server.publish(snapshot('disconnected'));
    expect(view.posted).toHaveLength(2);
    expect(view.posted[1]).toMatchObject({ type: 'session-patch', seq: 1 });
    view.disconnect();
    server.publish(snapshot('connected'));
    expect(view.posted).toHaveLength(2);
    expect(server.size()).toBe(0);
  });

  it('answers each command with its result, by id', async () => {
    const { server } = setup(async (command) => (command.type === 'read-person' ? { person: { id: '7', name: 'Freja' } } : undefined));
    const view = fakeView();
    server.connect(view.port);
    view.send({ type: 'command', id: 1, command: { type: 'read-person', personId: '7' } });
    view.send({ type: 'command', id: 2, command: { type: 'mark-read', chatId: 'c1' } });
    await settle();
    expect(view.posted.slice(1)).toEqual([
      { type: 'command-result', id: 1, ok: true, data: { person: { id: '7', name: 'Freja' } } },
      { type: 'command-result', id: 2, ok: true },
    ]);
  });

  it('answers a failed command with its code, and a malformed one with invalid-input, counting the drop', async () => {
    const { server, diagnostics } = setup(async () => {
      throw new AppError('not-signed-in', 'unable to send; Baton is not connected');
    });
    const view = fakeView();
    server.connect(view.port);
    view.send({ type: 'command', id: 3, command: { type: 'send', chatId: 'c1', text: 'hi' } });
    view.send({ type: 'command', id: 4, command: { type: 'send', chatId: '../x', text: 'hi' } });
    view.send('garbage');
    await settle();
    expect(view.posted.slice(1)).toEqual([
      { type: 'command-result', id: 4, ok: false, error: { code: 'invalid-input', message: expect.stringContaining('malformed command') } },
      { type: 'command-result', id: 3, ok: false, error: { code: 'not-signed-in', message: 'unable to send; Baton is not connected' } },
    ]);
    expect(Object.keys(diagnostics.dropCounts())).toHaveLength(2);
  });
});

describe('commandError', () => {
  it('keeps an AppError\'s code and parameters; anything else is refused with its message', () => {
    const withParams = Object.assign(new AppError('refused', 'unable to transfer; Carla is away'), { params: { name: 'Carla', count: 1, bad: {} } });
    expect(commandError(new AppError('timeout', 'unable to open chat c1'))).toEqual({ code: 'timeout', message: 'unable to open chat c1' });
    expect(commandError(withParams)).toEqual({ code: 'refused', message: 'unable to transfer; Carla is away' });
    const good = Object.assign(new AppError('refused', 'x'), { params: { name: 'Carla', count: 1 } });
    expect(commandError(good)).toEqual({ code: 'refused', message: 'x', params: { name: 'Carla', count: 1 } });
    expect(commandError(new Error('boom'))).toEqual({ code: 'refused', message: 'boom' });
  });
});
