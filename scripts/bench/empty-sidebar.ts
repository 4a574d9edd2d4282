import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EXTENSION_DIR } from '../local-stack.ts';

/**
 * The built extension with an empty sidebar page: same manifest (web-accessible with Chrome's dynamic URL), same
 * content script placing the same frame, but the page only sets the two marks the start-up rows read. What the
 * browser costs to place, navigate and commit an extension frame in a CRM page, measured beside Baton's own start
 * in the same run: the floor under "content script start → sidebar usable" that no sidebar code can go below.
 * A throwaway copy for the bench; nothing of it ships.
 */
export function emptySidebarExtension(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'baton-empty-sidebar-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'sidebar.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Baton</title><script type="module" src="/empty-sidebar.js"></script></head><body><main>Baton</main></body></html>',
  );
  // An extension page may run no inline script (the extension pages' CSP), so the marks come from a file.
  writeFileSync(path.join(dir, 'empty-sidebar.js'), "performance.mark('baton:usable');\nperformance.mark('baton:session-shown');\n");
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
