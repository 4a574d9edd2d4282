// Code that tests run inside the extension (page.evaluate, worker.evaluate) sees the
// `chrome` extension API; this gives it the same types Baton's own code uses.
import type { browser } from '@wxt-dev/browser';

declare global {
  const chrome: typeof browser;
}
