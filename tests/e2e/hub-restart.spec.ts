import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BatonBackground } from './support/baton-background.ts';
import { chatOf, launchAgent, pickUp } from './support/agents.ts';
import { expect, test } from './support/extension-context.ts';
import { startScriptedVisitor } from './support/scripted-visitor.ts';

// The local hub is killed outright (as a crash would) and started again on the same
// data folder. Sessions say what is happening meanwhile, then carry on losing nothing.
const PORT = 8396;

const answers = () => fetch(`http://127.0.0.1:${PORT}/time`).then((r) => r.ok).catch(() => false);

async function startHub(dataDir: string): Promise<ChildProcess> {
  // A hub left on this port by something else would make "killing the hub" kill nothing.
  if (await answers()) throw new Error(`port ${PORT} is already in use; stop whatever serves it`);
  const child = spawn(process.execPath, ['server/serve.ts', '--port', String(PORT), '--data', dataDir], { stdio: 'ignore' });
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (await answers()) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error('unable to start the hub for the restart test');
}

test.describe('the hub restarts during a chat', () => {
  let dataDir: string;
  let hub: ChildProcess;
  let alice: BatonBackground;
  let bob: BatonBackground;

  test.beforeEach(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'baton-hub-'));
    hub = await startHub(dataDir);
    [alice, bob] = await Promise.all([launchAgent('alice', PORT), launchAgent('bob', PORT)]);
  });

  test.afterEach(async () => {
    await Promise.all([alice.context.close(), bob.context.close()]);
    hub.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('sessions show they are reconnecting, then resume with every message once and can still transfer', async () => {
    test.setTimeout(90_000);
    const visitor = await startScriptedVisitor('Ada', 'Invoice', PORT);
    try {
      await pickUp(alice, visitor.chatId, ['bob']);
      await visitor.send('before the crash');
      await expect.poll(async () => (await chatOf(alice, visitor.chatId))?.transcript.length).toBe(1);

      hub.kill('SIGKILL');
      await expect.poll(answers).toBe(false);
      await expect.poll(async () => (await alice.snapshot())?.connection.phase, { timeout: 20_000 }).not.toBe('connected');
      hub = await startHub(dataDir);
      await expect.poll(async () => (await alice.snapshot())?.connection.phase, { timeout: 40_000 }).toBe('connected');
      await expect.poll(async () => (await bob.snapshot())?.connection.phase, { timeout: 40_000 }).toBe('connected');

      await expect.poll(() => visitor.send('after the restart').then(() => true, () => false), { timeout: 30_000 }).toBe(true);
      await expect
        .poll(async () => (await chatOf(alice, visitor.chatId))?.transcript.map((entry) => entry.text), { timeout: 20_000 })
        .toEqual(['before the crash', 'after the restart']);

      await expect.poll(async () => (await alice.snapshot())?.agents.find((agent) => agent.clientId === 'bob')?.status, { timeout: 30_000 }).toBe('present');
      expect((await alice.command({ type: 'transfer', chatId: visitor.chatId, to: 'bob', note: '' })).ok).toBe(true);
      await expect.poll(async () => (await chatOf(bob, visitor.chatId))?.canRespond, { timeout: 10_000 }).toBe(true);
    } finally {
      visitor.close();
    }
  });
});
