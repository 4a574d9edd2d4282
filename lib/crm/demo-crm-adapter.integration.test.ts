import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoRequestHandler, type DemoRequestHandler } from '../../server/demo/index.ts';
import { CrmError, type CrmAdapter } from './crm-adapter.ts';
import { createDemoCrmAdapter } from './demo-crm-adapter.ts';

// The demo CRM adapter against the real demo CRM (server/demo) on a loopback port, with a data dir: what the
// sidebar will do in issue 7 — suggest and link a person, create a request with the transcript, open it.

let dataDir: string;
let server: Server;
let handler: DemoRequestHandler;
let origin: string;
let crm: CrmAdapter;

async function listen(): Promise<void> {
  handler = createDemoRequestHandler({ dataDir, persistDebounceMs: 5 });
  server = createServer((req, res) => {
    if (!handler(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  crm = createDemoCrmAdapter({ baseUrl: `${origin}/crm/`, fetch: (url, init) => fetch(url, init) });
}

async function stop(): Promise<void> {
  await handler.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'baton-crm-adapter-'));
  await listen();
});

afterAll(async () => {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const transcript = [
  { author: 'Guðrún Jónsdóttir', authorKind: 'visitor' as const, text: 'Our export documents are late', at: '2026-01-15T10:00:00.000Z' },
  { author: 'Ana Agent', authorKind: 'agent' as const, text: 'I will create a request for it', at: '2026-01-15T10:01:30.000Z' },
];

describe('demo CRM adapter against the demo CRM', () => {
  it('suggests the visitor by email, then by name', async () => {
    expect((await crm.suggestPersons({ email: 'gudrun.jonsdottir@tindur.example', name: 'whoever' })).map((p) => p.name)).toEqual(['Guðrún Jónsdóttir']);
    expect((await crm.suggestPersons({ email: 'unknown@nowhere.example', name: 'Anna Berg' })).map((p) => p.id)).toEqual(['1']);
  });

  it('searches by name, email and phone', async () => {
    expect((await crm.searchPersons('lindqvist')).map((p) => p.id)).toEqual(['6']);
    expect((await crm.searchPersons('anna.berg@solvberg.example')).map((p) => p.id)).toEqual(['1']);
    expect((await crm.searchPersons('33 91 20 14')).map((p) => p.id)).toEqual(['1']);
  });

  it('reads a person, and says so when there is none', async () => {
    expect(await crm.getPerson('24')).toMatchObject({ id: '24', name: 'Guðrún Jónsdóttir', companyName: 'Tindur Fisk ehf.', url: `${origin}/crm/default.aspx?person_main&person_id=24` });
    const error = await crm.getPerson('999').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrmError);
    expect(error).toMatchObject({ code: 'not-found', message: 'unable to read person 999; the CRM said: no person with id 999' });
  });

  it('creates a request with the transcript that opens in the CRM and survives a restart', async () => {
    const created = await crm.createRequest({ title: 'Export documents <late>', transcript, personId: '24' });
    expect(created).toEqual({ id: expect.stringMatching(/^\d+$/), number: `#${created.id}`, url: `${origin}/crm/default.aspx?request_main&request_id=${created.id}` });

    const page = await fetch(created.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<main id="main"');

    const readBack = async () => ((await (await fetch(`${origin}/crm/api/requests/${created.id}`)).json()) as { request: Record<string, unknown> }).request;
    const before = await readBack();
    expect(before).toMatchObject({ title: 'Export documents <late>', status: 'open', personId: 24, personName: 'Guðrún Jónsdóttir', transcript });

    await stop();
    await listen();
    expect(await readBack()).toEqual(before);
    const next = await crm.createRequest({ title: 'After restart', transcript: [] });
    expect(Number(next.id)).toBe(Number(created.id) + 1);
  });

  it('refuses an unknown person with a clear error, creating nothing', async () => {
    const count = async () => ((await (await fetch(`${origin}/crm/api/requests`)).json()) as { items: unknown[] }).items.length;
    const before = await count();
    const error = await crm.createRequest({ title: 't', transcript, personId: '999' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'not-found', message: 'unable to create a request; the CRM said: no person with id 999' });
    expect(await count()).toBe(before);
  });

  it('gives concurrent creates distinct numbers', async () => {
    const created = await Promise.all(Array.from({ length: 20 }, (_, i) => crm.createRequest({ title: `Chat ${i}`, transcript })));
    expect(new Set(created.map((c) => c.number)).size).toBe(20);
  });
});
