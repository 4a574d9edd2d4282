import type { BrowserContext, Page, Worker } from '@playwright/test';
import type { SessionSnapshot } from '../../../lib/session/session-snapshot.ts';
import type { Command } from '../../../lib/messaging/commands.ts';
import { E2E_PORT, EXTENSION_ID } from './environment.ts';

type PortWindow = Window & {
  batonView?: {
    latest: SessionSnapshot | null;
    send(command: Command): Promise<{ ok: boolean; error?: { code: string; message: string } }>;
  };
};

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
    const worker = this.context.serviceWorkers().find((candidate) => candidate.url().startsWith(`chrome-extension://${EXTENSION_ID}/`));
    if (!worker) throw new Error('Baton service worker is not running');
    return worker;
  }

  async view(): Promise<Page> {
    if (this.page && !this.page.isClosed()) return this.page;
    const page = await this.context.newPage();
    await page.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
    await page.evaluate(() => {
      const win = window as PortWindow;
      const pending = new Map<number, (result: { ok: boolean; error?: { code: string; message: string } }) => void>();
      let nextId = 1;
      let port = chrome.runtime.connect({ name: 'baton:view' });
      const state = { latest: null as SessionSnapshot | null };
      const listen = () => {
        port.onMessage.addListener((message: { type: string; snapshot?: SessionSnapshot; id?: number; ok?: boolean }) => {
          if (message.type === 'session' && message.snapshot) state.latest = message.snapshot;
          if (message.type === 'command-result' && message.id !== undefined) {
            const { ok, error } = message as { ok: boolean; error?: { code: string; message: string } };
            pending.get(message.id)?.(error ? { ok, error } : { ok });
          }
        });
        // The worker may be stopped (tests kill it): reconnect like a real view.
        port.onDisconnect.addListener(() => {
          setTimeout(() => {
            port = chrome.runtime.connect({ name: 'baton:view' });
            listen();
          }, 100);
        });
      };
      listen();
      win.batonView = {
        get latest() {
          return state.latest;
        },
        send(command) {
          const id = nextId++;
          return new Promise((resolve) => {
            pending.set(id, resolve);
            port.postMessage({ type: 'command', id, command });
          });
        },
      };
    });
    this.page = page;
    return page;
  }

  async configure(agentId: string): Promise<void> {
    await this.worker().evaluate(
      async ([port]) =>
        chrome.storage.local.set({
          connection: { tokenServiceUrl: `http://127.0.0.1:${port}`, realtimeEndpoint: '127.0.0.1', realtimePort: port, tls: false },
        }),
      [E2E_PORT],
    );
    const result = await this.command({ type: 'sign-in', agentId });
    if (!result.ok) throw new Error(`sign-in failed: ${result.error?.message}`);
  }

  async command(command: Command): Promise<{ ok: boolean; error?: { code: string; message: string } }> {
    const page = await this.view();
    return page.evaluate((cmd) => (window as PortWindow).batonView!.send(cmd), command);
  }

  async snapshot(): Promise<SessionSnapshot | null> {
    const page = await this.view();
    return page.evaluate(() => (window as PortWindow).batonView!.latest);
  }

  badge(): Promise<string> {
    return this.worker().evaluate(() => chrome.action.getBadgeText({}));
  }

  notifications(): Promise<string[]> {
    return this.worker().evaluate(async () => Object.keys(await chrome.notifications.getAll()));
  }
}
