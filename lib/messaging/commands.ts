import * as v from 'valibot';
import type { RosterEntry } from '../background/roster.ts';
import type { CreatedCrmRequest, CrmPerson } from '../crm/crm-adapter.ts';
import type { EffectiveSettings } from '../policy/effective-settings.ts';
import type { PolicyProblem } from '../policy/policy-problem.ts';
import type { DiagnosticEntry } from '../session/diagnostics.ts';
import type { SignedInAgent } from '../settings/session-settings.ts';

// Commands a view (sidebar, popup, options) sends the background over its port. Each
// carries an id so the view can match the answer; the background answers every one
// with `command-result`. Views only ask: the background decides what it may do (it
// checks the agent's trusted role and the chat's state again before acting).
const ChatId = v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/));
const TransferId = v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/));
const AgentId = v.pipe(v.string(), v.minLength(1), v.maxLength(128));
const MessageId = v.pipe(v.string(), v.regex(/^[\w-]{8,64}$/));
const PersonId = v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/));
const ShortText = (max: number) => v.pipe(v.string(), v.maxLength(max));

export const CommandSchema = v.variant('type', [
  v.object({ type: v.literal('set-status'), status: v.picklist(['present', 'away']) }),
  v.object({ type: v.literal('sign-in'), agentId: AgentId }),
  v.object({ type: v.literal('sign-out') }),
  v.object({ type: v.literal('pick-up'), chatId: v.optional(ChatId) }),
  // `id`: chosen by the view, so its optimistic copy is matched with the log's and a retry is published once.
  v.object({ type: v.literal('send'), chatId: ChatId, text: v.pipe(v.string(), v.minLength(1), v.maxLength(4000)), id: v.optional(MessageId) }),
  v.object({ type: v.literal('typing'), chatId: ChatId, typing: v.boolean() }),
  v.object({ type: v.literal('transfer'), chatId: ChatId, to: AgentId, note: ShortText(500) }),
  v.object({ type: v.literal('cancel-transfer'), chatId: ChatId, transferId: TransferId }),
  v.object({ type: v.literal('accept-transfer'), chatId: ChatId, transferId: TransferId }),
  v.object({ type: v.literal('reject-transfer'), chatId: ChatId, transferId: TransferId, reason: v.optional(ShortText(500)) }),
  v.object({ type: v.literal('take-over'), chatId: ChatId }),
  v.object({ type: v.literal('listen'), chatId: ChatId }),
  v.object({ type: v.literal('close-window'), chatId: ChatId }),
  v.object({ type: v.literal('mark-read'), chatId: ChatId }),
  v.object({
    type: v.literal('link-person'),
    chatId: ChatId,
    personId: PersonId,
    displayName: v.optional(ShortText(200)),
  }),
  // The CRM persons a chat may be linked to: suggestions from the visitor's email/name, or a search.
  v.object({ type: v.literal('find-persons'), chatId: ChatId, query: v.optional(ShortText(100)) }),
  // One person, to show a linked chat's person with its link into the CRM.
  v.object({ type: v.literal('read-person'), personId: PersonId }),
  v.object({ type: v.literal('create-request'), chatId: ChatId, title: ShortText(200) }),
  v.object({ type: v.literal('end-chat'), chatId: ChatId }),
  v.object({ type: v.literal('export-diagnostics') }),
  v.object({ type: v.literal('list-agents') }),
  // A "Transfer to" search is typed (renewed while it lasts): list every team's Present colleagues too.
  v.object({ type: v.literal('watch-colleagues') }),
  v.object({ type: v.literal('get-settings') }),
  // The popup accepted: bring the CRM tab with this chat to the front (or open the CRM).
  v.object({ type: v.literal('reveal-chat'), chatId: ChatId }),
]);

export type Command = v.InferOutput<typeof CommandSchema>;
export type CommandType = Command['type'];
/** The command of one type, e.g. `CommandOf<'send'>` is `{ type: 'send'; chatId; text }`. */
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

/** What `export-diagnostics` answers: the file support asks an agent for. */
export interface DiagnosticsExport {
  exportedAt: string;
  version: string;
  drops: Record<string, number>;
  entries: DiagnosticEntry[];
}

/**
 * What the background answers to each command when it succeeds: the other half of the command map. The
 * background's handler table (lib/background/command-router.ts) must return exactly this per type, and
 * views read it through `send` (view-connection.ts) without casts or parsing of their own.
 */
export interface CommandResults {
  'set-status': void;
  'sign-in': void;
  'sign-out': void;
  'pick-up': void;
  send: void;
  typing: void;
  transfer: void;
  'cancel-transfer': void;
  'accept-transfer': void;
  'reject-transfer': void;
  'take-over': void;
  listen: void;
  'close-window': void;
  'mark-read': void;
  'link-person': void;
  'find-persons': { persons: CrmPerson[] };
  'read-person': { person: CrmPerson };
  'create-request': CreatedCrmRequest;
  'end-chat': void;
  'export-diagnostics': DiagnosticsExport;
  'list-agents': { agents: RosterEntry[]; signedIn: SignedInAgent | null };
  'get-settings': { effective: EffectiveSettings; problems: readonly PolicyProblem[] };
  'reveal-chat': void;
  'watch-colleagues': void;
}

export type Result<T extends CommandType> = CommandResults[T];

// The map and the schema name the same commands: a type added to one and not the other fails to compile here.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const commandMapComplete: SameKeys<keyof CommandResults, CommandType> = true;
void commandMapComplete;

/**
 * Why a command failed: a code views translate (`t('error.<code>', params)`) and the English message for
 * diagnostics and logs (docs/architecture.md, "Commands and results").
 */
export interface CommandError {
  code: string;
  message: string;
  params?: Record<string, string | number>;
}

/** A command's answer as a view gets it: the typed result, or why it failed. The one outcome type. */
export type CommandOutcome<T extends CommandType = CommandType> = { ok: true; data: Result<T> } | { ok: false; error: CommandError };

const EnvelopeSchema = v.object({ type: v.literal('command'), id: v.pipe(v.number(), v.integer()), command: v.unknown() });

export interface CommandEnvelope {
  type: 'command';
  id: number;
  command: Command;
}

/** The end of a switch over commands: a command type added without a case fails to compile at the call. */
export function noHandler(command: never): never {
  throw new Error(`unable to run ${JSON.stringify(command)}; no handler for its type`);
}

/** A view's message to the background, parsed; malformed ones come back with a reason. */
export function parseCommandEnvelope(value: unknown): CommandEnvelope | { error: string; id?: number } {
  const envelope = v.safeParse(EnvelopeSchema, value);
  if (!envelope.success) return { error: 'malformed message' };
  const command = v.safeParse(CommandSchema, envelope.output.command);
  if (!command.success) return { error: `malformed command: ${command.issues[0]?.message ?? 'invalid'}`, id: envelope.output.id };
  return { type: 'command', id: envelope.output.id, command: command.output };
}
