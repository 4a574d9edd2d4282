// The manifest's `commands` (wxt.config.ts) and the message that names each one, so the
// options page can list the browser's current bindings in the page's own language.
export const OPEN_SIDEBAR_COMMAND = 'open-sidebar';
export const ACCEPT_NEWEST_COMMAND = 'accept-newest-transfer';
export const REJECT_NEWEST_COMMAND = 'reject-newest-transfer';

export const SHORTCUT_LABELS: Readonly<Record<string, string>> = {
  _execute_action: 'commandOpenPopup',
  [OPEN_SIDEBAR_COMMAND]: 'commandOpenSidebar',
  [ACCEPT_NEWEST_COMMAND]: 'commandAcceptNewest',
  [REJECT_NEWEST_COMMAND]: 'commandRejectNewest',
};
