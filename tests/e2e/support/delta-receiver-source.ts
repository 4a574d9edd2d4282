import { buildSync, stop } from 'esbuild';

let source: string | undefined;

/**
 * Baton's view-side patch receiver as a script for `page.evaluate` (window.batonDelta): the test's hand-made view
 * runs inside an extension page, where it cannot import modules, yet must apply patches exactly as views do.
 */
export function deltaReceiverSource(): string {
  source ??= buildSync({
    entryPoints: ['lib/messaging/view-delta-feed.ts'],
    bundle: true,
    format: 'iife',
    globalName: 'batonDelta',
    write: false,
    target: 'chrome116',
  }).outputFiles[0]!.text.replace(/^var batonDelta =/m, 'window.batonDelta =');
  // buildSync leaves esbuild's worker thread and its service process running; in CI they once kept the Firefox
  // suite's process from exiting after every test had passed (the run hit CI's time limit). Built once, so stop them.
  void stop();
  return source;
}
