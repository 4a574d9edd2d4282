import type { Frame } from '@playwright/test';

/** One user input as the page saw it: its event time, when its update was laid out, and when it was painted. */
export interface InputTiming {
  type: string;
  key: string;
  /** event.timeStamp: when the browser received the input (the page's clock). */
  at: number;
  /** After the input's handlers and the render they scheduled (a microtask), with layout forced. */
  laidOut: number | null;
  /** After the next frame that followed the input was painted. */
  painted: number | null;
}

type ProbeWindow = Window & { batonBenchInputs?: InputTiming[] };

/**
 * Records, in a frame, every trusted click and keydown with the time its result was laid
 * out and painted: input → next paint, the way a user feels it. Test-only, injected by
 * the bench; nothing of it ships. "Painted" is a message posted from the next
 * requestAnimationFrame, which runs after that frame's paint.
 */
export async function installPaintProbe(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    const win = window as ProbeWindow;
    if (win.batonBenchInputs) return;
    const inputs: InputTiming[] = (win.batonBenchInputs = []);
    const record = (event: Event) => {
      if (!event.isTrusted) return;
      const timing: InputTiming = { type: event.type, key: (event as KeyboardEvent).key ?? '', at: event.timeStamp, laidOut: null, painted: null };
      inputs.push(timing);
      // Laid out: right after the handlers of the event that changes state (the click, or the input
      // event a key produces), once the render they scheduled as a microtask has run; then layout.
      const settle = () => {
        if (timing.laidOut !== null) return;
        document.body.getBoundingClientRect();
        timing.laidOut = performance.now();
      };
      window.addEventListener(event.type === 'click' ? 'click' : 'input', () => queueMicrotask(settle), { once: true });
      setTimeout(settle, 0); // a key that types nothing (Enter)
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => (timing.painted = performance.now());
        channel.port2.postMessage(null);
      });
    };
    document.addEventListener('keydown', record, true);
    document.addEventListener('click', record, true);
  });
}

/** The inputs recorded since the last call, once each has been painted. */
export async function takeInputs(frame: Frame): Promise<InputTiming[]> {
  return frame.evaluate(async () => {
    const win = window as ProbeWindow;
    const inputs = win.batonBenchInputs ?? [];
    for (let tries = 0; tries < 500 && inputs.some((input) => input.painted === null || input.laidOut === null); tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return inputs.splice(0);
  });
}

type WatchWindow = Window & { batonPaintWatches?: Record<number, Promise<number>> };
let nextWatch = 0;

/** The time a watch armed in the frame resolved with (waiting for it if it has not yet). */
const takeWatch = (frame: Frame, id: number) => () =>
  frame.evaluate((key) => {
    const win = window as WatchWindow;
    const watch = win.batonPaintWatches![key]!;
    delete win.batonPaintWatches![key];
    return watch;
  }, id);

/**
 * Starts watching the frame for `selector` to match at least `count` elements (or, with `count` 0, none), then for
 * the frame after that to be painted; the function it returns gives that time. Armed *before* the input it times:
 * a watch set up after the input (one CDP round trip later) timed the round trip, not the paint; on a busy
 * machine that added tens of milliseconds to a message painted in the very next frame. Checked on DOM mutations
 * rather than on a 1 ms timer: polling `querySelectorAll` over 5,000 messages took the main thread from the very
 * render being timed.
 */
export async function watchPainted(frame: Frame, selector: string, count: number): Promise<() => Promise<number>> {
  const id = (nextWatch += 1);
  await frame.evaluate(
    ([css, least, key]) => {
      const win = window as WatchWindow;
      win.batonPaintWatches ??= {};
      win.batonPaintWatches[key] = new Promise<number>((resolve) => {
        const reached = () => (least === 0 ? document.querySelector(css) === null : document.querySelectorAll(css).length >= least);
        const afterPaint = () =>
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => resolve(performance.now());
            channel.port2.postMessage(null);
          });
        if (reached()) return afterPaint();
        const observer = new MutationObserver(() => {
          if (!reached()) return;
          observer.disconnect();
          afterPaint();
        });
        observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
      });
    },
    [selector, count, id] as const,
  );
  return takeWatch(frame, id);
}

/**
 * Like `watchPainted`, for an element matching `selector` being *added*: the mutation records' added nodes are
 * checked, never the document. Counting 5,000 messages with `querySelectorAll` on every mutation cost the main
 * thread a millisecond or more inside the very frame being timed (the send's row, its composer and status all
 * mutate in it); this costs what was added.
 */
export async function watchAdded(frame: Frame, selector: string): Promise<() => Promise<number>> {
  const id = (nextWatch += 1);
  await frame.evaluate(
    ([css, key]) => {
      const win = window as WatchWindow;
      win.batonPaintWatches ??= {};
      win.batonPaintWatches[key] = new Promise<number>((resolve) => {
        const matches = (node: Node) => node instanceof Element && (node.matches(css) || node.querySelector(css) !== null);
        const observer = new MutationObserver((records) => {
          if (!records.some((record) => [...record.addedNodes].some(matches))) return;
          observer.disconnect();
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => resolve(performance.now());
            channel.port2.postMessage(null);
          });
        });
        observer.observe(document.body, { childList: true, subtree: true });
      });
    },
    [selector, id] as const,
  );
  return takeWatch(frame, id);
}

/** Waits in the frame until `selector` matches at least `count` elements, then until the frame after it was painted; returns that time. */
export async function paintedWhen(frame: Frame, selector: string, count = 1): Promise<number> {
  return (await watchPainted(frame, selector, Math.max(1, count)))();
}

/** Waits in the frame until nothing matches `selector`, then until the frame after it was painted; returns that time. */
export async function paintedWhenGone(frame: Frame, selector: string): Promise<number> {
  return (await watchPainted(frame, selector, 0))();
}

export interface FrameTimes {
  /** Time between consecutive animation frames while scrolling. */
  deltas: number[];
  scrolledPx: number;
}

/**
 * Scrolls the element top ↔ bottom from requestAnimationFrame for `durationMs` (bottom → top →
 * bottom as a triangle, as a chat opens at its bottom) and records every frame's duration.
 */
export async function scrollFrameTimes(frame: Frame, selector: string, durationMs: number): Promise<FrameTimes> {
  return frame.evaluate(
    ([css, duration]) =>
      new Promise<FrameTimes>((resolve, reject) => {
        const element = document.querySelector(css);
        if (!element) return reject(new Error(`nothing matches ${css}`));
        const range = element.scrollHeight - element.clientHeight;
        const deltas: number[] = [];
        let start: number | undefined;
        let last = 0;
        let scrolledPx = 0;
        const step = (now: number) => {
          if (start === undefined) start = now;
          else deltas.push(now - last);
          last = now;
          const progress = (now - start) / duration;
          if (progress >= 1) return resolve({ deltas, scrolledPx });
          const fromBottom = progress < 0.5 ? progress * 2 : 2 - progress * 2;
          const before = element.scrollTop;
          element.scrollTop = (1 - fromBottom) * range;
          scrolledPx += Math.abs(element.scrollTop - before);
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
    [selector, durationMs] as const,
  );
}
