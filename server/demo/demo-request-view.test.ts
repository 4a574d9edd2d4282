// @vitest-environment happy-dom
import { request as httpRequest, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDemoRequestHandler } from './index.ts';

// The CRM page's request view (public/assets/views/request-views.js) showing a request Baton created from a chat,
// against the real API: the transcript is there, and hostile names and text are printed, never run or parsed.

let server: Server;
let port: number;

/** The page's fetch('/crm/api/…'), answered by the real handler over loopback. */
function loopbackFetch(input: string | URL, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const url = new URL(String(input), `http://127.0.0.1:${port}`);
    const req = httpRequest({ hostname: '127.0.0.1', port, path: url.pathname + url.search, method: init.method ?? 'GET', headers: init.headers ?? {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve(new Response(body, { status: res.statusCode ?? 0, headers: { 'content-type': String(res.headers['content-type'] ?? '') } })));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

beforeAll(async () => {
  const handle = createDemoRequestHandler();
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const HOSTILE_NAME = '<img src=x onerror="window.__pwned = true">';
const HOSTILE_TEXT = '<script>window.__pwned = true</script> & <b>bold</b>';

describe('the request view', () => {
  it('shows a created request with its transcript as text', async () => {
    const created = await loopbackFetch('/crm/api/requests', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: `Chat with ${HOSTILE_NAME}`,
        personId: 1,
        transcript: [
          { author: HOSTILE_NAME, authorKind: 'visitor', text: HOSTILE_TEXT, at: '2026-01-15T10:02:00Z' },
          { author: 'Ana Agent', authorKind: 'agent', text: 'Line one\nLine two', at: '2026-01-15T10:03:00Z' },
        ],
      }),
    });
    expect(created.status).toBe(201);
    const { request } = (await created.json()) as { request: { id: number; number: string } };

    vi.stubGlobal('fetch', loopbackFetch);
    const viewModule = './public/assets/views/request-views.js';
    const { renderRequestView } = (await import(/* @vite-ignore */ viewModule)) as {
      renderRequestView: (route: { id: number }, ctx: { signal: AbortSignal }) => Promise<{ title: string[]; node: HTMLElement }>;
    };
    const { title, node } = await renderRequestView({ id: request.id }, { signal: new AbortController().signal });
    document.body.append(node);

    expect(title[0]).toBe(`${request.number} Chat with ${HOSTILE_NAME}`);
    expect(node.querySelector('h1')?.textContent).toBe(`Chat with ${HOSTILE_NAME}`);
    expect(node.textContent).toContain(`Request ${request.number} · Chat`);
    expect(node.querySelector('#transcript-title')?.textContent).toBe('Chat transcript (2 messages)');
    const lines = [...node.querySelectorAll('.transcript-line')];
    expect(lines.map((li) => li.querySelector('.transcript-author')?.textContent)).toEqual([HOSTILE_NAME, 'Ana Agent']);
    expect(lines.map((li) => li.querySelector('.transcript-text')?.textContent)).toEqual([HOSTILE_TEXT, 'Line one\nLine two']);
    expect(lines[0]?.querySelector('time')?.getAttribute('datetime')).toBe('2026-01-15T10:02:00Z');
    // Inert: no element came out of the text, nothing ran.
    expect(node.querySelectorAll('img, script, b')).toHaveLength(0);
    expect((window as unknown as { __pwned?: boolean }).__pwned).toBeUndefined();
    // The linked person is a link into the CRM.
    expect(node.querySelector('a[href="/crm/default.aspx?person.main?person_id=1"]')?.textContent).toBe('Anna Berg');
  });

  it('shows the messages Baton put on a SuperOffice request (the stand-in\'s TicketMessage), as text', async () => {
    // The shell page signs the browser in: its XSRF-TOKEN cookie (read off the wire; happy-dom hides set-cookie).
    const cookie = await new Promise<string>((resolve, reject) => {
      httpRequest({ hostname: '127.0.0.1', port, path: '/crm/default.aspx?ticket.main?ticket_id=1' }, (res) => {
        res.resume();
        resolve(String(res.headers['set-cookie']?.[0] ?? '').split(';')[0]!);
      })
        .on('error', reject)
        .end();
    });
    const signedIn = { 'content-type': 'application/json', cookie, 'x-xsrf-token': decodeURIComponent(cookie.split('=')[1]!) };
    const post = async (path: string, json: unknown) => (await loopbackFetch(`/crm/api/v1/${path}`, { method: 'POST', headers: signedIn, body: JSON.stringify(json) })).json();
    const ticket = (await post('Ticket', { Title: 'From the SuperOffice adapter', Person: { PersonId: 1 }, Origin: 'Chat' })) as { TicketId: number };
    const body = `[10:02:00] ${HOSTILE_NAME}: ${HOSTILE_TEXT}`;
    await post('TicketMessage', { Ticket: { TicketId: ticket.TicketId }, Body: body, HtmlBody: '<p>x</p>', Type: 'Html', Slevel: 'Internal', Author: 'Baton' });

    // The page's fetch carries the session cookie, as the browser does for the CRM's own origin.
    vi.stubGlobal('fetch', (input: string | URL, init: { headers?: Record<string, string> } = {}) => loopbackFetch(input, { ...init, headers: { ...init.headers, cookie } }));
    document.cookie = cookie;
    const viewModule = './public/assets/views/request-views.js';
    const { renderRequestView } = (await import(/* @vite-ignore */ viewModule)) as {
      renderRequestView: (route: { id: number }, ctx: { signal: AbortSignal }) => Promise<{ node: HTMLElement }>;
    };
    const { node } = await renderRequestView({ id: ticket.TicketId }, { signal: new AbortController().signal });
    document.body.append(node);
    expect(node.querySelector('#messages-title')?.textContent).toBe('Messages (1)');
    expect(node.querySelector('#messages-title')?.closest('section')?.querySelector('.transcript-text')?.textContent).toBe(body);
    expect(node.querySelectorAll('img, script, b')).toHaveLength(0);
    vi.unstubAllGlobals();
  });
});
