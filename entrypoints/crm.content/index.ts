import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { DEFAULT_CRM_MATCHES } from '@/lib/crm/crm-sites';
import { createSidebarFrame } from '@/lib/crm/sidebar-frame';
import { PAGE_CONTEXT_REPORT, type PageContextReport } from '@/lib/messaging/page-context-report';
import { parseCollapsed, SIDEBAR_COLLAPSED_KEY } from '@/lib/settings/sidebar-layout';

// Deliberately small: place and size the sidebar frame, report what the page shows.
// Everything else runs inside the frame, on the extension's origin.
export default defineContentScript({
  matches: DEFAULT_CRM_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    // Start of the "content script starts → sidebar usable" budget, read by `npm run bench`.
    performance.mark('baton:content-start');
    // The frame goes in at once so the sidebar page loads while the stored width is
    // read; the width is set before the frame has painted anything.
    const frame = createSidebarFrame({
      src: browser.runtime.getURL('/sidebar.html'),
      title: browser.i18n.getMessage('sidebarLabel'),
      collapsed: false,
    });
    ctx.onInvalidated(() => frame.remove());
    void browser.storage.local.get(SIDEBAR_COLLAPSED_KEY).then((stored) => {
      if (ctx.isValid) frame.setCollapsed(parseCollapsed(stored[SIDEBAR_COLLAPSED_KEY]));
    });

    const onStorageChange = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      const change = changes[SIDEBAR_COLLAPSED_KEY];
      if (area === 'local' && change) frame.setCollapsed(parseCollapsed(change.newValue));
    };
    browser.storage.onChanged.addListener(onStorageChange);
    ctx.onInvalidated(() => browser.storage.onChanged.removeListener(onStorageChange));

    let lastReport = '';
    const reportPageContext = () => {
      const report: PageContextReport = { type: PAGE_CONTEXT_REPORT, url: location.href, title: document.title };
      const key = `${report.url}\n${report.title}`;
      if (key === lastReport || ctx.isInvalid) return;
      lastReport = key;
      browser.runtime.sendMessage(report).catch(() => {});
    };

    // SPA CRMs change the URL and title without a page load; some rebuild their DOM too.
    ctx.addEventListener(window, 'wxt:locationchange', () => {
      frame.ensureMounted();
      reportPageContext();
    });
    const observer = new MutationObserver(() => {
      frame.ensureMounted();
      reportPageContext();
    });
    observer.observe(document.documentElement, { childList: true });
    const titleElement = document.querySelector('title');
    if (titleElement) observer.observe(titleElement, { childList: true, characterData: true, subtree: true });
    ctx.onInvalidated(() => observer.disconnect());
    reportPageContext();
  },
});
