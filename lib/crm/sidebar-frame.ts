import { sidebarWidth } from '../settings/sidebar-layout.ts';

// The sidebar's footprint in someone else's page: a host element whose *closed* shadow
// root holds an extension-page iframe. The CRM's scripts cannot reach into a closed
// root, and the iframe is cross-origin to them, so they can neither read the chat nor
// click Baton's buttons; no CSS crosses either way (Bitwarden isolates its inline menu
// the same way). This module only places, sizes and removes that frame.
export const SIDEBAR_HOST_TAG = 'baton-sidebar';

export interface SidebarFrameOptions {
  /** The sidebar page's URL (`runtime.getURL`, dynamic on Chrome). */
  src: string;
  /** Accessible name of the frame, in the agent's language. */
  title: string;
  /**
   * Null while the agent's choice is still being read: the frame is placed, so it starts loading, but at no width and
   * reserving none of the page, until `setCollapsed` (one shift of the CRM's layout, as when it was placed sized).
   */
  collapsed: boolean | null;
  doc?: Document;
}

export interface SidebarFrame {
  readonly host: HTMLElement;
  setCollapsed(collapsed: boolean): void;
  /** Puts the host back if the page removed it (some CRMs rebuild their DOM on navigation). */
  ensureMounted(): void;
  remove(): void;
}

const HOST_STYLE: Record<string, string> = {
  position: 'fixed',
  top: '0',
  right: '0',
  height: '100vh',
  margin: '0',
  padding: '0',
  border: '0',
  display: 'block',
  'z-index': '2147483646',
  'box-shadow': '-1px 0 0 rgba(15, 23, 42, 0.12)',
  background: '#fff',
};

export function createSidebarFrame(options: SidebarFrameOptions): SidebarFrame {
  const doc = options.doc ?? document;
  // A copy left by an earlier run of the content script (extension update) goes first,
  // so there is never more than one sidebar.
  for (const stale of doc.querySelectorAll(SIDEBAR_HOST_TAG)) stale.remove();

  const host = doc.createElement(SIDEBAR_HOST_TAG);
  for (const [name, value] of Object.entries(HOST_STYLE)) host.style.setProperty(name, value, 'important');
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = ':host{all:initial}iframe{display:block;width:100%;height:100%;border:0;color-scheme:normal}';
  const frame = doc.createElement('iframe');
  frame.src = options.src;
  frame.title = options.title;
  root.append(style, frame);

  // Reserve the sidebar's width so it sits beside the CRM instead of over its controls.
  // The page's own inline value is restored when Baton leaves.
  const html = doc.documentElement;
  const previousMargin = html.style.getPropertyValue('margin-right');
  const previousPriority = html.style.getPropertyPriority('margin-right');

  const setCollapsed = (collapsed: boolean) => {
    const width = `${sidebarWidth(collapsed)}px`;
    host.style.setProperty('width', width, 'important');
    html.style.setProperty('margin-right', width, 'important');
    host.toggleAttribute('data-collapsed', collapsed);
  };

  const ensureMounted = () => {
    if (!host.isConnected) html.append(host);
  };

  if (options.collapsed === null) host.style.setProperty('width', '0px', 'important');
  else setCollapsed(options.collapsed);
  ensureMounted();

  return {
    host,
    setCollapsed,
    ensureMounted,
    remove() {
      host.remove();
      html.style.setProperty('margin-right', previousMargin, previousPriority);
    },
  };
}
