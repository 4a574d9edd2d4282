/**
 * Whether the background's session has finished starting. An event that wakes a stopped
 * service worker (a notification button, a keyboard shortcut, an alarm, a view's command)
 * runs before the session is back; it waits here instead of failing "not signed in".
 * Each start begins a new run and supersedes the one before, so a waiter always ends up
 * waiting for the newest run. Pending from the first moment: the worker's first start
 * is called right after its listeners are registered.
 */
export function createReadiness(timeoutMs = 20_000) {
  const pending = () => {
    let settle!: () => void;
    const done = new Promise<void>((resolve) => (settle = resolve));
    return { done, settle };
  };
  let run = pending();
  let begun = false;

  return {
    /** A new session run starts; call the returned function when it is ready (or has ended up signed out). */
    begin(): () => void {
      // The worker's first run takes over the pending run waiters may already hold.
      if (begun) {
        run.settle();
        run = pending();
      }
      begun = true;
      return run.settle;
    },
    /** Resolves when the newest run is ready, or after the timeout (the caller then meets the real state). */
    async whenReady(): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const seen = run;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - Date.now()))));
        await Promise.race([seen.done, late]);
        clearTimeout(timer);
        if (seen === run || Date.now() >= deadline) return;
      }
    },
  };
}

export type Readiness = ReturnType<typeof createReadiness>;
