import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TRANSCRIPT_BYTES, MAX_TRANSCRIPT_LINES } from '../../lib/crm/crm-transcript.ts';
import { DATA_FILE } from './demo-persistence.ts';
import { createDemoStore } from './demo-store.ts';
import { createDemoRequestHandler, type DemoHandlerOptions, type DemoRequestHandler } from './index.ts';
import { createSeed } from './seed-data.ts';

// The demo CRM's writes (issue 6): creating requests from chats and changing their status, on a real loopback
// server, and the store that keeps them between runs.

interface Running {
  base: string;
  handler: DemoRequestHandler;
  stop(): Promise<void>;
}

async function start(options: DemoHandlerOptions): Promise<Running> {
  const handler = createDemoRequestHandler(options);
  const server: Server = createServer((req, res) => {
    if (!handler(req, res)) res.writeHead(418).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/crm/api/`,
    handler,
    stop: async () => {
      await handler.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const line = (n: number, text = `line ${n}`) => ({ author: n % 2 ? 'Visitor Vera' : 'Ana Agent', authorKind: n % 2 ? 'visitor' : 'agent', text, at: new Date(Date.UTC(2026, 0, 15, 10, 0, n % 60)).toISOString() });

const post = (base: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}requests`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

// Bodies are read loosely here; what they must hold is what each test asserts.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;
async function json(res: Response): Promise<Loose> {
  return (await res.json()) as Loose;
}

describe('POST /crm/api/requests', () => {
  let app: Running;
  beforeAll(async () => {
    app = await start({ store: createDemoStore(createSeed({ now: new Date('2026-01-15T10:00:00Z') })) });
  });
  afterAll(() => app.stop());

  it('creates an open request with the transcript, linked to a person', async () => {
    const transcript = [line(1, 'Hi, my invoice is wrong'), line(2, 'Let me check that for you')];
    const res = await post(app.base, { title: 'Invoice question from chat', transcript, personId: 1 });
    expect(res.status).toBe(201);
    const { request } = await json(res);
    expect(request).toMatchObject({ id: 1013, number: '#1013', title: 'Invoice question from chat', status: 'open', personId: 1, personName: 'Anna Berg', companyName: 'Sølvberg Revision', transcript });
    expect(Date.parse(request.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(res.headers.get('location')).toBe('/crm/api/requests/1013');

    const read = await json(await fetch(`${app.base}requests/1013`));
    expect(read.request).toEqual(request);
    const list = await json(await fetch(`${app.base}requests`));
    expect(list.items[0]).toMatchObject({ id: 1013, number: '#1013', transcriptLines: 2 });
    expect(list.items[0]).not.toHaveProperty('transcript');
    const person = await json(await fetch(`${app.base}persons/1`));
    expect(person.requests.map((r: { id: number }) => r.id)).toContain(1013);
  });

  it('creates a request without a person', async () => {
    const res = await post(app.base, { title: 'Anonymous visitor', transcript: [] });
    expect(res.status).toBe(201);
    expect((await json(res)).request).toMatchObject({ personId: null, personName: '', status: 'open' });
  });

  it('answers 404 for an unknown person, and creates nothing', async () => {
    const before = (await json(await fetch(`${app.base}requests`))).items.length;
    const res = await post(app.base, { title: 'Who?', transcript: [line(1)], personId: 999 });
    expect(res.status).toBe(404);
    expect(await json(res)).toEqual({ error: { code: 'not_found', message: 'unable to create the request; no person with id 999' } });
    expect((await json(await fetch(`${app.base}requests`))).items.length).toBe(before);
  });

  it.each([
    ['no title', { transcript: [] }],
    ['an empty title', { title: '   ', transcript: [] }],
    ['a title of 201 characters', { title: 'x'.repeat(201), transcript: [] }],
    ['no transcript', { title: 't' }],
    ['a line without author', { title: 't', transcript: [{ authorKind: 'agent', text: 'x', at: '2026-01-15T10:00:00Z' }] }],
    ['a bad authorKind', { title: 't', transcript: [{ ...line(1), authorKind: 'bot' }] }],
    ['a bad timestamp', { title: 't', transcript: [{ ...line(1), at: 'yesterday' }] }],
    ['an extra field on a line', { title: 't', transcript: [{ ...line(1), html: '<b>' }] }],
    ['a string personId', { title: 't', transcript: [], personId: '1' }],
    ['personId 0', { title: 't', transcript: [], personId: 0 }],
    ['status closed', { title: 't', transcript: [], status: 'closed' }],
    ['an unknown field', { title: 't', transcript: [], id: 5 }],
    ['an array body', [1, 2]],
    ['null', null],
  ])('answers 400 for %s', async (_name, body) => {
    const res = await post(app.base, body);
    expect(res.status).toBe(400);
    const { error } = await json(res);
    expect(error.code).toBe('bad_request');
    expect(error.message).toMatch(/^unable to create the request; /);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await post(app.base, '{"title": ');
    expect(res.status).toBe(400);
    expect((await json(res)).error.message).toBe('unable to create the request; the body is not JSON');
  });

  it('answers 415 without a JSON content type (a cross-site form cannot create requests)', async () => {
    const res = await fetch(`${app.base}requests`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ title: 't', transcript: [] }) });
    expect(res.status).toBe(415);
  });

  it(`answers 413 for more than ${MAX_TRANSCRIPT_LINES} lines`, async () => {
    const transcript = Array.from({ length: MAX_TRANSCRIPT_LINES + 1 }, (_, i) => line(i, 'x'));
    const res = await post(app.base, { title: 'Long chat', transcript });
    expect(res.status).toBe(413);
    expect((await json(res)).error).toEqual({ code: 'payload_too_large', message: expect.stringContaining(`at most ${MAX_TRANSCRIPT_LINES} fit`) });
  });

  it('accepts exactly the line limit', async () => {
    const transcript = Array.from({ length: MAX_TRANSCRIPT_LINES }, (_, i) => line(i, 'ok'));
    expect((await post(app.base, { title: 'Long but fine', transcript })).status).toBe(201);
  });

  it('answers 413 for a transcript over 1 MB of text', async () => {
    const transcript = Array.from({ length: 11 }, (_, i) => line(i, 'é'.repeat(50_000))); // 11 × 100,000 bytes
    const res = await post(app.base, { title: 'Big chat', transcript });
    expect(res.status).toBe(413);
    expect((await json(res)).error.message).toContain(`at most ${MAX_TRANSCRIPT_BYTES} fit`);
  });

  it('answers 413 for a body too large to read, without parsing it', async () => {
    const res = await post(app.base, `{"title":"t","transcript":[],"pad":"${'x'.repeat(5_000_000)}"}`);
    expect(res.status).toBe(413);
  });

  it('stores names and text with HTML or script exactly as sent', async () => {
    const hostile = [
      '<script>alert(1)</script>',
      '<img src=x onerror="alert(document.cookie)">',
      '"><svg/onload=alert(1)>',
      "Robert'); DROP TABLE requests;--",
      '{{constructor.constructor("alert(1)")()}}',
      'javascript:alert(1)',
      '\u202eevil\u0000null',
    ];
    const transcript = hostile.map((text, i) => ({ ...line(i), author: text, text }));
    const res = await post(app.base, { title: hostile[1], transcript, personId: 2 });
    expect(res.status).toBe(201);
    const { request } = await json(res);
    const read = await json(await fetch(`${app.base}requests/${request.id}`));
    expect(read.request.title).toBe(hostile[1]);
    expect(read.request.transcript.map((l: { author: string; text: string }) => [l.author, l.text])).toEqual(hostile.map((t) => [t, t]));
    const list = await json(await fetch(`${app.base}requests`));
    expect(list.items.find((r: { id: number }) => r.id === request.id).title).toBe(hostile[1]);
  });

  it('gives concurrent creates distinct numbers', async () => {
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => post(app.base, { title: `Concurrent ${i}`, transcript: [line(i)] }).then(json)));
    const ids = results.map((r) => r.request.id as number);
    expect(new Set(ids).size).toBe(25);
    expect(new Set(results.map((r) => r.request.number)).size).toBe(25);
  });
});

