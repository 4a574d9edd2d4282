import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { noticeContent } from '@/lib/background/notifications';
import { createNoticeSurface, listenForNoticeClicks } from '@/lib/background/notice-surface';
import { createNotificationButtonHandler, createNotificationClickHandler, createShortcutHandler } from '@/lib/background/shortcut-commands';
import { createSidebarTabs } from '@/lib/background/sidebar-tabs';
import { crmHomeUrl } from '@/lib/crm/crm-home';
import { readStoredSession } from '@/lib/settings/session-settings';
import { readEffectiveConfig } from '@/lib/background/effective-config';
import { injectAfterUpdate, injectIntoOpenPages, syncPolicyCrmScript } from '@/lib/background/crm-script-registration';
import { playChime } from '@/lib/background/chime';
import { handleFrameRequest } from '@/lib/background/frame-requests';
import { createNoticeBoard, staleOfferNotices } from '@/lib/background/notice-board';
import { createSessionHost } from '@/lib/background/session-host';
import { listenForLanes } from '@/lib/background/service-worker-lanes';
import { loadPackagedTranslator } from '@/lib/i18n/packaged-translator';
import { createPageContextRelay } from '@/lib/messaging/page-context-relay';
import { isPageContextReport, VIEW_PORT_NAME } from '@/lib/messaging/protocol';
import { createDiagnostics } from '@/lib/session/diagnostics';
import { watchPolicy } from '@/lib/policy/read-policy';
import { CRM_SITES_MIRROR_KEY } from '@/lib/settings/crm-sites-mirror';
import { AGENT_KEY, CONNECTION_KEY } from '@/lib/settings/session-settings';
import { LANGUAGE_PREFERENCE_KEY, SHOWN_LANGUAGE_KEY } from '@/lib/settings/preferences';

export default defineBackground(() => {
  console.info(`[baton] background ${browser.runtime.getManifest().version} started`);
  const diagnostics = createDiagnostics();
  const relay = createPageContextRelay((reason) => diagnostics.record('drop', reason));
  // Chrome: views' direct lanes to this worker (lib/messaging/direct-lane.ts); registered before any await.
  const lanes = listenForLanes((reason) => diagnostics.record('drop', reason));
  const sidebarTabs = createSidebarTabs(async () => crmHomeUrl((await readEffectiveConfig((await readStoredSession()).connection)).settings));
  const surface = createNoticeSurface();
  const notices = createNoticeBoard({
    show: async (notice, snapshot) => {
      // Read at the moment of the notice: the agent may have switched alerts off a second ago.
      const { settings } = await readEffectiveConfig(null);
      if (settings.sound && notice.kind === 'offer') await playChime();
      if (!settings.notifications) return;
      const content = noticeContent(notice, snapshot, await loadPackagedTranslator(settings.language));
      if (content) await surface.show(content);
    },
    clear: surface.clear,
    onError: (error) => diagnostics.record('error', `unable to notify; ${String(error)}`),
  });
  const host = createSessionHost({
    diagnostics,
    ...(lanes ? { lanes } : {}),
    revealChat: (chatId) => sidebarTabs.reveal(chatId),
    showNotice: notices.show,
    withdrawNotice: notices.withdraw,
  });
  const isOwn = (senderId: string | undefined) => senderId === browser.runtime.id;
  const isSidebarUrl = (url: string | undefined) => url !== undefined && URL.canParse(url) && new URL(url).pathname === '/sidebar.html';

  // Every listener is registered synchronously, before any await, so an event that
  // woke the worker is delivered (MV3 service worker lifetime).
  browser.runtime.onMessage.addListener((message, sender) => {
    if (handleFrameRequest(message, sender.id, (reason) => diagnostics.record('error', reason))) return;
    const tabId = sender.tab?.id;
    if (!isOwn(sender.id) || tabId === undefined || !isPageContextReport(message)) return;
    relay.report(tabId, message);
  });

  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== VIEW_PORT_NAME || !isOwn(port.sender?.id)) return;
    const tabId = port.sender?.tab?.id;
    if (tabId !== undefined) relay.connect(tabId, port);
    host.connectView(port);
    // Only the sidebar frame counts as Baton's presence in a tab, not an extension page opened as a tab.
    if (tabId !== undefined && isSidebarUrl(port.sender?.url)) sidebarTabs.connect(tabId, port);
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    relay.forgetTab(tabId);
    sidebarTabs.forgetTab(tabId);
  });
  browser.alarms.onAlarm.addListener((alarm) => void host.onAlarm(alarm.name));

  const answerDeps = { ready: host.ready, snapshot: host.snapshot, runCommand: host.runCommand, reveal: sidebarTabs.reveal };
  // Offers that ended while no worker was running keep their notices (staleOfferNotices says why): swept once the
  // session is back.
  void host
    .ready()
    .then(async () => staleOfferNotices(await surface.shownIds(), host.snapshot()).forEach(notices.withdraw))
    .catch((error: unknown) => diagnostics.record('error', `unable to sweep notifications; ${String(error)}`));
  // A button (Accept, Reject) or, on the notice itself, the chat it is about in the CRM tab's sidebar: an offer stays
  // open there, with its Accept and Reject; the notice has done its job and goes.
  listenForNoticeClicks(
    { onButton: createNotificationButtonHandler(answerDeps), onClick: createNotificationClickHandler(answerDeps) },
    (error) => diagnostics.record('error', String(error)),
  );

  const onShortcut = createShortcutHandler(answerDeps);
  browser.commands.onCommand.addListener((name) => {
    onShortcut(name).catch((error: unknown) => diagnostics.record('error', `shortcut ${name}: ${String(error)}`));
  });

  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && (CONNECTION_KEY in changes || AGENT_KEY in changes)) void host.refresh();
    if (area === 'local' && LANGUAGE_PREFERENCE_KEY in changes) void mirrorCrmSites();
  });

  // Content scripts cannot read managed storage: mirror the admin's CRM sites for them,
  // and register the content script for the sites the manifest does not name. One at a
  // time, so a policy change during a start cannot leave an older registration behind.
  let policySites: readonly string[] | null = null;
  let applying = Promise.resolve();
  const mirrorCrmSites = () =>
    (applying = applying
      .then(() => readEffectiveConfig(null))
      .then(async ({ effective, settings }) => {
        await browser.storage.local.set({ [SHOWN_LANGUAGE_KEY]: settings.language });
        policySites = effective.crmSites.source === 'managed' ? effective.crmSites.value : null;
        await (policySites ? browser.storage.local.set({ [CRM_SITES_MIRROR_KEY]: policySites }) : browser.storage.local.remove(CRM_SITES_MIRROR_KEY));
        await syncPolicyCrmScript(policySites);
      })
      .catch((error: unknown) => diagnostics.record('error', `unable to apply the policy's CRM sites; ${String(error)}`)));

  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install' || reason === 'update') {
      void injectAfterUpdate().catch((error: unknown) => diagnostics.record('error', `unable to refresh open CRM pages; ${String(error)}`));
    }
  });

  // The agent granted access to a CRM site (options page): its open pages get the sidebar now.
  browser.permissions.onAdded.addListener((granted) => {
    if (policySites && granted.origins?.length) void injectIntoOpenPages(granted.origins, policySites).catch(() => {});
  });

  // Policy changes apply live: Chromium re-reads policy files on its own (about every 5 s).
  watchPolicy(() => {
    void mirrorCrmSites();
    void host.refresh();
  });

  void mirrorCrmSites();
  void host.refresh();
});
