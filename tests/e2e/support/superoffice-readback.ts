import type { BrowserContext } from '@playwright/test';
import { CRM_URL } from './environment.ts';

// Reads what Baton made in the SuperOffice stand-in (server/demo/superoffice-api.ts) back through its WebAPI, signed
// in as the agent's browser is: the XSRF-TOKEN cookie the CRM page set, sent back as the header the WebAPI wants.

export interface StandInTicket {
  TicketId: number;
  Title: string;
  Person: { PersonId: number } | null;
}

export interface StandInTicketMessage {
  Body: string;
  HtmlBody: string;
  Slevel: string;
}

async function signedInHeaders(context: BrowserContext): Promise<Record<string, string>> {
  const xsrf = (await context.cookies(CRM_URL)).find((c) => c.name === 'XSRF-TOKEN');
  if (!xsrf) throw new Error('no XSRF-TOKEN cookie: open the CRM page in this context first');
  return { cookie: `XSRF-TOKEN=${xsrf.value}`, 'x-xsrf-token': decodeURIComponent(xsrf.value) };
}

export async function readTicket(context: BrowserContext, ticketId: string): Promise<StandInTicket> {
  const response = await fetch(`${CRM_URL}api/v1/Ticket/${ticketId}`, { headers: await signedInHeaders(context) });
  if (!response.ok) throw new Error(`Ticket ${ticketId}: HTTP ${response.status}`);
  return (await response.json()) as StandInTicket;
}

export async function readTicketMessages(context: BrowserContext, ticketId: string): Promise<StandInTicketMessage[]> {
  const filter = encodeURIComponent(`ticketId is '${ticketId}'`);
  const response = await fetch(`${CRM_URL}api/v1/TicketMessage?$filter=${filter}`, { headers: await signedInHeaders(context) });
  if (!response.ok) throw new Error(`TicketMessage for ${ticketId}: HTTP ${response.status}`);
  return ((await response.json()) as { value: StandInTicketMessage[] }).value;
}
