import { launchAgent } from '../../tests/e2e/support/agents.ts';
import { EXTENSION_ID } from '../../tests/e2e/support/environment.ts';
import { percentile, type BenchRow } from './report.ts';

/** What the background bundle's size budget stood for (docs/architecture.md §Budgets): a stopped worker serving a view. */
const COLD_START_BUDGET_MS = 100;

type ExtensionWindow = Window & {
  chrome: {
    runtime: {
      connect(info: { name: string }): {
        onMessage: { addListener(listener: (message: { type: string; id?: number }) => void): void };
        postMessage(message: unknown): void;
        disconnect(): void;
      };
    };
  };
};

/**
 * Cold worker start → served command: the worker is stopped as Chrome stops an idle one, then a view connects
 * (which starts it: the bundle is fetched, parsed and run, and its listeners registered) and sends a command;
 * timed in the view until the answer. The page is the extension's offscreen page opened in a tab: it has the
 * extension's APIs but opens no port of its own, so nothing wakes the worker before the clock starts.
 */
export async function measureColdStart(port: number, rounds = 12): Promise<BenchRow[]> {
  const agent = await launchAgent('carla', port);
  const served: number[] = [];
  try {
    for (let round = 0; round < rounds + 1; round += 1) {
      await agent.stopWorker();
      const page = await agent.context.newPage();
      await page.goto(`chrome-extension://${EXTENSION_ID}/offscreen.html`);
      if (await agent.workerRunning()) throw new Error('the worker started before the measurement');
      const times = await page.evaluate(
        () =>
          new Promise<{ served: number; update: number }>((resolve) => {
            const start = performance.now();
            const times = { served: 0, update: 0 };
            const view = (window as unknown as ExtensionWindow).chrome.runtime.connect({ name: 'baton:view' });
            view.onMessage.addListener((message) => {
              if (message.type === 'session' && times.update === 0) times.update = performance.now() - start;
              if (message.type === 'command-result' && message.id === 1) times.served = performance.now() - start;
              if (times.served > 0 && times.update > 0) {
                view.disconnect();
                resolve(times);
              }
            });
            view.postMessage({ type: 'command', id: 1, command: { type: 'export-diagnostics' } });
          }),
      );
      await page.close();
      if (round === 0) continue; // the first start also warms the disk cache
      served.push(times.served);
    }
  } finally {
    await agent.context.close();
  }
  return [
    { metric: 'cold worker start → served command, p50', baton: percentile(served, 50), unit: 'ms', note: `${served.length} starts; replaces the bundle-size budget (docs/architecture.md)` },
    { metric: 'cold worker start → served command, p95', baton: percentile(served, 95), unit: 'ms', budget: COLD_START_BUDGET_MS },
  ];
}
