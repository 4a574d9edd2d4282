import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchRow } from './report.ts';

const KB = 1024;

function gzipped(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

/** The scripts and styles an HTML entrypoint loads, as the browser would fetch them. */
function pageAssets(dir: string, html: string): string[] {
  const source = readFileSync(path.join(dir, html), 'utf8');
  const references = [...source.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((match) => match[1]!);
  return references.map((reference) => path.join(dir, reference));
}

export function measureExtensionSizes(dir: string): BenchRow[] {
  const contentScripts = readdirSync(path.join(dir, 'content-scripts')).map((file) => path.join(dir, 'content-scripts', file));
  const contentGz = contentScripts.reduce((sum, file) => sum + gzipped(file), 0);
  const sidebarGz = pageAssets(dir, 'sidebar.html').reduce((sum, file) => sum + gzipped(file), 0);
  const background = readFileSync(path.join(dir, 'background.js')).length;
  return [
    { metric: 'content script, gzipped', baton: contentGz / KB, unit: 'KB', budget: 5 },
    { metric: 'sidebar page (JS+CSS), gzipped', baton: sidebarGz / KB, unit: 'KB', budget: 40 },
    // Its budget is now what the size stood for: cold worker start → served command (cold-start.ts, docs/architecture.md).
    { metric: 'background bundle, minified', baton: background / KB, unit: 'KB', note: 'no size budget: see cold worker start → served command' },
  ];
}
