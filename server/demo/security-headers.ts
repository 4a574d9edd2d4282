// Headers for the demo CRM's pages, strict like a real CRM's: Baton must work under a page CSP it does
// not control. No frame-src: Chrome and Firefox exempt web-accessible extension pages from the page's
// CSP, and a real CRM would not name Baton there either, so this is the condition Baton meets in the field.
export const CRM_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

// Assets revalidate (`no-cache`) so edits show on reload during development; the HTML shell is never stored.
export function pageHeaders(contentType: string, cacheable: boolean): Record<string, string> {
  return {
    'content-type': contentType,
    'cache-control': cacheable ? 'no-cache' : 'no-store',
    'content-security-policy': CRM_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
  };
}
