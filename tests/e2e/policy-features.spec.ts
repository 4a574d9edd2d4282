import type { Frame } from '@playwright/test';
import { expect, test } from './support/extension-context.ts';
import { writeManagedPolicy } from './support/managed-policy.ts';
import { startScriptedVisitor } from './support/scripted-visitor.ts';
import { pickUpAndOpen, sidebarOf } from './support/sidebar-steps.ts';
import { useAgents } from './support/use-agents.ts';

// The policy's `features` switches, as an admin turns them off for the whole organisation: the controls go from
// the sidebar (and the background refuses them: lib/session/session-commands.ts, lib/chat/roles.ts withFeatures),
// live, and come back when the policy lets them.
test.describe.configure({ timeout: 90_000 });

async function menuItems(sidebar: Frame, chat: ReturnType<Frame['getByRole']>): Promise<string[]> {
  await chat.getByRole('button', { name: 'Chat menu' }).click();
  const menu = sidebar.getByRole('menu', { name: 'Chat menu' });
  const items = await menu.getByRole('menuitem').allInnerTexts();
  await menu.press('Escape');
  return items.map((item) => item.trim());
}

test.describe('features turned off by policy', () => {
  const agents = useAgents(['alice', 'mia']);

  test('no Create request for agents and no Take over for managers, live, and back when the policy allows them', async () => {
    const policy = writeManagedPolicy({ features: { managerTakeover: false, createRequest: false } });
    const visitor = await startScriptedVisitor('Fia Features', 'Billing');
    try {
      const alice = await sidebarOf(agents.alice);
      const aliceChat = await pickUpAndOpen(alice, 'Fia Features');
      // Chromium re-reads policy files about every 5 s: wait for Baton to have applied this one.
      await expect.poll(() => menuItems(alice, aliceChat), { timeout: 20_000 }).not.toContain('Create request');
      expect(await menuItems(alice, aliceChat)).toContain('Transfer');

      // Mia is a manager, but take-over is off: she may still listen in (listenIn is on), not take over.
      const mia = await sidebarOf(agents.mia);
      await mia.getByRole('tab', { name: 'Dashboard' }).click();
      const row = mia.getByRole('grid', { name: 'Ongoing chat sessions' }).getByRole('row', { name: /Fia Features/ });
      await expect(row).toContainText('Alice Andersen', { timeout: 10_000 });
      await row.focus();
      await row.press('Enter');
      const miaChat = mia.getByRole('region', { name: 'Fia Features' });
      await expect(miaChat.getByText(/listening in silently/)).toBeVisible({ timeout: 10_000 });
      expect(await menuItems(mia, miaChat)).not.toContain('Take over');

      // The admin turns them back on: Create request returns without a restart.
      policy.update({});
      await expect.poll(() => menuItems(alice, aliceChat), { timeout: 20_000 }).toContain('Create request');
    } finally {
      visitor.close();
      policy.remove();
    }
  });
});
