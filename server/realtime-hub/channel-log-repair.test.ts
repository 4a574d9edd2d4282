// The durability findings of issue 14, each reproduced on the real file: gaps from failed writes, the trim that
// hid acknowledged messages, a torn multi-byte tail, and corrupt lines that must be quarantined, not lost.
import type * as Fs from 'node:fs';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChannelLog } from './channel-log.ts';
import type { ChannelLogOptions } from './channel-log.ts';

// The disk fills up on chosen writes: every write to the file goes through node:fs writeSync.
const disk = vi.hoisted(() => ({ full: false }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof Fs>();
  const writeSync = ((...args: Parameters<typeof fs.writeSync>) => {
    if (disk.full) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    return (fs.writeSync as (...a: unknown[]) => number)(...args);
  }) as typeof fs.writeSync;
  return { ...fs, writeSync, default: { ...fs, writeSync } };
});

const dirs: string[] = [];
const fileIn = () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-repair-'));
  dirs.push(dir);
  return join(dir, 'c.log');
};
const opts = (file: string, over: Partial<ChannelLogOptions> = {}): ChannelLogOptions => ({
  file,
  retention: { maxMessages: 5, maxAgeMs: 3600_000 },
  memoryWindow: 2,
  fsync: false,
  idWindow: 50,
  ...over,
});
const msg = (data: string) => ({ id: `id-${data}`, timestamp: Date.now(), data });
const all = (log: ChannelLog) => log.history({ direction: 'forwards', limit: 1000 }).items;

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('ChannelLog repair', () => {
  it('takes no serial for a write that failed, so later serials have no gap and trim hides nothing acknowledged', () => {
    const file = fileIn();
    const log = new ChannelLog(opts(file));
    const acked: number[] = [];
    for (let n = 0; n < 12; n++) {
      disk.full = n % 3 === 1;
      try {
        acked.push(...log.append([msg(`m${n}`)]).map((m) => m.seq));
      } catch {
        // NACKed: nothing stored
      }
    }
    disk.full = false;
    expect(acked).toEqual(acked.map((_, i) => i + 1));
    const kept = all(log).map((m) => m.seq);
    // Retention keeps the newest 5..10; every one of them is acknowledged and contiguous.
    expect(kept.length).toBeGreaterThanOrEqual(5);
    expect(kept).toEqual(acked.slice(-kept.length));
    log.close();
  });

  it('truncates a torn last line that ends inside a multi-byte character, and reuses no acknowledged serial', () => {
    const file = fileIn();
    const first = new ChannelLog(opts(file));
    first.append([msg('før')]);
    first.close();
    // A kill mid-write: the next line stops after the first byte of "ø" (0xC3 0xB8).
    const torn = Buffer.from(JSON.stringify({ seq: 2, id: 'x', timestamp: Date.now(), data: 'blåbær' }) + '\n');
    appendFileSync(file, torn.subarray(0, torn.indexOf(0xc3) + 1));
    const second = new ChannelLog(opts(file));
    const [next] = second.append([msg('efter')]);
    second.close();
    const third = new ChannelLog(opts(file));
    expect(all(third).map((m) => [m.seq, m.data])).toEqual([
      [1, 'før'],
      [2, 'efter'],
    ]);
    expect(next?.seq).toBe(2);
    third.close();
  });

  it('quarantines corrupt, out-of-order and too-deep lines with a reason, and keeps every good one', () => {
    const file = fileIn();
    let deep: unknown = 1;
    for (let i = 0; i < 200; i++) deep = { a: deep };
    const line = (o: unknown) => JSON.stringify(o) + '\n';
    const t = Date.now();
    writeFileSync(
      file,
      line({ seq: 1, id: 'a', timestamp: t, data: 'a' }) +
        '{not json\n' +
        line({ seq: 2, id: 'b', timestamp: t, data: 'b' }) +
        line({ seq: 2, id: 'again', timestamp: t, data: 'dup' }) +
        line({ seq: 3, id: 'deep', timestamp: t, data: deep }) +
        line({ seq: 4, id: 'd', timestamp: t, data: 'd' }),
    );
    const notices: string[] = [];
    const log = new ChannelLog(opts(file, { notice: (event) => void notices.push(event) }));
    expect(all(log).map((m) => m.id)).toEqual(['a', 'b', 'd']);
    expect(log.append([msg('e')])[0]?.seq).toBe(5);
    expect(notices).toContain('log_lines_quarantined');
    const quarantined = readFileSync(`${file}.quarantine`, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { reason: string }).reason);
    expect(quarantined).toEqual(['not JSON', 'seq 2 does not follow 2', 'data nests too deep']);
    log.close();
  });

  it('keeps the newest serial across a compaction that drops everything by age, so serials are never reused', () => {
    const file = fileIn();
    const old = { retention: { maxMessages: 2, maxAgeMs: 1 } };
    const log = new ChannelLog(opts(file, old));
    for (let n = 0; n < 5; n++) log.append([{ ...msg(`m${n}`), timestamp: Date.now() - 10_000 }]);
    log.close();
    const again = new ChannelLog(opts(file, old));
    expect(again.append([msg('new')])[0]?.seq).toBe(6);
    again.close();
    expect(existsSync(file)).toBe(true);
  });
});
