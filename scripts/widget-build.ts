import { build, type BuildOptions } from 'esbuild';
import { fileURLToPath } from 'node:url';

// The website widget's two files (docs/widget.md): baton-widget.js, the launcher every page view loads (a classic
// script, so a plain `<script src async>` works), and baton-widget-chat.js, the chat with ably-js, an ES module the
// launcher imports on open. esbuild (already here for vite and tsx) rather than a vite library build: two entries
// with different output formats and no HTML are one call each, and it runs in well under a second, so the local
// server can build them at start as well. ably-js resolves to its browser build through `platform: 'browser'`.

export const WIDGET_FILES = { launcher: 'baton-widget.js', chat: 'baton-widget-chat.js' } as const;

const LOADER = fileURLToPath(new URL('../lib/widget/loader.ts', import.meta.url));
const CHAT = fileURLToPath(new URL('../lib/widget/chat-panel.ts', import.meta.url));

const common: BuildOptions = {
  bundle: true,
  write: false,
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  logLevel: 'silent',
  charset: 'utf8',
};

async function one(entry: string, format: 'iife' | 'esm'): Promise<string> {
  const result = await build({ ...common, entryPoints: [entry], format });
  const js = result.outputFiles?.[0]?.text;
  if (js === undefined) throw new Error(`unable to build the chat widget; esbuild wrote nothing for ${entry}`);
  return js;
}

/** Both files, in memory: `{ 'baton-widget.js': …, 'baton-widget-chat.js': … }`. */
export async function buildWidget(): Promise<Record<string, string>> {
  const [launcher, chat] = await Promise.all([one(LOADER, 'iife'), one(CHAT, 'esm')]);
  return { [WIDGET_FILES.launcher]: launcher, [WIDGET_FILES.chat]: chat };
}
