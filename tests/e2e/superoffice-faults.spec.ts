import { CRM_URL, E2E_PORT } from './support/environment.ts';
import { expect, test } from './support/extension-context.ts';
import { CrmPage } from './support/crm-page.ts';
import { startScriptedVisitor } from './support/scripted-visitor.ts';
import { chooseFromMenu, pickUpAndOpen } from './support/sidebar-steps.ts';
import { readTicket, readTicketMessages } from './support/superoffice-readback.ts';
import { useAgents } from './support/use-agents.ts';

// When SuperOffice fails, the agent is told what to do and loses nothing: the default CRM (SuperOffice in `session`
// mode, on the local server's stand-in) is made to answer 401, 421, 503, a malformed 200, or a half-made request,
// through the stand-in's test-only fault switch (server/demo/superoffice-faults.ts). The chat, its transcript and the
// Create request form stay, and Create request works once SuperOffice does. The texts the views show per error code
// are in public/_locales (en, da), checked by lib/crm/crm-failure.test.ts.

async function faults(body: unknown): Promise<void> {
  const response = await fetch(`${CRM_URL}__test/superoffice-faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.status).toBe(200);
}

test.describe('SuperOffice failures (session mode, the default CRM)', () => {
  const agents = useAgents(['alice']);
  test.afterEach(() => faults({ faults: [] }));

  test('a 401, a 421, a 5xx and a malformed answer each give a clear message; the chat stays and Create request works again', async () => {
    test.setTimeout(120_000);
    const visitor = await startScriptedVisitor('Nora Fault', 'Parcel lost', E2E_PORT);
    try {
      const crm = new CrmPage(await agents.alice.context.newPage());
      await crm.open('person.main?person_id=1');
      const sidebar = await crm.sidebar();
      const chat = await pickUpAndOpen(sidebar, 'Nora Fault');
      await visitor.send('Where is my parcel?');
      await expect(chat.getByText('Where is my parcel?')).toBeVisible();

      await chooseFromMenu(sidebar, chat, 'Create request');
      const form = chat.getByRole('form', { name: 'Create request' });
      const title = `Parcel lost ${Date.now() % 100_000}`;
      await form.getByRole('textbox', { name: 'Request title' }).fill(title);

      const cases: Array<[number | 'malformed', RegExp]> = [
        // What the agent reads: the translated text of each failure's code (lib/crm/crm-failure.ts, error_crm_*).
        [401, /Open SuperOffice in a tab and sign in, then try again\. Nothing in the chat is lost/],
        [421, /SuperOffice has moved to another address .*Ask your administrator to check the SuperOffice address/],
        [503, /SuperOffice is not available right now\. Try again in a moment; nothing in the chat is lost/],
        ['malformed', /SuperOffice answered something Baton does not understand/],
      ];
      for (const [answer, said] of cases) {
        // Several times: Chromium itself retries a 421 once on a fresh connection (as HTTP/2 connection reuse needs).
        await faults({ faults: [{ answer, match: 'POST Ticket', times: 5 }] });
        await form.getByRole('button', { name: 'Create request' }).click();
        await expect(chat.getByRole('alert')).toContainText(said, { timeout: 15_000 });
        // Nothing lost: the form keeps its title and can be sent again; the chat and its transcript are there.
        await expect(form.getByRole('textbox', { name: 'Request title' })).toHaveValue(title);
        await expect(form.getByRole('button', { name: 'Create request' })).toBeEnabled();
        await expect(chat.getByText('Where is my parcel?')).toBeVisible();
        await expect(chat.getByRole('textbox', { name: 'Message' })).toBeEnabled();
      }

      // The ticket is made but its transcript fails: the agent hears so, and trying again completes that ticket.
      await faults({ faults: [{ answer: 500, match: 'POST TicketMessage' }] });
      await form.getByRole('button', { name: 'Create request' }).click();
      const halfMade = chat.getByRole('alert').filter({ hasText: /^Request #\d+ was created in SuperOffice, but the chat transcript could not be added to it\. Choose Create request again to add it there/ });
      await expect(halfMade).toBeVisible({ timeout: 15_000 });
      const ticketId = /Request #(\d+) was created/.exec(await halfMade.innerText())![1]!;

      await form.getByRole('button', { name: 'Create request' }).click();
      await expect(chat.getByText(`Request #${ticketId} created`)).toBeVisible({ timeout: 15_000 });
      await expect(chat.getByRole('textbox', { name: 'Message' })).toHaveValue(`I have created request #${ticketId} for you.`);
      expect(await readTicket(agents.alice.context, ticketId)).toMatchObject({ Title: title });
      const messages = await readTicketMessages(agents.alice.context, ticketId);
      expect(messages).toHaveLength(1);
      expect(messages[0]!.Body).toMatch(/\] Nora Fault: Where is my parcel\?$/m);
    } finally {
      visitor.close();
    }
  });

  test('a signed-out SuperOffice tab: Create request says to sign in, and works once the agent has', async () => {
    test.setTimeout(90_000);
    const visitor = await startScriptedVisitor('Otto Outside', 'Invoice', E2E_PORT);
    try {
      const crm = new CrmPage(await agents.alice.context.newPage());
      await crm.open();
      const sidebar = await crm.sidebar();
      const chat = await pickUpAndOpen(sidebar, 'Otto Outside');
      await visitor.send('Hello?');
      await expect(chat.getByText('Hello?')).toBeVisible();
      await agents.alice.context.clearCookies();

      await chooseFromMenu(sidebar, chat, 'Create request');
      const form = chat.getByRole('form', { name: 'Create request' });
      await form.getByRole('button', { name: 'Create request' }).click();
      await expect(chat.getByRole('alert')).toContainText(/Open SuperOffice in a tab and sign in, then try again/, { timeout: 15_000 });
      await expect(chat.getByText('Hello?')).toBeVisible();

      // Signing in again (the web client's page sets the session's XSRF cookie) in another tab.
      const again = await agents.alice.context.newPage();
      await again.goto(`${CRM_URL}default.aspx?contact_list`);
      await again.close();
      await form.getByRole('button', { name: 'Create request' }).click();
      await expect(chat.getByText(/^Request #\d+ created$/)).toBeVisible({ timeout: 15_000 });
    } finally {
      visitor.close();
    }
  });
});
