// Presence sharding (docs/architecture.md, "Scale past one channel"). Ably allows at most 200 presence
// members on a channel on every package (error 91003), so agents' presence and the visitors' lobby are
// spread over `agents:{k}` and `lobby:{k}`, k in 0..shards-1. The token service picks `shards` from the
// organisation's size so a shard holds about SHARD_TARGET members (its team), and says so in the token's
// `x-baton-shards` claim; an agent's shard is a stable hash of its clientId, a chat's of its chatId. Without
// the claim (a token service of the previous version) Baton keeps the single `agents` and `lobby` channels.

/** Members a shard is sized for: half Ably's 200, so hash spread and growth keep every shard well under. */
export const SHARD_TARGET = 100;
/** Most shards a token may name: a manager's Dashboard attaches every lobby shard, within 200 channels per connection. */
export const MAX_SHARDS = 100;
export const SHARDS_CLAIM = 'x-baton-shards';

export const LEGACY_AGENTS_CHANNEL = 'agents';
export const LEGACY_LOBBY_CHANNEL = 'lobby';

/** How the presence channels are laid out: `shards` null is the previous version's single channels. */
export interface PresenceLayout {
  shards: number | null;
}

export const LEGACY_LAYOUT: PresenceLayout = { shards: null };

/** Shards for an organisation of `agents` agents (and about as many live chats). */
export function shardCountFor(agents: number): number {
  return Math.min(MAX_SHARDS, Math.max(1, Math.ceil(agents / SHARD_TARGET)));
}

/** FNV-1a (32 bit): stable across versions, browsers and the token service, and cheap. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function shardOf(id: string, shards: number): number {
  return stableHash(id) % shards;
}

/** The `agents` channel an agent is present on. */
export function agentsChannelOf(layout: PresenceLayout, clientId: string): string {
  return layout.shards === null ? LEGACY_AGENTS_CHANNEL : `agents:${shardOf(clientId, layout.shards)}`;
}

/** The `lobby` channel a chat's visitor is present on; an agent's queue is the lobby shard of its own clientId. */
export function lobbyChannelOf(layout: PresenceLayout, id: string): string {
  return layout.shards === null ? LEGACY_LOBBY_CHANNEL : `lobby:${shardOf(id, layout.shards)}`;
}

/** Every lobby shard (a Dashboard over the whole organisation). */
export function allLobbyChannels(layout: PresenceLayout): string[] {
  return layout.shards === null ? [LEGACY_LOBBY_CHANNEL] : Array.from({ length: layout.shards }, (_, k) => `lobby:${k}`);
}

/** Every agents shard. */
export function allAgentsChannels(layout: PresenceLayout): string[] {
  return layout.shards === null ? [LEGACY_AGENTS_CHANNEL] : Array.from({ length: layout.shards }, (_, k) => `agents:${k}`);
}

/** The layout a token's claims name; anything but an integer 1..MAX_SHARDS is the legacy layout. */
export function parsePresenceLayout(claims: unknown): PresenceLayout {
  if (typeof claims !== 'object' || claims === null || !(SHARDS_CLAIM in claims)) return LEGACY_LAYOUT;
  const value = (claims as Record<string, unknown>)[SHARDS_CLAIM];
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_SHARDS ? { shards: value } : LEGACY_LAYOUT;
}
