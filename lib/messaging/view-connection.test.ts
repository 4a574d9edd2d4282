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

  describe('with a direct lane (Chrome: the page is a client of the service worker)', () => {
    /** Stands in for the service worker: keeps the ports views offer it, keyed by nonce. */
    function fakeController() {
      const offered: Array<{ nonce: string; port: MessagePort }> = [];
      vi.stubGlobal('navigator', {
        serviceWorker: { controller: { postMessage: (data: { nonce: string }, ports: MessagePort[]) => void offered.push({ nonce: data.nonce, port: ports[0]! }) } },
      });
      return offered;
    }
    const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
    const session = (phase: string) => ({ connection: { phase, error: null, since: 0 }, chats: [] });

    afterEach(() => vi.unstubAllGlobals());

    it('claims its lane on the port, and applies what the lane brings only after lane-ready, in order', async () => {
      const offered = fakeController();
      const ports: Array<ReturnType<typeof fakePort>> = [];
      vi.spyOn(browser.runtime, 'connect').mockImplementation(() => {
        const made = fakePort();
        ports.push(made);
        return made.port as unknown as ReturnType<typeof browser.runtime.connect>;
      });
      const phases: string[] = [];
      const connection = connectToBackground((update) => {
        if (update.type === 'session') phases.push(update.snapshot.connection.phase);
      });
      expect(offered).toHaveLength(1);
      expect(ports[0]!.messages).toEqual([{ type: 'lane-claim', nonce: offered[0]!.nonce }]);
      ports[0]!.deliver({ type: 'session', seq: 0, snapshot: session('connecting') });
      // The worker switched: its next change comes on the lane, possibly before lane-ready is read from the port.
      offered[0]!.port.postMessage({ type: 'session-patch', seq: 1, patches: [{ op: 'set', key: 'connection', value: { phase: 'connected', error: null, since: 0 } }] });
      await tick();
      expect(phases).toEqual(['connecting']);
      ports[0]!.deliver({ type: 'lane-ready' });
      expect(phases).toEqual(['connecting', 'connected']);
      // Commands now go on the lane; their answers come back on it.
      const workerSide: unknown[] = [];
      offered[0]!.port.onmessage = (event) => void workerSide.push(event.data);
      const answer = connection.send({ type: 'mark-read', chatId: 'c1' });
      for (let tries = 0; tries < 20 && workerSide.length === 0; tries += 1) await tick();
      expect(workerSide).toEqual([{ type: 'command', id: 1, command: { type: 'mark-read', chatId: 'c1' } }]);
      expect(ports[0]!.messages).toHaveLength(1);
      offered[0]!.port.postMessage({ type: 'command-result', id: 1, ok: true });
      expect(await answer).toEqual({ ok: true });
      connection.dispose();
    });

    it('drops the lane with its port and offers a new one when it reconnects', async () => {
      const offered = fakeController();
      const ports = recordPorts();
      const connection = connectToBackground(() => {});
      ports[0]!.deliver({ type: 'lane-ready' });
      ports[0]!.drop();
      await vi.advanceTimersByTimeAsync(300);
      expect(ports).toHaveLength(2);
      expect(offered).toHaveLength(2);
      expect(ports[1]!.messages).toEqual([{ type: 'lane-claim', nonce: offered[1]!.nonce }]);
      expect(offered[1]!.nonce).not.toBe(offered[0]!.nonce);
      // Until the new lane is ready, commands go on the new port, not on the dead lane.
      void connection.send({ type: 'mark-read', chatId: 'c1' });
      expect(ports[1]!.messages.at(-1)).toEqual({ type: 'command', id: 1, command: { type: 'mark-read', chatId: 'c1' } });
      connection.dispose();
    });
  });
});

