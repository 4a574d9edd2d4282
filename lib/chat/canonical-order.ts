// The canonical order every client sorts a chat's log into, whatever order Ably delivered it in. Ably orders messages
// per publisher but not across publishers in different regions (docs platform/architecture/message-ordering), so
// correctness cannot rest on arrival order; (timestamp, id, clientId) is the same everywhere once all is seen.
import type { Position } from './events.ts';

/** Total order on positions: Ably timestamp, then message id (natural order), then clientId. */
export function comparePositions(a: Position, b: Position): number {
  if (a.timestamp !== b.timestamp) return a.timestamp < b.timestamp ? -1 : 1;
  const byId = compareIds(a.id, b.id);
  if (byId !== 0) return byId;
  return a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0;
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/**
 * Natural order: runs of digits compare by numeric value. Ably gives a realtime message the id
 * `<connectionId>:<msgSerial>:<index>` (TM2a), so two messages one connection sends in the same millisecond keep
 * their publish order (`x:9:0` before `x:10:0`), which plain string order would break. Ties (leading zeros) fall
 * back to code-unit order, so this is a total order.
 */
export function compareIds(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (!isDigit(ca) || !isDigit(cb)) {
      if (ca !== cb) return ca - cb;
      i++;
      j++;
      continue;
    }
    let si = i;
    while (si < a.length && a.charCodeAt(si) === 48) si++;
    let sj = j;
    while (sj < b.length && b.charCodeAt(sj) === 48) sj++;
    let ei = si;
    while (ei < a.length && isDigit(a.charCodeAt(ei))) ei++;
    let ej = sj;
    while (ej < b.length && isDigit(b.charCodeAt(ej))) ej++;
    if (ei - si !== ej - sj) return ei - si - (ej - sj);
    for (let k = 0; k < ei - si; k++) {
      const d = a.charCodeAt(si + k) - b.charCodeAt(sj + k);
      if (d !== 0) return d;
    }
    // Leading zeros ("007" vs "7") compare equal here and are settled by the fallback below.
    i = ei;
    j = ej;
  }
  const rest = a.length - i - (b.length - j);
  if (rest !== 0) return rest;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Index of the first element in sorted[0, length) that sorts after `position` (upper bound). */
export function upperBound<T>(sorted: readonly T[], length: number, position: Position, key: (item: T) => Position): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const item = sorted[mid];
    if (item !== undefined && comparePositions(key(item), position) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
