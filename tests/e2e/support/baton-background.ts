import type { BrowserContext, CDPSession, Page, Worker } from '@playwright/test';
import type { SessionSnapshot } from '../../../lib/session/session-snapshot.ts';
import type { Command } from '../../../lib/messaging/commands.ts';
import type { connectToBackground } from '../../../lib/messaging/view-connection.ts';
import { viewConnectionSource } from './view-connection-source.ts';
import { E2E_PORT, EXTENSION_ID } from './environment.ts';

export interface CommandResult {
  ok: boolean;
  data?: unknown;
  error?: { code: string; message: string };
}

type PortWindow = Window & {
  /** Baton's own view connection (lib/messaging/view-connection.ts), injected by the test. */
  batonConnection?: { connectToBackground: typeof connectToBackground };
  batonView?: {
    latest: SessionSnapshot | null;
    send(command: Command): Promise<CommandResult>;
    whenChat(chatId: string, condition: 'offered' | 'listening' | 'owner'): Promise<number>;
    sendTimed(command: Command): number;
  };
};

type Marked = { batonTestMarker?: number };

async function workerTarget(cdp: CDPSession) {
  const { targetInfos } = await cdp.send('Target.getTargets');
  return targetInfos.find((info) => info.type === 'service_worker' && info.url.startsWith(`chrome-extension://${EXTENSION_ID}/`));
}

/**
 * Talks to an agent's background exactly as Baton's own views do: an extension page
 * opens the view port, receives snapshots and sends commands. Used where a test is
 * about the background session rather than the sidebar's UI.
 */
export class BatonBackground {
  readonly context: BrowserContext;
  private page: Page | undefined;

  constructor(context: BrowserContext) {
    this.context = context;
  }

  worker(): Worker {
    const workers = this.context.serviceWorkers().filter((candidate) => candidate.url().startsWith(`chrome-extension://${EXTENSION_ID}/`));
    const worker = workers.at(-1);
    if (!worker) throw new Error('Baton service worker is not running');
    return worker;
  }

