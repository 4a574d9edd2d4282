import { randomBytes } from 'node:crypto';
import * as Ably from 'ably';
import type { Frame, Page } from '@playwright/test';
import { LEGACY_AGENTS_CHANNEL, LEGACY_LAYOUT } from '../../lib/realtime/presence-shards.ts';
import { startLocalServer } from '../../server/local-server.ts';
import { DEFAULT_RETENTION } from '../../server/realtime-hub/message-store.ts';
import { loadRoster } from '../../server/token-service/roster.ts';
import type { BatonBackground } from '../../tests/e2e/support/baton-background.ts';
import { launchAgent, pickUp } from '../../tests/e2e/support/agents.ts';
import { startScriptedVisitor } from '../../tests/e2e/support/scripted-visitor.ts';
import { sidebarFrame } from '../local-stack.ts';

export const CHAT_MESSAGES = 5_000;
export const PRESENT_AGENTS = 1_000;

const FIRST = ['Anna', 'Bo', 'Camilla', 'Dorte', 'Emil', 'Frida', 'Gustav', 'Hanne', 'Ida', 'Jens', 'Karen', 'Lasse', 'Maja', 'Niels', 'Ole', 'Pia', 'Rasmus', 'Sofie', 'Troels', 'Ulla', 'Viggo', 'Wilma', 'Yrsa', 'Asger', 'Birgit', 'Carl', 'Ditte', 'Erik', 'Freja', 'Henrik', 'Inge', 'Jonas', 'Kirsten', 'Lene', 'Mads', 'Nanna', 'Oskar', 'Per', 'Rikke', 'Svend'];
const LAST = ['Andersen', 'Berg', 'Christensen', 'Dahl', 'Eriksen', 'Frost', 'Hansen', 'Holm', 'Iversen', 'Jensen', 'Kjær', 'Larsen', 'Madsen', 'Nielsen', 'Olsen', 'Poulsen', 'Qvist', 'Rasmussen', 'Sørensen', 'Thomsen', 'Udsen', 'Vestergaard', 'Winther', 'Østergaard', 'Aagaard'];

/** 1,000 distinct, plausible colleague names, so a search narrows the list the way it would in a large team. */
export function crowdNames(count = PRESENT_AGENTS): string[] {
  return Array.from({ length: count }, (_, i) => `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`);
}

/**
 * Alice's live session at scale, through the real parts: an in-process local server
 * (whose chat history keeps a 5,000-message chat; the default keeps 1,000), 1,000
 * Present colleagues entered on the `agents` presence by one key-authenticated ably-js
 * client, a visitor who wrote 5,000 messages while queued, and Alice's Chromium with
 * the built extension, who picks the chat up (her background reads it all back from
 * history) and has the demo CRM open with the sidebar.
 */
export async function startCrowdedSession() {
  const key = { keyName: 'baton.bench', secret: randomBytes(18).toString('base64url') };
  const server = await startLocalServer({
    key,
    port: 0,
    roster: loadRoster('server/token-service/demo-roster.json'),
    // The rendering bench keeps 1,000 colleagues on one channel, the previous version's layout, and fills a
    // 5,000-message chat in one burst: it measures the sidebar, not Ably's limits, so it opts out of them (200
    // presence members per channel, 50 msg/s per connection and channel, and the abuse cut at 2,000 frames/s, which
    // the burst of 5,000 one-message publishes crossed). bench:scale measures Baton within them.
    presenceLayout: LEGACY_LAYOUT,
    hub: {
      limits: {
        presenceMembersPerChannel: Number.POSITIVE_INFINITY,
        inboundMessagesPerConnection: Number.POSITIVE_INFINITY,
        inboundMessagesPerChannel: Number.POSITIVE_INFINITY,
        protocolMessagesPerSecond: Number.POSITIVE_INFINITY,
      },
      retention: (channel) => (channel.startsWith('chat:') ? { ...DEFAULT_RETENTION, maxMessages: 10_000 } : DEFAULT_RETENTION),
    },
  });
  const crowd = new Ably.Realtime({ endpoint: '127.0.0.1', port: server.port, tls: false, useBinaryProtocol: false, key: `${key.keyName}:${key.secret}` });
  const closers: Array<() => Promise<unknown> | void> = [() => server.close(), () => crowd.close()];
  const close = async () => {
    for (const closer of closers.reverse()) await Promise.resolve(closer()).catch(() => {});
  };
  try {
    const agents = crowd.channels.get(LEGACY_AGENTS_CHANNEL);
    const names = crowdNames();
    for (let start = 0; start < names.length; start += 100) {
      await Promise.all(
        names.slice(start, start + 100).map((name, offset) =>
          agents.presence.enterClient(`bench-${start + offset}`, { name, status: 'present', activeChats: (start + offset) % 4 }),
        ),
      );
    }

    const visitor = await startScriptedVisitor('Vera Visitor', 'A very long conversation', server.port);
    closers.push(() => visitor.close());
    for (let start = 0; start < CHAT_MESSAGES; start += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, CHAT_MESSAGES - start) }, (_, offset) =>
          visitor.send(`Message ${start + offset + 1}: the order number is ${100_000 + start + offset}, and the parcel still has not arrived.`),
        ),
      );
    }

    const alice: BatonBackground = await launchAgent('alice', server.port);
    closers.push(() => alice.context.close());
    await pickUp(alice, visitor.chatId);
    const page: Page = await alice.context.newPage();
    await page.goto(`${server.origin}/crm/default.aspx?person_main&person_id=1`);
    const sidebar: Frame = await sidebarFrame(page);
    return { server, alice, visitor, page, sidebar, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export type CrowdedSession = Awaited<ReturnType<typeof startCrowdedSession>>;
