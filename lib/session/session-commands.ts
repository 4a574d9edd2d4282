// size-exception: `handle` is one switch case per session command (over 60 lines); its cases and their refusals
// are shared with other work in flight (docs/architecture.md, "How the background is split"), so it stays one switch.
import {
  planAccept,
  planCancel,
  planClaim,
  planCreateRequest,
  planEnd,
  planLinkContact,
  planMessage,
  planOffer,
  planReject,
  planTakeover,
  planTyping,
  type Plan,
} from '../chat/commands.ts';
import { describeRejection, type Rejection } from '../chat/reasons.ts';
import type { Principal } from '../chat/roles.ts';
import { outcomeOf, transcriptOf, type ChatState } from '../chat/fold.ts';
import type { PendingAction } from '../chat/predict.ts';
import { AppError } from '../errors.ts';
import type { CreatedCrmRequest, CrmAdapter } from '../crm/crm-adapter.ts';
import { MAX_TRANSCRIPT_LINES } from '../crm/crm-transcript.ts';
import { noHandler, type Command, type Result } from '../messaging/commands.ts';
import type { AgentSession } from './agent-session.ts';
import { crmAppError } from './crm-app-error.ts';
import { findPersons, readPerson } from './person-lookup.ts';
import { serviceRefusal } from './service-refusal.ts';

export interface CommandContext {
  session: AgentSession;
  me: Principal;
  offerTimeoutMs: number;
  /** The organisation's CRM (policy `crmAdapter`); absent when none is configured. */
  crm?: CrmAdapter;
  /** Policy `features.createRequest`; true when absent. */
  requestsAllowed?: boolean;
  now?: () => number;
  randomId?: () => string;
}

const LOAD_TIMEOUT_MS = 10_000;
/** Long enough for a claim to be answered by the visitor's widget. */
const KEEP_WHILE_ACTING_MS = 15_000;
/** Long enough for my acceptance to come back from the hub, or Ably, and be folded. */
const HOLD_AFTER_ANSWER_MS = 5_000;
/** How long a transfer command waits for a prediction on its chat to reach the log before planning on the log anyway. */
const SETTLE_TIMEOUT_MS = 5_000;

const ACTION_WORDS: Record<PendingAction, string> = {
  transfer: 'transfer the chat',
  cancel: 'cancel the transfer',
  accept: 'accept the transfer',
  reject: 'reject the transfer',
};

