import type { BaseRealtime } from 'ably/modular';
import type { ConnectionState, ConnectionStateChange } from 'ably';
import { connectionErrorCode } from './connection-error.ts';
import type { Diagnostics } from './diagnostics.ts';
import type { ConnectionInfo, ConnectionPhase } from './session-snapshot.ts';

export function phaseOf(state: ConnectionState): ConnectionPhase {
  if (state === 'initialized' || state === 'connecting') return 'connecting';
  if (state === 'closing' || state === 'closed') return 'signed-out';
  return state;
}

export function describeChange(change: ConnectionStateChange): string {
  return `${change.previous} → ${change.current}${change.reason ? ` (${change.reason.code}: ${change.reason.message})` : ''}`;
}

/** The connection as views show it, kept from ably-js' state changes (each one logged); `dispose` stops following. */
export function trackConnection(client: BaseRealtime, diagnostics: Diagnostics, now: () => number, changed: () => void) {
  let info: ConnectionInfo = { phase: phaseOf(client.connection.state), error: null, since: now() };
  const onConnection = (change: ConnectionStateChange) => {
    const errorCode = connectionErrorCode(change.reason);
    info = { phase: phaseOf(change.current), error: change.reason?.message ?? null, ...(errorCode ? { errorCode } : {}), since: now() };
    diagnostics.record('connection', describeChange(change));
    changed();
  };
  client.connection.on(onConnection);
  return { info: () => info, dispose: () => client.connection.off(onConnection) };
}
