import { CrmPage } from './support/crm-page.ts';
import { E2E_PORT } from './support/environment.ts';
import { expect, test } from './support/extension-context.ts';
import { writeManagedPolicy } from './support/managed-policy.ts';

// The admin names the CRM sites; Baton's sidebar goes on those and nowhere else, and a
// policy change while the browser runs applies at once, without a reload.
let policy: ReturnType<typeof writeManagedPolicy>;
test.beforeEach(() => {
  policy = writeManagedPolicy({ crmSites: ['http://localhost/*'], offerTimeoutSeconds: 45, notifications: false });
});
test.afterEach(() => policy.remove());

test('Baton injects only on the policy’s CRM sites, and follows a policy change live', async ({ page, context, extensionId }) => {
  test.setTimeout(60_000);
  const crm = new CrmPage(page);
  await page.goto(`http://localhost:${E2E_PORT}/crm/default.aspx?contact_list`);
  await crm.sidebar();
  expect(await crm.hostCount()).toBe(1);

  await page.goto(`http://127.0.0.1:${E2E_PORT}/crm/default.aspx?contact_list`);
  await expect(page.getByRole('heading', { level: 1, name: 'Contacts' })).toBeVisible();
  // At the browser's first start the policy reaches Baton a moment after the page; it then leaves.
  await expect.poll(() => crm.hostCount(), { timeout: 10_000 }).toBe(0);

  // The options page shows what the organisation set, locked.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByRole('checkbox', { name: /Show a notification/ })).toBeDisabled();
  await expect(options.getByText('Managed by your organization')).toBeVisible();
  await options.close();

  // The admin moves Baton to the other host; Chromium re-reads the file within seconds,
  // and the open page gets its sidebar without a reload.
  policy.update({ crmSites: ['http://127.0.0.1/*'] });
  await expect.poll(() => crm.hostCount(), { timeout: 20_000 }).toBe(1);
  await crm.sidebar();
  await page.goto(`http://localhost:${E2E_PORT}/crm/default.aspx?contact_list`);
  await expect(page.getByRole('heading', { level: 1, name: 'Contacts' })).toBeVisible();
  await page.waitForTimeout(1000);
  expect(await crm.hostCount()).toBe(0);
});
