import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import { byRole, click, nextPage, until, waitForText, type FirefoxAgent } from './firefox-agent.ts';

// The steps a Firefox agent takes, through roles, names and visible text, as tests/e2e does in Chromium.

/** Points the profile at the test's hub (the default is the `npm start` port). */
export async function useHub(agent: FirefoxAgent, port: number): Promise<void> {
  await agent.sidebar.evaluate(async (hubPort) => {
    const api = (globalThis as unknown as { browser: { storage: { local: { set(items: object): Promise<void> } } } }).browser;
    await api.storage.local.set({ connection: { tokenServiceUrl: `http://127.0.0.1:${hubPort}`, realtimeEndpoint: '127.0.0.1', realtimePort: hubPort, tls: false } });
  }, port);
}

/** Sidebar → Open settings → the options tab → Sign in as; returns the options tab. */
export async function signInThroughSettings(agent: FirefoxAgent, agentId: string, fullName: string): Promise<Page> {
  const options = await nextPage(agent.browser, () => click(agent.sidebar, 'button', 'Open settings'), 'options.html');
  const select = await until('the agent list', () => options.$(`${byRole('combobox', 'Sign in as')}`).catch(() => null));
  await until(`${agentId} in the agent list`, () => select.evaluate((element, id) => [...(element as HTMLSelectElement).options].some((option) => option.value === id), agentId));
  await select.select(agentId);
  await click(options, 'button', 'Sign in');
  await waitForText(options, `Signed in as ${fullName}`);
  return options;
}

/** The first element matching `selector` whose text (or accessible label) contains `text`. */
export async function elementWithText(scope: Page | Frame, selector: string, text: string): Promise<ElementHandle<Element>> {
  return until(`${selector} with "${text}"`, async () => {
    const handle = await scope.evaluateHandle(
      (css, part) =>
        [...document.querySelectorAll(css)].find((element) => `${element.textContent ?? ''} ${element.getAttribute('aria-label') ?? ''}`.includes(part)) ?? null,
      selector,
      text,
    );
    const element = handle.asElement() as ElementHandle<Element> | null;
    if (!element) await handle.dispose();
    return element;
  });
}

/** Get next in queue, then open the visitor's chat from My chats. */
export async function pickUpAndOpen(sidebar: Frame, visitorName: string): Promise<void> {
  await waitForText(sidebar, visitorName);
  await click(sidebar, 'button', 'Get next in queue');
  const row = await elementWithText(sidebar, 'button', visitorName);
  // The pick-up's "Opening the chat…" line leaves when it is done and the list moves up under it: click the row
  // once it has, as a person would, not at where it was (a click on the old spot opened nothing, once).
  await until('the pick-up done', async () => !(await sidebar.evaluate(() => document.body.innerText.includes('Opening the chat'))));
  await row.click();
  await until('the composer', () => sidebar.$(byRole('textbox', 'Message')).catch(() => null));
}

/** ☰ → Transfer → Transfer to: the colleague, a note, Transfer. */
export async function transferTo(sidebar: Frame, colleague: string, note: string): Promise<void> {
  await click(sidebar, 'button', 'Chat menu');
  await click(sidebar, 'menuitem', 'Transfer');
  const search = await until('Search agents', () => sidebar.$(byRole('searchbox', 'Search agents')).catch(() => null));
  await search.type(colleague.split(' ')[0]!.toLowerCase());
  await (await elementWithText(sidebar, 'label', colleague)).click();
  await (await until('Note', () => sidebar.$(byRole('textbox', 'Note')).catch(() => null))).type(note);
  await click(sidebar, 'button', 'Transfer');
  await waitForText(sidebar, `Waiting for ${colleague}`);
}
