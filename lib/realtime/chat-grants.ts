// Which chats the agent's token should cover, and re-authorizing in place when that changes. The token service
// grants per chat only what the agent may do on it now (server/token-service/agent-capability.ts), from the chats
// the client asks about (`chats=a,b,c` on /auth/agent). The client asks for the chats it follows, plus the one chat
// "Get next in queue" would claim whenever it asks anyway (a token renewal, an offer). It never asks for that head on
// its own: the head changes with every pick-up of the team, so asking ahead made every Present agent of the team
// re-authorize on each pick-up (~570 token requests per agent-hour at a team of 100, growing with the team; at 500
// agents the token service could not keep up, docs/architecture.md "Scale"). A pick-up whose claim is not covered
// asks at the click: one token round trip, about 6 per agent-hour, whatever the team's size.
// It calls ably-js `auth.authorize()` (an in-band AUTH, the connection and its channels stay) when:
// an offer arrives (its chat is followed before the agent clicks), a chat's ownership changes with this agent on
// either side (a transfer completes, a takeover), or the agent opens a chat (pick up, Dashboard).
import { grantOn, type ChatGrant } from '../chat/grant.ts';
import type { Register } from '../chat/register.ts';
import type { Principal } from '../chat/roles.ts';
import type { TokenGrants } from './token-grants.ts';

/** What the client asks about at most; the service grants at most 60 of them (the JWT's size). */
export const MAX_CHATS_ASKED = 80;

/** ably-js gives an authCallback 10 s (realtimeRequestTimeout); a feed waits no longer than that for its grant. */
const AUTHORIZE_TIMEOUT_MS = 10_000;
const RETRY_GRANT_MS = 1_000;
const RANK = { none: 0, read: 1, write: 2 } as const;

export interface ChatGrants {
  /** The chats the next token request asks about (called by the authCallback). */
  asked(): readonly string[];
  /**
   * The authCallback got a token for the list `asked()` last returned; `held` is what it grants per chat (its own
   * capability claim, token-grants.ts), undefined when unreadable.
   */
  onToken(held?: TokenGrants): void;
  /**
   * Follow these chats; resolves true once a token asked for them is in place (at once when the current one was),
   * false when the re-authorization failed or timed out.
   */
  want(chatIds: readonly string[]): Promise<boolean>;
  forget(chatId: string): void;
  /**
   * The chat a pick-up would claim next (the head of this agent's queue; null: none, or the agent is Away): added to
   * the token requests made for other reasons, so a pick-up often finds it granted. Never re-authorizes by itself.
   */
  next(chatId: string | null): void;
  /**
   * A chat was folded: re-authorize when what this agent may do on it changed (lib/chat/grant.ts, the service's rule)
   * and the token in hand (once a request already under way is in) does not already grant exactly that.
   */
  onFold(chatId: string, before: Register, after: Register, me: Principal): void;
  /** Re-authorize now (coalesced: calls while one runs share the next run). */
  refresh(): Promise<void>;
  /**
   * Resolves when no re-authorization a fold scheduled to WIDEN a grant is pending: a publish waits for it, so an
   * Accept clicked right after the offer arrived goes out on the token that grants it (the re-auth started when the
   * offer was folded). A narrowing one is not waited for: a publish planned on the state before (a line sent as the
   * transfer completed) then goes out on the token that still allows it and the fold drops it as before, instead of
   * being refused (40160) by the narrower token.
   */
  settled(): Promise<void>;
}

export interface ChatGrantsOptions {
  /** ably-js `client.auth.authorize()`; the authCallback asks the token service with `asked()`. */
  authorize(): Promise<unknown>;
  /**
   * Asks the token request under way again, so the token it brings reflects the chats' logs now (realtime-client.ts
   * `createAuthCallback`); false when none is waiting for the token service.
   */
  again?(): boolean;
  onError?(error: unknown): void;
}

