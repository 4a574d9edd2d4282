import { createRequire } from 'node:module';
import path from 'node:path';
import type * as SuperOfficeWebApi from '@superoffice/webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSuperOfficeAdapter, type SuperOfficeCall } from '../../lib/crm/superoffice-adapter.ts';
import { startStandIn } from './stand-in-test-server.ts';

// The stand-in is only worth testing against if it speaks SuperOffice's WebAPI. This holds it (and Baton's calls)
// to SuperOffice's own TypeScript client, `@superoffice/webapi` (npm, SuperOffice AS):
// - `PersonRestApi.getByIdAsync` reads `GET Person/<id>` from the stand-in over real HTTP, and the client's
//   PersonEntity has every field Baton reads;
// - the client's own converters (`Create_<Entity>_From`, which map SuperOffice's PascalCase JSON onto its typed
//   entities, enums by name) read the stand-in's TicketEntity and TicketMessageEntity, and the bodies Baton sends:
//   every field Baton sends is one SuperOffice knows, and `Origin`, `Type`, `Slevel` are values of its enums.
// The client has no REST archive call, so the `GET Person?$select` rows rest on SuperOffice's reference pages only
// (server/demo/superoffice-filter.test.ts and lib/crm/superoffice-adapter.integration.test.ts exercise them).

const require = createRequire(import.meta.url);
// The package's ESM build imports paths without extensions, which Node refuses; its CommonJS build loads.
const { PersonRestApi } = require('@superoffice/webapi') as typeof SuperOfficeWebApi;
// The converters are the client's, but not in its package exports: load them from the package's own folder.
const converters = require(path.join(path.dirname(require.resolve('@superoffice/webapi')), 'Converters.js')) as Record<string, (src: unknown) => Record<string, unknown>>;
const ticketFrom = converters['Create_TicketEntity_From']!;
const messageFrom = converters['Create_TicketMessageEntity_From']!;

let standIn: Awaited<ReturnType<typeof startStandIn>>;
let tenant: string;
let headers: Record<string, string>;

beforeAll(async () => {
  standIn = await startStandIn();
  tenant = standIn.tenant;
  headers = { cookie: standIn.cookie, 'x-xsrf-token': decodeURIComponent(standIn.cookie.split('=')[1]!) };
});

afterAll(() => standIn.close());

/** The camelCase fields SuperOffice's converter filled from a PascalCase body (what it understood of it). */
function understood(converted: Record<string, unknown>, body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(body).map((key) => [key, converted[key[0]!.toLowerCase() + key.slice(1)]]));
}

describe('the SuperOffice stand-in, read by SuperOffice’s own client', () => {
  it('GET Person/<id> is a PersonEntity the client reads in full', async () => {
    const api = new PersonRestApi({ baseUrl: tenant.replace(/\/$/, ''), axiosConfig: { headers } } as never);
    const person = (await api.getByIdAsync(1)) as unknown as Record<string, unknown> & { emails: Array<{ value: string }>; contact: { contactId: number; name: string } };
    expect(person).toMatchObject({ personId: 1, firstname: 'Anna', lastname: 'Berg', fullName: 'Anna Berg' });
    expect(person.emails[0]!.value).toBe('anna.berg@solvberg.example');
    expect(person.contact).toMatchObject({ contactId: expect.any(Number), name: expect.stringMatching(/S(ø|o)lvberg/) });
    expect(typeof person['title']).toBe('string');
  });

  it('answers an unknown person the way the client expects an error: HTTP 404 with Error, ErrorType and ErrorMessage', async () => {
    const api = new PersonRestApi({ baseUrl: tenant.replace(/\/$/, ''), axiosConfig: { headers } } as never);
    const error = (await api.getByIdAsync(99_999).catch((e: unknown) => e)) as { response?: { status: number; data: unknown } };
    expect(error.response?.status).toBe(404);
    expect(error.response?.data).toMatchObject({ Error: true, ErrorType: 'SoNotFoundException', ErrorMessage: expect.stringContaining('99999') });
  });

  it('Baton’s POST Ticket and POST TicketMessage bodies, and the stand-in’s answers, are entities the client understands', async () => {
    const sent: SuperOfficeCall[] = [];
    const answers: unknown[] = [];
    const adapter = createSuperOfficeAdapter({
      tenantUrl: tenant,
      transport: async (call) => {
        sent.push(call);
        const response = await fetch(new URL(call.path, `${tenant}api/v1/`), {
          method: call.method,
          headers: { ...headers, 'content-type': 'application/json' },
          ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
        });
        const body: unknown = await response.json();
        answers.push(body);
        return { status: response.status, body };
      },
    });
    const created = await adapter.createRequest({ title: 'Contract', personId: '1', transcript: [{ author: 'Anna Berg', authorKind: 'visitor', text: 'Hi', at: '2026-01-15T10:00:00.000Z' }] });

    const [ticketCall, messageCall] = sent as [SuperOfficeCall & { body: Record<string, unknown> }, SuperOfficeCall & { body: Record<string, unknown> }];
    expect([ticketCall.path, messageCall.path]).toEqual(['Ticket', 'TicketMessage']);
    for (const [body, from] of [[ticketCall.body, ticketFrom], [messageCall.body, messageFrom]] as const) {
      for (const [field, value] of Object.entries(understood(from(body), body))) expect(value, `${field} of ${JSON.stringify(body).slice(0, 60)}`).toBeDefined();
    }
    expect(ticketFrom(ticketCall.body)).toMatchObject({ title: 'Contract', origin: 'Chat', person: { personId: 1 } });
    expect(messageFrom(messageCall.body)).toMatchObject({ type: 'Html', slevel: 'Internal', ticket: { ticketId: Number(created.id) } });

    const [ticket, message] = answers as [Record<string, unknown>, Record<string, unknown>];
    expect(ticketFrom(ticket)).toMatchObject({ ticketId: Number(created.id), title: 'Contract', origin: 'Chat', createdAt: expect.any(Date) });
    expect(messageFrom(message)).toMatchObject({ ejMessageId: expect.any(Number), type: 'Html', slevel: 'Internal', body: '[10:00:00] Anna Berg: Hi', createdAt: expect.any(Date) });
  });
});
