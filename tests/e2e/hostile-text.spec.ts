import type { Frame } from '@playwright/test';
import { chatOf, pickUp } from './support/agents.ts';
import { CrmPage } from './support/crm-page.ts';
import { expect, test } from './support/extension-context.ts';
import { startScriptedVisitor } from './support/scripted-visitor.ts';
import { useAgents } from './support/use-agents.ts';

// A visitor types what an attacker would: markup and script, a 3,000-character word,
// control characters, a right-to-left override and zero-width characters, in the chat
// and in their own name. Alice's sidebar shows all of it as inert text: no element is
// made from it, no script runs, nothing spills out of the chat or reorders what follows.
// (Direction overrides are removed from names, which Baton puts inside its own sentences:
// lib/chat/display-text.ts.)
const RLO = '\u202E';
const NAME = `${RLO}Mallory<b>`;
const LINES = {
  markup: '<img src=x onerror="parent.pwned=1"><script>window.pwned=2</script><b>bold</b>',
  long: 'A'.repeat(3000),
  control: 'bell\u0007 escape\u001b[31m red\u0008 nul\u0000 tab\tend',
  bidi: `file${RLO}txt.exe is safe`,
  zeroWidth: 'pay\u200Bpal\u200D support\uFEFF',
};

test.describe('hostile chat text', () => {
  const agents = useAgents(['alice']);

  async function openChat(): Promise<{ sidebar: Frame; visitor: Awaited<ReturnType<typeof startScriptedVisitor>>; crm: CrmPage }> {
    const { alice } = agents;
    const visitor = await startScriptedVisitor(NAME, '<i>topic</i>');
    await pickUp(alice, visitor.chatId);
    const crm = new CrmPage(await alice.context.newPage());
    await crm.open();
    const sidebar = await crm.sidebar();
    const row = sidebar.getByRole('region', { name: 'My chats' }).getByRole('button', { name: /Mallory/ });
    await row.click();
    await expect(sidebar.getByRole('log', { name: 'Conversation' })).toBeVisible();
    return { sidebar, visitor, crm };
  }

  test('shows markup, long words, control characters, RTL overrides and zero-width characters as inert text', async () => {
    const { sidebar, visitor, crm } = await openChat();
    const dialogs: string[] = [];
    crm.page.on('dialog', (dialog) => void dialogs.push(dialog.message()));
    try {
      for (const text of Object.values(LINES)) await visitor.send(text);
      const log = sidebar.getByRole('log', { name: 'Conversation' });
      await expect.poll(async () => (await chatOf(agents.alice, visitor.chatId))?.transcript.length).toBe(Object.keys(LINES).length);

      // Markup is text: visible as typed, and no element was made from it anywhere in the sidebar.
      await expect(log.getByText(LINES.markup, { exact: true })).toBeVisible();
      expect(await sidebar.locator('img, script:not([src]), b, i').count()).toBe(0);
      expect(await sidebar.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
      expect(await crm.page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
      expect(dialogs).toEqual([]);

      // Every line arrives whole, control and invisible characters included (the text is not "cleaned").
      const texts = await log.evaluate((element) => [...element.querySelectorAll('.message')].map((message) => message.lastElementChild?.textContent));
      expect(texts).toEqual(Object.values(LINES));

      // The 3,000-character word wraps inside the chat: nothing scrolls sideways, the sidebar keeps its width.
      const long = log.getByText(LINES.long, { exact: true });
      await expect(long).toBeVisible();
      const [logBox, longBox] = [await log.boundingBox(), await long.boundingBox()];
      expect(longBox!.width).toBeLessThanOrEqual(logBox!.width);
      expect(longBox!.height).toBeGreaterThan(100);
      expect(await log.evaluate((element) => element.scrollWidth - element.clientWidth)).toBeLessThanOrEqual(1);
      expect(await sidebar.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);

      // The RTL override stays inside its own line, and does not reach Baton's sentences: the name loses its
      // override (it would reverse "… is typing"), still comes before the time in each line's header, and is text.
      await expect(sidebar.getByRole('heading', { name: 'Mallory<b>', exact: true })).toBeVisible();
      await visitor.typing(true);
      await expect(sidebar.getByText('Mallory<b> is typing…', { exact: true })).toBeVisible();
      const headers = await log.evaluate((element) =>
        [...element.querySelectorAll('.message')].map((message) => {
          const [author, time] = [message.querySelector('.message-author'), message.querySelector('time')];
          return { author: author?.getBoundingClientRect().left ?? 0, time: time?.getBoundingClientRect().left ?? 0 };
        }),
      );
      expect(headers).toHaveLength(Object.keys(LINES).length);
      for (const header of headers) expect(header.author).toBeLessThan(header.time);
    } finally {
      visitor.close();
    }
  });

  test("the page's forged keys and clicks neither type nor send in Baton's composer", async () => {
    const { sidebar, visitor, crm } = await openChat();
    try {
      const composer = sidebar.getByRole('textbox', { name: 'Message' });
      await composer.fill('draft only Alice may send');
      const sendBox = await sidebar.getByRole('button', { name: 'Send' }).boundingBox();
      // The page aims key presses and clicks at Baton: at its host, at the document, and at the Send button's spot.
      await crm.page.evaluate((send) => {
        const host = document.querySelector('baton-sidebar');
        const targets: EventTarget[] = [document, document.body, window, ...(host ? [host] : [])];
        for (const target of targets) {
          for (const type of ['keydown', 'keypress', 'keyup'] as const) {
            target.dispatchEvent(new KeyboardEvent(type, { key: 'Enter', code: 'Enter', bubbles: true, composed: true }));
          }
          target.dispatchEvent(new InputEvent('input', { data: 'x', bubbles: true, composed: true }));
        }
        const at = { bubbles: true, composed: true, clientX: send.x + send.width / 2, clientY: send.y + send.height / 2 };
        const spot = document.elementFromPoint(at.clientX, at.clientY) ?? document.body;
        for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'] as const) spot.dispatchEvent(new MouseEvent(type, at));
      }, sendBox!);
      await expect(composer).toHaveValue('draft only Alice may send');
      // Alice's own Enter still sends: the one real message is the only one the visitor ever gets.
      await composer.press('Enter');
      await expect.poll(() => visitor.view().transcript.map((entry) => entry.text)).toEqual(['draft only Alice may send']);
      await expect(composer).toHaveValue('');
    } finally {
      visitor.close();
    }
  });
});
