import { BatonBackground } from './support/baton-background.ts';
import { CrmPage } from './support/crm-page.ts';
import { E2E_PORT } from './support/environment.ts';
import { expect, test } from './support/extension-context.ts';
import { writeManagedPolicy } from './support/managed-policy.ts';
import { allowSiteInExtensionSettings } from './support/site-access.ts';

// The organisation's CRM on its own host name (here the local demo CRM under another
// name, which Chromium resolves to 127.0.0.1): Baton registers its content script for
// exactly the policy's sites, asks the agent for access, and follows policy changes live.
const CRM_SITE = 'http://crm.example.test/*';
const crmUrl = (host: string) => `http://${host}:${E2E_PORT}/crm/default.aspx?contact_list`;

test.use({ browserArgs: ['--host-resolver-rules=MAP crm.example.test 127.0.0.1, MAP other.example.test 127.0.0.1'] });

let policy: ReturnType<typeof writeManagedPolicy>;
test.beforeEach(() => {
  policy = writeManagedPolicy({ crmSites: [CRM_SITE] });
});
test.afterEach(() => policy.remove());

test('the policy’s own CRM site gets the sidebar once access is granted, and loses it when the policy drops it', async ({ page, context, extensionId }) => {
  test.setTimeout(90_000);
  const crm = new CrmPage(page);
  const contacts = page.getByRole('heading', { level: 1, name: 'Contacts' });

  // The options page names the site that still needs the agent's permission.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const siteAccess = options.getByRole('region', { name: 'CRM sites' });
  await expect(siteAccess.getByRole('list')).toHaveText(CRM_SITE, { timeout: 15_000 });

  // Without access, Baton cannot be on the page.
  await page.goto(crmUrl('crm.example.test'));
  await expect(contacts).toBeVisible();
  await page.waitForTimeout(1000);
  expect(await crm.hostCount()).toBe(0);

  await allowSiteInExtensionSettings(context, CRM_SITE);
  await siteAccess.getByRole('button', { name: 'Grant access' }).click();
  await expect(siteAccess.getByRole('status')).toHaveText("Baton can show its sidebar on all of your organization's CRM sites.");
  // The page already open gets the sidebar without a reload, and a fresh load does too.
  await crm.sidebar();
  await page.reload();
  await crm.sidebar();
  expect(await crm.hostCount()).toBe(1);

  // The registration outlives the worker: Chrome stops it, a fresh one starts, and a new
  // load of the CRM still gets exactly one sidebar.
  await new BatonBackground(context).killWorker();
  await page.reload();
  await crm.sidebar();
  expect(await crm.hostCount()).toBe(1);

  // Not on the default demo host, which the policy left out, nor on another name for the same server.
  for (const host of ['127.0.0.1', 'other.example.test']) {
    const elsewhere = await context.newPage();
    await elsewhere.goto(crmUrl(host));
    await expect(elsewhere.getByRole('heading', { level: 1, name: 'Contacts' })).toBeVisible();
    await elsewhere.waitForTimeout(1000);
    expect(await new CrmPage(elsewhere).hostCount(), host).toBe(0);
    await elsewhere.close();
  }

  // The admin moves Baton to the demo host: the CRM site's open page loses the sidebar
  // live, a new load of it gets none, and the demo host gets it.
  policy.update({ crmSites: ['http://127.0.0.1/*'] });
  await expect.poll(() => crm.hostCount(), { timeout: 20_000 }).toBe(0);
  await page.reload();
  await expect(contacts).toBeVisible();
  await page.waitForTimeout(1000);
  expect(await crm.hostCount()).toBe(0);
  await page.goto(crmUrl('127.0.0.1'));
  await crm.sidebar();
});
