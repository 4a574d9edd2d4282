import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../errors.ts';
import type { Command } from '../messaging/commands.ts';
import { createDiagnostics } from '../session/diagnostics.ts';
import type { SessionSnapshot } from '../session/session-snapshot.ts';
import { createLaneOffers } from './lane-offers.ts';
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

/** A lane as Chrome makes one: a MessageChannel, the view's end recording what the worker posts on it. */
function fakeLane() {
  const channel = new MessageChannel();
  const received: unknown[] = [];
  channel.port1.onmessage = (event) => void received.push(event.data);
  return { view: channel.port1, worker: channel.port2, received };
}

/** Until the lane has delivered `count` messages (MessageChannel delivers in a later task). */
async function lanesDelivered(received: unknown[], count: number) {
  for (let tries = 0; tries < 50 && received.length < count; tries += 1) await settle();
}

describe('createViewServer with direct lanes', () => {
  function setupLanes(runCommand: (command: Command) => Promise<unknown> = async () => undefined) {
    const lanes = createLaneOffers();
    const activity = vi.fn();
    const diagnostics = createDiagnostics();
    const server = createViewServer({ diagnostics, current: () => snapshot('connected'), runCommand, lanes, onLaneActivity: activity });
    return { lanes, server, activity, diagnostics };
  }

  it('moves a view that claims its lane onto it: lane-ready last on the port, then changes and answers on the lane', async () => {
    const { lanes, server, activity } = setupLanes(async (command) => (command.type === 'read-person' ? { person: { id: '7', name: 'Freja' } } : undefined));
    const view = fakeView();
    const lane = fakeLane();
    server.connect(view.port);
    view.send({ type: 'lane-claim', nonce: 'view-lane-1' });
    lanes.offer('view-lane-1', lane.worker);
    await settle();
    expect(view.posted).toEqual([{ type: 'session', seq: 0, snapshot: snapshot('connected') }, { type: 'lane-ready' }]);
    server.publish(snapshot('disconnected'));
    view.send({ type: 'lane-switch' });
    lane.view.postMessage({ type: 'command', id: 5, command: { type: 'read-person', personId: '7' } });
    await lanesDelivered(lane.received, 2);
    expect(view.posted).toHaveLength(2);
    expect(lane.received).toEqual([
      expect.objectContaining({ type: 'session-patch', seq: 1 }),
      { type: 'command-result', id: 5, ok: true, data: { person: { id: '7', name: 'Freja' } } },
    ]);
    expect(activity).toHaveBeenCalled();
    lane.view.close();
  });

  it("runs the view's commands in the order it sent them: lane commands wait for its lane-switch on the port", async () => {
    const ran: string[] = [];
    const { lanes, server } = setupLanes(async (command) => void ran.push(command.type === 'send' ? command.text : command.type));
    const view = fakeView();
    const lane = fakeLane();
    server.connect(view.port);
    lanes.offer('view-lane-5', lane.worker);
    view.send({ type: 'lane-claim', nonce: 'view-lane-5' });
    await settle();
    // The view sent "first" on the port, then read lane-ready and sent "second" on the lane, which overtook it.
    lane.view.postMessage({ type: 'command', id: 2, command: { type: 'send', chatId: 'c1', text: 'second' } });
    for (let tries = 0; tries < 20; tries += 1) await settle();
    expect(ran).toEqual([]);
    view.send({ type: 'command', id: 1, command: { type: 'send', chatId: 'c1', text: 'first' } });
    view.send({ type: 'lane-switch' });
    expect(ran).toEqual(['first', 'second']);
    lane.view.close();
  });

  it('keeps a view on its port when its lane never comes, and closes the lane when the view goes', async () => {
    vi.useFakeTimers();
    try {
      const { lanes, server, diagnostics } = setupLanes();
      const stranded = fakeView();
      server.connect(stranded.port);
      stranded.send({ type: 'lane-claim', nonce: 'view-lane-2' });
      await vi.advanceTimersByTimeAsync(2_000);
      server.publish(snapshot('disconnected'));
      expect(stranded.posted.at(-1)).toMatchObject({ type: 'session-patch', seq: 1 });
      expect(diagnostics.entries().map((entry) => entry.message)).toContain("a view's direct lane did not come; it stays on its runtime port");
      const leaving = fakeView();
      const lane = fakeLane();
      const closed = vi.spyOn(lane.worker, 'close');
      server.connect(leaving.port);
      lanes.offer('view-lane-3', lane.worker);
      leaving.send({ type: 'lane-claim', nonce: 'view-lane-3' });
      await vi.advanceTimersByTimeAsync(0);
      leaving.disconnect();
      expect(closed).toHaveBeenCalled();
      lane.view.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('closes a lane claimed after its view went away, and answers claims only with lanes, never commands', async () => {
    const { lanes, server } = setupLanes();
    const view = fakeView();
    const lane = fakeLane();
    const closed = vi.spyOn(lane.worker, 'close');
    server.connect(view.port);
    view.send({ type: 'lane-claim', nonce: 'view-lane-4' });
    view.disconnect();
    lanes.offer('view-lane-4', lane.worker);
    await settle();
    expect(closed).toHaveBeenCalled();
    expect(view.posted).toHaveLength(1);
    lane.view.close();
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
