import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWidget } from '../../../scripts/widget-build.ts';
import { sendJson, sendText } from '../../lib/http.ts';
import { silentLogger, type Logger } from '../../lib/log.ts';
import { loadStaticFile, resolveInside } from '../static-files.ts';

// Two things on the local server (docs/widget.md):
// 1. The website widget, as the token service's host serves it to any site:
//   /widget/baton-widget.js       the launcher (built once at start, scripts/widget-build.ts, served from memory)
//   /widget/baton-widget-chat.js  the chat, imported by the launcher on open (a module: CORS `*`)
//   /widget/agents                [{ id, name }] of the roster, for "You are chatting with <name>" (names only)
// 2. "Nordlys Software – Support", an ordinary customer website that embeds the widget with one tag, under a strict
//    CSP that names exactly the widget's origin (the same entries docs/widget.md gives website owners):
//   /visit → 302 /visit/;  /visit/<page>.html, /visit/da/… → public/…;  /visit/assets/<file> → public/assets/<file>
// Anything else under /visit/ or /widget/ is a 404 answered here; anything outside them is left to the caller.

export interface VisitorHandlerOptions {
  logger?: Logger;
  /** Agents whose names the widget may show; defaults to the demo roster. Roles are never passed on. */
  agents?: readonly { id: string; name: string }[];
  /** Folder holding the site's pages and assets/; tests point it elsewhere. */
  publicDir?: string;
  /** The widget's files by name; tests inject a stub to skip esbuild. */
  build?: () => Promise<Record<string, string>>;
  /** This server's own origin (token service, hub, widget host), known once it listens; the pages embed it. */
  batonOrigin?: () => string;
}

export type VisitorRequestHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DEMO_ROSTER = path.join(HERE, '..', '..', 'token-service', 'demo-roster.json');
const SITE = '/visit/';
const WIDGET = '/widget/';

/**
 * The customer site's CSP: no inline script or style; the widget's script and its connections only from Baton's
 * origin (http for the script, the token service and names; ws for the hub). With Ably instead of the local hub,
 * connect-src names Ably's endpoints instead of ws: (docs/widget.md).
 */
export function visitorCsp(baton: string): string {
  const ws = baton.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    `script-src 'self' ${baton}`,
    "style-src 'self'",
    `img-src 'self' data: ${baton}`,
    `connect-src 'self' ${baton} ${ws}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
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
  const agents = (options.agents ?? demoRosterNames()).map(({ id, name }) => ({ id, name }));
  const batonOrigin = options.batonOrigin ?? (() => 'http://127.0.0.1:8377');
  // Built once, now, so the first visitor does not wait; a failed build is logged and answered with 500s.
  const bundle: Promise<Record<string, string> | undefined> = (options.build ?? buildWidget)().catch((error: unknown) => {
    logger.error('widget_build_failed', { error: String(error) });
    return undefined;
  });

  const pageHeaders = (contentType: string, cacheable: boolean) => ({
    'content-type': contentType,
    'cache-control': cacheable ? 'no-cache' : 'no-store',
    'content-security-policy': visitorCsp(batonOrigin()),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
  });

  const serveFile = (res: ServerResponse, file: string | undefined) => {
    if (file === undefined) return sendText(res, 404, 'Not found\n');
    loadStaticFile(file).then(
      (loaded) => {
        if (!loaded) return sendText(res, 404, 'Not found\n');
        const html = loaded.contentType.startsWith('text/html');
        // The page names Baton's origin in its one script tag; the server fills in its own (port and all).
        const body = html ? loaded.body.toString('utf8').replaceAll('{{BATON}}', batonOrigin()).replaceAll('{{BATON_WS}}', batonOrigin().replace(/^http/, 'ws')) : loaded.body;
        res.writeHead(200, pageHeaders(loaded.contentType, !html)).end(body);
      },
      (error: unknown) => {
        logger.error('static_failed', { file, error: String(error) });
        sendText(res, 500, 'Internal error\n');
      },
    );
  };

  const serveWidget = (res: ServerResponse, name: string) => {
    void bundle.then((files) => {
      if (!files) return sendText(res, 500, 'The chat widget is unavailable; see the server log\n');
      const js = files[name];
      if (js === undefined) return sendText(res, 404, 'Not found\n');
      // Any site may load it; the chat chunk is a module, which browsers fetch with CORS.
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache', 'access-control-allow-origin': '*', 'x-content-type-options': 'nosniff' }).end(js);
    });
  };

  const notGet = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' || req.method === 'HEAD') return false;
    res.setHeader('allow', 'GET, HEAD');
    sendText(res, 405, 'Method not allowed\n');
    return true;
  };

  return (req, res) => {
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://visit.invalid').pathname;
    } catch {
      return false;
    }
    if (pathname === '/visit') {
      res.writeHead(302, { location: SITE, 'cache-control': 'no-store' }).end();
      return true;
    }
    if (pathname.startsWith(WIDGET)) {
      if (notGet(req, res)) return true;
      const name = pathname.slice(WIDGET.length);
      if (name === 'agents') sendJson(res, 200, agents, { 'access-control-allow-origin': '*' });
      else serveWidget(res, name);
      return true;
    }
    if (!pathname.startsWith(SITE)) return false;
    if (notGet(req, res)) return true;
    const inside = pathname.slice(SITE.length);
    const page = inside === '' || inside.endsWith('/') ? `${inside}index.html` : inside;
    serveFile(res, page.startsWith('assets/') || page.endsWith('.html') ? resolveInside(publicDir, page) : undefined);
    return true;
  };
}
