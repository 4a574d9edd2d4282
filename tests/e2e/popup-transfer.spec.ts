import { chatOf, launchAgent, pickUp } from './support/agents.ts';
import { EXTENSION_ID } from './support/environment.ts';
import { expect, test } from './support/extension-context.ts';
import { startScriptedVisitor } from './support/scripted-visitor.ts';

// Accept and reject from the toolbar popup, without finding the CRM tab.
test.describe('the popup answers transfers', () => {
  test('pending offers are listed with who, note and preview; Accept and Reject work', async () => {
    const [alice, bob] = await Promise.all([launchAgent('alice'), launchAgent('bob')]);
    const first = await startScriptedVisitor('Ada Lovelace', 'Invoice');
    const second = await startScriptedVisitor('Grace Hopper', 'Delivery');
    try {
      for (const visitor of [first, second]) {
        await pickUp(alice, visitor.chatId, ['bob']);
        await visitor.send(`Hello from ${visitor.chatId.slice(0, 4)}`);
        await alice.command({ type: 'transfer', chatId: visitor.chatId, to: 'bob', note: `Note for ${visitor.chatId.slice(0, 4)}` });
      }
      const popup = await bob.context.newPage();
      await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
      const ada = popup.getByRole('listitem', { name: 'Ada Lovelace' });
      const grace = popup.getByRole('listitem', { name: 'Grace Hopper' });
      await expect(ada).toContainText('From Alice Andersen');
      await expect(ada).toContainText(`Note for ${first.chatId.slice(0, 4)}`);
      await expect(ada).toContainText(`Hello from ${first.chatId.slice(0, 4)}`);
      await expect(grace).toBeVisible();

      await ada.getByRole('button', { name: 'Accept transfer' }).click();
      await expect.poll(() => first.view().owner).toBe('bob');
      await expect(ada).toHaveCount(0);
      await grace.getByRole('button', { name: 'Reject transfer' }).click();
      await expect.poll(async () => (await chatOf(alice, second.chatId))?.lastOffer?.status).toBe('rejected');
      await expect(popup.getByText('No transfers are waiting for you.')).toBeVisible();
    } finally {
      first.close();
      second.close();
      await Promise.all([alice.context.close(), bob.context.close()]);
    }
  });
});
