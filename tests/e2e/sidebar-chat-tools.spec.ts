import { audit } from './support/axe.ts';
import { E2E_PORT } from './support/environment.ts';
import { expect, test } from './support/extension-context.ts';
import { startScriptedVisitor } from './support/scripted-visitor.ts';
import { chooseFromMenu, pickUpAndOpen, sidebarOf } from './support/sidebar-steps.ts';
import { useAgents } from './support/use-agents.ts';

// The chat's ☰ tools in the sidebar, driven through the UI as an agent does: Link to person (the demo CRM's
// suggestions for the visitor's email, and its search), Create request carrying the linked person, End chat
// with its confirmation, and an offer that expires in front of both agents.

/** Anna Berg is person 1 of the demo CRM's seed (server/demo/seed-data.ts). */
const ANNA = { name: 'Anna Berg', email: 'anna.berg@solvberg.example' };

test.describe('the chat tools in the sidebar', () => {
  const agents = useAgents(['alice']);

  test('Link to person suggests the visitor by email; the link opens the person, whose requests show the one created from the chat', async () => {
    test.setTimeout(60_000);
    const visitor = await startScriptedVisitor(ANNA.name, 'Invoice question', E2E_PORT, ANNA.email);
    try {
      const sidebar = await sidebarOf(agents.alice);
      const chat = await pickUpAndOpen(sidebar, ANNA.name);

      await chooseFromMenu(sidebar, chat, 'Link to person');
      const dialog = sidebar.getByRole('dialog', { name: 'Link to person' });
      await expect(dialog.getByRole('searchbox', { name: 'Search persons' })).toBeFocused();
      const suggestions = dialog.getByRole('list', { name: 'Suggestions' });
      await expect(suggestions.getByRole('button')).toHaveCount(1, { timeout: 10_000 });
      await suggestions.getByRole('button', { name: new RegExp(`${ANNA.name}.*${ANNA.email}`) }).click();
      await expect(dialog).toHaveCount(0);
      await expect(chat.getByRole('button', { name: 'Chat menu' })).toBeFocused();
      const personLink = chat.getByRole('link', { name: `${ANNA.name} (opens in a new tab)` });
      await expect(personLink).toBeVisible();
      await expect(personLink).toHaveAttribute('target', '_blank');

      const title = `Chat tools ${Date.now() % 100_000}`;
      await chooseFromMenu(sidebar, chat, 'Create request');
      const form = chat.getByRole('form', { name: 'Create request' });
      await form.getByRole('textbox', { name: 'Request title' }).fill(title);
      await form.getByRole('button', { name: 'Create request' }).click();
      await expect(chat.getByText(/^Request #\d+ created$/)).toBeVisible({ timeout: 10_000 });

      // The CRM's person card, opened from the chat, lists the new request among the person's requests.
      const [personPage] = await Promise.all([agents.alice.context.waitForEvent('page'), personLink.click()]);
      await expect(personPage.getByRole('heading', { level: 1, name: ANNA.name })).toBeVisible({ timeout: 10_000 });
      await personPage.getByRole('tab', { name: /Requests/ }).click();
      await expect(personPage.getByRole('table', { name: `Requests from ${ANNA.name}` }).getByRole('link', { name: title })).toBeVisible();
    } finally {
      visitor.close();
    }
  });

  test('Link to person searches the CRM as the agent types and links someone else', async () => {
    const visitor = await startScriptedVisitor('Kim Unknown', 'Delivery', E2E_PORT, 'kim@unknown.example');
    try {
      const sidebar = await sidebarOf(agents.alice);
      const chat = await pickUpAndOpen(sidebar, 'Kim Unknown');

      await chooseFromMenu(sidebar, chat, 'Link to person');
      const dialog = sidebar.getByRole('dialog', { name: 'Link to person' });
      await expect(dialog.getByRole('status')).toHaveText("No person in the CRM matches the visitor's email or name. Search instead.", { timeout: 10_000 });
      await dialog.getByRole('searchbox', { name: 'Search persons' }).fill('zzz-nobody');
      await expect(dialog.getByRole('status')).toHaveText('No person matches the search.', { timeout: 10_000 });
      await dialog.getByRole('searchbox', { name: 'Search persons' }).fill('Madsen');
      const results = dialog.getByRole('list', { name: 'Search results' });
      await results.getByRole('button', { name: /Freja Madsen/ }).click({ timeout: 10_000 });
      await expect(dialog).toHaveCount(0);
      await expect(chat.getByRole('link', { name: 'Freja Madsen (opens in a new tab)' })).toBeVisible();
    } finally {
      visitor.close();
    }
  });

  test('End chat asks first; after confirming, the chat shows as ended for the agent and the visitor', async () => {
    const visitor = await startScriptedVisitor('Ole Ending', 'Billing');
    try {
      const sidebar = await sidebarOf(agents.alice);
      const chat = await pickUpAndOpen(sidebar, 'Ole Ending');

      await chooseFromMenu(sidebar, chat, 'End chat');
      const confirm = sidebar.getByRole('alertdialog', { name: 'End the chat with Ole Ending?' });
      await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      await expect(confirm).toHaveCount(0);
      await expect(chat.getByRole('button', { name: 'Chat menu' })).toBeFocused();
      await expect(chat.getByRole('textbox', { name: 'Message' })).toBeVisible();
      expect(visitor.view().ended).toBe(false);

      await chooseFromMenu(sidebar, chat, 'End chat');
      await confirm.getByRole('button', { name: 'End chat' }).click();
      await expect(chat.getByText('The chat has ended.')).toBeVisible({ timeout: 10_000 });
      await expect(chat.getByRole('textbox', { name: 'Message' })).toHaveCount(0);
      await expect.poll(() => visitor.view().ended, { timeout: 10_000 }).toBe(true);

      await chat.getByRole('button', { name: 'Back to chats' }).click();
      const row = sidebar.getByRole('region', { name: 'My chats' }).getByRole('button', { name: /Ole Ending/ });
      await expect(row).toContainText('The chat has ended.');
    } finally {
      visitor.close();
    }
  });
});

// The admin's offer timeout, from a real managed policy file (15 s, the shortest allowed), as in transfer-expiry.
test.describe('an offer that expires, in the sidebars', () => {
  const agents = useAgents(['alice', 'bob'], { policy: { offerTimeoutSeconds: 15 } });

  test('the sender watches the time run out and is told; the receiver loses Accept and Reject', async () => {
    test.setTimeout(90_000);
    const visitor = await startScriptedVisitor('Eva Expiry', 'Billing');
    try {
      const [aliceSidebar, bobSidebar] = await Promise.all([sidebarOf(agents.alice), sidebarOf(agents.bob)]);
      const chat = await pickUpAndOpen(aliceSidebar, 'Eva Expiry');

      await chooseFromMenu(aliceSidebar, chat, 'Transfer');
      const dialog = aliceSidebar.getByRole('dialog', { name: 'Transfer to' });
      await dialog.getByRole('radio', { name: /Bob Berg/ }).check({ timeout: 10_000 });
      await dialog.getByRole('button', { name: 'Transfer', exact: true }).click();
      await expect(chat.getByText('Waiting for Bob Berg')).toBeVisible();

      // The time left counts down from the 15 s the policy allows.
      const timeLeft = chat.getByText(/^0:\d\d left$/);
      const seconds = async () => Number((await timeLeft.textContent())?.match(/0:(\d\d)/)?.[1]);
      const first = await seconds();
      expect(first).toBeLessThanOrEqual(15);
      await expect.poll(seconds, { timeout: 5_000 }).toBeLessThan(first);

      const bobChat = bobSidebar.getByRole('region', { name: 'Eva Expiry' });
      await bobSidebar.getByRole('region', { name: 'My chats' }).getByRole('button', { name: /Eva Expiry/ }).click({ timeout: 10_000 });
      await expect(bobChat.getByRole('button', { name: 'Accept transfer' })).toBeVisible();
      await expect(bobChat.getByRole('button', { name: 'Reject transfer' })).toBeVisible();

      await expect(chat.getByText('Bob Berg did not answer in time; the transfer expired.')).toBeVisible({ timeout: 25_000 });
      await expect(chat.getByText('Continue the chat, or create a request.')).toBeVisible();
      await expect(chat.getByText('Waiting for Bob Berg')).toHaveCount(0);
      await expect(chat.getByRole('button', { name: 'Create request' })).toBeVisible();
      await expect(chat.getByRole('textbox', { name: 'Message' })).toBeVisible();

      await expect(bobSidebar.getByRole('button', { name: 'Accept transfer' })).toHaveCount(0);
      await expect(bobSidebar.getByRole('button', { name: 'Reject transfer' })).toHaveCount(0);

      // The expired state passes axe too (tests/e2e/accessibility.spec.ts walks the others; this one needs the short policy timeout).
      for (const [frame, state] of [[aliceSidebar, 'sender: offer expired'], [bobSidebar, 'receiver: offer expired']] as const) {
        const result = await audit(frame, state);
        expect(result.passed, `axe checked nothing in ${state}`).toBeGreaterThan(5);
        expect(result.serious.map((violation) => `${state}: ${violation.id} (${violation.impact})`)).toEqual([]);
      }
    } finally {
      visitor.close();
    }
  });
});
