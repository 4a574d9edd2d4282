import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoRequestHandler } from './index.ts';
import { createDemoStore } from './demo-store.ts';
import { createSeed } from './seed-data.ts';

// The demo CRM's handler on a real loopback server: what it serves, what it leaves to others, and
// that nothing outside its public folder can be read.

let server: Server;
let base: string;

beforeAll(async () => {
  const handle = createDemoRequestHandler({ store: createDemoStore(createSeed({ now: new Date('2026-01-15T10:00:00Z') })) });
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

describe('the CRM shell', () => {
  it.each([
    '/crm/',
    '/crm/default.aspx',
    '/crm/default.aspx?contact_list',
    '/crm/default.aspx?person_main&person_id=12',
    '/crm/default.aspx?company_main&company_id=3',
    '/crm/default.aspx?request_list',
  ])('serves the same shell for %s', async (path) => {
    const res = await fetch(base + path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('frame-src');
    const html = await res.text();
    expect(html).toContain('<main id="main"');
    expect(html).toContain('aria-label="Navigator"');
    expect(html).toContain('<script type="module" src="/crm/assets/app.js">');
  });

  it.each(['/', '/crm'])('redirects %s to /crm/', async (path) => {
    const res = await fetch(base + path, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/crm/');
  });

  it('refuses to change anything', async () => {
    const res = await raw('/crm/default.aspx', 'POST');
    expect(res.status).toBe(405);
  });
});

describe('assets', () => {
  it.each([
    ['/crm/assets/app.js', 'text/javascript; charset=utf-8'],
    ['/crm/assets/views/person-view.js', 'text/javascript; charset=utf-8'],
    ['/crm/assets/app.css', 'text/css; charset=utf-8'],
    ['/crm/assets/icons.svg', 'image/svg+xml'],
  ])('serves %s as %s', async (path, type) => {
    const res = await fetch(base + path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each(['/crm/assets/missing.js', '/crm/assets/', '/crm/assets/views', '/crm/unknown', '/crm/default.aspx/extra'])('answers 404 for %s', async (path) => {
    expect((await raw(path)).status).toBe(404);
  });
});

describe('what it leaves to other handlers', () => {
  it.each(['/auth/agent', '/keys/x/requestToken', '/crmx', '/package.json'])('does not handle %s', async (path) => {
    expect((await raw(path)).status).toBe(418);
  });
});

describe('path traversal', () => {
  it.each([
    '/crm/assets/../../package.json',
    '/crm/assets/%2e%2e/%2e%2e/package.json',
    '/crm/assets/..%2f..%2f..%2fpackage.json',
    '/crm/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json',
    '/crm/assets/..%5c..%5c..%5cpackage.json',
    '/crm/assets/%252e%252e/%252e%252e/package.json',
    '/crm/assets/views/..%2f..%2findex.html',
    '/crm/assets/%00app.js',
    '/crm/assets/%E0%A4%A',
    '/crm/assets/.hidden.js',
  ])('refuses %s', async (path) => {
    const res = await raw(path);
    expect([400, 404, 418]).toContain(res.status);
    expect(res.body).not.toContain('"devDependencies"');
    expect(res.body).not.toContain('<!doctype html>');
  });
});

describe('JSON API', () => {
  it('searches persons by name, accent-folded', async () => {
    const res = await fetch(`${base}/crm/api/persons?query=jonsdottir`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const { items } = (await res.json()) as { items: Array<{ firstName: string; companyName: string }> };
    expect(items.map((p) => p.firstName)).toEqual(['Guðrún']);
    expect(items[0]?.companyName).toBe('Tindur Fisk ehf.');
  });

  it('searches persons by e-mail and by phone digits', async () => {
    const byMail = (await (await fetch(`${base}/crm/api/persons?query=anna.berg@solvberg.example`)).json()) as { items: Array<{ id: number }> };
    expect(byMail.items.map((p) => p.id)).toEqual([1]);
    const byPhone = (await (await fetch(`${base}/crm/api/persons?query=${encodeURIComponent('33912014')}`)).json()) as { items: Array<{ id: number }> };
    expect(byPhone.items.map((p) => p.id)).toEqual([1]);
  });

  it('lists every person without a query', async () => {
    const { items } = (await (await fetch(`${base}/crm/api/persons`)).json()) as { items: unknown[] };
    expect(items).toHaveLength(25);
  });

  it('returns one person with company, activities, requests and sales', async () => {
    const body = (await (await fetch(`${base}/crm/api/persons/1`)).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ person: { id: 1, firstName: 'Anna', lastName: 'Berg' }, company: { id: 3 } });
    expect(body['activities']).toHaveLength(3);
    expect(body['requests']).toEqual([expect.objectContaining({ id: 1001 })]);
  });

  it('returns companies, requests, sales and activities', async () => {
    for (const path of ['companies', 'companies/3', 'requests', 'requests/1001', 'sales', 'activities']) {
      expect((await fetch(`${base}/crm/api/${path}`)).status, path).toBe(200);
    }
  });

  it.each([
    ['/crm/api/persons/999', 404],
    ['/crm/api/persons/0', 400],
    ['/crm/api/persons/abc', 400],
    ['/crm/api/persons/1%20OR%201=1', 400],
    ['/crm/api/persons/1/extra', 404],
    ['/crm/api/companies/77', 404],
    ['/crm/api/nothing', 404],
    [`/crm/api/persons?query=${'a'.repeat(101)}`, 400],
    ['/crm/api/persons?limit=0', 400],
  ])('answers %s with %i and an error body', async (path, status) => {
    const res = await raw(path);
    expect(res.status).toBe(status);
    expect(JSON.parse(res.body)).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  });

  it('keeps persons read-only', async () => {
    expect((await raw('/crm/api/persons', 'POST')).status).toBe(405);
  });
});
