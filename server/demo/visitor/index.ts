import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sendJson, sendText } from '../../lib/http.ts';
import { silentLogger, type Logger } from '../../lib/log.ts';
import { loadStaticFile, resolveInside } from '../static-files.ts';
import { buildVisitorWidget } from './build.ts';

// The customer's website with Baton's chat widget ("Nordlys Software – Support"), for the demo and the e2e tests.
//   /visit                → 302 /visit/
//   /visit/               → the page (public/index.html)
//   /visit/widget.js      → the widget, bundled once at start (build.ts) and served from memory
//   /visit/assets/<file>  → public/assets/<file>
//   /visit/api/agents     → [{ id, name }] of the roster, for "You are chatting with <name>" (names only, no roles)
// Anything else under /visit/ is a 404 answered here; anything outside it is left to the caller.

export interface VisitorHandlerOptions {
  logger?: Logger;
  /** Agents whose names the widget may show; defaults to the demo roster. Roles are never passed on. */
  agents?: readonly { id: string; name: string }[];
  /** Folder holding index.html and assets/; tests point it elsewhere. */
  publicDir?: string;
  /** The widget bundle; tests inject a stub to skip esbuild. */
  build?: () => Promise<{ js: string }>;
}

export type VisitorRequestHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DEMO_ROSTER = path.join(HERE, '..', '..', 'token-service', 'demo-roster.json');
const PREFIX = '/visit/';
const ASSETS_PREFIX = '/visit/assets/';

// The hub and token service are this server, but the page may be opened as localhost or 127.0.0.1, and CSP 'self'
// does not cover ws: in every browser, so loopback WebSocket and HTTP origins are named. No inline script or style.
export const VISITOR_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self' ws://127.0.0.1:* http://127.0.0.1:* ws://localhost:* http://localhost:*",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

function headers(contentType: string, cacheable: boolean): Record<string, string> {
  return {
    'content-type': contentType,
    'cache-control': cacheable ? 'no-cache' : 'no-store',
    'content-security-policy': VISITOR_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
  };
}

function demoRosterNames(): { id: string; name: string }[] {
  try {
    const parsed: unknown = JSON.parse(readFileSync(DEMO_ROSTER, 'utf8'));
    const agents = parsed !== null && typeof parsed === 'object' ? (parsed as { agents?: unknown }).agents : undefined;
    return Array.isArray(agents) ? agents.filter((a): a is { id: string; name: string } => typeof a?.id === 'string' && typeof a?.name === 'string') : [];
  } catch {
    return [];
  }
}

export function createVisitorRequestHandler(options: VisitorHandlerOptions = {}): VisitorRequestHandler {
  const logger = options.logger ?? silentLogger.child('visitor');
  const publicDir = options.publicDir ?? path.join(HERE, 'public');
  const assetsDir = path.join(publicDir, 'assets');
  const agents = (options.agents ?? demoRosterNames()).map(({ id, name }) => ({ id, name }));
  // Built once, now, so the first visitor does not wait; a failed build is logged and answered with 500s.
  const bundle: Promise<{ js: string } | undefined> = (options.build ?? buildVisitorWidget)().catch((error: unknown) => {
    logger.error('widget_build_failed', { error: String(error) });
    return undefined;
  });

  const serveFile = (res: ServerResponse, file: string | undefined, cacheable: boolean) => {
    if (file === undefined) return sendText(res, 404, 'Not found\n');
    loadStaticFile(file).then(
      (loaded) => {
        if (!loaded) return sendText(res, 404, 'Not found\n');
        res.writeHead(200, headers(loaded.contentType, cacheable)).end(loaded.body);
      },
      (error: unknown) => {
        logger.error('static_failed', { file, error: String(error) });
        sendText(res, 500, 'Internal error\n');
      },
    );
  };

  const serveWidget = (res: ServerResponse) => {
    void bundle.then((built) => {
      if (!built) return sendText(res, 500, 'The chat widget is unavailable; see the server log\n');
      res.writeHead(200, headers('text/javascript; charset=utf-8', true)).end(built.js);
    });
  };

  return (req, res) => {
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://visit.invalid').pathname;
    } catch {
      return false;
    }
    if (pathname === '/visit') {
      res.writeHead(302, { location: PREFIX, 'cache-control': 'no-store' }).end();
      return true;
    }
    if (!pathname.startsWith(PREFIX)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      sendText(res, 405, 'Method not allowed\n');
      return true;
    }
    if (pathname === PREFIX || pathname === '/visit/index.html') serveFile(res, path.join(publicDir, 'index.html'), false);
    else if (pathname === '/visit/widget.js') serveWidget(res);
    else if (pathname === '/visit/api/agents') sendJson(res, 200, agents);
    else if (pathname.startsWith(ASSETS_PREFIX)) serveFile(res, resolveInside(assetsDir, pathname.slice(ASSETS_PREFIX.length)), true);
    else sendText(res, 404, 'Not found\n');
    return true;
  };
}
