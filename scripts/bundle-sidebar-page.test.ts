import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BuildOutput } from 'wxt';
import { applySidebarBundle, bundleSidebarPage } from './bundle-sidebar-page.ts';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A built extension as Vite leaves it: the sidebar shares a chunk and a stylesheet with the popup. */
function builtPages(): string {
  dir = mkdtempSync(path.join(tmpdir(), 'baton-sidebar-page-'));
  mkdirSync(path.join(dir, 'chunks'));
  mkdirSync(path.join(dir, 'assets'));
  const write = (file: string, text: string) => writeFileSync(path.join(dir, file), text);
  write('chunks/shared-B.js', 'export const greet = (name) => `Hello, ${name}`;\n');
  write('chunks/sidebar-A.js', "import { greet } from './shared-B.js';\ndocument.title = greet('sidebar');\n");
  write('assets/theme-C.css', ':root{--accent:#1d4ed8}\n');
  write('assets/sidebar-D.css', '.sidebar{display:flex}\n');
  write(
    'sidebar.html',
    '<!DOCTYPE html>\n<html lang="en">\n  <head>\n    <title>Baton</title>\n    <script async src="/sidebar-early.js"></script>\n' +
      '    <script type="module" crossorigin src="/chunks/sidebar-A.js"></script>\n    <link rel="modulepreload" crossorigin href="/chunks/shared-B.js">\n' +
      '    <link rel="stylesheet" crossorigin href="/assets/theme-C.css">\n    <link rel="stylesheet" crossorigin href="/assets/sidebar-D.css">\n  </head>\n  <body><div id="app"></div></body>\n</html>\n',
  );
  write('popup.html', '<script type="module" crossorigin src="/chunks/shared-B.js"></script><link rel="stylesheet" crossorigin href="/assets/theme-C.css">');
  return dir;
}

describe('bundleSidebarPage', () => {
  it('leaves the sidebar page one script and one stylesheet, with everything they replaced in them', () => {
    const out = builtPages();
    bundleSidebarPage(out);
    const html = readFileSync(path.join(out, 'sidebar.html'), 'utf8');
    expect([...html.matchAll(/(?:src|href)="\/([^"]+)"/g)].map((match) => match[1])).toEqual(['sidebar-early.js', 'sidebar.js', 'sidebar.css']);
    const script = readFileSync(path.join(out, 'sidebar.js'), 'utf8');
    expect(script).toContain('Hello, ');
    expect(script).not.toMatch(/\bimport\b/);
    expect(readFileSync(path.join(out, 'sidebar.css'), 'utf8')).toBe(':root{--accent:#1d4ed8}\n\n.sidebar{display:flex}\n');
  });

  it('removes what only the sidebar loaded and keeps what another page still loads', () => {
    const out = builtPages();
    bundleSidebarPage(out);
    expect(existsSync(path.join(out, 'chunks/sidebar-A.js'))).toBe(false);
    expect(existsSync(path.join(out, 'assets/sidebar-D.css'))).toBe(false);
    expect(existsSync(path.join(out, 'chunks/shared-B.js'))).toBe(true);
    expect(existsSync(path.join(out, 'assets/theme-C.css'))).toBe(true);
  });

  it("tells WXT's output what it wrote and removed, so the build summary lists the files really there", () => {
    const out = builtPages();
    const output = {
      manifest: { manifest_version: 3, name: 'Baton', version: '0.1.0' },
      publicAssets: [],
      steps: [
        {
          entrypoints: [],
          chunks: ['chunks/sidebar-A.js', 'chunks/shared-B.js', 'assets/theme-C.css', 'assets/sidebar-D.css'].map((fileName) => ({ type: 'chunk', fileName, moduleIds: [] })),
        },
      ],
    } as unknown as BuildOutput;
    applySidebarBundle(output, bundleSidebarPage(out));
    const listed = [...output.steps.flatMap((step) => step.chunks), ...output.publicAssets].map((file) => file.fileName);
    expect(listed.sort()).toEqual(['assets/theme-C.css', 'chunks/shared-B.js', 'sidebar.css', 'sidebar.js']);
    for (const file of listed) expect(existsSync(path.join(out, file)), file).toBe(true);
  });

  it('fails the build rather than ship a page it could not read', () => {
    const out = builtPages();
    writeFileSync(path.join(out, 'sidebar.html'), '<!DOCTYPE html><html><head></head><body></body></html>');
    expect(() => bundleSidebarPage(out)).toThrow(/no module script/);
  });
});
