import { browser } from 'wxt/browser';
import type { NoticeContent } from './notifications.ts';

/** The web notification's actions, in the order of `NoticeContent.buttons`: its Accept and Reject. */
const ACTIONS = ['accept', 'reject'] as const;

// The few members of the service worker's notification API Baton uses (typed here: the project's DOM types are a
// window's, and those lack a notification's actions).
interface ShownNotification {
  readonly tag: string;
  close(): void;
}
interface NotificationOptions {
  body: string;
  tag: string;
  icon: string;
  requireInteraction: boolean;
  renotify?: boolean;
  actions?: Array<{ action: string; title: string }>;
}
export interface NoticeRegistration {
  showNotification(title: string, options: NotificationOptions): Promise<void>;
  getNotifications(filter?: { tag?: string }): Promise<readonly ShownNotification[]>;
}
interface NotificationClickEvent extends Event {
  readonly notification: ShownNotification;
  readonly action: string;
  waitUntil(work: Promise<unknown>): void;
}
/** Where the surface looks for the service worker's registration and notification permission. */
export interface NoticeScope {
  registration?: NoticeRegistration;
  Notification?: { permission?: string };
  addEventListener?(type: 'notificationclick', listener: (event: Event) => void): void;
}

export interface NoticeSurface {
  show(content: NoticeContent): Promise<void>;
  /** Takes the notice off the screen, whichever API showed it; nothing if it is not there. */
  clear(id: string): Promise<void>;
  /** The ids of Baton's notices on screen now. */
  shownIds(): Promise<string[]>;
}

export interface NoticeClicks {
  /** Button 0 is Accept transfer, 1 Reject transfer. */
  onButton(id: string, buttonIndex: number): Promise<void>;
  /** A click on the notice itself. */
  onClick(id: string): Promise<void>;
}

function serviceWorkerRegistration(scope: NoticeScope): NoticeRegistration | undefined {
  return typeof scope.registration?.showNotification === 'function' ? scope.registration : undefined;
}

/**
 * The OS notices. Chromium's service worker shows them as web notifications: `chrome.notifications` fetches and decodes
 * the icon in the calling context and hands every pixel to the browser as a list of numbers, measured at 6–10 ms of
 * the worker's thread per notice (a CPU profile, 30 notices), right when an offer goes to the views or an Accept comes
 * in; `showNotification` leaves the icon to the browser, 2–3 ms. Firefox's background is an event page with no
 * registration, and a worker denied web notifications (a policy on the extension's origin) keeps the extension API:
 * both show through `notifications.create`. Clearing and listing ask both APIs, so a notice shown by either is found.
 */
export function createNoticeSurface(scope: NoticeScope = globalThis as NoticeScope): NoticeSurface {
  const iconUrl = () => browser.runtime.getURL('/icon/64.png');
  const web = serviceWorkerRegistration(scope);
  return {
    async show({ id, title, message, buttons }) {
      if (web && scope.Notification?.permission === 'granted') {
        const shown = await web
          .showNotification(title, {
            tag: id,
            body: message,
            icon: iconUrl(),
            requireInteraction: buttons !== undefined,
            // An offer shown again (a worker that restarted while it waits) alerts again, as the extension API's does.
            ...(buttons ? { renotify: true, actions: buttons.map((label, index) => ({ action: ACTIONS[index]!, title: label })) } : {}),
          })
          .then(
            () => true,
            // Refused (a worker not yet active after an update, the platform's own failure): the extension API still can.
            () => false,
          );
        if (shown) return;
      }
      await browser.notifications.create(id, {
        type: 'basic',
        iconUrl: iconUrl(),
        title,
        message,
        ...(buttons ? { buttons: buttons.map((label) => ({ title: label })), requireInteraction: true, priority: 2 } : {}),
      });
    },
    async clear(id) {
      const shown = web ? await web.getNotifications({ tag: id }) : [];
      for (const notification of shown) notification.close();
      await browser.notifications.clear(id);
    },
    async shownIds() {
      const [shown, extension] = await Promise.all([web ? web.getNotifications() : [], browser.notifications.getAll()]);
      return [...new Set([...shown.map((notification) => notification.tag), ...Object.keys(extension)])];
    },
  };
}

/**
 * The clicks on Baton's notices, from either API: a button (Accept, Reject) or the notice itself. The notice goes once
 * clicked. Registered synchronously at the worker's start, so a click that wakes the worker is delivered.
 */
export function listenForNoticeClicks(clicks: NoticeClicks, onError: (error: unknown) => void, scope: NoticeScope = globalThis as NoticeScope): void {
  if (serviceWorkerRegistration(scope)) {
    scope.addEventListener?.('notificationclick', (event) => {
      const click = event as NotificationClickEvent;
      const { notification, action } = click;
      const buttonIndex = ACTIONS.indexOf(action as (typeof ACTIONS)[number]);
      // An action Baton never offered is not a click on the notice either.
      if (action !== '' && buttonIndex < 0) return onError(`unknown notification action ${JSON.stringify(action)}`);
      notification.close();
      const work = (buttonIndex >= 0 ? clicks.onButton(notification.tag, buttonIndex) : clicks.onClick(notification.tag)).catch(onError);
      try {
        // Keeps the worker alive until the answer is sent (a click may have woken it).
        click.waitUntil(work);
      } catch {
        // Only the browser's own events can extend the worker's life; a dispatched one (the e2e tests') runs all the same.
      }
    });
  }
  browser.notifications.onButtonClicked.addListener((id, buttonIndex) => {
    clicks.onButton(id, buttonIndex).catch(onError);
    void browser.notifications.clear(id);
  });
  browser.notifications.onClicked.addListener((id) => {
    clicks.onClick(id).catch(onError);
    void browser.notifications.clear(id);
  });
}
