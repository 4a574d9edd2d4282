import { CRM_URL, E2E_PORT } from './support/environment.ts';
import { expect, test } from './support/extension-context.ts';
import { CrmPage } from './support/crm-page.ts';
import { startScriptedVisitor } from './support/scripted-visitor.ts';
import { chooseFromMenu, pickUpAndOpen } from './support/sidebar-steps.ts';
import { readTicket, readTicketMessages } from './support/superoffice-readback.ts';
import { useAgents } from './support/use-agents.ts';

// Baton on the SuperOffice stand-in (server/demo/superoffice-api.ts) with the SuperOffice adapter in `session`
// mode, set by a real managed policy: the calls run in the CRM tab's content script with the page's XSRF token.
// Everything is done through the sidebar; the request is then read back from the stand-in's WebAPI.

/** Anna Berg is person 1 of the demo CRM's seed (server/demo/seed-data.ts). */
const ANNA = { name: 'Anna Berg', email: 'anna.berg@solvberg.example' };

test.describe('SuperOffice (session mode)', () => {
  // Named in the policy as an admin would, though SuperOffice on the local stand-in is also the default.
  const agents = useAgents(['alice'], { policy: { crmAdapter: 'superoffice', crmAdapterSettings: { baseUrl: CRM_URL } } });

  test('links the chat to the person suggested by email and creates a request whose first message is the transcript', async () => {
    test.setTimeout(90_000);
    const visitor = await startScriptedVisitor(ANNA.name, 'Invoice question', E2E_PORT, ANNA.email);
    try {
      const crm = new CrmPage(await agents.alice.context.newPage());
      await crm.open('person.main?person_id=1');
      const sidebar = await crm.sidebar();
      const chat = await pickUpAndOpen(sidebar, ANNA.name);
      await visitor.send('My invoice shows <script>alert(1)</script> twice');
      await expect(chat.getByText('My invoice shows <script>alert(1)</script> twice')).toBeVisible();
      const said = `Let me look at invoice <b>${Date.now() % 100_000}</b>`;
      await chat.getByRole('textbox', { name: 'Message' }).fill(said);
      await chat.getByRole('textbox', { name: 'Message' }).press('Enter');
      await expect(chat.getByText(said)).toBeVisible();

      await chooseFromMenu(sidebar, chat, 'Link to person');
      const dialog = sidebar.getByRole('dialog', { name: 'Link to person' });
      const suggestions = dialog.getByRole('list', { name: 'Suggestions' });
      await expect(suggestions.getByRole('button')).toHaveCount(1, { timeout: 15_000 });
      await suggestions.getByRole('button', { name: new RegExp(`${ANNA.name}.*${ANNA.email}`) }).click();
      const personLink = chat.getByRole('link', { name: `${ANNA.name} (opens in a new tab)` });
      await expect(personLink).toHaveAttribute('href', `${CRM_URL}default.aspx?person.main?person_id=1`);

      await chooseFromMenu(sidebar, chat, 'Create request');
      const form = chat.getByRole('form', { name: 'Create request' });
      await form.getByRole('textbox', { name: 'Request title' }).fill('Invoice question (SuperOffice)');
      await form.getByRole('button', { name: 'Create request' }).click();
      const created = chat.getByText(/^Request #\d+ created$/);
      await expect(created).toBeVisible({ timeout: 15_000 });
      const ticketId = /#(\d+)/.exec((await created.innerText()) ?? '')![1]!;
      await expect(chat.getByRole('textbox', { name: 'Message' })).toHaveValue(`I have created request #${ticketId} for you.`);

      // The request exists in the CRM, for Anna, with the whole chat as its first message.
      const ticket = await readTicket(agents.alice.context, ticketId);
      expect(ticket).toMatchObject({ TicketId: Number(ticketId), Title: 'Invoice question (SuperOffice)', Person: { PersonId: 1 } });
      const value = await readTicketMessages(agents.alice.context, ticketId);
      expect(value).toHaveLength(1);
      const lines = value[0]!.Body.split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\] Anna Berg: My invoice shows <script>alert\(1\)<\/script> twice$/);
      expect(lines[1]).toMatch(/^\[\d\d:\d\d:\d\d\] Alice Andersen: /);
      expect(lines[1]!.endsWith(`: ${said}`)).toBe(true);
      expect(value[0]!.HtmlBody).not.toMatch(/<b>|<script/);

      // The request opens in the CRM at SuperOffice's own address.
      await crm.page.goto(`${CRM_URL}default.aspx?ticket.main?ticket_id=${ticketId}`);
      await expect(crm.page.getByRole('heading', { level: 1, name: 'Invoice question (SuperOffice)' })).toBeVisible();
    } finally {
      visitor.close();
    }
  });

  test('a signed-out SuperOffice tab gets "open SuperOffice and sign in", and Link to person works again after signing in', async () => {
    test.setTimeout(90_000);
    const visitor = await startScriptedVisitor(ANNA.name, 'Signed out', E2E_PORT, ANNA.email);
    try {
      const crm = new CrmPage(await agents.alice.context.newPage());
      await crm.open('person.main?person_id=1');
      const sidebar = await crm.sidebar();
      const chat = await pickUpAndOpen(sidebar, ANNA.name);
      await agents.alice.context.clearCookies();

      await chooseFromMenu(sidebar, chat, 'Link to person');
      const dialog = sidebar.getByRole('dialog', { name: 'Link to person' });
      await expect(dialog.getByRole('alert')).toContainText(/Open SuperOffice in a tab and sign in/, { timeout: 15_000 });
      await dialog.getByRole('button', { name: /Close|Cancel/ }).first().click();

      // Signing in again (the shell sets the XSRF cookie), in another tab: the chat and its sidebar are still there.
      const again = await agents.alice.context.newPage();
      await again.goto(`${CRM_URL}default.aspx?contact_list`);
      await again.close();
      await chooseFromMenu(sidebar, chat, 'Link to person');
      await expect(sidebar.getByRole('dialog', { name: 'Link to person' }).getByRole('list', { name: 'Suggestions' }).getByRole('button')).toHaveCount(1, { timeout: 15_000 });
    } finally {
      visitor.close();
    }
  });

  test('page context follows in-page navigation across person, company and request URLs in SuperOffice form', async () => {
    const crm = new CrmPage(await agents.alice.context.newPage());
    await crm.open('person.main?person_id=1');
    const sidebar = await crm.sidebar();
    await crm.page.evaluate(() => Object.assign(window, { __noReload: true }));
    const main = crm.page.getByRole('main');
    await expect(main.getByRole('heading', { level: 1, name: ANNA.name })).toBeVisible();
    await expect(sidebar.getByRole('contentinfo')).toHaveText(`In view: ${ANNA.name}`);

    const company = main.getByRole('link').filter({ hasText: /Sølvberg|Solvberg/ }).first();
    const companyName = (await company.innerText()).trim();
    await company.click();
    await expect(crm.page).toHaveURL(/default\.aspx\?contact\.main\?contact_id=\d+$/);
    await expect(sidebar.getByRole('contentinfo')).toHaveText(`In view: ${companyName}`);

    await crm.page.goBack();
    await expect(crm.page).toHaveURL(/default\.aspx\?person\.main\?person_id=1$/);
    await expect(sidebar.getByRole('contentinfo')).toHaveText(`In view: ${ANNA.name}`);
    expect(await crm.page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  });
});