describe('PATCH /crm/api/requests/:id', () => {
  let app: Running;
  beforeAll(async () => {
    app = await start({});
  });
  afterAll(() => app.stop());

  const patch = (id: string | number, body: unknown) =>
    fetch(`${app.base}requests/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('changes the status', async () => {
    const res = await patch(1001, { status: 'closed' });
    expect(res.status).toBe(200);
    expect((await json(res)).request).toMatchObject({ id: 1001, number: '#1001', status: 'closed' });
    expect((await json(await fetch(`${app.base}requests/1001`))).request.status).toBe('closed');
  });

  it.each([
    [1001, { status: 'done' }, 400],
    [1001, { status: 'open', title: 'x' }, 400],
    [1001, {}, 400],
    [4242, { status: 'open' }, 404],
    ['abc', { status: 'open' }, 400],
  ])('answers PATCH %s %j with %i', async (id, body, status) => {
    const res = await patch(id, body);
    expect(res.status).toBe(status);
    expect(await json(res)).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  });

  it.each([
    ['PATCH', '/crm/api/requests', 'GET, HEAD, POST'],
    ['POST', '/crm/api/requests/1001', 'GET, HEAD, PATCH'],
    ['DELETE', '/crm/api/requests/1001', 'GET, HEAD, PATCH'],
    ['POST', '/crm/api/persons', 'GET, HEAD'],
  ])('refuses %s %s with 405 and allow: %s', async (method, pathname, allow) => {
    const res = await fetch(new URL(pathname, app.base), { method, headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe(allow);
  });
});

describe('persistence', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'baton-demo-crm-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps created requests and status changes across a restart on the same data dir', async () => {
    const dataDir = tempDir();
    const first = await start({ dataDir, persistDebounceMs: 5 });
    const { request } = await json(await post(first.base, { title: '<b>kept</b>', transcript: [line(1, '<script>x</script>')], personId: 3 }));
    await fetch(`${first.base}requests/1002`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'waiting' }) });
    await first.stop();

    const second = await start({ dataDir });
    try {
      const read = await json(await fetch(`${second.base}requests/${request.id}`));
      expect(read.request).toEqual(request);
      expect((await json(await fetch(`${second.base}requests/1002`))).request.status).toBe('waiting');
      // Numbers go on from where the last run stopped.
      expect((await json(await post(second.base, { title: 'next', transcript: [] }))).request.number).toBe(`#${request.id + 1}`);
    } finally {
      await second.stop();
    }
  });

  it('writes the file atomically: whole JSON, no temp files left behind', async () => {
    const dataDir = tempDir();
    const app = await start({ dataDir, persistDebounceMs: 1 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => post(app.base, { title: `r${i}`, transcript: [line(i)] })));
    await app.handler.flush();
    const saved = JSON.parse(readFileSync(path.join(dataDir, DATA_FILE), 'utf8')) as { version: number; created: unknown[] };
    expect(saved.version).toBe(1);
    expect(saved.created).toHaveLength(10);
    await app.stop();
    expect(readdirSync(dataDir)).toEqual([DATA_FILE]);
  });

  it('moves an unreadable file aside and starts from the seed', async () => {
    const dataDir = tempDir();
    writeFileSync(path.join(dataDir, DATA_FILE), '{"version": 1, "created": [ trunc');
    const app = await start({ dataDir });
    try {
      expect((await json(await fetch(`${app.base}requests`))).items).toHaveLength(12);
      expect(readdirSync(dataDir).some((f) => f.startsWith(`${DATA_FILE}.corrupt-`))).toBe(true);
    } finally {
      await app.stop();
    }
  });

  it('stays in memory without a data dir', async () => {
    const app = await start({});
    await post(app.base, { title: 'gone after restart', transcript: [] });
    await app.stop();
    const again = await start({});
    try {
      expect((await json(await fetch(`${again.base}requests`))).items).toHaveLength(12);
    } finally {
      await again.stop();
    }
  });
});
