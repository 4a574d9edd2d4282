import { buildSync } from 'esbuild';

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
  return source;
}
