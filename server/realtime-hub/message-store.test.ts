import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMessageStore } from './message-store.ts';

const dirs: string[] = [];
const msg = (n: number) => ({ id: `m${n}`, timestamp: Date.now(), data: n });
const historyOf = (store: ReturnType<typeof createMessageStore>, channel: string) => store.log(channel).history({ limit: 100, direction: 'backwards' }).items.map((m) => m.id);

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('createMessageStore', () => {
  it('keeps a memory-only channel\'s history however many channels are used after it (issue 18)', () => {
    const store = createMessageStore({ maxLoadedChannels: 2 });
    store.log('chat:a').append([msg(1), msg(2)]);
    for (let i = 0; i < 5; i++) store.log(`inbox:agent-${i}`).append([msg(10 + i)]);
    expect(historyOf(store, 'chat:a')).toEqual(['m2', 'm1']);
    store.close();
  });

  it('evicts file-backed channels beyond the cap and reloads their history from the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-store-'));
    dirs.push(dir);
    const store = createMessageStore({ dataDir: dir, maxLoadedChannels: 2 });
    store.log('chat:a').append([msg(1), msg(2)]);
    for (let i = 0; i < 5; i++) store.log(`inbox:agent-${i}`).append([msg(10 + i)]);
    expect(store.loadedChannels()).toBe(2);
    expect(historyOf(store, 'chat:a')).toEqual(['m2', 'm1']);
    store.close();
  });
});
