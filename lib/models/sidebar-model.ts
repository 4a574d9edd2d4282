import { computed, signal } from '@preact/signals';
import type { PageContext } from '../crm/page-context.ts';
import type { Command } from '../messaging/commands.ts';
import type { ViewUpdate } from '../messaging/protocol.ts';
import type { CommandOutcome } from '../messaging/view-connection.ts';
import type { ConnectionPhase, SessionSnapshot } from '../session/session-snapshot.ts';
import type { AgentStatus } from '../settings/preferences.ts';

export type SidebarTab = 'chats' | 'dashboard';

/** What the sidebar model needs from the extension; injected so the model is testable. */
export interface SidebarBridge {
  saveCollapsed(collapsed: boolean): Promise<void>;
  send(command: Command): Promise<CommandOutcome>;
}

export interface SidebarInitialState {
  collapsed: boolean;
  status: AgentStatus;
}

export function createSidebarModel(bridge: SidebarBridge, initial: SidebarInitialState) {
  const collapsed = signal(initial.collapsed);
  const localStatus = signal<AgentStatus>(initial.status);
  const activeTab = signal<SidebarTab>('chats');
  const pageContext = signal<PageContext | null>(null);
  const session = signal<SessionSnapshot | null>(null);
  const lastError = signal<string | null>(null);

  const connection = computed<ConnectionPhase>(() => session.value?.connection.phase ?? 'connecting');
  const connected = computed(() => connection.value === 'connected');
  const status = computed<AgentStatus>(() => session.value?.me ? session.value.status : localStatus.value);
  const pageTitle = computed(() => pageContext.value?.title || null);
  /** Chats waiting for an agent, oldest first (the lobby's hint; the chat log decides who gets it). */
  const queue = computed(() => session.value?.lobby.filter((entry) => entry.owner === null) ?? []);
  const chats = computed(() => session.value?.chats ?? []);

  const run = async (command: Command) => {
    const outcome = await bridge.send(command);
    lastError.value = outcome.ok ? null : (outcome.error?.message ?? 'unable to do that');
    return outcome;
  };

  return {
    collapsed,
    status,
    activeTab,
    pageContext,
    session,
    connection,
    connected,
    pageTitle,
    queue,
    chats,
    lastError,
    setCollapsed(next: boolean) {
      collapsed.value = next;
      return bridge.saveCollapsed(next);
    },
    setStatus(next: AgentStatus) {
      localStatus.value = next;
      return run({ type: 'set-status', status: next });
    },
    pickUpNext() {
      return run({ type: 'pick-up' });
    },
    selectTab(tab: SidebarTab) {
      activeTab.value = tab;
    },
    applyUpdate(update: ViewUpdate) {
      if (update.type === 'page-context') pageContext.value = update.context;
      if (update.type === 'session') session.value = update.snapshot;
    },
  };
}

export type SidebarModel = ReturnType<typeof createSidebarModel>;
