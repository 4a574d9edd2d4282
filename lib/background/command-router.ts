import { browser } from 'wxt/browser';
import type { Command, CommandOf, CommandResults, CommandType } from '../messaging/commands.ts';
import type { Diagnostics } from '../session/diagnostics.ts';
import type { SessionCommand, SessionCommandHandler } from '../session/session-commands.ts';
import { writeAgentStatus } from '../settings/preferences.ts';
import { readStoredSession } from '../settings/session-settings.ts';
import { readEffectiveConfig } from './effective-config.ts';
import { fetchRoster } from './roster.ts';

/** What the handlers act on: the parts of the background a command may reach. */
export interface RouterContext {
  diagnostics: Diagnostics;
  /** Runs a command on the agent's session once it is ready; refuses `not-signed-in` without one. */
  runSession: SessionCommandHandler;
  signIn(agentId: string): Promise<void>;
  signOut(): Promise<void>;
  /** Focuses a CRM tab's sidebar on the chat, or opens the CRM (sidebar-tabs.ts). */
  revealChat(chatId: string): Promise<void>;
}

type CommandMap = { [T in CommandType]: CommandOf<T> };

/**
 * One handler per command type, each returning its type's result. A command type added to the map
 * (lib/messaging/commands.ts) without a handler here, or a handler returning the wrong result, fails to compile.
 */
export type CommandHandlers = { [T in CommandType]: (command: CommandMap[T], ctx: RouterContext) => Promise<CommandResults[T]> };

const inSession = <C extends SessionCommand>(command: C, ctx: RouterContext) => ctx.runSession(command);

const readConfig = async () => readEffectiveConfig((await readStoredSession()).connection);

export const COMMAND_HANDLERS: CommandHandlers = {
  'get-settings': async () => {
    const { effective, problems } = await readConfig();
    return { effective, problems };
  },
  'list-agents': async () => {
    const stored = await readStoredSession();
    const { settings } = await readEffectiveConfig(stored.connection);
    return { agents: await fetchRoster(settings.tokenServiceUrl), signedIn: stored.agent };
  },
  'export-diagnostics': async (_command, { diagnostics }) => ({
    exportedAt: new Date().toISOString(),
    version: browser.runtime.getManifest().version,
    drops: diagnostics.dropCounts(),
    entries: diagnostics.entries(),
  }),
  'sign-in': (command, ctx) => ctx.signIn(command.agentId),
  'sign-out': (_command, ctx) => ctx.signOut(),
  'reveal-chat': (command, ctx) => ctx.revealChat(command.chatId),
  // Stored first, so the choice survives a session that is not running (yet).
  'set-status': async (command, ctx) => {
    await writeAgentStatus(command.status);
    return ctx.runSession(command);
  },
  'pick-up': inSession,
  send: inSession,
  typing: inSession,
  transfer: inSession,
  'cancel-transfer': inSession,
  'accept-transfer': inSession,
  'reject-transfer': inSession,
  'take-over': inSession,
  listen: inSession,
  'close-window': inSession,
  'mark-read': inSession,
  'link-person': inSession,
  'find-persons': inSession,
  'read-person': inSession,
  'create-request': inSession,
  'end-chat': inSession,
  'watch-colleagues': inSession,
};

/** Runs one command through its handler; the result has the command's own type. */
export function dispatch<T extends CommandType>(type: T, command: CommandMap[T], ctx: RouterContext, handlers: CommandHandlers = COMMAND_HANDLERS): Promise<CommandResults[T]> {
  return handlers[type](command, ctx);
}

/** The background's one entry for commands: views' ports, notification buttons and shortcuts all come here. */
export function createCommandRouter(ctx: RouterContext, handlers: CommandHandlers = COMMAND_HANDLERS) {
  return (command: Command): Promise<CommandResults[CommandType]> => dispatch(command.type, command, ctx, handlers);
}