export function createChatGrants(options: ChatGrantsOptions): ChatGrants {
  const followed = new Set<string>();
  let requesting: readonly string[] = [];
  let covered = new Set<string>();
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  /** A re-authorization a fold asked for, due after this tick. */
  let scheduled: Promise<void> | null = null;
  let upNext: string | null = null;
  /** What the token in hand grants per chat (undefined: unknown, every change re-authorizes). */
  let held: TokenGrants | undefined;

  const run = async () => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Never wait for ever on one authorize() (a connection stuck reconnecting): the next change asks again.
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, AUTHORIZE_TIMEOUT_MS)));
    try {
      await Promise.race([options.authorize(), timeout]);
    } catch (error) {
      options.onError?.(error);
    } finally {
      clearTimeout(timer);
    }
  };
  const refresh = (): Promise<void> => {
    if (running === null) {
      running = run().finally(() => (running = null));
      return running;
    }
    // One more run after the current one, shared by every caller until it starts.
    next ??= running.then(() => {
      next = null;
      return refresh();
    });
    return next;
  };

  return {
    asked() {
      const chats = upNext !== null && !followed.has(upNext) ? [...followed, upNext] : [...followed];
      requesting = chats.slice(0, MAX_CHATS_ASKED);
      return requesting;
    },
    onToken(grants) {
      covered = new Set(requesting);
      held = grants;
    },
    want(chatIds) {
      // A chat followed anew always gets a fresh token: one asked for it earlier (followed, dropped, followed again)
      // may hold a grant that no longer fits (a former owner's read-only, now offered the chat back).
      // The exception is the queue's head asked for ahead: its grant was decided while it was queued, which is what a
      // claim needs (a claim that lost is refused by the chat core, as before per-chat grants).
      const fresh = chatIds.filter((chatId) => !followed.has(chatId) && !(chatId === upNext && covered.has(chatId)));
      for (const chatId of chatIds) followed.add(chatId);
      for (const chatId of fresh) covered.delete(chatId);
      // A click faster than the head's own re-authorization waits for that one rather than queuing another.
      const aheadInFlight = running !== null && chatIds.every((chatId) => covered.has(chatId) || (chatId === upNext && requesting.includes(chatId)));
      const done = aheadInFlight || chatIds.every((chatId) => covered.has(chatId)) ? (running ?? Promise.resolve()) : refresh();
      return done.then(() => chatIds.every((chatId) => covered.has(chatId)));
    },
    forget(chatId) {
      followed.delete(chatId);
    },
    next(chatId) {
      upNext = chatId;
    },
    onFold(chatId, before, after, me) {
      // After this tick: the session first drops (detaches and forgets) a chat the fold just closed to this agent, so
      // the narrower token finds it detached instead of failing it with 40160.
      // The same rule as the service: a claim that became ownership, an offer made or accepted, keep the grant
      // (write), so they cost no token round trip; a grant that narrows or widens asks for a new token, unless the
      // token in hand already says the same (a request under way read the log after this event: e.g. the former
      // owner's narrowing as the chat is offered back to them), which an Accept would otherwise wait for in vain.
      const was = grantOn(me, before);
      const now = grantOn(me, after);
      if (before === after || was === now) return;
      const reauthorize = async () => {
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
        if (running !== null) {
          // The request under way may have read the log before this event (the former owner's narrowing as the chat
          // is offered back): asked again, it brings this fold's grant, instead of a second round trip after it.
          options.again?.();
          await running;
        }
        if (!holds(held, chatId, now, me)) await refresh();
      };
      if (RANK[now] < RANK[was]) return void reauthorize();
      const soon: Promise<void> = reauthorize().finally(() => {
        if (scheduled === soon) scheduled = null;
      });
      scheduled = soon;
    },
    refresh,
    async settled() {
      while (scheduled !== null) await scheduled;
    },
  };
}

/**
 * True when the token in hand grants exactly what the service would (a wider one is narrowed). A listener reads every
 * chat through the role's `chat:*` (server/token-service/agent-capability.ts), so for them no grant means read.
 */
function holds(held: TokenGrants | undefined, chatId: string, grant: ChatGrant, me: Principal): boolean {
  return held !== undefined && held(chatId) === (grant === 'none' && me.listener ? 'read' : grant);
}

/**
 * Opens a chat's feed once the token covers the chat, so its attach is not refused (40160) by a token asked for
 * before the agent followed it. Returns the feed's close, which also cancels an open that has not happened yet.
 */
export function openWhenGranted(grants: ChatGrants | undefined, chatId: string, open: () => () => void): () => void {
  if (!grants) return open();
  let close: (() => void) | null = null;
  let cancelled = false;
  const attempt = async () => {
    // A token service that did not answer in time (an overloaded machine) is asked again: opening without the
    // grant would fail the channel (40160) for good.
    while (!cancelled && !(await grants.want([chatId]))) await new Promise((resolve) => setTimeout(resolve, RETRY_GRANT_MS));
    if (!cancelled) close = open();
  };
  void attempt();
  return () => {
    cancelled = true;
    close?.();
  };
}
