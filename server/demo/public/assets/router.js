import { SHELL_PATH, parseRoute } from './routes.js';

// In-page navigation like SuperOffice's web client: links to the shell are followed with
// history.pushState, Back/Forward re-render from popstate, and the server answers every deep link with
// the same shell, so a reload lands on the same view.

/**
 * Starts routing; `render(route, { initial, signal })` draws a view. Returns { navigate, dispose }.
 * `onNavigated()` runs after each in-page navigation (not the first render).
 */
export function createRouter({ render, onNavigated }) {
  let current;

  const show = async (initial) => {
    current?.abort();
    const controller = new AbortController();
    current = controller;
    const route = parseRoute(location.href);
    if (route.canonical !== location.pathname + location.search) history.replaceState(history.state, '', route.canonical);
    await render(route, { initial, signal: controller.signal });
    if (!initial && !controller.signal.aborted) onNavigated?.(route);
  };

  const navigate = (href, { replace = false } = {}) => {
    const url = new URL(href, location.href);
    if (url.pathname + url.search === location.pathname + location.search && !replace) return show(false);
    history[replace ? 'replaceState' : 'pushState']({}, '', url.pathname + url.search);
    return show(false);
  };

  const onClick = (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!link || link.target || link.hasAttribute('download')) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || url.pathname !== SHELL_PATH) return;
    // In-page anchors (the skip link) are the browser's business.
    if (url.hash && url.search === location.search && url.pathname === location.pathname) return;
    event.preventDefault();
    navigate(url.href);
  };
  const onPopState = () => show(false);

  document.addEventListener('click', onClick);
  window.addEventListener('popstate', onPopState);
  show(true);

  return {
    navigate,
    dispose() {
      current?.abort();
      document.removeEventListener('click', onClick);
      window.removeEventListener('popstate', onPopState);
    },
  };
}
