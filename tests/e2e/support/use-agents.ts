import type { BatonBackground } from './baton-background.ts';
import { launchAgent } from './agents.ts';
import { test } from './extension-context.ts';

/**
 * One Chromium profile per named agent for each test in the describe block, signed in
 * before the test and closed after it. Read them inside the test: `const { alice } = agents`.
 */
export function useAgents<const Id extends string>(ids: readonly Id[]): Record<Id, BatonBackground> {
  const agents = {} as Record<Id, BatonBackground>;
  test.beforeEach(async () => {
    const launched = await Promise.all(ids.map((id) => launchAgent(id)));
    ids.forEach((id, index) => (agents[id] = launched[index]!));
  });
  test.afterEach(async () => {
    await Promise.all(ids.map((id) => agents[id]?.context.close()));
  });
  return agents;
}
