import { CrmPage } from './support/crm-page.ts';
import { E2E_PORT, EXTENSION_ID } from './support/environment.ts';
import { expect, test } from './support/extension-context.ts';
import { startScriptedVisitor } from './support/scripted-visitor.ts';

test.describe('the sidebar on a live session', () => {
  test('an agent signs in from the options page, sees the queue, and picks up a chat', async ({ context, page, extensionId }) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    // Point this profile at the test server's hub (the default is the local hub on 8377).
    await worker.evaluate(
      (port) => chrome.storage.local.set({ connection: { tokenServiceUrl: `http://127.0.0.1:${port}`, realtimeEndpoint: '127.0.0.1', realtimePort: port, tls: false } }),
      E2E_PORT,
    );
    expect(extensionId).toBe(EXTENSION_ID);

    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.getByRole('combobox', { name: 'Sign in as' }).selectOption({ label: 'Alice Andersen' });
    await options.getByRole('button', { name: 'Sign in' }).click();
    await expect(options.getByText('Signed in as Alice Andersen')).toBeVisible();
    await options.close();

    const visitor = await startScriptedVisitor('Ada Lovelace', 'Invoice question');
    try {
      const crm = new CrmPage(page);
      await crm.open();
      const sidebar = await crm.sidebar();
      await expect(sidebar.getByRole('status')).toHaveCount(0);
      // Signed in, the agent has a status to choose: Present to begin with.
      await expect(sidebar.getByRole('combobox', { name: 'Status' })).toHaveValue('present');
      const queue = sidebar.getByRole('region', { name: 'In queue' });
      await expect(queue.getByText('Ada Lovelace')).toBeVisible();
      await sidebar.getByRole('button', { name: 'Get next in queue' }).click();
      const myChats = sidebar.getByRole('region', { name: 'My chats' });
      await expect(myChats.getByText('Ada Lovelace')).toBeVisible();
      await expect(queue.getByText('Ada Lovelace')).toHaveCount(0);
      await expect.poll(() => visitor.view().owner).toBe('alice');
    } finally {
      visitor.close();
    }
  });
});
