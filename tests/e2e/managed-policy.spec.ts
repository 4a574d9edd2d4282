import { expect, test } from './support/extension-context.ts';
import { writeManagedPolicy } from './support/managed-policy.ts';

// A real policy file, read by Chromium at start: what it sets is shown as managed and
// locked; what it gets wrong is listed for the admin, and Baton runs on its defaults.
let policy: ReturnType<typeof writeManagedPolicy>;
test.beforeEach(() => {
  policy = writeManagedPolicy({ notifications: false, offerTimeoutSeconds: 5, language: 'fr' });
});
test.afterEach(() => policy.remove());

test('the options page shows managed, locked settings and the policy’s problems', async ({ page, extensionId }) => {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const notifications = page.getByRole('checkbox', { name: /Show a notification/ });
  await expect(notifications).not.toBeChecked();
  await expect(notifications).toBeDisabled();
  await expect(page.getByText('Managed by your organization')).toBeVisible();
  const sound = page.getByRole('checkbox', { name: 'Play a sound for an incoming transfer' });
  await expect(sound).toBeEnabled();
  await sound.check();
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Play a sound for an incoming transfer' })).toBeChecked();

  const problems = page.getByRole('region', { name: /policy has values Baton could not use/ });
  await expect(problems).toContainText('offerTimeoutSeconds');
  await expect(problems).toContainText('language');
});
