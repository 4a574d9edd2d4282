import { describe, expect, it, vi } from 'vitest';
import { createSidebarModel } from './sidebar-model.ts';

function setup() {
  const bridge = { saveCollapsed: vi.fn(async () => {}), saveStatus: vi.fn(async () => {}) };
  return { bridge, model: createSidebarModel(bridge, { collapsed: false, status: 'present' }) };
}

describe('createSidebarModel', () => {
  it('collapses at once and saves the choice', async () => {
    const { bridge, model } = setup();
    await model.setCollapsed(true);
    expect(model.collapsed.value).toBe(true);
    expect(bridge.saveCollapsed).toHaveBeenCalledWith(true);
  });

  it('changes status and saves it', async () => {
    const { bridge, model } = setup();
    await model.setStatus('away');
    expect(model.status.value).toBe('away');
    expect(bridge.saveStatus).toHaveBeenCalledWith('away');
  });

  it('shows the page title the background relays, and clears it', () => {
    const { model } = setup();
    model.applyUpdate({ type: 'page-context', context: { url: 'http://x/', title: 'Anna Berg' } });
    expect(model.pageTitle.value).toBe('Anna Berg');
    model.applyUpdate({ type: 'page-context', context: null });
    expect(model.pageTitle.value).toBeNull();
  });
});
