import { browser } from 'wxt/browser';
import { changedKeys, sameValue } from './diff.ts';
import { problem } from './policy-problem.ts';
import { parsePolicy, type ParsedPolicy, type Policy, type PolicyKey } from './policy-schema.ts';

// The thin shell around storage.managed. Chrome publishes policy there (and fires
// storage.onChanged with area "managed" when the admin changes it; on Linux about 5 s after
// the file changes); Firefox fills it from policies.json `3rdparty.Extensions.<id>`, and
// rejects get() when no policy names Baton ("Managed storage manifest not found").
// https://developer.chrome.com/docs/extensions/reference/api/storage#property-managed
// https://extensionworkshop.com/documentation/enterprise/enterprise-development/

export interface PolicyChange extends ParsedPolicy {
  readonly previous: Policy;
  /** Top-level keys whose parsed value differs from `previous`; apply only these. */
  readonly changed: readonly PolicyKey[];
}

/** The current policy. Never rejects: without managed storage it is an empty policy and an `unavailable` problem. */
export async function readPolicy(): Promise<ParsedPolicy> {
  try {
    // Optional chaining: Firefox for Android and some embedders have no managed area at all.
    const area = browser.storage?.managed;
    if (!area) return unavailable('storage.managed is not available');
    return parsePolicy(await area.get());
  } catch (error) {
    return unavailable(error instanceof Error ? error.message : error);
  }
}

export function isUnavailable(parsed: ParsedPolicy): boolean {
  return parsed.problems.some((item) => item.reason === 'unavailable');
}

/**
 * Calls `onChange` after each managed-policy change that alters the parsed policy or its
 * problems; returns the unsubscribe. The listener is registered synchronously (a worker
 * woken by the change must have it before the event is dispatched). Diffs are against
 * `baseline` when given (pass what you already applied), else against a read made now.
 */
export function watchPolicy(onChange: (change: PolicyChange) => void, options: { baseline?: ParsedPolicy } = {}): () => void {
  let active = true;
  // One read at a time, in event order, so a slow read never overtakes a newer one.
  let latest: Promise<ParsedPolicy> = options.baseline ? Promise.resolve(options.baseline) : readPolicy();
  const handle = (_changes: unknown, area: string) => {
    if (area !== 'managed') return;
    latest = latest.then(async (previous) => {
      // The event names only the keys that changed; a fresh read is the whole truth for one IPC.
      const next = await readPolicy();
      // A failed read is not "the admin removed everything": keep the last good policy.
      if (!active || isUnavailable(next)) return previous;
      const changed = changedKeys(previous.policy, next.policy);
      if (changed.length > 0 || !sameValue(previous.problems, next.problems)) {
        deliver(onChange, { ...next, previous: previous.policy, changed });
      }
      return next;
    });
  };
  browser.storage.onChanged.addListener(handle);
  return () => {
    active = false;
    browser.storage.onChanged.removeListener(handle);
  };
}

function deliver(onChange: (change: PolicyChange) => void, change: PolicyChange): void {
  try {
    onChange(change);
  } catch (error) {
    // A throwing subscriber must not stop later changes from arriving; surface it as an uncaught error.
    setTimeout(() => {
      throw error;
    });
  }
}

function unavailable(why: unknown): ParsedPolicy {
  return { policy: {}, problems: [problem('*', 'unavailable', why)] };
}
