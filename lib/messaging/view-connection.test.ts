import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { connectToBackground } from './view-connection.ts';

type Listener = (message: unknown) => void;

/** A port the test drives: what the view posts, and a way to disconnect it as a stopped worker would. */
function fakePort() {
  const messages: unknown[] = [];
  const onMessage: Listener[] = [];
  const onDisconnect: Array<() => void> = [];
  return {
    messages,
    deliver: (message: unknown) => onMessage.forEach((listener) => listener(message)),
    drop: () => onDisconnect.forEach((listener) => listener()),
    port: {
      postMessage: (message: unknown) => void messages.push(message),
      disconnect: vi.fn(),
      onMessage: { addListener: (listener: Listener) => void onMessage.push(listener) },
      onDisconnect: { addListener: (listener: () => void) => void onDisconnect.push(listener) },
    },
  };
}

/** Every port the view opens, in order (fake timers on, so reconnect delays are the test's to advance). */
function recordPorts() {
  vi.useFakeTimers();
  const ports: Array<ReturnType<typeof fakePort>> = [];
  vi.spyOn(browser.runtime, 'connect').mockImplementation(() => {
    const made = fakePort();
    ports.push(made);
    return made.port as unknown as ReturnType<typeof browser.runtime.connect>;
  });
  return ports;
}

describe('connectToBackground', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it('a command sent during the reconnect window opens one port, not two', async () => {
    const ports = recordPorts();
    const connection = connectToBackground(() => {});
    expect(ports).toHaveLength(1);
    ports[0]!.drop();
    const answer = connection.send({ type: 'mark-read', chatId: 'c1' });
    expect(ports).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(ports).toHaveLength(2);
    ports[1]!.deliver({ type: 'command-result', id: 1, ok: true });
    expect(await answer).toEqual({ ok: true });
    connection.dispose();
  });

  it('reconnects on its own after the worker went away, and answers a silent command with a timeout', async () => {
    const ports = recordPorts();
    const connection = connectToBackground(() => {});
    ports[0]!.drop();
    await vi.advanceTimersByTimeAsync(300);
    expect(ports).toHaveLength(2);
    const answer = connection.send({ type: 'mark-read', chatId: 'c1' });
    await vi.advanceTimersByTimeAsync(16_000);
    expect(await answer).toMatchObject({ ok: false, error: { code: 'timeout' } });
    connection.dispose();
  });

  it('gives each answer its command\'s result type, and a failure its code and parameters', async () => {
    const ports = recordPorts();
    const connection = connectToBackground(() => {});
    const person = connection.send({ type: 'read-person', personId: '7' });
    const transfer = connection.send({ type: 'transfer', chatId: 'c1', to: 'carla', note: '' });
    ports[0]!.deliver({ type: 'command-result', id: 1, ok: true, data: { person: { id: '7', name: 'Freja' } } });
    ports[0]!.deliver({ type: 'command-result', id: 2, ok: false, error: { code: 'not-present', message: 'unable to transfer; Carla is away', params: { name: 'Carla' } } });
    const read = await person;
    // Typed: `read.data.person` compiles only because `read-person` answers `{ person }` (commands.ts).
    expect(read.ok && read.data.person.name).toBe('Freja');
    expect(await transfer).toEqual({ ok: false, error: { code: 'not-present', message: 'unable to transfer; Carla is away', params: { name: 'Carla' } } });
    connection.dispose();
  });

  it('drops a result without its error, or of the wrong shape, and says so', async () => {
    const ports = recordPorts();
    const drops: string[] = [];
    const connection = connectToBackground(() => {}, (reason) => drops.push(reason));
    ports[0]!.deliver({ type: 'command-result', id: 1, ok: false });
    ports[0]!.deliver({ type: 'command-result', id: 1, ok: 'yes' });
    expect(drops).toHaveLength(2);
    connection.dispose();
  });
});
