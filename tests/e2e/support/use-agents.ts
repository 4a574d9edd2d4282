import type { BatonBackground } from './baton-background.ts';
import { launchAgent } from './agents.ts';
import { test } from './extension-context.ts';
import { writeManagedPolicy } from './managed-policy.ts';

/**
 * One Chromium profile per named agent for each test in the describe block, signed in
 * before the test and closed after it. Read them inside the test: `const { alice } = agents`.
 * With `policy`, a real managed policy file is in place before the browsers start and
 * removed after them (it is machine-wide: see managed-policy.ts).
 */
export function useAgents<const Id extends string>(ids: readonly Id[], options: { policy?: Record<string, unknown> } = {}): Record<Id, BatonBackground> {
  const agents = {} as Record<Id, BatonBackground>;
  let policy: ReturnType<typeof writeManagedPolicy> | undefined;
  test.beforeEach(async () => {
    if (options.policy) policy = writeManagedPolicy(options.policy);
    const launched = await Promise.all(ids.map((id) => launchAgent(id)));
    ids.forEach((id, index) => (agents[id] = launched[index]!));
  });
  test.afterEach(async () => {
    await Promise.all(ids.map((id) => agents[id]?.context.close()));
    policy?.remove();
  });
  return agents;
}
