import { buildSync, stop } from 'esbuild';

let source: string | undefined;

/**
 * Baton's own view connection (lib/messaging/view-connection.ts: the runtime port, the direct lane, the patch
 * receiver) as a script for `page.evaluate` (window.batonConnection): the test's hand-made view runs inside an
 * extension page, where it cannot import modules, yet must talk to the worker exactly as views do.
 */
export function viewConnectionSource(): string {
  source ??= buildSync({
    stdin: { contents: "export { connectToBackground } from './lib/messaging/view-connection.ts';", resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    format: 'iife',
    globalName: 'batonConnection',
    write: false,
    target: 'chrome116',
  }).outputFiles[0]!.text.replace(/^var batonConnection =/m, 'window.batonConnection =');
  // buildSync leaves esbuild's worker thread and its service process running; in CI they once kept the Firefox
  // suite's process from exiting after every test had passed (the run hit CI's time limit). Built once, so stop them.
  void stop();
  return source;
}
