/** Runs `read` once for the events of one macrotask; callers awaiting it get that run's result. */
export function coalesced(read: () => Promise<void>): () => Promise<void> {
  let pending: Promise<void> | null = null;
  return () =>
    (pending ??= new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => {
      pending = null;
      return read();
    }));
}