  /**
   * Stops the service worker the way Chrome does when it reclaims it: the target is
   * closed over CDP and every in-memory state is gone. A view's reconnect wakes it.
   */
  async killWorker(): Promise<void> {
    const page = await this.view();
    const cdp = await this.context.newCDPSession(page);
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find((info) => info.type === 'service_worker' && info.url.startsWith(`chrome-extension://${EXTENSION_ID}/`));
    if (!target) throw new Error('no Baton service worker target to kill');
    await this.worker().evaluate(() => ((globalThis as Marked).batonTestMarker = 1));
    await cdp.send('Target.closeTarget', { targetId: target.targetId });
    await cdp.detach();
    // Proof that it really died: a fresh worker (woken by the view's reconnect) has no marker.
    const deadline = Date.now() + 10_000;
    for (;;) {
      const fresh = await this.worker()
        .evaluate(() => (globalThis as Marked).batonTestMarker === undefined)
        .catch(() => false);
      if (fresh) return;
      if (Date.now() > deadline) throw new Error('the service worker did not come back after being killed');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * Stops the service worker and leaves it stopped: no view of this agent stays open to
   * wake it. Only an event (an alarm, a notification button, a shortcut) brings it back.
   */
  async stopWorker(): Promise<void> {
    // A page stays open (a browser with no page left cannot open one in headless mode) but shows no Baton view.
    const blank = this.context.pages().find((page) => !page.url().startsWith('chrome-extension://')) ?? (await this.context.newPage());
    await this.page?.close();
    this.page = undefined;
    // A CRM tab (one an earlier Accept revealed, say) holds a sidebar whose view reconnects at once and would wake the
    // worker again: every page is emptied, so nothing of Baton's is left open.
    for (const page of this.context.pages()) {
      if (page.url().startsWith('chrome-extension://')) await page.close();
      else if (page.url() !== 'about:blank') await page.goto('about:blank');
    }
    const cdp = await this.context.newCDPSession(blank);
    const target = await workerTarget(cdp);
    if (!target) throw new Error('no Baton service worker target to stop');
    await this.worker().evaluate(() => ((globalThis as Marked).batonTestMarker = 1));
    await cdp.send('Target.closeTarget', { targetId: target.targetId });
    // Chrome may start the worker again at once for an event already on its way (a notification shown just before,
    // a port closing): then it is stopped again, since what is tested is an event reaching a stopped worker.
    const deadline = Date.now() + 15_000;
    let closedAt = Date.now();
    const stoppedFor = async (ms: number) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return (await workerTarget(cdp)) === undefined;
    };
    for (let running = await workerTarget(cdp); running || !(await stoppedFor(500)); running = await workerTarget(cdp)) {
      if (Date.now() > deadline) throw new Error('the service worker did not stop');
      if (running && Date.now() - closedAt > 3_000) {
        await cdp.send('Target.closeTarget', { targetId: running.targetId }).catch(() => {});
        closedAt = Date.now();
      } else if (!running) closedAt = 0; // woke again after it had stopped: close it at the next turn
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await cdp.detach();
  }

  /**
   * Wakes the stopped worker and fires an event in it at once (`fire`: a shortcut, a click on a notice), the way
   * these reach a stopped worker: the event comes before the session has started again (signing in takes a token
   * fetch and a realtime connection).
   */
  async wakeWith(fire: () => Promise<void>): Promise<void> {
    // Any extension event starts the worker; an extension page's port is one Playwright can cause.
    const waker = this.context.pages()[0]!;
    void waker.goto(`chrome-extension://${EXTENSION_ID}/options.html`).catch(() => {});
    // Playwright keeps the worker's handle across the restart; the fresh worker is the one without stopWorker's marker.
    const deadline = Date.now() + 10_000;
    while (!(await this.worker().evaluate(() => (globalThis as Marked).batonTestMarker === undefined).catch(() => false))) {
      if (Date.now() > deadline) throw new Error('the service worker did not wake');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await fire();
    await waker.goto('about:blank');
  }

  /** Whether the worker is running now (false after stopWorker until an event wakes it). */
  async workerRunning(): Promise<boolean> {
    const cdp = await this.context.newCDPSession(this.context.pages()[0]!);
    const running = (await workerTarget(cdp)) !== undefined;
    await cdp.detach();
    return running;
  }

  async view(): Promise<Page> {
    if (this.page && !this.page.isClosed()) return this.page;
    const page = await this.context.newPage();
    // An extension page with no view of its own: the popup's page ran the popup's app beside this one, on the same
    // thread, and its render of every update came before this copy of it (the offer's arrival, timed by `npm run
    // bench`, was 15.6 ms at p50 there and 7.4–8.9 ms here; docs/architecture.md). The offscreen document's page
    // only plays the chime when the background asks it to.
    await page.goto(`chrome-extension://${EXTENSION_ID}/offscreen.html`);
    await page.evaluate(viewConnectionSource());
    await page.evaluate(() => {
      const win = window as PortWindow;
      const state = { latest: null as SessionSnapshot | null };
      // Timing probes for `npm run bench`: resolve with the arrival time of the first snapshot that matches.
      const waiters: Array<{ test: (snapshot: SessionSnapshot) => boolean; resolve: (at: number) => void }> = [];
      // Timestamps are compared across two browsers, so they must share a clock. performance.timeOrigin is
      // fixed per process from a coarse reading of the wall clock and can be milliseconds off another
      // process's; Date.now() reads the one system clock but only in whole milliseconds. So the fine clock
      // is pinned to the system clock at the instant Date.now() ticks over (median of five ticks).
      const offsets: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const start = Date.now();
        let now = start;
        while (now === start) now = Date.now();
        offsets.push(performance.timeOrigin + performance.now() - now);
      }
      const offset = offsets.sort((a, b) => a - b)[2]!;
      const clock = () => performance.timeOrigin + performance.now() - offset;
      // Baton's own connection, as a real view has it: the port, the direct lane where Chrome gives one, the
      // session once and then patches, and the reconnect after the worker is stopped (tests kill it).
      const connection = win.batonConnection!.connectToBackground((update) => {
        if (update.type !== 'session') return;
        state.latest = update.snapshot;
        const at = clock();
        for (const waiter of waiters.splice(0)) {
          if (waiter.test(update.snapshot)) waiter.resolve(at);
          else waiters.push(waiter);
        }
      });
      const asResult = (outcome: { ok: boolean; data?: unknown; error?: { code: string; message: string } }): CommandResult => ({
        ok: outcome.ok,
        ...(outcome.error ? { error: outcome.error } : {}),
        ...(outcome.data === undefined ? {} : { data: outcome.data }),
      });
      win.batonView = {
        get latest() {
          return state.latest;
        },
        whenChat(chatId, condition) {
          const test = (snapshot: SessionSnapshot) => {
            const chat = snapshot.chats.find((candidate) => candidate.chatId === chatId);
            return condition === 'offered' ? chat?.canRespond === true : chat?.myRole === condition;
          };
          return new Promise((resolve) => waiters.push({ test, resolve }));
        },
        sendTimed(command) {
          const sentAt = clock();
          void connection.send(command);
          return sentAt;
        },
        send: (command) => connection.send(command).then(asResult),
      };
    });
    this.page = page;
    return page;
  }

  async configure(agentId: string, hubPort = E2E_PORT): Promise<void> {
    await this.worker().evaluate(
      async ([port]) =>
        chrome.storage.local.set({
          connection: { tokenServiceUrl: `http://127.0.0.1:${port}`, realtimeEndpoint: '127.0.0.1', realtimePort: port, tls: false },
        }),
      [hubPort],
    );
    const result = await this.command({ type: 'sign-in', agentId });
    if (!result.ok) throw new Error(`sign-in failed: ${result.error?.message}`);
  }

  async command(command: Command): Promise<CommandResult> {
    const page = await this.view();
    return page.evaluate((cmd) => (window as PortWindow).batonView!.send(cmd), command);
  }

  /** Starts waiting (in the view) for a chat to reach a state; await the result for its arrival time. */
  async whenChat(chatId: string, condition: 'offered' | 'listening' | 'owner'): Promise<{ arrival: Promise<number> }> {
    const page = await this.view();
    const handle = await page.evaluateHandle(([id, what]) => ({ done: (window as PortWindow).batonView!.whenChat(id, what) }), [chatId, condition] as const);
    return { arrival: handle.evaluate((holder) => holder.done) };
  }

  /** Sends a command without waiting; returns the view's clock when it left. */
  async sendTimed(command: Command): Promise<number> {
    const page = await this.view();
    return page.evaluate((cmd) => (window as PortWindow).batonView!.sendTimed(cmd), command);
  }

  /** Round trips view → worker → view for a command the worker answers from memory, in the view's clock (ms). */
  async roundTrips(command: Command, count: number): Promise<number[]> {
    const page = await this.view();
    return page.evaluate(
      async ([cmd, n]) => {
        const times: number[] = [];
        for (let i = 0; i < n; i += 1) {
          const started = performance.now();
          await (window as PortWindow).batonView!.send(cmd);
          times.push(performance.now() - started);
        }
        return times;
      },
      [command, count] as const,
    );
  }

  async snapshot(): Promise<SessionSnapshot | null> {
    const page = await this.view();
    return page.evaluate(() => (window as PortWindow).batonView!.latest);
  }

  badge(): Promise<string> {
    return this.worker().evaluate(() => chrome.action.getBadgeText({}));
  }

  async dropCounts(): Promise<Record<string, number>> {
    const result = await this.command({ type: 'export-diagnostics' });
    const data = result.data as { drops?: Record<string, number> } | undefined;
    return data?.drops ?? {};
  }

  /**
   * Fires one of the worker's extension events with the browser's own dispatcher, so Baton's real listener runs: for
   * input headless Chromium cannot produce (the browser's handling of extension shortcut keys).
   */
  async dispatch(event: 'commands.onCommand', args: unknown[]): Promise<void> {
    await this.worker().evaluate(
      ([name, values]) => {
        // The same namespace Baton's background uses (@wxt-dev/browser).
        const scope = globalThis as unknown as { browser?: { runtime?: { id?: string } }; chrome: unknown };
        const api = (scope.browser?.runtime?.id ? scope.browser : scope.chrome) as Record<string, Record<string, { dispatch(...a: unknown[]): void }>>;
        const [area, key] = name.split('.') as [string, string];
        api[area]![key]!.dispatch(...values);
      },
      [event, args] as const,
    );
  }

  /**
   * A click on one of Baton's notices on screen: on its Accept or Reject button, or on the notice itself (''). Headless
   * Chromium shows notifications to no one, so the worker is handed the `notificationclick` event a click makes, for
   * the notification it really shows; Baton's own listener runs from there.
   */
  async clickNotice(id: string, action: 'accept' | 'reject' | ''): Promise<void> {
    await this.worker().evaluate(
      async ([tag, button]) => {
        type Scope = { registration: { getNotifications(filter: { tag: string }): Promise<Notification[]> }; dispatchEvent(event: Event): boolean };
        const scope = globalThis as unknown as Scope;
        const [notification] = await scope.registration.getNotifications({ tag });
        if (!notification) throw new Error(`no notification ${tag} is shown`);
        const NotificationEvent = (globalThis as unknown as { NotificationEvent: new (type: string, init: object) => Event }).NotificationEvent;
        scope.dispatchEvent(new NotificationEvent('notificationclick', { notification, action: button }));
      },
      [id, action] as const,
    );
  }

  /** Baton's notices on screen, as the browser holds them: id, title, text and buttons. */
  shownNotices(): Promise<Array<{ id: string; title: string; body: string; buttons: string[] }>> {
    return this.worker().evaluate(async () => {
      type Shown = { tag: string; title: string; body: string; actions: Array<{ title: string }> };
      const registration = (globalThis as unknown as { registration: { getNotifications(): Promise<Shown[]> } }).registration;
      return (await registration.getNotifications()).map((shown) => ({ id: shown.tag, title: shown.title, body: shown.body, buttons: shown.actions.map((action) => action.title) }));
    });
  }

  /** The ids of Baton's notices on screen, shown by either notification API. */
  async notifications(): Promise<string[]> {
    const web = (await this.shownNotices()).map((notice) => notice.id);
    return [...web, ...(await this.worker().evaluate(async () => Object.keys(await chrome.notifications.getAll())))];
  }
}
