import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

// Maps a URL path below a mount point to a file inside one folder, and nothing outside it. The URL
// parser already folds `..` and `%2e%2e` segments, but `%2f`, `%5c` and doubly-encoded forms survive
// it, so the decoded path is normalised again and the resolved file must still sit under the root.

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

export function contentTypeOf(file: string): string | undefined {
  return CONTENT_TYPES[path.extname(file).toLowerCase()];
}

/** The absolute file for `urlPath` (already stripped of the mount prefix), or undefined when it would leave `root`. */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  // Backslashes are separators on Windows; NUL truncates paths in some APIs; dotfiles are never assets.
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.includes('%')) return undefined;
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s.startsWith('.'))) return undefined;
  const absoluteRoot = path.resolve(root);
  const file = path.resolve(absoluteRoot, '.' + path.posix.normalize('/' + decoded));
  return file.startsWith(absoluteRoot + path.sep) ? file : undefined;
}

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/** Reads a regular file with a known content type; undefined for anything else (directories, unknown types, missing). */
export async function loadStaticFile(file: string): Promise<StaticFile | undefined> {
  const contentType = contentTypeOf(file);
  if (!contentType) return undefined;
  try {
    if (!(await stat(file)).isFile()) return undefined;
    return { body: await readFile(file), contentType };
  } catch {
    return undefined;
  }
}
