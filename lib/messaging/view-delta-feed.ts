import type { SessionSnapshot } from '../session/session-snapshot.ts';
import { applyPatches, diffSnapshots, type SnapshotPatch } from './view-delta.ts';

/** The whole session, sent once when a view connects; `seq` is the patch it is current with. */
export interface SessionUpdate {
  type: 'session';
  seq: number;
  snapshot: SessionSnapshot;
}

/** What changed since the update numbered `seq - 1`. */
export interface SessionPatchUpdate {
  type: 'session-patch';
  seq: number;
  patches: SnapshotPatch[];
}

/**
 * The background's side of the delta protocol: numbers the changes so a view can tell it missed one. One feed
 * serves every view; a view that connects gets `full()` and then the same patches as the others.
 */
export function createViewFeed() {
  let previous: SessionSnapshot | null = null;
  let seq = 0;
  return {
    /**
     * The patch update for a new snapshot, or null when nothing a view shows changed. Every snapshot is stamped with
     * its own `now`, which no view reads (they keep their own clocks for countdowns): a snapshot that changed only
     * that is not posted. The session changes many times per transfer in ways views do not show (a token renewed,
     * an inbox notice for a chat already followed), and each post is a structured clone, a message to every view
     * and a pass over the view's derived state. The stamp travels with the next change that is posted.
     */
    publish(next: SessionSnapshot): SessionPatchUpdate | null {
      const patches = diffSnapshots(previous, next);
      previous = next;
      if (patches.every(onlyTheClock)) return null;
      seq += 1;
      return { type: 'session-patch', seq, patches };
    },
    /** The whole state for a view that just connected (`fallback` until anything was published). */
    full(fallback: SessionSnapshot): SessionUpdate {
      previous ??= fallback;
      return { type: 'session', seq, snapshot: previous };
    },
  };
}

export type ViewFeed = ReturnType<typeof createViewFeed>;

function onlyTheClock(patch: SnapshotPatch): boolean {
  return patch.op === 'set' && patch.key === 'now';
}

/**
 * The view's side: keeps the session it was sent and applies each patch in order. A gap in the numbers, or a
 * patch that does not apply, means this copy can no longer be trusted: it is dropped and `resync` asks for a
 * whole snapshot again (in practice: reconnect the port). Returns the session to show, or null meanwhile.
 */
export function createViewReceiver(resync: (reason: string) => void) {
  let state: SessionSnapshot | null = null;
  let seq = 0;
  const fail = (reason: string) => {
    state = null;
    resync(reason);
    return null;
  };
  return {
    receive(update: SessionUpdate | SessionPatchUpdate): SessionSnapshot | null {
      if (update.type === 'session') {
        state = update.snapshot;
        seq = update.seq;
        return state;
      }
      if (state === null) return null; // waiting for the snapshot a resync asked for
      if (update.seq !== seq + 1) return fail(`session patch ${update.seq} after ${seq}; asking for the whole session again`);
      try {
        state = applyPatches(state, update.patches);
      } catch (error) {
        return fail(`session patch ${update.seq} did not apply (${String(error)}); asking for the whole session again`);
      }
      seq = update.seq;
      return state;
    },
  };
}
