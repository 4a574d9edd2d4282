import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { startHeadlessAgent } from '../../lib/session/headless-agent.ts';
import { chatOf, launchAgent } from '../e2e/support/agents.ts';
import { startScriptedVisitor } from '../e2e/support/scripted-visitor.ts';
import { click, launchFirefoxAgent, nextPage, until, waitForText } from './firefox-agent.ts';
import { watchPresence } from './presence-watch.ts';
import { pickUpAndOpen, signInThroughSettings, transferTo, useHub } from './sidebar-steps.ts';

// Baton in real Firefox ESR beside a real Chromium colleague, against one local server.
// The tests run side by side: the two-minute idle check mostly waits.
const PORT = Number(process.env['BATON_FIREFOX_PORT'] ?? 8392);
const CRM_URL = `http://127.0.0.1:${PORT}/crm/`;
const IDLE_MS = 120_000;
let server: ChildProcess;

before(async () => {
  // The demo roster plus two agents, so each test has agents of its own while they run side by side.
  server = spawn(process.execPath, ['server/serve.ts', '--port', String(PORT), '--roster', 'tests/firefox/roster.json'], { stdio: ['ignore', 'ignore', 'inherit'] });
  await until('the local server', () => fetch(CRM_URL).then((response) => response.ok, () => false), 20_000);
});

after(() => {
  server.kill();
});

describe('Baton in Firefox ESR', { concurrency: true }, () => {
  test('the connection and presence stay steady over two minutes idle: zero presence changes seen by a colleague', { timeout: IDLE_MS + 60_000 }, async () => {
    const watcher = await watchPresence(PORT, 'lars');
    const carla = await launchFirefoxAgent(CRM_URL);
    try {
      await useHub(carla, PORT);
      await carla.sidebar.evaluate(() => (globalThis as unknown as { browser: { storage: { local: { set(items: object): Promise<void> } } } }).browser.storage.local.set({ agent: { id: 'carla', name: 'Carla Christensen' } }));
      await until('Carla present', async () => (await watcher.members()).find((member) => member.clientId === 'carla'), 15_000);
      // Idle from here: what signing in announces in its first seconds (the sidebar's status, the chat count) is
      // not idling, and once in CI it fell inside the window. Quiet for 5 s, then the two minutes start.
      await until('Carla settled', async () => watcher.changesOf('carla', Date.now() - 5_000).length === 0, 30_000);
      const first = await until('Carla still present', async () => (await watcher.members()).find((member) => member.clientId === 'carla'), 5_000);
      const since = Date.now();
      // Longer than Firefox's 30 s idle timeout, and than the ~45 s between suspensions measured without a keep-awake.
      await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
      assert.deepEqual(watcher.changesOf('carla', since), [], 'a colleague saw Carla leave or re-enter');
      const members = (await watcher.members()).filter((member) => member.clientId === 'carla');
      assert.deepEqual(members.map((member) => member.connectionId), [first.connectionId], 'Carla is present on the same connection');
      const shown = await carla.sidebar.evaluate(() => document.body.innerText);
      assert.doesNotMatch(shown, /Connecting|Reconnecting|Not signed in/);
    } finally {
      watcher.close();
      await carla.close();
    }
  });

  // The one test here that takes visitors from the shared queue ("Get next in queue").
  describe('with the queue', () => {
    test('sign-in through Open settings, and transfers both ways with a Chromium colleague (offer, accept, listening mode, the popup)', { timeout: 180_000 }, async () => {
      const [alice, bob] = await Promise.all([launchFirefoxAgent(CRM_URL), launchAgent('bob', PORT)]);
      const toBob = await startScriptedVisitor('Ada Firefox', 'Invoice question', PORT);
      let toAlice: Awaited<ReturnType<typeof startScriptedVisitor>> | undefined;
      try {
        // The sidebar mounted on the demo CRM, signed out.
        await waitForText(alice.sidebar, 'Not signed in');
        await useHub(alice, PORT);
        const options = await signInThroughSettings(alice, 'alice', 'Alice Andersen');
        await until('Alice signed in in the sidebar', async () => !(await alice.sidebar.evaluate(() => document.body.innerText)).includes('Not signed in'));
        await until('Bob present for Alice', async () => (await bob.snapshot())?.agents.some((agent) => agent.clientId === 'alice'), 15_000);

        // Firefox → Chromium: Alice picks up and transfers through the sidebar; Bob accepts; Alice listens.
        await pickUpAndOpen(alice.sidebar, 'Ada Firefox');
        // The next visitor arrives only now, so "Get next in queue" above could only take Ada.
        toAlice = await startScriptedVisitor('Grace Chromium', 'Delivery question', PORT);
        const grace = toAlice;
        await transferTo(alice.sidebar, 'Bob Berg', 'Billing question');
        const offer = await until('the offer at Bob', async () => (await chatOf(bob, toBob.chatId))?.pendingOffer, 10_000);
        assert.equal(offer.note, 'Billing question');
        assert.deepEqual(await bob.command({ type: 'accept-transfer', chatId: toBob.chatId, transferId: offer.transferId }), { ok: true });
        await waitForText(alice.sidebar, 'You are in listening mode — the chat continues with Bob Berg');
        await until('Bob owns the chat', () => toBob.view().owner === 'bob');

        // Chromium → Firefox: Bob picks up and offers to Alice; it reaches her popup within a second; she accepts there.
        await until('the visitor in Bob’s queue', async () => (await bob.snapshot())?.lobby.some((entry) => entry.chatId === grace.chatId), 10_000);
        assert.equal((await bob.command({ type: 'pick-up', chatId: grace.chatId })).ok, true);
        await until('Bob owns the second chat', async () => (await chatOf(bob, grace.chatId))?.myRole === 'owner');
        const popup = await nextPage(
          alice.browser,
          () => options.evaluate(() => (globalThis as unknown as { browser: { tabs: { create(props: object): Promise<unknown> } } }).browser.tabs.create({ url: '/popup.html' })),
          'popup.html',
        );
        const sentAt = Date.now();
        assert.equal((await bob.command({ type: 'transfer', chatId: grace.chatId, to: 'alice', note: 'Over to you' })).ok, true);
        await waitForText(popup, 'Grace Chromium', 5_000);
        const arrivedMs = Date.now() - sentAt;
        assert.ok(arrivedMs < 1_000, `the offer took ${arrivedMs} ms to reach Firefox`);
        await waitForText(popup, 'From Bob Berg');
        await click(popup, 'button', 'Accept transfer');
        await until('Alice owns the chat', () => grace.view().owner === 'alice', 10_000);
        await until('Bob is listening', async () => (await chatOf(bob, grace.chatId))?.myRole === 'listening', 10_000);
        await waitForText(popup, 'No transfers are waiting for you.');
        // Accepting in the popup brings the chat up in Alice's sidebar, hers to write in.
        await waitForText(alice.sidebar, 'Grace Chromium');
        await until('Alice can write', () => alice.sidebar.$('::-p-aria([name="Message"][role="textbox"])').catch(() => null));
      } finally {
        toBob.close();
        toAlice?.close();
        await Promise.all([alice.close(), bob.context.close()]);
      }
    });

  });

  test('policy from a per-user managed-storage manifest: the hub it names, and Danish', { timeout: 90_000 }, async () => {
    const mia = await launchFirefoxAgent(CRM_URL, {
      tokenServiceUrl: `http://127.0.0.1:${PORT}`,
      realtimeEndpoint: '127.0.0.1',
      realtimePort: PORT,
      realtimeTls: false,
      language: 'da',
    });
    try {
      // No hub in storage: only the policy points Baton at this server.
      await waitForText(mia.sidebar, 'Ikke logget ind');
      const options = await nextPage(mia.browser, () => click(mia.sidebar, 'button', 'Åbn indstillinger'), 'options.html');
      const select = await until('the agent list', () => options.$('::-p-aria([name="Log ind som"][role="combobox"])').catch(() => null));
      await until('Mia in the agent list', () => select.evaluate((element) => [...(element as HTMLSelectElement).options].some((option) => option.value === 'mia')));
      await select.select('mia');
      await click(options, 'button', 'Log ind');
      await waitForText(options, 'Logget ind som Mia Madsen');
      await waitForText(mia.sidebar, 'Hent næste fra køen');
    } finally {
      await mia.close();
    }
  });
});

