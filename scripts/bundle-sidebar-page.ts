import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSync, stop } from 'esbuild';
import type { BuildOutput } from 'wxt';

// The sidebar page as one script and one stylesheet. Vite builds Baton's pages together and splits what they share
// (Preact, the message tables, the messaging code) into shared chunks, so the sidebar page loaded three scripts and
// two stylesheets. In an extension frame each file is its own load through the browser process, with its own code
// cache lookup, and the page's module runs only when the last one is in (traced: docs/architecture.md, "The frame's
// wait"). The same code as one file, beside the split page in one bench run of 40 loads each, twice: p50 11–22 ms
// and p95 15–23 ms sooner. The popup and options keep the shared chunks; the sidebar is the page with a budget.

const MODULE_SCRIPT = /\s*<script type="module"[^>]*\ssrc="\/([^"]+\.js)"[^>]*><\/script>/;
const MODULE_PRELOAD = /\s*<link rel="modulepreload"[^>]*>/g;
const STYLESHEET = /\s*<link rel="stylesheet"[^>]*\shref="\/([^"]+\.css)"[^>]*>/g;

/** What the bundling changed in the output folder, as paths relative to it. */
export interface SidebarBundle {
  written: string[];
  removed: string[];
}

/** Rewrites the built `sidebar.html` in `outDir` to load `sidebar.js` and `sidebar.css`, each the page's whole. */
export function bundleSidebarPage(outDir: string): SidebarBundle {
  const htmlPath = path.join(outDir, 'sidebar.html');
  const html = readFileSync(htmlPath, 'utf8');
  const entry = MODULE_SCRIPT.exec(html)?.[1];
  const styles = [...html.matchAll(STYLESHEET)].map((match) => match[1]!);
  if (!entry || styles.length === 0) throw new Error('unable to bundle the sidebar page; sidebar.html has no module script or no stylesheet');
  buildSync({ entryPoints: [path.join(outDir, entry)], bundle: true, format: 'esm', minify: true, outfile: path.join(outDir, 'sidebar.js'), logLevel: 'warning' });
  // buildSync runs esbuild's service in a worker thread that outlives the call; nothing of it may keep the build's
  // process (or a test's) alive afterwards.
  void stop();
  writeFileSync(path.join(outDir, 'sidebar.css'), styles.map((file) => readFileSync(path.join(outDir, file), 'utf8')).join('\n'));
  const page = html
    .replace(MODULE_SCRIPT, '')
    .replace(MODULE_PRELOAD, '')
    .replace(STYLESHEET, '')
    .replace('</head>', '  <script type="module" src="/sidebar.js"></script>\n    <link rel="stylesheet" href="/sidebar.css">\n  </head>');
  writeFileSync(htmlPath, page);
  // What only the sidebar loaded goes; what another page still loads stays.
  const others = readdirSync(outDir)
    .filter((file) => file.endsWith('.html') && file !== 'sidebar.html')
    .map((file) => readFileSync(path.join(outDir, file), 'utf8'));
  const removed = [entry, ...styles].filter((file) => !others.some((other) => other.includes(`/${file}"`)));
  for (const file of removed) rmSync(path.join(outDir, file));
  return { written: ['sidebar.js', 'sidebar.css'], removed };
}

/**
 * WXT's build output after the bundling: its size summary (printed after `build:done`) lists the files the build
 * really left, instead of warning that it cannot stat the removed ones. WXT lets the hook update it in place.
 */
export function applySidebarBundle(output: BuildOutput, bundle: SidebarBundle): void {
  const removed = new Set(bundle.removed);
  for (const step of output.steps) step.chunks = step.chunks.filter((chunk) => !removed.has(chunk.fileName));
  output.publicAssets.push(...bundle.written.map((fileName) => ({ type: 'asset' as const, fileName })));
}
