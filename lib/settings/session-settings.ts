import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { newIdKey } from '../chat/control-ids.ts';
import { parseConnectionSettings, type ConnectionSettings } from '../realtime/connection-settings.ts';
import type { LocalChatFlags } from '../session/session-snapshot.ts';

// What the background keeps between runs. storage.local: the agent's sign-in and the
// chats they follow (a browser restart must not lose a chat they own). storage.session:
// a mark that this worker ran before in this browser session (wake-up vs cold start).
export const CONNECTION_KEY = 'connection';
export const AGENT_KEY = 'agent';
export const CHATS_KEY = 'chats';
export const WORKER_STARTED_KEY = 'workerStartedAt';
/** storage.session: the key this browser session's control ids are tagged with (lib/chat/control-ids.ts). */
export const ID_KEY_KEY = 'controlIdKey';

export interface SignedInAgent {
  id: string;
  name: string;
}

const AgentSchema = v.object({
  id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9._@+-]{1,128}$/)),
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(120)),
});

const PositionSchema = v.object({ timestamp: v.number(), id: v.string(), clientId: v.string() });
const FlagsSchema = v.object({ watching: v.boolean(), closed: v.boolean(), readMarker: v.nullable(PositionSchema) });
const ChatsSchema = v.record(v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/)), FlagsSchema);

export interface StoredSession {
  /** A developer's or test's connection override (storage.local `connection`), or null. */
  connection: ConnectionSettings | null;
  agent: SignedInAgent | null;
  chats: Record<string, LocalChatFlags>;
  /** The worker ran before in this browser session: this start is a wake-up, not a cold start. */
  wakeUp: boolean;
}

export async function readStoredSession(): Promise<StoredSession> {
  const [local, session] = await Promise.all([
    browser.storage.local.get([CONNECTION_KEY, AGENT_KEY, CHATS_KEY]),
    browser.storage.session.get([WORKER_STARTED_KEY]),
  ]);
  const agent = v.safeParse(AgentSchema, local[AGENT_KEY]);
  const chats = v.safeParse(ChatsSchema, local[CHATS_KEY]);
  return {
    connection: local[CONNECTION_KEY] === undefined ? null : (parseConnectionSettings(local[CONNECTION_KEY]) ?? null),
    agent: agent.success ? agent.output : null,
    chats: chats.success ? chats.output : {},
    wakeUp: typeof session[WORKER_STARTED_KEY] === 'number',
  };
}

const IdKeySchema = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/));

/**
 * The key my control ids are tagged with, the same for every worker of this browser session: a worker woken after
 * Chrome stopped the one before tags a decision both made the same way, so Ably still drops the second copy.
 * storage.session is read by the extension's own pages and worker only (Chrome's default access level; never a
 * content script) and is gone with the browser. A stored value that is not a 256-bit hex key is replaced.
 */
export async function sessionIdKey(): Promise<Uint8Array> {
  const stored = v.safeParse(IdKeySchema, (await browser.storage.session.get(ID_KEY_KEY).catch((): Record<string, unknown> => ({})))[ID_KEY_KEY]);
  if (stored.success) return hexToBytes(stored.output);
  const key = newIdKey();
  // Unable to keep it: this worker's ids are still tagged, only a woken successor's will not match them.
  await browser.storage.session.set({ [ID_KEY_KEY]: bytesToHex(key) }).catch(() => {});
  return key;
}
