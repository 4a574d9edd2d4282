import * as v from 'valibot';
import { withoutBidiControls } from '../chat/display-text.ts';
import type { PresenceMemberLike } from '../realtime/agent-presence.ts';

// Visitors' widgets are present on their chat's `lobby:{k}` shard (presence-shards.ts) while
// their chat is live: the queue and the Dashboard's ongoing sessions. The data is the visitor's
// own words (name, topic), shown as text; which chat a member speaks for is checked against its clientId.

export interface LobbyEntry {
  chatId: string;
  visitorName: string;
  /** As the visitor typed it (unverified): only a hint for suggesting the CRM person. */
  email?: string;
  topic: string;
  startedAt: number;
  /** The owner the widget last saw; a hint for the queue only, the chat's log is the truth. */
  owner: string | null;
}

const DataSchema = v.object({
  chatId: v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/)),
  visitorName: v.optional(v.pipe(v.string(), v.maxLength(120), v.transform(withoutBidiControls)), ''),
  email: v.optional(v.pipe(v.string(), v.maxLength(254), v.check((value) => value === '' || /^[^\s@]+@[^\s@]+$/.test(value))), ''),
  topic: v.optional(v.pipe(v.string(), v.maxLength(200), v.transform(withoutBidiControls)), ''),
  startedAt: v.pipe(v.number(), v.integer(), v.minValue(0)),
  owner: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(128))), null),
});

// Parsed once per member object, as agent-presence.ts does: every lobby event re-reads the whole set.
const parsedEntries = new WeakMap<PresenceMemberLike, LobbyEntry | undefined>();

export function parseLobbyMember(member: PresenceMemberLike): LobbyEntry | undefined {
  if (parsedEntries.has(member)) return parsedEntries.get(member);
  const entry = parseLobbyMemberData(member);
  parsedEntries.set(member, entry);
  return entry;
}

function parseLobbyMemberData(member: PresenceMemberLike): LobbyEntry | undefined {
  const result = v.safeParse(DataSchema, member.data);
  if (!result.success) return undefined;
  // A visitor's token is `visitor:{chatId}`: a member cannot speak for another chat.
  if (member.clientId !== `visitor:${result.output.chatId}`) return undefined;
  return result.output;
}

export function lobbyFromMembers(members: readonly PresenceMemberLike[], onDrop: (reason: string) => void = () => {}): LobbyEntry[] {
  const entries: LobbyEntry[] = [];
  for (const member of members) {
    const entry = parseLobbyMember(member);
    if (entry) entries.push(entry);
    else onDrop('lobby presence: malformed or forged member');
  }
  return entries.sort((a, b) => a.startedAt - b.startedAt || a.chatId.localeCompare(b.chatId));
}
