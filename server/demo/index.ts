import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sendJson, sendText } from '../lib/http.ts';
import { silentLogger, type Logger } from '../lib/log.ts';
import { API_PREFIX, handleApi } from './demo-api.ts';
import { createPersistedDemoStore } from './demo-persistence.ts';
import { createDemoStore, type DemoStore } from './demo-store.ts';
import { loadStaticFile, resolveInside } from './static-files.ts';
import { pageHeaders } from './security-headers.ts';
import { createSuperOfficeStandIn, SO_API_PREFIX, XSRF_COOKIE } from './superoffice-api.ts';
import type { StandInApp } from './superoffice-sign-in.ts';
import { createSeed } from './seed-data.ts';

// The demo CRM ("Nordlys CRM"): a single-page web client shaped like SuperOffice's, where every
// `/crm/default.aspx?<view>&<id>` deep link gets the same HTML shell and the page routes in the browser.
//   /                     → 302 /crm/
//   /crm, /crm/           → the shell (as does /crm/default.aspx with any query)
//   /crm/assets/<file>    → server/demo/public/assets/<file>
//   /crm/api/v1/...       → the SuperOffice WebAPI subset (superoffice-api.ts), for Baton's SuperOffice adapter
//   /crm/login/common/oauth/tokens, /crm/api/state/<ctx> → the stand-in's app sign-in (superoffice-sign-in.ts)
//   /crm/__test/superoffice-faults → the stand-in's fault switch for tests (superoffice-faults.ts)
//   /crm/api/...          → JSON API (demo-api.ts)
// Anything else under /crm/ is a 404 answered here; anything outside it is left to the caller.

export interface DemoHandlerOptions {
  /** A ready store (tests); when given, dataDir is not used. */
  store?: DemoStore;
  /**
   * Folder to keep the CRM's changes in between runs (`<dataDir>/demo-crm.json`, see demo-persistence.ts); the
   * local server passes its `--data` folder. Without it the CRM lives in memory and starts from the seed.
   */
  dataDir?: string;
  /** How long writes to dataDir wait to gather a burst of changes; tests shorten it. */
  persistDebounceMs?: number;
  logger?: Logger;
  /** Folder holding index.html and assets/; tests point it elsewhere. */
  publicDir?: string;
  /** The app the SuperOffice stand-in signs in for the `oauth` mode; a fresh random one when absent. */
  superOfficeApp?: StandInApp;
}

export interface DemoRequestHandler {
  (req: IncomingMessage, res: ServerResponse): boolean;
  /** Resolves when every change so far is on disk (immediately without a dataDir). */
  flush(): Promise<void>;
  /** Flushes; call when the server stops. */
  close(): Promise<void>;
}

const DEFAULT_PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');
const SHELL_PATHS = new Set(['/crm/', '/crm/default.aspx', '/crm/index.html']);
const ASSETS_PREFIX = '/crm/assets/';

export function createDemoRequestHandler(options: DemoHandlerOptions = {}): DemoRequestHandler {
  const logger = options.logger ?? silentLogger.child('demo');
  const persisted =
    options.store === undefined && options.dataDir !== undefined
      ? createPersistedDemoStore({
          seed: createSeed(),
          dataDir: options.dataDir,
          logger,
          ...(options.persistDebounceMs !== undefined ? { debounceMs: options.persistDebounceMs } : {}),
        })
      : undefined;
  const store: DemoStore = options.store ?? persisted ?? createDemoStore(createSeed());
  const publicDir = options.publicDir ?? DEFAULT_PUBLIC_DIR;
  const assetsDir = path.join(publicDir, 'assets');
  const superOffice = createSuperOfficeStandIn(store, options.superOfficeApp ? { app: options.superOfficeApp } : {});

  const serveFile = (req: IncomingMessage, res: ServerResponse, file: string | undefined, isShell: boolean) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return sendText(res, 405, 'Method not allowed\n');
    }
    if (file === undefined) return sendText(res, 404, 'Not found\n');
    loadStaticFile(file).then(
      (loaded) => {
        if (!loaded) return sendText(res, 404, 'Not found\n');
        // The shell signs the browser in, as SuperOffice's web client does: the XSRF token the WebAPI wants back.
        const signIn = isShell ? { 'set-cookie': `${XSRF_COOKIE}=${superOffice.xsrfToken}; Path=/crm/; SameSite=Strict` } : {};
        res.writeHead(200, { ...pageHeaders(loaded.contentType, !isShell), ...signIn });
        res.end(loaded.body);
      },
      (error: unknown) => {
        logger.error('static_failed', { file, error: String(error) });
        sendText(res, 500, 'Internal error\n');
      },
    );
  };

  const handle = (req: IncomingMessage, res: ServerResponse): boolean => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://demo.invalid');
    } catch {
      return false;
    }
    const { pathname } = url;
    if (pathname === '/' || pathname === '/crm') {
      res.writeHead(302, { location: '/crm/', 'cache-control': 'no-store' }).end();
      return true;
    }
    if (!pathname.startsWith('/crm/')) return false;

    try {
      if (superOffice.signIn.handle(req, res, pathname) || superOffice.faults.handle(req, res, pathname)) return true;
      if (SHELL_PATHS.has(pathname)) serveFile(req, res, path.join(publicDir, 'index.html'), true);
      else if (pathname.startsWith(ASSETS_PREFIX)) serveFile(req, res, resolveInside(assetsDir, pathname.slice(ASSETS_PREFIX.length)), false);
      else if (pathname.startsWith(SO_API_PREFIX)) superOffice.handle(req, res, url)?.catch((error: unknown) => fail(res, pathname, error));
      else if (pathname.startsWith(API_PREFIX)) handleApi(req, res, url, store)?.catch((error: unknown) => fail(res, pathname, error));
      else sendText(res, 404, 'Not found\n');
    } catch (error) {
      fail(res, pathname, error);
    }
    return true;
  };

  const fail = (res: ServerResponse, pathname: string, error: unknown) => {
    logger.error('demo_failed', { path: pathname, error: String(error) });
    if (!res.headersSent) sendJson(res, 500, { error: { code: 'internal', message: 'unable to answer; internal error' } });
    else res.destroy();
  };

  return Object.assign(handle, {
    flush: () => persisted?.flush() ?? Promise.resolve(),
    close: () => persisted?.close() ?? Promise.resolve(),
  });
}
