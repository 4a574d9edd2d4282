export interface CandidateTab {
  id: number;
  windowId: number;
  active: boolean;
  lastAccessed?: number;
}

/**
 * Which of the tabs with Baton's sidebar to bring forward: the one the agent is looking
 * at (active in the last-focused window), else one active in another window, else the
 * one used last.
 */
export function pickCrmTab(tabs: readonly CandidateTab[], focusedWindowId: number | undefined): CandidateTab | undefined {
  const byUse = [...tabs].sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  return byUse.find((tab) => tab.active && tab.windowId === focusedWindowId) ?? byUse.find((tab) => tab.active) ?? byUse[0];
}
