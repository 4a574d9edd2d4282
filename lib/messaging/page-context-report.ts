// Content script → background, on load and after each in-page navigation. Kept apart
// from protocol.ts (and its schema library) so the content script stays a few KB.
export const PAGE_CONTEXT_REPORT = 'baton:page-context';

export interface PageContextReport {
  type: typeof PAGE_CONTEXT_REPORT;
  url: string;
  title: string;
}
