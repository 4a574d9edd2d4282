import { CrmPage } from './support/crm-page.ts';
import { expect, test } from './support/extension-context.ts';

test.describe("Baton's own pages", () => {
  test('the toolbar popup opens as a page and says what is pending', async ({ page, extensionId }) => {
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect(page.getByRole('heading', { name: 'Pending transfers' })).toBeVisible();
    // Nobody signed in yet: the popup says what to do.
    await expect(page.getByRole('status')).toContainText('Not signed in');
    await expect(page.getByRole('button', { name: 'Open settings' })).toBeVisible();
    await expect(page).toHaveTitle('Pending transfers');
  });

  test('the options page switches Baton to Danish, and the sidebar follows', async ({ page, context, extensionId }) => {
    const crm = new CrmPage(page);
    await crm.open();
    await crm.sidebar();

    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.getByRole('combobox', { name: 'Language' }).selectOption({ label: 'Dansk' });
    await expect(options.getByRole('status')).toHaveText('Gemt');
    await expect(options.getByRole('heading', { name: 'Indstillinger for Baton' })).toBeVisible();
    await options.close();

    const sidebar = await crm.sidebar();
    await expect(sidebar.getByRole('tab', { name: 'Chatsamtaler' })).toBeVisible();
    await expect(sidebar.getByRole('button', { name: 'Hent næste fra køen' })).toBeDisabled();
    await expect(sidebar.getByRole('status')).toContainText('Ikke logget ind');
    await expect(sidebar.locator('html')).toHaveAttribute('lang', 'da');
  });
});

test.describe('with a Danish browser', () => {
  test.use({ browserLanguage: 'da' });

  test('Baton speaks Danish without being told', async ({ page }) => {
    const crm = new CrmPage(page);
    await crm.open();
    const sidebar = await crm.sidebar();
    await expect(sidebar.getByRole('heading', { name: 'I kø' })).toBeVisible();
    await expect(sidebar.getByRole('button', { name: 'Skjul Baton' })).toBeVisible();
  });
});
