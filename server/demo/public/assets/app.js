import { h } from './dom.js';
import { setupGlobalSearch } from './global-search.js';
import { createRouter } from './router.js';
import { setupUserMenu } from './user-menu.js';
import { renderCompanyList, renderCompanyView } from './views/company-views.js';
import { renderNotFound } from './views/not-found.js';
import { renderPersonList } from './views/person-list.js';
import { renderPersonView } from './views/person-view.js';
import { renderRequestList, renderRequestView } from './views/request-views.js';
import { renderDiary, renderSaleList } from './views/sales-diary-views.js';
import { pageHeader, toast } from './views/widgets.js';

// Nordlys CRM's boot: wires the shell's controls and draws the view the URL names.

const PRODUCT = 'Nordlys CRM';

const RENDERERS = {
  contact_list: renderPersonList,
  person_main: renderPersonView,
  company_list: renderCompanyList,
  company_main: renderCompanyView,
  request_list: renderRequestList,
  request_main: renderRequestView,
  sale_list: renderSaleList,
  diary: renderDiary,
};

/**
 * A harmless public signal for Baton's tests that the page's own scripts keep running next to the
 * sidebar: `navigations` counts completed in-page navigations (not the first load), `view` names the
 * view on screen, `ready` turns true after the first view is drawn. Each navigation also fires
 * `nordlyscrm:navigated` on window with { view, navigations }.
 */
const signal = { ready: false, navigations: 0, view: '', product: PRODUCT };
window.nordlysCrm = signal;

const main = document.getElementById('main');
const outlet = document.getElementById('view');
const searchInput = document.getElementById('global-search');

function markSection(section) {
  for (const link of document.querySelectorAll('.navigator a[data-section]')) {
    if (link.dataset.section === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

function errorView(error) {
  const node = h('section', { class: 'view', 'aria-labelledby': 'view-title' }, pageHeader('Something went wrong'),
    h('div', { class: 'card' }, h('p', {}, 'Nordlys CRM could not load this page. Check your connection and try again.'), h('p', { class: 'muted' }, String(error?.message ?? error))));
  return { title: ['Error'], node };
}

async function render(route, { initial, signal: abort }) {
  markSection(route.section);
  main.setAttribute('aria-busy', 'true');
  let result;
  try {
    result = route.view === 'not_found' ? renderNotFound() : await RENDERERS[route.view](route, { signal: abort });
  } catch (error) {
    if (abort.aborted) return;
    result = error?.status === 404 ? renderNotFound('This record does not exist, or it was removed.') : errorView(error);
  }
  if (abort.aborted) return;
  outlet.replaceChildren(result.node);
  document.title = [...result.title, PRODUCT].join(' – ');
  main.removeAttribute('aria-busy');
  main.scrollTop = 0;
  signal.view = route.view;
  // The search box shows the query of the list it produced, and clears elsewhere (unless someone is typing).
  if (document.activeElement !== searchInput) searchInput.value = route.view === 'contact_list' ? route.query : '';
  // After an in-page navigation, move focus to the new heading so screen readers announce the view.
  if (!initial) outlet.querySelector('h1')?.focus({ preventScroll: true });
  signal.ready = true;
}

const router = createRouter({
  render,
  onNavigated: (route) => {
    signal.navigations += 1;
    window.dispatchEvent(new CustomEvent('nordlyscrm:navigated', { detail: { view: route.view, navigations: signal.navigations } }));
  },
});

setupGlobalSearch({
  form: document.getElementById('global-search-form'),
  input: searchInput,
  popover: document.getElementById('search-results'),
  navigate: router.navigate,
});
setupUserMenu({ button: document.getElementById('user-menu-button'), menu: document.getElementById('user-menu') });

for (const button of document.querySelectorAll('[data-demo-toast]')) {
  button.addEventListener('click', () => toast(button.dataset.demoToast));
}
