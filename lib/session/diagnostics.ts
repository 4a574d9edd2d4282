// A bounded diagnostics log: connection changes, dropped payloads with reasons, errors.
// Support exports it from the options page; nothing here is trace logging.
export type DiagnosticKind = 'connection' | 'drop' | 'error' | 'info';

export interface DiagnosticEntry {
  at: number;
  kind: DiagnosticKind;
  message: string;
}

export interface Diagnostics {
  record(kind: DiagnosticKind, message: string): void;
  entries(): DiagnosticEntry[];
  /** Dropped payloads by reason, since the worker started. */
  dropCounts(): Record<string, number>;
}

export function createDiagnostics(capacity = 500, now: () => number = Date.now): Diagnostics {
  const ring: DiagnosticEntry[] = [];
  const drops: Record<string, number> = {};
  return {
    record(kind, message) {
      const trimmed = message.slice(0, 500);
      if (kind === 'drop') drops[trimmed] = (drops[trimmed] ?? 0) + 1;
      ring.push({ at: now(), kind, message: trimmed });
      if (ring.length > capacity) ring.splice(0, ring.length - capacity);
      if (kind === 'error' || kind === 'drop') console.warn(`[baton] ${kind}: ${trimmed}`);
    },
    entries: () => [...ring],
    dropCounts: () => ({ ...drops }),
  };
}
