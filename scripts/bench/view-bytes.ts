import type { Frame } from '@playwright/test';

interface CountedUpdate {
  type: string;
  bytes: number;
}

type CountingWindow = Window & {
  batonBenchUpdates?: CountedUpdate[];
  chrome: { runtime: { connect(info: { name: string }): { onMessage: { addListener(listener: (message: { type: string }) => void): void } } } };
};

/**
 * Opens one more view port from the frame (an extension page, so the background serves it as it serves the
 * sidebar) and records the UTF-8 size of each session update it is posted. Test-only; nothing of it ships.
 */
export async function countViewBytes(frame: Frame): Promise<void> {
  await frame.evaluate(async () => {
    const win = window as unknown as CountingWindow;
    const updates: CountedUpdate[] = (win.batonBenchUpdates = []);
    const encoder = new TextEncoder();
    const port = win.chrome.runtime.connect({ name: 'baton:view' });
    port.onMessage.addListener((message) => {
      if (message.type === 'session' || message.type === 'session-patch') updates.push({ type: message.type, bytes: encoder.encode(JSON.stringify(message)).length });
    });
    while (updates.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  });
}

/** The updates counted since the last call. */
export async function takeViewBytes(frame: Frame): Promise<CountedUpdate[]> {
  return frame.evaluate(() => (window as unknown as CountingWindow).batonBenchUpdates!.splice(0));
}