/** `refused`: the chat core's reason to give if the service refuses the chat's channel while it loads. */
async function loadedChat(session: AgentSession, chatId: string, refused: Rejection) {
  const deadline = Date.now() + LOAD_TIMEOUT_MS;
  let followed = false;
  for (;;) {
    const chat = session.chat(chatId);
    if (chat?.historyLoaded) return chat;
    // Followed, then dropped while it loaded: the service refused its channel (tracked-chats.ts `refused`).
    if (chat) followed = true;
    else if (followed) throw new AppError(refused, `unable to open chat ${chatId}; the realtime service does not grant it to you`);
    if (Date.now() > deadline) throw new AppError('timeout', `unable to open chat ${chatId}; its history did not arrive in time`, { count: LOAD_TIMEOUT_MS / 1000 });
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The commands that act on the agent's session; the background answers the others itself (lib/background/command-router.ts). */
export type SessionCommand = Exclude<Command, { type: 'sign-in' | 'sign-out' | 'export-diagnostics' | 'list-agents' | 'get-settings' | 'reveal-chat' }>;
export type SessionCommandType = SessionCommand['type'];
/** Runs one session command; its answer has the command's own result type (lib/messaging/commands.ts `CommandResults`). */
export type SessionCommandHandler = <C extends SessionCommand>(command: C) => Promise<Result<C['type']>>;

/**
 * Runs a view's command: checks it against the chat core (the same transition the fold
 * applies, so what the UI may not do the background refuses too), then publishes.
 */
export function createCommandHandler(context: CommandContext): SessionCommandHandler {
  const { session } = context;
  const me = session.author(context.me);
  const now = context.now ?? Date.now;
  const randomId = context.randomId ?? (() => crypto.randomUUID());

  const run = async (action: string, plan: Plan) => {
    // The chat core's own code travels (e.g. `chat-ended`), so the view can say why in the agent's language.
    if (!plan.ok) throw new AppError(plan.reason, describeRejection(action, plan.reason));
    for (const item of plan.publish) {
      // A hint does not hold up the log's event after it; the publisher logs a failed one (diagnostics).
      if (item.hint) session.publish(item).catch(() => {});
      else await session.publish(item).catch(serviceRefusal(action));
    }
  };

  /**
   * A transfer action painted before the round trip (issue 19): the views show the chat core's prediction while the
   * publish is on its way; a refused publish withdraws it (the views roll back and show why). Resolves once the log
   * has the event: if the fold rejected it there (the offer was cancelled meanwhile), the refusal is the answer.
   */
  const predicted = async (action: PendingAction, chatId: string, plan: (state: ChatState) => Plan) => {
    // Planned on the log, never on a guess: an earlier prediction on this chat reaches the log first.
    await session.settled(chatId, SETTLE_TIMEOUT_MS);
    const chosen = plan(existing(chatId).state);
    const draft = chosen.ok ? chosen.draft : undefined;
    const withdraw = draft ? session.predict(chatId, action, draft) : () => {};
    try {
      await run(ACTION_WORDS[action], chosen);
    } catch (error) {
      withdraw();
      // The offerer completed on my acceptance's inbox notice (arbiter.ts) though the log's copy failed: I own it.
      if (draft?.type === 'transfer.accepted' && completedTo(chatId, draft.transferId)) return;
      throw error;
    }
    if (!draft) return;
    await session.settled(chatId, SETTLE_TIMEOUT_MS, true);
    const chat = session.chat(chatId);
    const outcome = chat ? outcomeOf(chat.state, draft) : undefined;
    if (outcome && !outcome.applied) throw new AppError(outcome.reason, describeRejection(ACTION_WORDS[action], outcome.reason));
  };

  const completedTo = (chatId: string, transferId: string) => {
    const register = session.chat(chatId)?.state.register;
    return register?.owner === me.clientId && register.offers.some((offer) => offer.transferId === transferId && offer.status === 'completed');
  };

  const existing = (chatId: string) => {
    const chat = session.chat(chatId);
    if (!chat) throw new AppError('unknown-chat', `unable to find chat ${chatId}; it is not open in this session`);
    return chat;
  };

  const nameOf = (clientId: string) => session.snapshot().agents.find((agent) => agent.clientId === clientId)?.name ?? clientId;

  /** "Create request": the CRM request with the transcript and linked person, then the chat records it. */
  const createRequest = async (chatId: string, title: string) => {
    const chat = existing(chatId);
    if (!context.crm) throw new AppError('not-available', 'unable to create a request; no CRM is configured');
    if (context.requestsAllowed === false) throw new AppError('not-allowed', 'unable to create a request; your organization has turned Create request off');
    const visitorName = session.visitor(chatId)?.visitorName || 'Visitor';
    const transcript = transcriptOf(chat.state)
      .slice(-MAX_TRANSCRIPT_LINES)
      .map((entry) => ({
        author: entry.authorKind === 'visitor' ? visitorName : nameOf(entry.clientId),
        authorKind: entry.authorKind,
        text: entry.text,
        at: new Date(entry.timestamp).toISOString(),
      }));
    const personId = chat.state.register.contact?.personId;
    let created: CreatedCrmRequest;
    try {
      created = await context.crm.createRequest({ title, transcript, ...(personId ? { personId } : {}) });
    } catch (error) {
      throw crmAppError(error);
    }
    await run('record the request on the chat', planCreateRequest(chat.state, me, now(), created.id, title));
    return created;
  };

  // The overload gives callers each command's own result type; the switch below returns the union of them.
  function handle<C extends SessionCommand>(command: C): Promise<Result<C['type']>>;
  async function handle(command: SessionCommand): Promise<Result<SessionCommandType>> {
    switch (command.type) {
      case 'set-status':
        return session.updatePresence(command.status);
      case 'pick-up': {
        const queued = session.lobby().filter((entry) => entry.owner === null);
        const chatId = command.chatId ?? queued[0]?.chatId;
        if (!chatId) throw new AppError('queue-empty', 'unable to pick up a chat; nobody is waiting in the queue');
        session.watch(chatId, {}, KEEP_WHILE_ACTING_MS);
        // Refused while it loads: the claim lost before the token came (the service decides from the same log).
        const chat = await loadedChat(session, chatId, 'already-assigned');
        return run('pick up the chat', planClaim(chat.state, me, now()));
      }
      case 'send':
        // Right after a predicted Accept the composer is open; the message waits for the log to make me the owner.
        await session.settled(command.chatId, SETTLE_TIMEOUT_MS);
        return run('send the message', planMessage(existing(command.chatId).state, me, now(), command.text, command.id));
      case 'typing':
        return run('show typing', planTyping(existing(command.chatId).state, me, now(), command.typing));
      case 'transfer': {
        const input = { to: command.to, note: command.note, transferId: randomId(), timeoutMs: context.offerTimeoutMs };
        return predicted('transfer', command.chatId, (state) => planOffer(state, me, now(), input));
      }
      case 'cancel-transfer':
        return predicted('cancel', command.chatId, (state) => planCancel(state, me, now(), command.transferId));
      case 'accept-transfer':
        return predicted('accept', command.chatId, (state) => {
          const plan = planAccept(state, me, now(), command.transferId);
          if (plan.ok) session.hold(command.chatId, HOLD_AFTER_ANSWER_MS);
          return plan;
        });
      case 'reject-transfer':
        return predicted('reject', command.chatId, (state) => planReject(state, me, now(), command.transferId, command.reason ?? null));
      case 'take-over': {
        if (!me.manager) throw new AppError('not-allowed', 'unable to take over the chat; only managers may');
        session.watch(command.chatId, {}, KEEP_WHILE_ACTING_MS);
        const chat = await loadedChat(session, command.chatId, 'not-permitted');
        return run('take over the chat', planTakeover(chat.state, me, now()));
      }
      case 'listen': {
        if (!me.listener) throw new AppError('not-allowed', 'unable to listen in; your role does not allow it');
        session.watch(command.chatId, { watching: true, closed: false });
        return;
      }
      case 'close-window': {
        // A predicted completion shows me listening before the log has it; the log decides whether I still own it.
        await session.settled(command.chatId, SETTLE_TIMEOUT_MS);
        const chat = existing(command.chatId);
        if (chat.state.register.owner === me.clientId && chat.state.register.ended === null) {
          throw new AppError('still-owner', 'unable to close the window; you still own this chat (transfer or end it first)');
        }
        session.unwatch(command.chatId);
        return;
      }
      case 'mark-read': {
        const last = transcriptOf(existing(command.chatId).state).at(-1);
        if (last) session.watch(command.chatId, { readMarker: { timestamp: last.timestamp, id: last.id, clientId: last.clientId } });
        return;
      }
      case 'link-person':
        return run('link the contact', planLinkContact(existing(command.chatId).state, me, now(), command.personId, command.displayName ?? null));
      case 'end-chat':
        await session.settled(command.chatId, SETTLE_TIMEOUT_MS);
        return run('end the chat', planEnd(existing(command.chatId).state, me, now()));
      case 'create-request':
        return createRequest(command.chatId, command.title);
      case 'find-persons': {
        existing(command.chatId);
        // The visitor's own words from the pre-chat form: only hints for the CRM's suggestions.
        const entry = session.visitor(command.chatId);
        const hints = { ...(entry?.email ? { email: entry.email } : {}), ...(entry?.visitorName ? { name: entry.visitorName } : {}) };
        return findPersons(context.crm, hints, command.query);
      }
      case 'read-person':
        return readPerson(context.crm, command.personId);
      case 'watch-colleagues':
        return session.watchColleagues();
      default:
        return noHandler(command);
    }
  }
  return handle;
}
