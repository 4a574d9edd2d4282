import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

// The widget is TypeScript that shares the chat core with the extension (lib/visitor, lib/chat), bundled for the
// browser once when the server starts (esbuild, a dev dependency of its own) and served from memory. ably-js
// resolves to its browser build through the package's export conditions (`platform: 'browser'`).

export const WIDGET_ENTRY = fileURLToPath(new URL('./widget.ts', import.meta.url));

export async function buildVisitorWidget(entry = WIDGET_ENTRY): Promise<{ js: string }> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const js = result.outputFiles[0]?.text;
  if (js === undefined) throw new Error('unable to build the visitor widget; esbuild wrote no output');
  return { js };
}
