import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLocalServer, type LocalServer } from '../../server/local-server.ts';
import { nodeIo, type LogIo } from '../../server/realtime-hub/log-file.ts';
import { loadRoster } from '../../server/token-service/roster.ts';
import type { BatonBackground } from './support/baton-background.ts';
import { launchAgent, pickUp } from './support/agents.ts';
import { CrmPage } from './support/crm-page.ts';
import { expect, test } from './support/extension-context.ts';
import { startScriptedVisitor } from './support/scripted-visitor.ts';

// The agent's own message is painted before any round trip and marked until the hub confirms it. Here the
// hub's store really fails the write (as a full disk would), so the hub NACKs the publish: the message stays,
// marked failed, with Retry; once the store works again, Retry publishes it once, and it shows once.
const TEXT = 'Where is parcel 77? Checking now.';

test.describe('my message when its publish fails', () => {
  let dataDir: string;
  let server: LocalServer;
  let alice: BatonBackground;
  let storeFails = false;
  const writes: string[] = [];

  test.beforeEach(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'baton-optimistic-'));
    // Only writes carrying this message fail, so presence, claims and the visitor carry on as normal.
    const io: LogIo = {
      ...nodeIo,
      writeSync(fd, buffer, offset, length) {
        const line = buffer.subarray(offset, offset + length).toString('utf8');
        if (line.includes(TEXT)) {
          writes.push(storeFails ? 'refused' : 'stored');
          if (storeFails) throw new Error('ENOSPC: no space left on device, write');
        }
        return nodeIo.writeSync(fd, buffer, offset, length);
      },
    };
    server = await startLocalServer({
      key: { keyName: 'baton.e2e', secret: 'optimistic-send-secret' },
      port: 0,
      dataDir,
      roster: loadRoster('server/token-service/demo-roster.json'),
      hub: { io },
    });
    alice = await launchAgent('alice', server.port);
  });

  test.afterEach(async () => {
    await alice?.context.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('it shows as failed with Retry, in English and by role; Retry sends it once and it shows once', async () => {
    test.setTimeout(90_000);
    const visitor = await startScriptedVisitor('Ada Parcel', 'Parcel', server.port);
    try {
      await pickUp(alice, visitor.chatId);
      const crm = new CrmPage(await alice.context.newPage());
      await crm.page.goto(`http://127.0.0.1:${server.port}/crm/default.aspx?contact_list`);
      const sidebar = await crm.sidebar();
      await sidebar.getByRole('region', { name: 'My chats' }).getByRole('button', { name: /Ada Parcel/ }).click();
      const chat = sidebar.getByRole('region', { name: 'Ada Parcel' });
      const log = chat.getByRole('log');

      storeFails = true;
      await chat.getByRole('textbox', { name: /message/i }).fill(TEXT);
      await chat.getByRole('textbox', { name: /message/i }).press('Enter');
      // Painted at once and the composer is free again; then the hub's NACK marks it.
      await expect(log.getByText(TEXT)).toBeVisible();
      await expect(chat.getByRole('textbox', { name: /message/i })).toHaveValue('');
      await expect(log.getByText('Failed — not sent')).toBeVisible({ timeout: 15_000 });
      const retry = log.getByRole('button', { name: 'Retry' });
      await expect(retry).toBeVisible();
      expect(writes).toEqual(['refused']);
      expect(visitor.view().transcript.filter((entry) => entry.text === TEXT)).toHaveLength(0);

      storeFails = false;
      await retry.click();
      await expect(retry).toHaveCount(0);
      await expect(log.getByText('Failed — not sent')).toHaveCount(0);
      await expect.poll(() => visitor.view().transcript.filter((entry) => entry.text === TEXT).length, { timeout: 10_000 }).toBe(1);
      // The log's copy has replaced the painted one: the message is on screen once, and was stored once.
      await expect(log.getByText(TEXT)).toHaveCount(1);
      await expect(log.getByText('Sending…')).toHaveCount(0);
      expect(writes).toEqual(['refused', 'stored']);
    } finally {
      visitor.close();
    }
  });
});
