import * as v from 'valibot';

// Commands a view (sidebar, popup, options) sends the background over its port. Each
// carries an id so the view can match the answer; the background answers every one
// with `command-result`. Views only ask: the background decides what it may do (it
// checks the agent's trusted role and the chat's state again before acting).
const ChatId = v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/));
const TransferId = v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/));
const AgentId = v.pipe(v.string(), v.minLength(1), v.maxLength(128));
const PersonId = v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/));
const ShortText = (max: number) => v.pipe(v.string(), v.maxLength(max));

export const CommandSchema = v.variant('type', [
  v.object({ type: v.literal('set-status'), status: v.picklist(['present', 'away']) }),
  v.object({ type: v.literal('sign-in'), agentId: AgentId }),
  v.object({ type: v.literal('sign-out') }),
  v.object({ type: v.literal('pick-up'), chatId: v.optional(ChatId) }),
  v.object({ type: v.literal('send'), chatId: ChatId, text: v.pipe(v.string(), v.minLength(1), v.maxLength(4000)) }),
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
    type: v.literal('link-contact'),
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

const EnvelopeSchema = v.object({ type: v.literal('command'), id: v.pipe(v.number(), v.integer()), command: v.unknown() });

export interface CommandEnvelope {
  type: 'command';
  id: number;
  command: Command;
}

/** A view's message to the background, parsed; malformed ones come back with a reason. */
export function parseCommandEnvelope(value: unknown): CommandEnvelope | { error: string; id?: number } {
  const envelope = v.safeParse(EnvelopeSchema, value);
  if (!envelope.success) return { error: 'malformed message' };
  const command = v.safeParse(CommandSchema, envelope.output.command);
  if (!command.success) return { error: `malformed command: ${command.issues[0]?.message ?? 'invalid'}`, id: envelope.output.id };
  return { type: 'command', id: envelope.output.id, command: command.output };
}