// Alone, after the others: another test's activity must not be what keeps (or stops keeping) this page awake.
describe('Baton in Firefox ESR, alone', () => {
  test('an offer expires on time while the event page sleeps (no CRM tab open): the alarm wakes it', { timeout: 120_000 }, async () => {
    const watcher = await watchPresence(PORT, 'lars');
    const erik = await startHeadlessAgent({ origin: `http://127.0.0.1:${PORT}`, port: PORT, agentId: 'erik', name: 'Erik Eriksen' });
    const visitor = await startScriptedVisitor('Vera Sleep', 'Expiry', PORT);
    // Longer than the 30 s Firefox waits before it suspends an idle event page.
    const dora = await launchFirefoxAgent(CRM_URL, { tokenServiceUrl: `http://127.0.0.1:${PORT}`, realtimeEndpoint: '127.0.0.1', realtimePort: PORT, realtimeTls: false, offerTimeoutSeconds: 45 });
    try {
      await dora.sidebar.evaluate(() => (globalThis as unknown as { browser: { storage: { local: { set(items: object): Promise<void> } } } }).browser.storage.local.set({ agent: { id: 'dora', name: 'Dora Dahl' } }));
      const first = await until('Dora present', async () => (await watcher.members()).find((member) => member.clientId === 'dora'), 15_000);
      await pickUpAndOpen(dora.sidebar, 'Vera Sleep');
      await transferTo(dora.sidebar, 'Erik Eriksen', 'Expire me');
      const offeredAt = Date.now();
      await dora.crm.close();
      await until('the offer at Erik', () => erik.snapshot()?.chats.find((chat) => chat.chatId === visitor.chatId)?.pendingOffer, 5_000);
      const goneAt = await until('the offer to expire', () => !erik.snapshot()?.chats.find((chat) => chat.chatId === visitor.chatId)?.pendingOffer && Date.now(), 90_000);
      const afterS = (goneAt - offeredAt) / 1000;
      assert.ok(afterS > 40 && afterS < 60, `the offer ended ${afterS.toFixed(1)} s after it was made, not at its 45 s expiry`);
      assert.equal(visitor.view().owner, 'dora', 'nobody accepted: Dora still owns the chat');
      // The page really slept: it came back on a new connection (woken by the expiry alarm).
      const reconnected = watcher.changesOf('dora', offeredAt).some((change) => change.action === 'enter' && change.connectionId !== first.connectionId);
      assert.ok(reconnected, 'Dora’s event page never slept, so this proves nothing');
    } finally {
      watcher.close();
      erik.stop();
      visitor.close();
      await dora.close();
    }
  });
});
