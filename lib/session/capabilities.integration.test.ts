// Issue 17's proof: what the realtime service itself refuses an agent, with hand-written ably-js clients holding
// real tokens from the real token service (which folds each chat's log to decide, agent-capability.ts). The chat
// events are made by the chat core's own plans and arbiters, so the suite runs the same against the local hub and,
// when ABLY_API_KEY is set, against Ably (the token service then reads Ably's REST history).
import * as Ably from 'ably';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arbitrate } from '../chat/arbiter.ts';
import { planAccept, planClaim, planMessage, planOffer, planTakeover, type Plan } from '../chat/commands.ts';
import type { ChatState } from '../chat/fold.ts';
import { principal, type Principal } from '../chat/roles.ts';
import { silentLogger } from '../../server/lib/log.ts';
import { clientPool, sleep, targets, waitFor, type TargetSession } from '../../server/realtime-hub/test-support/targets.ts';
import { createLocalAuthenticator } from '../../server/token-service/agent-identity.ts';
import { createRestChatStates, type ChatStates } from '../../server/token-service/chat-states.ts';
import { createTokenService } from '../../server/token-service/token-service.ts';
import { revokeAgentTokens } from '../../server/token-service/revoke-agent.ts';
import type { RosterAgent } from '../../server/token-service/roster.ts';

const ROSTER: RosterAgent[] = [
  { id: 'alice', name: 'Alice', role: 'agent' },
  { id: 'bob', name: 'Bob', role: 'agent' },
  { id: 'cy', name: 'Cy', role: 'agent' },
  { id: 'lars', name: 'Lars', role: 'can-listen-in' },
  { id: 'mia', name: 'Mia', role: 'manager' },
];
const ALICE = principal('alice', { kind: 'agent', manager: false, listener: false });
const BOB = principal('bob', { kind: 'agent', manager: false, listener: false });
const MIA = principal('mia', { kind: 'agent', manager: true, listener: true });

