import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createNoticeSurface, listenForNoticeClicks, type NoticeRegistration, type NoticeScope } from './notice-surface.ts';

const offer = { id: 'offer|c1|t1', title: 'Transfer from Alice Andersen', message: 'Ada Lovelace', buttons: ['Accept transfer', 'Reject transfer'] as const };
const outcome = { id: 'outcome|c1|t1', title: 'Baton', message: 'Bob Berg rejected the transfer.' };

/** A service worker's registration that keeps what it shows, like the browser's. */
function fakeRegistration() {
  const shown: Array<{ title: string; options: Parameters<NoticeRegistration['showNotification']>[1]; closed: boolean }> = [];
  const registration: NoticeRegistration = {
    showNotification: vi.fn(async (title, options) => {
      shown.push({ title, options, closed: false });
    }),
    getNotifications: async (filter) =>
      shown
        .filter((entry) => !entry.closed && (filter?.tag === undefined || entry.options.tag === filter.tag))
        .map((entry) => ({ tag: entry.options.tag, close: () => void (entry.closed = true) })),
  };
  return { registration, shown };
}

function workerScope(permission = 'granted') {
  const { registration, shown } = fakeRegistration();
  const target = new EventTarget();
  const scope: NoticeScope = { registration, Notification: { permission }, addEventListener: (type, listener) => target.addEventListener(type, listener) };
  /** A click as the browser delivers it: on a shown notice, with an action or none. */
  const click = (tag: string, action: string, waitUntil = vi.fn()) => {
    const event = Object.assign(new Event('notificationclick'), {
      notification: { tag, close: () => shown.filter((entry) => entry.options.tag === tag).forEach((entry) => (entry.closed = true)) },
      action,
      waitUntil,
    });
    target.dispatchEvent(event);
    return event;
  };
  return { scope, shown, click };
}

describe('the notice surface in Chromium’s service worker', () => {
  beforeEach(() => fakeBrowser.reset());

  it('shows an offer as a web notification that waits, with Accept and Reject as its actions, not through chrome.notifications', async () => {
    const { scope, shown } = workerScope();
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    await createNoticeSurface(scope).show(offer);
    expect(create).not.toHaveBeenCalled();
    expect(shown).toEqual([
      {
        title: 'Transfer from Alice Andersen',
        closed: false,
        options: {
          tag: 'offer|c1|t1',
          body: 'Ada Lovelace',
          icon: expect.stringMatching(/\/icon\/64\.png$/),
          requireInteraction: true,
          renotify: true,
          actions: [
            { action: 'accept', title: 'Accept transfer' },
            { action: 'reject', title: 'Reject transfer' },
          ],
        },
      },
    ]);
  });

  it('shows an outcome without actions, and lets it go by itself', async () => {
    const { scope, shown } = workerScope();
    await createNoticeSurface(scope).show(outcome);
    expect(shown[0]?.options).toEqual({ tag: 'outcome|c1|t1', body: 'Bob Berg rejected the transfer.', icon: expect.any(String), requireInteraction: false });
  });

  it('lists and clears what either API shows', async () => {
    const { scope } = workerScope();
    const surface = createNoticeSurface(scope);
    await surface.show(offer);
    await fakeBrowser.notifications.create('offer|c2|t2', { type: 'basic', iconUrl: 'x', title: 'old', message: '' });
    expect((await surface.shownIds()).sort()).toEqual(['offer|c1|t1', 'offer|c2|t2']);
    await surface.clear('offer|c1|t1');
    await surface.clear('offer|c2|t2');
    await surface.clear('offer|c3|t3'); // not shown: nothing happens
    expect(await surface.shownIds()).toEqual([]);
  });

  it('falls back to chrome.notifications when the worker may not show web notifications', async () => {
    const { scope, shown } = workerScope('denied');
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    await createNoticeSurface(scope).show(offer);
    expect(shown).toEqual([]);
    expect(create).toHaveBeenCalledWith('offer|c1|t1', expect.objectContaining({ buttons: [{ title: 'Accept transfer' }, { title: 'Reject transfer' }], requireInteraction: true }));
  });

  it('shows through chrome.notifications when the worker’s showNotification is refused', async () => {
    const { scope } = workerScope();
    vi.mocked(scope.registration!.showNotification).mockRejectedValueOnce(new TypeError('No active registration available on the ServiceWorkerRegistration.'));
    const create = vi.spyOn(fakeBrowser.notifications, 'create');
    const surface = createNoticeSurface(scope);
    await surface.show(offer);
    expect(create).toHaveBeenCalledWith('offer|c1|t1', expect.objectContaining({ title: 'Transfer from Alice Andersen', requireInteraction: true }));
    expect(await surface.shownIds()).toEqual(['offer|c1|t1']);
  });

  it('turns a click into Accept (0), Reject (1) or the notice itself, closes the notice, and keeps the worker alive for the work', async () => {
    const { scope, shown, click } = workerScope();
    const onButton = vi.fn(async () => {});
    const onClick = vi.fn(async () => {});
    const onError = vi.fn();
    listenForNoticeClicks({ onButton, onClick }, onError, scope);
    await createNoticeSurface(scope).show(offer);

    const accept = click('offer|c1|t1', 'accept');
    expect(onButton).toHaveBeenLastCalledWith('offer|c1|t1', 0);
    expect(accept.waitUntil).toHaveBeenCalledWith(expect.any(Promise));
    expect(shown[0]?.closed).toBe(true);
    click('offer|c1|t1', 'reject');
    expect(onButton).toHaveBeenLastCalledWith('offer|c1|t1', 1);
    click('offer|c1|t1', '');
    expect(onClick).toHaveBeenCalledWith('offer|c1|t1');
    expect(onError).not.toHaveBeenCalled();
  });

  it('drops an action it never offered, with a reason, and answers nothing', () => {
    const { scope, click } = workerScope();
    const onButton = vi.fn(async () => {});
    const onClick = vi.fn(async () => {});
    const onError = vi.fn();
    listenForNoticeClicks({ onButton, onClick }, onError, scope);
    click('offer|c1|t1', 'snooze');
    expect(onButton).not.toHaveBeenCalled();
    expect(onClick).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledWith(expect.stringContaining('snooze'));
  });

  it('still runs the work of a click that cannot extend the worker’s life (a dispatched event)', () => {
    const { scope, click } = workerScope();
    const onButton = vi.fn(async () => {});
    listenForNoticeClicks({ onButton, onClick: async () => {} }, vi.fn(), scope);
    // What the browser throws for an event it did not dispatch itself.
    const refuse = vi.fn(() => {
      throw new DOMException('The event handler is already finished.', 'InvalidStateError');
    });
    expect(() => click('offer|c1|t1', 'accept', refuse)).not.toThrow();
    expect(refuse).toHaveBeenCalled();
    expect(onButton).toHaveBeenCalledTimes(1);
  });
});

describe('the notice surface without a service worker (Firefox’s event page)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('shows, lists and answers through the extension API', async () => {
    const surface = createNoticeSurface({});
    await surface.show(offer);
    expect(await surface.shownIds()).toEqual(['offer|c1|t1']);
    const onButton = vi.fn(async () => {});
    listenForNoticeClicks({ onButton, onClick: async () => {} }, vi.fn(), {});
    await fakeBrowser.notifications.onButtonClicked.trigger('offer|c1|t1', 1);
    expect(onButton).toHaveBeenCalledWith('offer|c1|t1', 1);
    await surface.clear('offer|c1|t1');
    expect(await surface.shownIds()).toEqual([]);
  });
});
