import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';

// The sidebar page as one script and one stylesheet. Vite builds Baton's pages together and splits what they share
// (Preact, the message tables, the messaging code) into shared chunks, so the sidebar page loaded three scripts and
// two stylesheets. In an extension frame each file is its own load through the browser process, with its own code
// cache lookup, and the page's module runs only when the last one is in (traced: docs/architecture.md, "The frame's
// wait"). The same code as one file, beside the split page in one bench run of 40 loads each, twice: p50 11–22 ms
// and p95 15–23 ms sooner. The popup and options keep the shared chunks; the sidebar is the page with a budget.

const MODULE_SCRIPT = /\s*<script type="module"[^>]*\ssrc="\/([^"]+\.js)"[^>]*><\/script>/;
const MODULE_PRELOAD = /\s*<link rel="modulepreload"[^>]*>/g;
const STYLESHEET = /\s*<link rel="stylesheet"[^>]*\shref="\/([^"]+\.css)"[^>]*>/g;

/** Rewrites the built `sidebar.html` in `outDir` to load `sidebar.js` and `sidebar.css`, each the page's whole. */
export function bundleSidebarPage(outDir: string): void {
  const htmlPath = path.join(outDir, 'sidebar.html');
  const html = readFileSync(htmlPath, 'utf8');
  const entry = MODULE_SCRIPT.exec(html)?.[1];
  const styles = [...html.matchAll(STYLESHEET)].map((match) => match[1]!);
  if (!entry || styles.length === 0) throw new Error('unable to bundle the sidebar page; sidebar.html has no module script or no stylesheet');
  // buildSync: a one-off esbuild process, so nothing of it outlives the build (the async API keeps a service running).
  buildSync({ entryPoints: [path.join(outDir, entry)], bundle: true, format: 'esm', minify: true, outfile: path.join(outDir, 'sidebar.js'), logLevel: 'warning' });
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
  for (const file of [entry, ...styles]) {
    if (!others.some((other) => other.includes(`/${file}"`))) rmSync(path.join(outDir, file));
  }
}
