import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWidget } from '../../../scripts/widget-build.ts';
import { createVisitorRequestHandler, visitorCsp } from './index.ts';

// The visitor page's handler on a real loopback server (with a stub bundle), and the real bundle built once.

let server: Server;
let base: string;

beforeAll(async () => {
  const handle = createVisitorRequestHandler({
    agents: [
      { id: 'alice', name: 'Alice Andersen' },
      { id: 'mia', name: 'Mia Madsen', role: 'manager' } as { id: string; name: string },
    ],
    build: () => Promise.resolve({ 'baton-widget.js': 'console.log("widget");' }),
    batonOrigin: () => 'http://127.0.0.1:8377',
  });
  server = createServer((req, res) => {
    if (!handle(req, res)) res.writeHead(418, { 'content-type': 'text/plain' }).end('not mine');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends the path byte for byte; fetch() would normalise `..` and `%2e` away before the server sees them. */
function raw(path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the visitor page', () => {
  it.each(['/visit/', '/visit/index.html', '/visit/pricing.html', '/visit/da/', '/visit/da/priser.html', '/visit/code.html'])('serves the page for %s under a strict CSP', async (path) => {
    const res = await fetch(base + path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(visitorCsp('http://127.0.0.1:8377'));
    expect(csp).toContain("script-src 'self' http://127.0.0.1:8377;");
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:8377 ws://127.0.0.1:8377;");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('*');
    const html = await res.text();
    // One tag, with Baton's origin filled in by the server.
    expect(html).toMatch(/<script src="http:\/\/127\.0\.0\.1:8377\/widget\/baton-widget\.js" (async|defer)/);
    expect(html).not.toContain('{{');
    // No inline script: every <script> has a src.
    expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g)).toBeNull();
  });

  it('redirects /visit to /visit/', async () => {
    const res = await fetch(`${base}/visit`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/visit/');
  });

  it('serves the widget to any site as JavaScript', async () => {
    const res = await fetch(`${base}/widget/baton-widget.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.text()).toBe('console.log("widget");');
    expect((await fetch(`${base}/widget/other.js`)).status).toBe(404);
  });

  it.each([
    ['/visit/assets/site.css', 'text/css; charset=utf-8'],
    ['/visit/assets/logo.svg', 'image/svg+xml'],
  ])('serves %s as %s', async (path, type) => {
    const res = await fetch(base + path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
  });

  it('lists agents by name only, never their roles', async () => {
    const res = await fetch(`${base}/widget/agents`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([
      { id: 'alice', name: 'Alice Andersen' },
      { id: 'mia', name: 'Mia Madsen' },
    ]);
  });

  it.each([
    '/visit/assets/../index.ts',
    '/visit/assets/..%2f..%2findex.ts',
    '/visit/assets/..%2f..%2f..%2ftoken-service%2fdemo-roster.json',
    '/visit/assets/..%5c..%5cindex.ts',
    '/visit/assets/%252e%252e%252findex.ts',
    '/visit/assets/.hidden.css',
    '/visit/assets/',
    '/visit/widget.ts',
    '/visit/nothing-here',
    '/widget/..%2findex.ts',
  ])('answers 404 for %s and shows no source', async (path) => {
    const res = await raw(path);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('import ');
    expect(res.body).not.toContain('"agents"');
  });

  it.each(['/visit/assets/%2e%2e/%2e%2e/build.ts', '/visit/../server/demo/visitor/index.ts', '/visit/assets/../../../token-service/demo-roster.json'])(
    'leaves %s to the next handler once `..` folds it out of /visit/',
    async (path) => {
      const res = await raw(path);
      expect(res.status).toBe(418);
      expect(res.body).toBe('not mine');
    },
  );

  it('refuses methods other than GET and HEAD', async () => {
    const res = await raw('/visit/', 'POST');
    expect(res.status).toBe(405);
    expect(res.headers['allow']).toBe('GET, HEAD');
  });

  it('leaves other paths to the next handler', async () => {
    for (const path of ['/', '/crm/', '/visitor', '/visits/x', '/auth/visitor']) expect((await raw(path)).status).toBe(418);
  });

  it('answers 500 for the widget when the bundle failed to build', async () => {
    const handle = createVisitorRequestHandler({ build: () => Promise.reject(new Error('boom')) });
    const failing = createServer((req, res) => void handle(req, res));
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(failing.address() as AddressInfo).port}/widget/baton-widget.js`);
      expect(res.status).toBe(500);
    } finally {
      await new Promise<void>((resolve) => failing.close(() => resolve()));
    }
  });
});

describe('the widget bundle', () => {
  it('builds a small launcher and a chat chunk with ably-js, and nothing from Node', async () => {
    const files = await buildWidget();
    const launcher = files['baton-widget.js'] ?? '';
    const chat = files['baton-widget-chat.js'] ?? '';
    // The launcher defines the one global and loads the chat on demand; ably-js is only in the chunk.
    expect(launcher).toContain('baton-widget-chat.js');
    expect(launcher).not.toContain('ably-js');
    expect(gzipSync(launcher).length).toBeLessThan(12 * 1024);
    expect(chat.length).toBeGreaterThan(50_000);
    expect(chat).toContain('x-baton-chat-id');
    for (const js of [launcher, chat]) {
      expect(js).not.toMatch(/from\s*["']node:/);
      expect(js).not.toMatch(/require\(["'](ws|node:|fs|http)/);
    }
  }, 30_000);
});
