// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { sidebarWidth } from '../settings/sidebar-layout.ts';
import { createSidebarFrame, SIDEBAR_HOST_TAG } from './sidebar-frame.ts';

afterEach(() => {
  for (const host of document.querySelectorAll(SIDEBAR_HOST_TAG)) host.remove();
  document.documentElement.removeAttribute('style');
});

const margin = () => document.documentElement.style.getPropertyValue('margin-right');

describe('createSidebarFrame', () => {
  it('placed before the agent’s choice is read, it takes no width and leaves the page as it was', () => {
    document.documentElement.style.setProperty('margin-right', '7px');
    const frame = createSidebarFrame({ src: 'about:blank', title: 'Baton', collapsed: null });
    expect(frame.host.isConnected).toBe(true);
    expect(frame.host.style.getPropertyValue('width')).toBe('0px');
    expect(margin()).toBe('7px');

    frame.setCollapsed(true);
    expect(frame.host.style.getPropertyValue('width')).toBe(`${sidebarWidth(true)}px`);
    expect(margin()).toBe(`${sidebarWidth(true)}px`);

    frame.remove();
    expect(margin()).toBe('7px');
  });

  it('placed with the choice known, it reserves its width at once', () => {
    const frame = createSidebarFrame({ src: 'about:blank', title: 'Baton', collapsed: false });
    expect(frame.host.style.getPropertyValue('width')).toBe(`${sidebarWidth(false)}px`);
    expect(margin()).toBe(`${sidebarWidth(false)}px`);
  });

  it('never leaves two sidebars', () => {
    createSidebarFrame({ src: 'about:blank', title: 'Baton', collapsed: null });
    createSidebarFrame({ src: 'about:blank', title: 'Baton', collapsed: null });
    expect(document.querySelectorAll(SIDEBAR_HOST_TAG)).toHaveLength(1);
  });
});
