import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { RealtimeClientOptions, RealtimeConnection } from '../realtime/realtime-client.ts';
import { createDiagnostics } from '../session/diagnostics.ts';
import { AGENT_KEY, CHATS_KEY } from '../settings/session-settings.ts';
import { createSessionHost } from './session-host.ts';

/** A realtime connection that stays `connecting`: what the host decides is visible without a hub. */
function fakeConnections() {
  const made: Array<{ options: RealtimeClientOptions; close: ReturnType<typeof vi.fn> }> = [];
  const connect = vi.fn((options: RealtimeClientOptions): RealtimeConnection => {
    const close = vi.fn();
    made.push({ options, close });
    const connection = { state: 'connecting', on: vi.fn(), off: vi.fn(), once: vi.fn(() => new Promise(() => {})) };
    return { client: { connection, close } as unknown as RealtimeConnection['client'], history: vi.fn(), token: () => '' };
  });
  return { connect, made };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

function setup() {
  const { connect, made } = fakeConnections();
  const showNotice = vi.fn();
  const host = createSessionHost({ diagnostics: createDiagnostics(), showNotice, withdrawNotice: vi.fn(), revealChat: vi.fn(async () => {}), connect });
  return { host, connect, made };
}

describe('createSessionHost', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await fakeBrowser.storage.local.set({ [AGENT_KEY]: { id: 'alice', name: 'Alice' } });
  });

  it('a sign-in as the agent already signed in keeps the chats it follows; another agent starts with none', async () => {
    const { host } = setup();
    vi.stubGlobal('fetch', async () => Response.json([{ id: 'alice', name: 'Alice' }, { id: 'bob', name: 'Bob' }]));
    const followed = { c1: { watching: false, closed: false, readMarker: null } };
    // An older name, so the sign-in's write shows (the roster's name replaces it). The run it starts stays connecting.
    await fakeBrowser.storage.local.set({ [AGENT_KEY]: { id: 'alice', name: 'Alice (old name)' }, [CHATS_KEY]: followed });
    const stored = () => fakeBrowser.storage.local.get([AGENT_KEY, CHATS_KEY]);
    try {
      void host.runCommand({ type: 'sign-in', agentId: 'alice' });
      await vi.waitFor(async () => expect(await stored()).toEqual({ [AGENT_KEY]: { id: 'alice', name: 'Alice' }, [CHATS_KEY]: followed }));
      void host.runCommand({ type: 'sign-in', agentId: 'bob' });
      await vi.waitFor(async () => expect(await stored()).toEqual({ [AGENT_KEY]: { id: 'bob', name: 'Bob' }, [CHATS_KEY]: {} }));
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('connects once for a signed-in agent and shows it connecting', async () => {
    const { host, connect, made } = setup();
    void host.refresh();
    await settle();
    expect(connect).toHaveBeenCalledTimes(1);
    expect(made[0]!.options.settings.agentId).toBe('alice');
    expect(host.snapshot().connection.phase).toBe('connecting');
  });

  it('applies a sound switch, an offer timeout and Create request in place, without reconnecting', async () => {
    const { host, connect, made } = setup();
    void host.refresh();
    await settle();
    expect(host.snapshot().requestsAvailable).toBe(true);
    await fakeBrowser.storage.managed.set({ sound: false, offerTimeoutSeconds: 60, features: { createRequest: false } });
    void host.refresh();
    await settle();
    expect(connect).toHaveBeenCalledTimes(1);
    expect(made[0]!.close).not.toHaveBeenCalled();
    expect(host.snapshot().requestsAvailable).toBe(false);
  });

  it('rebuilds the connection when the token service changes, closing the old one', async () => {
    const { host, connect, made } = setup();
    void host.refresh();
    await settle();
    await fakeBrowser.storage.managed.set({ tokenServiceUrl: 'https://tokens.example.com' });
    void host.refresh();
    await settle();
    expect(connect).toHaveBeenCalledTimes(2);
    expect(made[0]!.close).toHaveBeenCalled();
    expect(made[1]!.options.settings.tokenServiceUrl).toBe('https://tokens.example.com');
  });

  it('signs out without connecting when no agent is stored, and a command says it is not signed in', async () => {
    await fakeBrowser.storage.local.remove(AGENT_KEY);
    const { host, connect } = setup();
    await host.refresh();
    expect(connect).not.toHaveBeenCalled();
    expect(host.snapshot().connection.phase).toBe('signed-out');
    await expect(host.runCommand({ type: 'mark-read', chatId: 'c1' })).rejects.toMatchObject({ code: 'not-signed-in' });
  });

  it('answers a view at once with the current state, then each change', async () => {
    const { host } = setup();
    const posted: unknown[] = [];
    host.connectView({ postMessage: (message) => void posted.push(message), onDisconnect: { addListener: () => {} }, onMessage: { addListener: () => {} } });
    expect(posted).toEqual([{ type: 'session', seq: 0, snapshot: expect.objectContaining({ connection: expect.objectContaining({ phase: 'signed-out' }) }) }]);
    void host.refresh();
    await settle();
    // Then what changed, as numbered patches the view applies to what it was sent.
    expect(posted.at(-1)).toMatchObject({ type: 'session-patch', seq: expect.any(Number) });
    expect(JSON.stringify(posted.at(-1))).toContain('connecting');
  });
});
