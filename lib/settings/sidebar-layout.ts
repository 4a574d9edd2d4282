// Whether the agent collapsed the sidebar. Shared by the sidebar page (which writes it
// when the agent clicks) and the content script (which sizes the frame from it), so the
// page itself never carries layout commands the CRM's scripts could forge.
export const SIDEBAR_COLLAPSED_KEY = 'sidebarCollapsed';

export const SIDEBAR_WIDTH_PX = 360;
export const SIDEBAR_RAIL_WIDTH_PX = 48;

export function parseCollapsed(value: unknown): boolean {
  return value === true;
}

export function sidebarWidth(collapsed: boolean): number {
  return collapsed ? SIDEBAR_RAIL_WIDTH_PX : SIDEBAR_WIDTH_PX;
}
