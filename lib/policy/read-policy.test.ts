import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readPolicy, watchPolicy, type PolicyChange } from './read-policy.ts';

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

beforeEach(() => {
  fakeBrowser.reset();
});

describe('readPolicy', () => {
  it('parses what the admin set', async () => {
    await fakeBrowser.storage.managed.set({ offerTimeoutSeconds: 60, sound: 'loud', crmSites: ['https://crm.example.com/*'] });
    const { policy, problems } = await readPolicy();
    expect(policy).toEqual({ offerTimeoutSeconds: 60, crmSites: ['https://crm.example.com/*'] });
    expect(problems).toEqual([{ key: 'sound', reason: 'wrong-type', value: '"loud"', expected: 'boolean' }]);
  });

  it('reads an empty managed area as no policy', async () => {
    expect(await readPolicy()).toEqual({ policy: {}, problems: [] });
  });

  it('turns a throwing managed area (Firefox without policy) into an empty policy and a problem', async () => {
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValue(new Error('Managed storage manifest not found'));
    expect(await readPolicy()).toEqual({
      policy: {},
      problems: [{ key: '*', reason: 'unavailable', value: '"Managed storage manifest not found"' }],
    });
  });

  it('copes with a browser that has no managed area', async () => {
    const storage: { managed?: unknown } = fakeBrowser.storage;
    const managed = storage.managed;
    delete storage.managed;
    try {
      expect(await readPolicy()).toEqual({
        policy: {},
        problems: [{ key: '*', reason: 'unavailable', value: '"storage.managed is not available"' }],
      });
    } finally {
      storage.managed = managed;
    }
  });
});

describe('watchPolicy', () => {
  it('delivers each change with the keys that changed', async () => {
    await fakeBrowser.storage.managed.set({ offerTimeoutSeconds: 60, sound: true });
    const changes: PolicyChange[] = [];
    const stop = watchPolicy((change) => changes.push(change));
    await settle();

    await fakeBrowser.storage.managed.set({ offerTimeoutSeconds: 300 });
    await vi.waitFor(() => expect(changes).toHaveLength(1));
    expect(changes[0]).toEqual({
      policy: { offerTimeoutSeconds: 300, sound: true },
      problems: [],
      previous: { offerTimeoutSeconds: 60, sound: true },
      changed: ['offerTimeoutSeconds'],
    });

    await fakeBrowser.storage.managed.remove('sound');
    await vi.waitFor(() => expect(changes).toHaveLength(2));
    expect(changes[1]?.changed).toEqual(['sound']);
    stop();
  });

  it('reports a change that only adds a problem, and ignores changes that alter nothing', async () => {
    const onChange = vi.fn();
    const stop = watchPolicy(onChange, { baseline: { policy: {}, problems: [] } });

    await fakeBrowser.storage.managed.set({ language: 'fr' });
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ changed: [], problems: [expect.objectContaining({ key: 'language' })] }));

    await fakeBrowser.storage.managed.set({ language: 'fr' });
    await fakeBrowser.storage.local.set({ language: 'da' });
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
    stop();
  });

  it('diffs against the baseline the caller already applied', async () => {
    await fakeBrowser.storage.managed.set({ sound: true });
    const onChange = vi.fn();
    const stop = watchPolicy(onChange, { baseline: { policy: {}, problems: [] } });
    await fakeBrowser.storage.managed.set({ notifications: false });
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(onChange.mock.calls[0]?.[0].changed.toSorted()).toEqual(['notifications', 'sound']);
    stop();
  });

  it('keeps the last good policy when a read fails', async () => {
    await fakeBrowser.storage.managed.set({ sound: true });
    const onChange = vi.fn();
    const stop = watchPolicy(onChange);
    await settle();
    const get = vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValueOnce(new Error('policy service gone'));
    await fakeBrowser.storage.managed.set({ sound: false });
    await settle();
    expect(get).toHaveBeenCalled();
    expect(onChange).not.toHaveBeenCalled();

    await fakeBrowser.storage.managed.set({ notifications: false });
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(onChange.mock.calls[0]?.[0]).toMatchObject({ previous: { sound: true }, policy: { sound: false, notifications: false } });
    expect(onChange.mock.calls[0]?.[0].changed.toSorted()).toEqual(['notifications', 'sound']);
    stop();
  });

  it('stops after unsubscribe, even with a read in flight', async () => {
    const onChange = vi.fn();
    const stop = watchPolicy(onChange, { baseline: { policy: {}, problems: [] } });
    let finishRead: (value: Record<string, unknown>) => void = () => {};
    const slowRead = new Promise<Record<string, unknown>>((resolve) => (finishRead = resolve));
    // `get` is typed with its callback overload last, whose return is void; the promise form is what runs.
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockImplementationOnce(() => slowRead as never);
    await fakeBrowser.storage.managed.set({ sound: true });
    stop();
    finishRead({ sound: true });
    await fakeBrowser.storage.managed.set({ sound: false });
    await settle();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('keeps delivering after a subscriber throws, and surfaces the error', async () => {
    const rethrown: unknown[] = [];
    vi.spyOn(globalThis, 'setTimeout').mockImplementationOnce(((callback: () => void) => {
      try {
        callback();
      } catch (error) {
        rethrown.push(error);
      }
      return 0;
    }) as typeof setTimeout);
    const onChange = vi.fn().mockImplementationOnce(() => {
      throw new Error('subscriber bug');
    });
    const stop = watchPolicy(onChange, { baseline: { policy: {}, problems: [] } });
    await fakeBrowser.storage.managed.set({ sound: true });
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(rethrown).toEqual([new Error('subscriber bug')]);
    await fakeBrowser.storage.managed.set({ sound: false });
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledTimes(2));
    stop();
  });
});
