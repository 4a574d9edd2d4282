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
    /** A MessageChannel whose ports deliver at once, so the test decides what arrives when. */
    class FakeLanePort {
      other: FakeLanePort | undefined;
      onmessage: ((event: { data: unknown }) => void) | null = null;
      closed = false;
      postMessage(data: unknown) {
        if (!this.closed && this.other && !this.other.closed) this.other.onmessage?.({ data });
      }
      close() {
        this.closed = true;
      }
    }
    class FakeChannel {
      port1 = new FakeLanePort();
      port2 = new FakeLanePort();
      constructor() {
        this.port1.other = this.port2;
        this.port2.other = this.port1;
      }
    }

    /** Stands in for the service worker: keeps the lanes views offer it; `worker` is its end of each. */
    function fakeController() {
      const offered: Array<{ nonce: string; worker: FakeLanePort; received: unknown[] }> = [];
      vi.stubGlobal('MessageChannel', FakeChannel);
      vi.stubGlobal('navigator', {
        serviceWorker: {
          controller: {
            postMessage: (data: { nonce: string }, ports: FakeLanePort[]) => {
              const received: unknown[] = [];
              ports[0]!.onmessage = (event) => void received.push(event.data);
              offered.push({ nonce: data.nonce, worker: ports[0]!, received });
            },
          },
        },
      });
      return offered;
    }
    const session = (phase: string) => ({ connection: { phase, error: null, since: 0 }, chats: [] });
    const patchTo = (phase: string, seq: number) => ({ type: 'session-patch', seq, patches: [{ op: 'set', key: 'connection', value: { phase, error: null, since: 0 } }] });

    afterEach(() => vi.unstubAllGlobals());

    it('claims its lane on the port, and applies what the lane brings only after lane-ready, in order', () => {
      const offered = fakeController();
      const ports = recordPorts();
      const phases: string[] = [];
      const connection = connectToBackground((update) => {
        if (update.type === 'session') phases.push(update.snapshot.connection.phase);
      });
      expect(offered).toHaveLength(1);
      expect(ports[0]!.messages).toEqual([{ type: 'lane-claim', nonce: offered[0]!.nonce }]);
      ports[0]!.deliver({ type: 'session', seq: 0, snapshot: session('connecting') });
      // The worker switched: its next change comes on the lane before lane-ready is read from the port.
      offered[0]!.worker.postMessage(patchTo('connected', 1));
      expect(phases).toEqual(['connecting']);
      ports[0]!.deliver({ type: 'lane-ready' });
      expect(phases).toEqual(['connecting', 'connected']);
      offered[0]!.worker.postMessage(patchTo('disconnected', 2));
      expect(phases).toEqual(['connecting', 'connected', 'disconnected']);
      connection.dispose();
    });

    it('says lane-switch last on the port, then sends its commands on the lane and reads their answers there', async () => {
      const offered = fakeController();
      const ports = recordPorts();
      const connection = connectToBackground(() => {});
      void connection.send({ type: 'typing', chatId: 'c1', typing: true });
      ports[0]!.deliver({ type: 'lane-ready' });
      const answer = connection.send({ type: 'mark-read', chatId: 'c1' });
      expect(ports[0]!.messages).toEqual([
        { type: 'lane-claim', nonce: offered[0]!.nonce },
        { type: 'command', id: 1, command: { type: 'typing', chatId: 'c1', typing: true } },
        { type: 'lane-switch' },
      ]);
      expect(offered[0]!.received).toEqual([{ type: 'command', id: 2, command: { type: 'mark-read', chatId: 'c1' } }]);
      offered[0]!.worker.postMessage({ type: 'command-result', id: 2, ok: true });
      expect(await answer).toEqual({ ok: true });
      connection.dispose();
    });

    it('drops the lane with its port, ignores what still comes on it, and offers a new one when it reconnects', async () => {
      const offered = fakeController();
      const ports = recordPorts();
      const phases: string[] = [];
      const connection = connectToBackground((update) => {
        if (update.type === 'session') phases.push(update.snapshot.connection.phase);
      });
      ports[0]!.deliver({ type: 'session', seq: 0, snapshot: session('connected') });
      ports[0]!.deliver({ type: 'lane-ready' });
      ports[0]!.drop();
      expect(offered[0]!.worker.other!.closed).toBe(true);
      offered[0]!.worker.postMessage(patchTo('disconnected', 1));
      expect(phases).toEqual(['connected']);
      await vi.advanceTimersByTimeAsync(300);
      expect(ports).toHaveLength(2);
      expect(offered).toHaveLength(2);
      expect(ports[1]!.messages).toEqual([{ type: 'lane-claim', nonce: offered[1]!.nonce }]);
      expect(offered[1]!.nonce).not.toBe(offered[0]!.nonce);
      // Until the new lane is ready, commands go on the new port, not on the dead lane.
      void connection.send({ type: 'mark-read', chatId: 'c1' });
      expect(ports[1]!.messages.at(-1)).toEqual({ type: 'command', id: 1, command: { type: 'mark-read', chatId: 'c1' } });
      expect(offered[0]!.received).toEqual([]);
      connection.dispose();
      expect(offered[1]!.worker.other!.closed).toBe(true);
    });
  });
});
