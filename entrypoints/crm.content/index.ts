import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { DEFAULT_CRM_MATCHES } from '@/lib/crm/crm-sites';
import { createSidebarFrame, type SidebarFrame } from '@/lib/crm/sidebar-frame';
import { matchesAnySite } from '@/lib/crm/site-match';
import { isSuperOfficeCall, runSuperOfficeCall } from '@/lib/crm/superoffice-session';
import { PAGE_CONTEXT_REPORT, type PageContextReport } from '@/lib/messaging/page-context-report';
import { CRM_SITES_MIRROR_KEY, parseCrmSitesMirror } from '@/lib/settings/crm-sites-mirror';
import { parseCollapsed, SIDEBAR_COLLAPSED_KEY } from '@/lib/settings/sidebar-layout';

// Deliberately small: place and size the sidebar frame, report what the page shows.
// Everything else runs inside the frame, on the extension's origin.
export default defineContentScript({
  matches: DEFAULT_CRM_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    // Start of the "content script starts → sidebar usable" budget, read by `npm run bench`.
    performance.mark('baton:content-start');
    let frame: SidebarFrame | null = null;
    /** The agent's choice; null until storage has answered. */
    let collapsed: boolean | null = null;
    let policySites: string[] | null = null;
    /** Whether the admin's sites (mirrored in storage) have been read: until then the page is not reported. */
    let policyKnown = false;

    const mount = () => {
      if (frame || ctx.isInvalid) return;
      frame = createSidebarFrame({ src: browser.runtime.getURL('/sidebar.html'), title: browser.i18n.getMessage('sidebarLabel'), collapsed });
      performance.mark('baton:frame-placed');
      reportPageContext();
    };
    const unmount = () => {
      frame?.remove();
      frame = null;
    };
    // The admin's policy may narrow the sites (`crmSites`, mirrored by the background); applied live.
    const applyPolicy = (sites: string[] | null) => {
      policySites = sites;
      if (sites === null || matchesAnySite(location.href, sites)) mount();
      else unmount();
    };
    ctx.onInvalidated(unmount);

    const onStorageChange = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local') return;
      const sites = changes[CRM_SITES_MIRROR_KEY];
      if (sites) applyPolicy(parseCrmSitesMirror(sites.newValue));
      const layout = changes[SIDEBAR_COLLAPSED_KEY];
      if (layout) {
        collapsed = parseCollapsed(layout.newValue);
        frame?.setCollapsed(collapsed);
      }
    };
    browser.storage.onChanged.addListener(onStorageChange);
    ctx.onInvalidated(() => browser.storage.onChanged.removeListener(onStorageChange));

    let lastReport = '';
    const reportPageContext = () => {
      const report: PageContextReport = { type: PAGE_CONTEXT_REPORT, url: location.href, title: document.title };
      const key = `${report.url}\n${report.title}`;
      if (!frame || !policyKnown || key === lastReport || ctx.isInvalid) return;
      lastReport = key;
      browser.runtime.sendMessage(report).catch(() => {});
    };

    // The frame goes in at once, so its navigation (most of the sidebar's start, docs/architecture.md) runs while
    // storage is read; the sidebar reads its own preferences as its page is parsed (lib/settings/early-preferences.ts).
    // What this read decides, the frame's width and whether the admin's policy allows this site, follows.
    mount();
    void browser.storage.local.get([CRM_SITES_MIRROR_KEY, SIDEBAR_COLLAPSED_KEY]).then((stored) => {
      collapsed = parseCollapsed(stored[SIDEBAR_COLLAPSED_KEY]);
      frame?.setCollapsed(collapsed);
      policyKnown = true;
      applyPolicy(parseCrmSitesMirror(stored[CRM_SITES_MIRROR_KEY]));
      reportPageContext();
    });

    // SPA CRMs change the URL and title without a page load; some rebuild their DOM too.
    const onPageChange = () => {
      if (policySites) applyPolicy(policySites);
      frame?.ensureMounted();
      reportPageContext();
    };
    ctx.addEventListener(window, 'wxt:locationchange', onPageChange);
    const observer = new MutationObserver(onPageChange);
    observer.observe(document.documentElement, { childList: true });
    const titleElement = document.querySelector('title');
    if (titleElement) observer.observe(titleElement, { childList: true, characterData: true, subtree: true });
    ctx.onInvalidated(() => observer.disconnect());

    // SuperOffice `session` mode: the background asks this tab to call the WebAPI with the agent's own sign-in.
    // Only the extension can send runtime messages, and the fetch runs in this isolated world (docs/security.md).
    // Firefox's content-script fetch does not carry the page's cookies as the page's own request; `content.fetch` does.
    const firefoxContent = (globalThis as { content?: { fetch?: typeof fetch } }).content;
    const pageFetch = firefoxContent?.fetch ? firefoxContent.fetch.bind(firefoxContent) : fetch.bind(globalThis);
    const onCall = (message: unknown, _sender: unknown, sendResponse: (reply: unknown) => void) => {
      if (!isSuperOfficeCall(message) || ctx.isInvalid) return undefined;
      void runSuperOfficeCall(message, { pageUrl: location.href, doc: document, fetchFn: pageFetch }).then(sendResponse);
      return true;
    };
    browser.runtime.onMessage.addListener(onCall);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onCall));
  },
});
