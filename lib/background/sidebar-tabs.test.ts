import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSidebarTabs } from './sidebar-tabs.ts';

function fakePort() {
  const posted: unknown[] = [];
  const disconnects: Array<() => void> = [];
  return { posted, disconnect: () => disconnects.forEach((listener) => listener()), port: { postMessage: (message: unknown) => void posted.push(message), onDisconnect: { addListener: (listener: () => void) => void disconnects.push(listener) } } };
}

describe('createSidebarTabs', () => {
  beforeEach(() => fakeBrowser.reset());

  it('brings the CRM tab with a sidebar to the front and shows the chat in it', async () => {
    const crmWindow = await browser.windows.create({});
    const tab = await browser.tabs.create({ url: 'https://crm.example.com/', windowId: crmWindow!.id!, active: false });
    const update = vi.spyOn(browser.tabs, 'update');
    const tabs = createSidebarTabs(async () => 'https://crm.example.com/');
    const sidebar = fakePort();
    tabs.connect(tab.id!, sidebar.port);
    await tabs.reveal('c1');
    expect(update).toHaveBeenCalledWith(tab.id, { active: true });
    expect(sidebar.posted).toEqual([{ type: 'reveal', chatId: 'c1' }]);
  });

  it('opens the CRM when no tab has a sidebar, and its sidebar gets the chat when it connects', async () => {
    const create = vi.spyOn(browser.tabs, 'create');
    const tabs = createSidebarTabs(async () => 'https://crm.example.com/');
    await tabs.reveal('c2');
    expect(create).toHaveBeenCalledWith({ url: 'https://crm.example.com/' });
    const opened = (await create.mock.results[0]!.value) as { id: number };
    const sidebar = fakePort();
    tabs.connect(opened.id, sidebar.port);
    expect(sidebar.posted).toEqual([{ type: 'reveal', chatId: 'c2' }]);
  });

  it('does nothing without a CRM to open, and forgets a closed sidebar', async () => {
    const create = vi.spyOn(browser.tabs, 'create');
    const tabs = createSidebarTabs(async () => null);
    const tab = await browser.tabs.create({ url: 'https://crm.example.com/' });
    create.mockClear();
    const sidebar = fakePort();
    tabs.connect(tab.id!, sidebar.port);
    sidebar.disconnect();
    await tabs.reveal('c3');
    expect(create).not.toHaveBeenCalled();
    expect(sidebar.posted).toEqual([]);
  });
});
