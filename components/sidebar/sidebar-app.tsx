import { useEffect, useRef } from 'preact/hooks';
import { errorText } from '@/lib/i18n/error-text';
import type { SidebarModel, SidebarTab } from '@/lib/models/sidebar-model';
import { BatonMark } from '../baton-mark';
import { useT } from '../i18n-context';
import { ChatPanel, type ChatActions } from './chat-panel';
import { ChatsPanel } from './chats-panel';
import { ConnectionBanner } from './connection-banner';
import { DashboardPanel } from './dashboard-panel';
import { OfferBanner } from './offer-banner';
import { agentName } from './names';
import { StatusPicker } from './status-picker';
import { TabList } from './tab-list';

export function SidebarApp({ model, onOpenSettings }: { model: SidebarModel; onOpenSettings: () => void }) {
  const t = useT();
  const collapsed = model.collapsed.value;
  const toggleRef = useRef<HTMLButtonElement>(null);
  const firstRender = useRef(true);
  const lastOpened = useRef<string | null>(null);
  const lastListened = useRef<string | null>(null);
  const justOpened = useRef(false);
  const chatOpen = model.selectedChat.value !== null;
  const chatWasOpen = useRef(false);
  // The list takes the focus back once (it reads lastOpened when it mounts after the chat); then forget it.
  // A chat opened to listen in arrives a moment after the click: both refs wait for it.
  useEffect(() => {
    if (chatOpen) justOpened.current = false;
    else if (chatWasOpen.current) lastOpened.current = lastListened.current = null;
    chatWasOpen.current = chatOpen;
  });

  // Keep focus on the toggle across collapse/expand so keyboard users are not lost.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    toggleRef.current?.focus();
  }, [collapsed]);

  const announcement = model.announcement.value;
  // Always in the page (also when collapsed) so that screen readers announce what is put in it.
  const liveRegion = (
    <div class="visually-hidden" aria-live="assertive" aria-atomic="true">
      {/* A new node per offer, so that two offers from the same colleague are both announced. */}
      {announcement && <span key={announcement.transferId}>{t('notifyOfferTitle', agentName(model.session.value, announcement.from))}</span>}
    </div>
  );

  if (collapsed) {
    return (
      <div class="rail">
        {liveRegion}
        <button
          ref={toggleRef}
          type="button"
          class="rail-button"
          aria-label={t('expandSidebar')}
          title={t('expandSidebar')}
          aria-expanded="false"
          onClick={() => model.setCollapsed(false)}
        >
          <BatonMark size={28} />
        </button>
        <span class={`rail-status status-${model.status.value}`} title={t(model.status.value === 'away' ? 'statusAway' : 'statusPresent')} />
      </div>
    );
  }

  const selected = model.selectedChat.value;
  const lastError = model.lastError.value && errorText(t, model.lastError.value);
  const chatActions: ChatActions = {
    back: () => model.closeChat(),
    setDraft: model.setDraft,
    send: model.sendMessage,
    retry: (chatId, messageId) => void model.retryMessage(chatId, messageId),
    setTyping: (chatId, typing) => void model.setTyping(chatId, typing),
    transfer: model.transfer,
    watchColleagues: () => void model.watchColleagues(),
    cancelTransfer: (chatId, transferId) => void model.cancelTransfer(chatId, transferId),
    accept: (chatId, transferId) => void model.acceptTransfer(chatId, transferId),
    reject: (chatId, transferId, reason) => void model.rejectTransfer(chatId, transferId, reason),
    closeWindow: (chatId) => void model.closeWindow(chatId),
    endChat: (chatId) => void model.endChat(chatId),
    createRequest: model.createRequest,
    findPersons: model.findPersons,
    linkPerson: model.linkPerson,
    lookUpPerson: (personId) => void model.lookUpPerson(personId),
    takeOver: (chatId) => void model.takeOver(chatId),
  };

  // No Dashboard tab at all for users whose role does not allow it.
  const tabs: ReadonlyArray<{ id: SidebarTab; label: string }> = [
    { id: 'chats', label: t('tabChats') },
    ...(model.dashboardAvailable.value ? [{ id: 'dashboard' as const, label: t('tabDashboard') }] : []),
  ];

  return (
    <div class="sidebar">
      {liveRegion}
      <header class="sidebar-header">
        <div class="brand">
          <BatonMark />
          {/* Name under the title, not beside it: beside the status picker it was cut to "Signed in as Ali…". */}
          <div class="brand-text">
            <h1>{t('extName')}</h1>
            {model.session.value?.me && (
              <span class="signed-in-as" title={t('signedInAs', model.session.value.me.name)}>
                {t('signedInAs', model.session.value.me.name)}
              </span>
            )}
          </div>
        </div>
        {/* Nobody to be Present or Away as until someone signs in: no picker rather than a "Present" that is not true. */}
        {model.connection.value !== 'signed-out' && <StatusPicker status={model.status.value} onChange={(status) => model.setStatus(status)} />}
        <button
          ref={toggleRef}
          type="button"
          class="icon-button"
          aria-label={t('collapseSidebar')}
          title={t('collapseSidebar')}
          aria-expanded="true"
          onClick={() => model.setCollapsed(true)}
        >
          <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M9 6l6 6-6 6" stroke="currentColor" stroke-width="2" fill="none" stroke-linecap="round" stroke-linejoin="round" />
          </svg>
        </button>
      </header>
      <ConnectionBanner
        phase={model.connection.value}
        error={model.session.value?.connection.error ?? null}
        errorCode={model.session.value?.connection.errorCode}
        onOpenSettings={onOpenSettings}
      />
      <main class="sidebar-main">
        <TabList label={t('sidebarLabel')} tabs={tabs} selected={model.activeTab.value} onSelect={(tab) => model.selectTab(tab)}>
          {selected && (
            <OfferBanner
              session={model.session.value}
              openChatId={selected.chatId}
              onAccept={(chatId, transferId) =>
                void model.acceptTransfer(chatId, transferId).then((outcome) => {
                  if (!outcome.ok) return;
                  model.selectTab('chats');
                  model.openChat(chatId);
                })
              }
              onOpen={(chatId) => {
                justOpened.current = true;
                model.selectTab('chats');
                model.openChat(chatId);
              }}
            />
          )}
          {selected ? (
            <ChatPanel
              key={selected.chatId}
              chat={selected}
              session={model.session.value}
              targets={model.transferTargets.value}
              draft={model.drafts.value[selected.chatId] ?? ''}
              outgoing={model.selectedOutgoing.value}
              createdRequest={model.createdRequests.value[selected.chatId] ?? null}
              linkedPerson={selected.contact ? (model.persons.value[selected.contact.personId] ?? null) : null}
              error={lastError}
              actions={chatActions}
              focusOnOpen={justOpened.current}
              openedFrom={model.activeTab.value}
            />
          ) : model.activeTab.value === 'chats' ? (
            <ChatsPanel
              connected={model.connected.value}
              queue={model.queue.value}
              chats={model.chats.value}
              session={model.session.value}
              error={lastError}
              onPickUp={() => model.pickUpNext()}
              onOpen={(chatId) => {
                lastOpened.current = chatId;
                justOpened.current = true;
                model.openChat(chatId);
              }}
              returnFocusTo={selected ? null : lastOpened.current}
            />
          ) : (
            <DashboardPanel
              rows={model.dashboard.value}
              session={model.session.value}
              error={lastError}
              onListen={(chatId) => {
                lastListened.current = chatId;
                justOpened.current = true;
                void model.listenIn(chatId);
              }}
              returnFocusTo={selected ? null : lastListened.current}
            />
          )}
        </TabList>
      </main>
      {model.pageTitle.value && (
        <footer class="sidebar-footer">{t('viewingRecord', model.pageTitle.value)}</footer>
      )}
    </div>
  );
}
