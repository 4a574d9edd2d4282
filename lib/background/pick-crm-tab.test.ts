import { describe, expect, it } from 'vitest';
import { pickCrmTab } from './pick-crm-tab.ts';

describe('pickCrmTab', () => {
  const tab = (id: number, windowId: number, active: boolean, lastAccessed: number) => ({ id, windowId, active, lastAccessed });

  it('prefers the tab in view in the focused window', () => {
    expect(pickCrmTab([tab(1, 1, true, 50), tab(2, 2, true, 90), tab(3, 2, false, 99)], 1)?.id).toBe(1);
  });

  it('then a tab in view elsewhere, then the one used last', () => {
    expect(pickCrmTab([tab(1, 1, false, 50), tab(2, 2, true, 10)], 3)?.id).toBe(2);
    expect(pickCrmTab([tab(1, 1, false, 50), tab(2, 2, false, 90)], 1)?.id).toBe(2);
  });

  it('has nothing to pick without sidebar tabs', () => {
    expect(pickCrmTab([], 1)).toBeUndefined();
  });
});
