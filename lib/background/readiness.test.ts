import { describe, expect, it } from 'vitest';
import { createReadiness } from './readiness.ts';

const settled = async (promise: Promise<void>) => {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setTimeout(resolve, 5));
  return done;
};

describe('readiness', () => {
  it('is pending from the start, before the first run begins, and resolves when that run is ready', async () => {
    const readiness = createReadiness();
    const waiting = readiness.whenReady();
    expect(await settled(waiting)).toBe(false);
    const ready = readiness.begin();
    expect(await settled(waiting)).toBe(false);
    ready();
    expect(await settled(waiting)).toBe(true);
  });

  it('a superseded run hands its waiters to the newest run', async () => {
    const readiness = createReadiness();
    const first = readiness.begin();
    const waiting = readiness.whenReady();
    const second = readiness.begin();
    first();
    expect(await settled(waiting)).toBe(false);
    second();
    expect(await settled(waiting)).toBe(true);
  });

  it('stays ready until the next run begins', async () => {
    const readiness = createReadiness();
    readiness.begin()();
    expect(await settled(readiness.whenReady())).toBe(true);
    readiness.begin();
    expect(await settled(readiness.whenReady())).toBe(false);
  });

  it('never waits longer than its timeout', async () => {
    const readiness = createReadiness(20);
    const waiting = readiness.whenReady();
    expect(await settled(waiting)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await settled(waiting)).toBe(true);
  });
});
