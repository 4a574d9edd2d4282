import { computed, signal } from '@preact/signals';
import type { PageContext } from '../crm/page-context.ts';
import type { ViewUpdate } from '../messaging/protocol.ts';
import type { AgentStatus } from '../settings/preferences.ts';

export type SidebarTab = 'chats' | 'dashboard';
export type ConnectionState = 'offline' | 'connecting' | 'connected';

/** What the sidebar model needs from the extension; injected so the model is testable. */
export interface SidebarBridge {
  saveCollapsed(collapsed: boolean): Promise<void>;
  saveStatus(status: AgentStatus): Promise<void>;
}

export interface SidebarInitialState {
  collapsed: boolean;
  status: AgentStatus;
}

export function createSidebarModel(bridge: SidebarBridge, initial: SidebarInitialState) {
  const collapsed = signal(initial.collapsed);
  const status = signal<AgentStatus>(initial.status);
  const activeTab = signal<SidebarTab>('chats');
  const pageContext = signal<PageContext | null>(null);
  // No realtime session exists yet (it arrives with the background session), so the
  // sidebar says so instead of pretending to be connected.
  const connection = signal<ConnectionState>('offline');
  const pageTitle = computed(() => pageContext.value?.title || null);

  return {
    collapsed,
    status,
    activeTab,
    pageContext,
    connection,
    pageTitle,
    setCollapsed(next: boolean) {
      collapsed.value = next;
      return bridge.saveCollapsed(next);
    },
    setStatus(next: AgentStatus) {
      status.value = next;
      return bridge.saveStatus(next);
    },
    selectTab(tab: SidebarTab) {
      activeTab.value = tab;
    },
    applyUpdate(update: ViewUpdate) {
      if (update.type === 'page-context') pageContext.value = update.context;
    },
  };
}

export type SidebarModel = ReturnType<typeof createSidebarModel>;
