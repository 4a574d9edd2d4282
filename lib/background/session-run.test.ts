import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS } from '../policy/defaults.ts';
import { resolveSettings } from '../policy/effective-settings.ts';
import type { RealtimeConnection } from '../realtime/realtime-client.ts';
import { createDiagnostics } from '../session/diagnostics.ts';
import type { SessionSnapshot } from '../session/session-snapshot.ts';
import type { StoredSession } from '../settings/session-settings.ts';
import type { EffectiveConfig } from './effective-config.ts';
import { liveSettingsOf } from './run-config.ts';
import { startSessionRun } from './session-run.ts';

type StateListener = (change: { previous: string; current: string; reason?: { code: number; message: string } }) => void;

/** A connection the test moves through ably-js' states. */
function fakeConnection(token = '') {
  const listeners: Array<{ event?: string; listener: StateListener }> = [];
  const connection = {
    state: 'connecting',
    on: (a: string | StateListener, b?: StateListener) => void listeners.push(typeof a === 'string' ? { event: a, listener: b! } : { listener: a }),
    off: (listener: StateListener) => {
      const at = listeners.findIndex((entry) => entry.listener === listener);
      if (at >= 0) listeners.splice(at, 1);
    },
  };
  const close = vi.fn();
  const move = (current: string, reason?: { code: number; message: string }) => {
    const previous = connection.state;
    connection.state = current;
    for (const { event, listener } of [...listeners]) if (!event || event === current) listener({ previous, current, ...(reason ? { reason } : {}) });
  };
  const open = { client: { connection, close }, history: vi.fn(), token: () => token } as unknown as RealtimeConnection;
  return { open, close, move };
}

const stored: StoredSession = { connection: null, agent: { id: 'alice', name: 'Alice' }, chats: {}, wakeUp: false };
const config: EffectiveConfig = { settings: DEFAULT_SETTINGS, effective: resolveSettings(DEFAULT_SETTINGS, {}, {}), problems: [] };
const signedOut = (error: string | null = null): SessionSnapshot => ({
  connection: { phase: 'signed-out', error, since: 0 },
  me: null,
  status: 'present',
  agents: [],
  lobby: [],
  chats: [],
  offerTimeoutMs: 0,
  now: 0,
});

function start(fake: ReturnType<typeof fakeConnection>, session: StoredSession = stored) {
  const published: SessionSnapshot[] = [];
  const connect = vi.fn(() => fake.open);
  const run = startSessionRun(session, config, liveSettingsOf(config), { diagnostics: createDiagnostics(), publish: (snapshot) => void published.push(snapshot), signedOut, connect });
  return { run, published, connect };
}

describe('startSessionRun', () => {
  beforeEach(() => fakeBrowser.reset());

  it('without an agent it is signed out at once and never connects', async () => {
    const { run, published, connect } = start(fakeConnection(), { ...stored, agent: null });
    await run.ready;
    expect(connect).not.toHaveBeenCalled();
    expect(run.failed()).toBe(true);
    expect(published.map((snapshot) => snapshot.connection.phase)).toEqual(['signed-out']);
  });

  it('shows a failed connection with its reason and ends ready, without a session', async () => {
    const fake = fakeConnection();
    const { run, published } = start(fake);
    expect(published.at(-1)?.connection.phase).toBe('connecting');
    fake.move('failed', { code: 40100, message: 'unable to get a token' });
    await run.ready;
    expect(run.failed()).toBe(true);
    expect(run.handle()).toBeNull();
    expect(published.at(-1)?.connection).toMatchObject({ phase: 'signed-out', error: 'unable to get a token' });
  });

  it('refuses to sign in when the token names no agent', async () => {
    const fake = fakeConnection('not-a-jwt');
    const { run, published } = start(fake);
    fake.move('connected');
    await run.ready;
    expect(run.session()).toBeNull();
    expect(published.at(-1)?.connection.error).toContain('no agent identity');
  });

  it('stops as one: the connection closes, and nothing it hears later is shown', async () => {
    const fake = fakeConnection();
    const { run, published } = start(fake);
    run.stop();
    await run.ready;
    expect(fake.close).toHaveBeenCalledTimes(1);
    const shown = published.length;
    fake.move('failed', { code: 80000, message: 'late' });
    expect(published).toHaveLength(shown);
  });
});
