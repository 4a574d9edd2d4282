import { pickUp } from './support/agents.ts';
import { expect, test } from './support/extension-context.ts';
import { startScriptedVisitor } from './support/scripted-visitor.ts';
import { chooseFromMenu, pickUpAndOpen, sidebarOf } from './support/sidebar-steps.ts';
import { useAgents } from './support/use-agents.ts';

// "Transfer to" orders colleagues least busy first, so their chat count must be live: Bob's count changes
// in Alice's open dialog within a second of his picking up a chat (issue 18; it used to stay at 0).
test.describe('Transfer to shows colleagues’ load live', () => {
  const agents = useAgents(['alice', 'bob']);

  test('Bob’s new chat count is in Alice’s open Transfer to within a second of his pick-up', async () => {
    const { alice, bob } = agents;
    const ada = await startScriptedVisitor('Ada Load', 'Invoice question');
    try {
      const sidebar = await sidebarOf(alice);
      const chat = await pickUpAndOpen(sidebar, 'Ada Load');
      await chooseFromMenu(sidebar, chat, 'Transfer');
      const dialog = sidebar.getByRole('dialog', { name: 'Transfer to' });
      // Every test starts on a fresh server (extension-context.ts): Bob has no chats yet.
      const before = 0;
      const shows = (count: number) => dialog.getByRole('radio', { name: new RegExp(`Bob Berg.* ${count} chats?\\b`) });

      await expect(shows(before)).toBeVisible({ timeout: 10_000 });

      const ben = await startScriptedVisitor('Ben Load', 'Parcel not delivered');
      try {
        await pickUp(bob, ben.chatId);
        // pickUp returns once Bob's own session says he owns the chat: from there, one second.
        await expect(shows(before + 1)).toBeVisible({ timeout: 1_000 });

        await bob.command({ type: 'end-chat', chatId: ben.chatId });
        await expect(shows(before)).toBeVisible({ timeout: 1_000 });
      } finally {
        ben.close();
      }
    } finally {
      ada.close();
    }
  });
});