for (const target of targets()) {
  describe.skipIf(target.skip)(`the service enforces per-chat capabilities (${target.name})`, () => {
    let session: TargetSession;
    let tokens: Server;
    let tokenUrl = '';
    let states: ChatStates;
    const pool = clientPool(() => session);

    beforeAll(async () => {
      session = await target.start();
      const restUrl = session.hub ? `http://127.0.0.1:${session.hub.port}` : 'https://main.realtime.ably.net';
      states = createRestChatStates({ key: session.key, baseUrl: restUrl, logger: silentLogger });
      const service = createTokenService({ key: session.key, mode: 'local', roster: ROSTER, authenticateAgent: createLocalAuthenticator(ROSTER), chatStates: states });
      tokens = createServer((req, res) => void (service.handleRequest(req, res) || res.writeHead(404).end()));
      await new Promise<void>((resolve) => tokens.listen(0, '127.0.0.1', () => resolve()));
      tokenUrl = `http://127.0.0.1:${(tokens.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await pool.closeAll();
      await new Promise<void>((resolve) => tokens.close(() => resolve()));
      await session.teardown();
    });

    const agentToken = async (agentId: string, chats: readonly string[]) => (await fetch(`${tokenUrl}/auth/agent?agentId=${agentId}&chats=${chats.join(',')}`)).text();
    /** An agent's own ably-js client, renewing through the token service and asking about `chats()`, as Baton does. */
    const agent = (agentId: string, chats: () => readonly string[]) =>
      pool.realtime({ authCallback: (_params, callback) => void agentToken(agentId, chats()).then((token) => callback(null, token), (error: unknown) => callback(String(error), null)) });
    const state = async (chatId: string): Promise<ChatState> => (await states([chatId]))[0]!;
    const send = async (client: Ably.Realtime, plan: Plan) => {
      if (!plan.ok) throw new Error(`plan refused: ${plan.reason}`);
      for (const item of plan.publish) await client.channels.get(item.channel).publish({ name: item.name, data: item.data, ...(item.id ? { id: item.id } : {}) });
    };
    /** The widget's or an agent's arbiter, run once on the chat's log as it is now. */
    const arbiterOf = async (client: Ably.Realtime, chatId: string, me: Principal) => send(client, { ok: true, publish: arbitrate(await state(chatId), me, Date.now()).publish });

    /** A visitor's chat that Alice picked up: the widget answered her claim. */
    async function aliceOwnsAChat() {
      const response = await fetch(`${tokenUrl}/auth/visitor`);
      const chatId = response.headers.get('x-baton-chat-id')!;
      const visitor = pool.realtime({ token: await response.text() });
      const me = principal(`visitor:${chatId}`, { kind: 'visitor', manager: false, listener: false });
      await send(visitor, planMessage(await state(chatId), me, Date.now(), 'Hello'));
      const alice = agent('alice', () => [chatId]);
      await send(alice, planClaim(await state(chatId), ALICE, Date.now()));
      await arbiterOf(visitor, chatId, me);
      expect((await state(chatId)).register.owner).toBe('alice');
      return { chatId, visitor, alice };
    }

    it('a plain agent cannot read or write a chat it is not entitled to, even asking for it (realtime and REST)', async () => {
      const { chatId } = await aliceOwnsAChat();
      const bob = agent('bob', () => [chatId]);
      const channel = bob.channels.get(`chat:${chatId}`);
      await expect(channel.publish('message', { text: 'hi' })).rejects.toMatchObject({ code: 40160 });
      await expect(channel.history()).rejects.toMatchObject({ code: 40160 });
      await expect(bob.channels.get(`chat:${chatId}`).attach()).rejects.toMatchObject({ code: 40160 });
      const rest = new Ably.Rest({ ...session.clientOptions, token: await agentToken('bob', [chatId]) });
      await expect(rest.channels.get(`chat:${chatId}`).history()).rejects.toMatchObject({ code: 40160 });
    });

    it('the sender cannot publish once the transfer completed; its in-place re-auth keeps it reading (listening mode)', async () => {
      const { chatId, visitor, alice } = await aliceOwnsAChat();
      const bob = agent('bob', () => [chatId]);
      await bob.connection.whenState('connected');
      await send(alice, planOffer(await state(chatId), ALICE, Date.now(), { to: 'bob', note: '', transferId: 'tr-1', timeoutMs: 60_000 }));
      // Bob's token was issued before the offer: his background re-authorizes when the offer arrives (chat-grants.ts).
      await expect(bob.channels.get(`chat:${chatId}`).publish('message', { text: 'early' })).rejects.toMatchObject({ code: 40160 });
      await bob.auth.authorize();
      await send(bob, planAccept(await state(chatId), BOB, Date.now(), 'tr-1'));
      await arbiterOf(alice, chatId, ALICE);
      expect((await state(chatId)).register).toMatchObject({ owner: 'bob', formerOwners: ['alice'] });
      // Attached before, narrowed in place by auth.authorize() (RTC8): still attached, reading, not writing.
      const channel = alice.channels.get(`chat:${chatId}`);
      const seen: string[] = [];
      await channel.subscribe((message) => void seen.push(message.name ?? ''));
      await alice.auth.authorize();
      await expect(channel.publish('message', { text: 'still mine?' })).rejects.toMatchObject({ code: 40160 });
      await visitor.channels.get(`chat:${chatId}`).publish('message', { text: 'thanks' });
      await waitFor(() => seen.includes('message'), 5000, 'the former owner reads on');
      expect(channel.state).toBe('attached');
      await expect(bob.channels.get(`chat:${chatId}`).publish('message', { text: 'Bob here' })).resolves.toBeDefined();
    });

    it('Can listen in reads every chat but cannot publish into one', async () => {
      const { chatId } = await aliceOwnsAChat();
      const lars = agent('lars', () => [chatId]);
      const channel = lars.channels.get(`chat:${chatId}`);
      await expect(channel.attach()).resolves.toBeDefined();
      expect((await channel.history()).items.length).toBeGreaterThan(0);
      await expect(channel.publish('message', { text: 'psst' })).rejects.toMatchObject({ code: 40160 });
    });

    it('a manager can take over a chat it asked about', async () => {
      const { chatId } = await aliceOwnsAChat();
      const mia = agent('mia', () => [chatId]);
      await send(mia, planTakeover(await state(chatId), MIA, Date.now()));
      expect((await state(chatId)).register).toMatchObject({ owner: 'mia', formerOwners: ['alice'] });
    });

    it('a chat no longer allowed fails with 40160 on the attached client when it re-authorizes; a queued one can be attached', async () => {
      const response = await fetch(`${tokenUrl}/auth/visitor`);
      const chatId = response.headers.get('x-baton-chat-id')!;
      const cy = agent('cy', () => [chatId]);
      const channel = cy.channels.get(`chat:${chatId}`);
      await channel.attach(); // queued: any agent may claim it
      const alice = agent('alice', () => [chatId]);
      const visitor = pool.realtime({ token: await response.text() });
      const me = principal(`visitor:${chatId}`, { kind: 'visitor', manager: false, listener: false });
      await send(alice, planClaim(await state(chatId), ALICE, Date.now()));
      await arbiterOf(visitor, chatId, me);
      const failed = channel.once('failed');
      await cy.auth.authorize();
      expect((await failed).reason).toMatchObject({ code: 40160 });
    });

    it('a revoked agent token is cut off within a second and refused afterwards', async () => {
      const token = await agentToken('bob', []);
      const bob = pool.realtime({ token });
      await bob.connection.whenState('connected');
      const rest = new Ably.Rest({ ...session.clientOptions, key: session.keyString });
      const before = Date.now();
      const cut = new Promise<number>((resolve) => bob.connection.once(() => resolve(Date.now() - before)));
      const result = await rest.auth.revokeTokens([{ type: 'clientId', value: 'bob' }]);
      expect(result).toMatchObject({ successCount: 1, failureCount: 0 });
      expect(await Promise.race([cut, sleep(1000).then(() => Infinity)])).toBeLessThanOrEqual(1000);
      const again = pool.realtime({ token });
      await expect(again.connection.whenState('failed')).resolves.toBeDefined();
      const restUrl = session.hub ? `http://127.0.0.1:${session.hub.port}` : 'https://main.realtime.ably.net';
      const history = await fetch(`${restUrl}/channels/inbox%3Abob/messages`, { headers: { authorization: `Bearer ${btoa(token)}` } });
      expect(history.headers.get('x-ably-errorcode')).toBe('40141');
      // A token issued after the revocation works (the token service decides whether to issue one).
      await sleep(1000); // JWT iat is in whole seconds
      const fresh = pool.realtime({ token: await agentToken('bob', []) });
      await expect(fresh.connection.whenState('connected')).resolves.toBeDefined();
    });

    it('npm run revoke-agent’s call cuts an agent off the same way', async () => {
      const cy = pool.realtime({ token: await agentToken('cy', []) });
      await cy.connection.whenState('connected');
      const restUrl = session.hub ? `http://127.0.0.1:${session.hub.port}` : 'https://main.realtime.ably.net';
      const left = new Promise((resolve) => cy.connection.once(resolve));
      await expect(revokeAgentTokens({ restUrl, key: session.key, agentId: 'cy' })).resolves.toMatchObject({ ok: true, status: 200 });
      await expect(Promise.race([left.then(() => 'cut off'), sleep(1000).then(() => 'still connected')])).resolves.toBe('cut off');
    });

    it('a visitor still reaches only its own chat', async () => {
      const { chatId, visitor } = await aliceOwnsAChat();
      const other = await aliceOwnsAChat();
      await expect(visitor.channels.get(`chat:${other.chatId}`).publish('message', { text: 'x' })).rejects.toMatchObject({ code: 40160 });
      await expect(visitor.channels.get(`chat:${chatId}`).publish('message', { text: 'mine' })).resolves.toBeDefined();
    });
  });
}
