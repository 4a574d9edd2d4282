import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelLog } from './channel-log.ts';
import type { ChannelLogOptions } from './channel-log.ts';

const dirs: string[] = [];
const fileIn = () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-log-'));
  dirs.push(dir);
  return join(dir, 'c.log');
};
const opts = (file: string | undefined, over: Partial<ChannelLogOptions> = {}): ChannelLogOptions => ({
  file,
  retention: { maxMessages: 10, maxAgeMs: 3600_000 },
  memoryWindow: 3,
  fsync: false,
  idWindow: 50,
  ...over,
});
const msg = (n: number) => ({ id: `m${n}`, timestamp: Date.now(), data: n });

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('ChannelLog', () => {
  it('recovers sequence numbers and ids from the file after a restart', () => {
    const file = fileIn();
    const log = new ChannelLog(opts(file));
    log.append([msg(1), msg(2)]);
    log.append([msg(3)]);
    log.close();
    const again = new ChannelLog(opts(file));
    expect(again.lastSeq).toBe(3);
    expect(again.hasId('m2')).toBe(true);
    expect(again.append([msg(4)])[0]?.seq).toBe(4);
  });

  it('drops a torn final line left by a crash mid-write', () => {
    const file = fileIn();
    const log = new ChannelLog(opts(file));
    log.append([msg(1), msg(2)]);
    log.close();
    appendFileSync(file, '{"seq":3,"id":"m3","times');
    const again = new ChannelLog(opts(file));
    expect(again.lastSeq).toBe(2);
    again.append([msg(3)]);
    again.close();
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('replays from a serial beyond the memory window by reading the file, and flags lost continuity', () => {
    const log = new ChannelLog(opts(fileIn()));
    for (let n = 1; n <= 8; n++) log.append([msg(n)]);
    expect(log.since(2).messages.map((m) => m.seq)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(log.since(8)).toEqual({ messages: [], complete: true });
    expect(log.since(99).complete).toBe(false);
  });

  it('compacts to the retention limit and then reports older serials as not retained', () => {
    const file = fileIn();
    const log = new ChannelLog(opts(file));
    for (let n = 1; n <= 25; n++) log.append([msg(n)]);
    expect(readFileSync(file, 'utf8').trim().split('\n').length).toBeLessThanOrEqual(20);
    expect(log.since(1).complete).toBe(false);
    const page = log.history({ direction: 'backwards', limit: 4 });
    expect(page.items.map((m) => m.seq)).toEqual([25, 24, 23, 22]);
    expect(page.nextCursor).toBe(22);
  });

  it('pages history by cursor and bounds it by from_serial', () => {
    const log = new ChannelLog(opts(undefined, { memoryWindow: 10 }));
    for (let n = 1; n <= 6; n++) log.append([msg(n)]);
    const first = log.history({ direction: 'forwards', limit: 4, untilSeq: 5 });
    expect(first.items.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    const second = log.history({ direction: 'forwards', limit: 4, untilSeq: 5, cursor: first.nextCursor });
    expect(second.items.map((m) => m.seq)).toEqual([5]);
    expect(second.nextCursor).toBeUndefined();
  });
});
