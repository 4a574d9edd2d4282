// At most one pending timer per key: setting a key again replaces its timer, and `clearAll` leaves nothing behind.
// A session's per-chat timers (arbiter wake-ups, holds) live here so that disposing the session really stops them:
// one untracked 60 s hold once kept a test process alive a minute after its agent had stopped.

export interface KeyedTimers {
  /** Runs `run` after `ms`, replacing any timer still pending for `key`. */
  set(key: string, ms: number, run: () => void): void;
  clear(key: string): void;
  clearAll(): void;
}

export function createKeyedTimers(): KeyedTimers {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const clear = (key: string) => {
    clearTimeout(timers.get(key));
    timers.delete(key);
  };
  return {
    set(key, ms, run) {
      clear(key);
      timers.set(
        key,
        setTimeout(() => {
          timers.delete(key);
          run();
        }, Math.max(0, ms)),
      );
    },
    clear,
    clearAll() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
