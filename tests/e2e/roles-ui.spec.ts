import { pickUp } from './support/agents.ts';
import { CrmPage } from './support/crm-page.ts';
import { expect, test } from './support/extension-context.ts';
import { startScriptedVisitor } from './support/scripted-visitor.ts';
import { useAgents } from './support/use-agents.ts';

// The UI side of "an agent without the role cannot take over or listen in" (the hub and
// background sides: lib/session/security.integration.test.ts). Alice and Bob are plain
// agents: neither sees a way to take over or listen in to a chat they do not own, nor a Dashboard.
const TAKE_OVER = /take over|overtag/i;
const LISTEN_IN = /listen in|lyt med/i;

test.describe('controls follow the role', () => {
  const agents = useAgents(['alice', 'bob']);

  test("a plain agent is offered neither take-over nor listen-in, on their own chat or a colleague's", async () => {
    const { alice, bob } = agents;
    const visitor = await startScriptedVisitor('Vera Visitor', 'Billing');
    try {
      await pickUp(alice, visitor.chatId, ['bob']);

      // Alice owns the chat: her ☰ menu offers Transfer, not Take over.
      const aliceCrm = new CrmPage(await alice.context.newPage());
      await aliceCrm.open();
      const aliceSidebar = await aliceCrm.sidebar();
      await aliceSidebar.getByRole('region', { name: 'My chats' }).getByRole('button', { name: /Vera Visitor/ }).click();
      await aliceSidebar.getByRole('button', { name: 'Chat menu' }).click();
      const menu = aliceSidebar.getByRole('menu', { name: 'Chat menu' });
      await expect(menu.getByRole('menuitem', { name: 'Transfer', exact: true })).toBeVisible();
      await expect(menu.getByRole('menuitem', { name: TAKE_OVER })).toHaveCount(0);

      // Bob does not own it: it is not among his chats, he has no Dashboard tab at all, and nothing opens it.
      const bobCrm = new CrmPage(await bob.context.newPage());
      await bobCrm.open();
      const bobSidebar = await bobCrm.sidebar();
      await expect(bobSidebar.getByRole('tab', { name: 'Chats' })).toBeVisible();
      await expect(bobSidebar.getByRole('tab', { name: 'Dashboard' })).toHaveCount(0);
      await expect(bobSidebar.getByRole('region', { name: 'My chats' }).getByText('Vera Visitor')).toHaveCount(0);
      await expect(bobSidebar.getByRole('button', { name: TAKE_OVER })).toHaveCount(0);
      await expect(bobSidebar.getByRole('button', { name: LISTEN_IN })).toHaveCount(0);
      await expect(bobSidebar.getByRole('menuitem', { name: TAKE_OVER })).toHaveCount(0);
      await expect(bobSidebar.getByRole('tabpanel').getByText('Vera Visitor')).toHaveCount(0);
    } finally {
      visitor.close();
    }
  });
});
